package contracttest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// What the suite keeps of one answer, whatever the server sends. A body is
// read as a stream and checked for JSON syntax byte by byte; what is kept
// of it (the kept document) is the body without whitespace and with every
// array cut after its first maxKeptItems elements. Only the kept document is
// ever decoded into maps or validated, and only when it stays within the
// bounds below; the rest of a long list is counted, not stored.
const (
	// maxJSONDepth bounds the nesting of a body; the vendors' documents
	// nest less than ten deep.
	maxJSONDepth = 64
	// maxKeptItems is how many elements of each array are kept: the
	// records judged of a list.
	maxKeptItems = 500
	// maxKeptValues bounds the values (objects, arrays, strings, numbers,
	// literals) of a kept document, so that validating it stays fast
	// however many problems it holds.
	maxKeptValues = 30_000
	// maxKeptBytes bounds the size of a kept document.
	maxKeptBytes = 4 << 20
	// maxCutsListed bounds the cut arrays a scan names.
	maxCutsListed = 8
	// maxKeyBytes bounds the bytes of an object key remembered to name a
	// cut array's place.
	maxKeyBytes = 256
)

// arrayCut is an array of which only the first maxKeptItems elements were
// kept.
type arrayCut struct {
	Pointer string // RFC 6901 pointer of the array in the body
	Total   int    // elements in the body
}

// scanned is what a scan found out about one body.
type scanned struct {
	// kept is the kept document: valid JSON, or nil when the body is not
	// JSON (syntax), beyond the bounds (bound) or empty.
	kept []byte
	// values counts the values of kept.
	values int
	// size is how many bytes of the body were read.
	size int64
	// syntax, when set, says how the body is not JSON and where.
	syntax string
	// bound, when set, says which bound of the suite the body exceeds.
	bound string
	// cuts are the arrays cut (at most maxCutsListed); ncuts counts all.
	cuts  []arrayCut
	ncuts int
	// truncated is set when the body was longer than the suite reads; a
	// kept document then ends where the reading stopped, inside an array
	// that was being cut, with its containers closed.
	truncated bool
}

// Scanner states.
const (
	stValue      = iota // a value must begin
	stValueOrEnd        // after '[': a value or ']'
	stKeyOrEnd          // after '{': a key or '}'
	stKey               // after ',' in an object: a key
	stColon             // after a key
	stAfter             // after a value inside a container: ',' or the close
	stDone              // after the top-level value: only white space
	stString
	stEscape
	stUnicode
	stNeg      // after '-'
	stZero     // a number's leading 0
	stInt      // digits of the integer part
	stDot      // after '.'
	stFrac     // digits of the fraction
	stExp      // after 'e' or 'E'
	stExpSign  // after the exponent's sign
	stExpDigit // digits of the exponent
	stLiteral  // inside true, false or null
	stDrain    // given up: only counting bytes
)

// jsonScanner checks and keeps a body fed to it in pieces. The zero value
// is not usable; use newJSONScanner.
type jsonScanner struct {
	out    []byte
	values int
	off    int64
	state  int
	hexN   int
	isKey  bool
	lit    string
	litPos int

	depth  int
	stack  [maxJSONDepth + 1]byte // '{' or '[' of each open container, from 1
	count  [maxJSONDepth + 1]int  // elements begun in each open array
	keys   [maxJSONDepth + 1][]byte
	skipAt int // depth of the array being cut; 0 when none

	syntax string
	bound  string
	cuts   []arrayCut
	ncuts  int
}

func newJSONScanner() *jsonScanner {
	return &jsonScanner{out: make([]byte, 0, 512)}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Write feeds the next bytes of the body. It never fails: a body that is
// not JSON or out of bounds is noted and the rest only counted.
func (s *jsonScanner) Write(p []byte) (int, error) {
	for i := 0; i < len(p); i++ {
		if s.state == stDrain {
			s.off += int64(len(p) - i)
			return len(p), nil
		}
		// Fast path through the plain bytes of a string.
		if s.state == stString {
			j := i
			for j < len(p) && p[j] != '"' && p[j] != '\\' && p[j] >= 0x20 {
				j++
			}
			if j > i {
				s.emitAll(p[i:j])
				if s.isKey {
					s.rememberKey(p[i:j])
				}
				s.off += int64(j - i)
				i = j - 1
				continue
			}
		}
		s.step(p[i])
		s.off++
	}
	return len(p), nil
}

func (s *jsonScanner) fail(format string, args ...any) {
	s.syntax = fmt.Sprintf(format, args...) + fmt.Sprintf(" at byte %d", s.off+1)
	s.out = nil
	s.state = stDrain
}

func (s *jsonScanner) exceed(why string) {
	if s.bound == "" {
		s.bound = why
	}
	s.out = nil
	s.state = stDrain
}

func (s *jsonScanner) emit(c byte) {
	if s.skipAt != 0 || s.out == nil {
		return
	}
	s.out = append(s.out, c)
	if len(s.out) > maxKeptBytes {
		s.exceed(fmt.Sprintf("more than %d bytes to judge after cutting arrays to %d elements", maxKeptBytes, maxKeptItems))
	}
}

func (s *jsonScanner) emitAll(p []byte) {
	if s.skipAt != 0 || s.out == nil {
		return
	}
	s.out = append(s.out, p...)
	if len(s.out) > maxKeptBytes {
		s.exceed(fmt.Sprintf("more than %d bytes to judge after cutting arrays to %d elements", maxKeptBytes, maxKeptItems))
	}
}

func (s *jsonScanner) rememberKey(p []byte) {
	k := &s.keys[s.depth]
	if room := maxKeyBytes - len(*k); room > 0 {
		*k = append(*k, p[:min(room, len(p))]...)
	}
}

func quoteByte(c byte) string {
	if c < 0x20 || c >= 0x7f {
		return fmt.Sprintf("byte 0x%02x", c)
	}
	return strconv.QuoteRune(rune(c))
}

func (s *jsonScanner) step(c byte) {
	switch s.state {
	case stValue, stValueOrEnd:
		switch {
		case isSpace(c):
		case c == ']' && s.state == stValueOrEnd:
			s.close(c)
		default:
			s.begin(c)
		}
	case stKeyOrEnd, stKey:
		switch {
		case isSpace(c):
		case c == '"':
			s.keys[s.depth] = s.keys[s.depth][:0]
			s.isKey = true
			s.state = stString
			s.emit(c)
		case c == '}' && s.state == stKeyOrEnd:
			s.close(c)
		default:
			s.fail("invalid character %s looking for an object key", quoteByte(c))
		}
	case stColon:
		switch {
		case isSpace(c):
		case c == ':':
			s.emit(c)
			s.state = stValue
		default:
			s.fail("invalid character %s after an object key", quoteByte(c))
		}
	case stAfter:
		top := s.stack[s.depth]
		switch {
		case isSpace(c):
		case c == ',' && top == '{':
			s.emit(c)
			s.state = stKey
		case c == ',' && top == '[':
			if s.skipAt == 0 && s.count[s.depth] >= maxKeptItems {
				s.skipAt = s.depth
			}
			s.emit(c)
			s.state = stValue
		case c == '}' && top == '{', c == ']' && top == '[':
			s.close(c)
		default:
			s.fail("invalid character %s after a value in an %s", quoteByte(c), map[byte]string{'{': "object", '[': "array"}[top])
		}
	case stDone:
		if !isSpace(c) {
			s.fail("invalid character %s after the JSON value", quoteByte(c))
		}
	case stString:
		switch {
		case c == '"':
			s.emit(c)
			if s.isKey {
				s.isKey = false
				s.state = stColon
			} else {
				s.after()
			}
		case c == '\\':
			s.emit(c)
			if s.isKey {
				s.rememberKey([]byte{c})
			}
			s.state = stEscape
		case c < 0x20:
			s.fail("control character %s in a string", quoteByte(c))
		default:
			s.emit(c)
			if s.isKey {
				s.rememberKey([]byte{c})
			}
		}
	case stEscape:
		switch c {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			s.state = stString
		case 'u':
			s.state, s.hexN = stUnicode, 0
		default:
			s.fail("invalid escape \\%s in a string", strings.Trim(quoteByte(c), "'"))
			return
		}
		s.emit(c)
		if s.isKey {
			s.rememberKey([]byte{c})
		}
	case stUnicode:
		if _, ok := hexDigit(c); !ok {
			s.fail("invalid character %s in a \\u escape", quoteByte(c))
			return
		}
		s.emit(c)
		if s.isKey {
			s.rememberKey([]byte{c})
		}
		if s.hexN++; s.hexN == 4 {
			s.state = stString
		}
	case stNeg, stZero, stInt, stDot, stFrac, stExp, stExpSign, stExpDigit:
		s.number(c)
	case stLiteral:
		if c != s.lit[s.litPos] {
			s.fail("invalid character %s in literal %s", quoteByte(c), s.lit)
			return
		}
		s.emit(c)
		if s.litPos++; s.litPos == len(s.lit) {
			s.after()
		}
	}
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9', c >= 'a' && c <= 'f', c >= 'A' && c <= 'F':
		return c, true
	}
	return 0, false
}

// begin starts a value with its first byte.
func (s *jsonScanner) begin(c byte) {
	if s.depth > 0 && s.stack[s.depth] == '[' {
		s.count[s.depth]++
	}
	if s.skipAt == 0 && s.out != nil {
		if s.values++; s.values > maxKeptValues {
			s.exceed(fmt.Sprintf("more than %d values to judge after cutting arrays to %d elements", maxKeptValues, maxKeptItems))
			return
		}
	}
	switch {
	case c == '{' || c == '[':
		if s.depth == maxJSONDepth {
			s.exceed(fmt.Sprintf("nested more than %d levels deep", maxJSONDepth))
			return
		}
		s.depth++
		s.stack[s.depth] = c
		s.count[s.depth] = 0
		s.keys[s.depth] = s.keys[s.depth][:0]
		s.emit(c)
		s.state = stKeyOrEnd
		if c == '[' {
			s.state = stValueOrEnd
		}
	case c == '"':
		s.isKey = false
		s.emit(c)
		s.state = stString
	case c == '-':
		s.emit(c)
		s.state = stNeg
	case c == '0':
		s.emit(c)
		s.state = stZero
	case c >= '1' && c <= '9':
		s.emit(c)
		s.state = stInt
	case c == 't', c == 'f', c == 'n':
		s.lit = map[byte]string{'t': "true", 'f': "false", 'n': "null"}[c]
		s.litPos = 1
		s.emit(c)
		s.state = stLiteral
	default:
		s.fail("invalid character %s looking for the beginning of a value", quoteByte(c))
	}
}

// number advances a number by one byte; a byte that cannot continue it
// ends it (when it may end there) and is read again as what follows.
func (s *jsonScanner) number(c byte) {
	digit := c >= '0' && c <= '9'
	next := -1
	switch s.state {
	case stNeg:
		switch {
		case c == '0':
			next = stZero
		case digit:
			next = stInt
		}
	case stZero:
		switch c {
		case '.':
			next = stDot
		case 'e', 'E':
			next = stExp
		}
	case stInt:
		switch {
		case digit:
			next = stInt
		case c == '.':
			next = stDot
		case c == 'e' || c == 'E':
			next = stExp
		}
	case stDot:
		if digit {
			next = stFrac
		}
	case stFrac:
		switch {
		case digit:
			next = stFrac
		case c == 'e' || c == 'E':
			next = stExp
		}
	case stExp:
		switch {
		case c == '+' || c == '-':
			next = stExpSign
		case digit:
			next = stExpDigit
		}
	case stExpSign, stExpDigit:
		if digit {
			next = stExpDigit
		}
	}
	if next >= 0 {
		s.emit(c)
		s.state = next
		return
	}
	if !numberMayEnd(s.state) {
		s.fail("invalid character %s in a number", quoteByte(c))
		return
	}
	s.after()
	if s.state != stDrain {
		s.step(c)
	}
}

func numberMayEnd(state int) bool {
	return state == stZero || state == stInt || state == stFrac || state == stExpDigit
}

// after moves past a complete value.
func (s *jsonScanner) after() {
	if s.depth == 0 {
		s.state = stDone
		return
	}
	s.state = stAfter
}

// close ends the open container with c.
func (s *jsonScanner) close(c byte) {
	if s.skipAt == s.depth {
		s.noteCut(s.depth)
		s.skipAt = 0
	}
	s.emit(c)
	s.depth--
	s.after()
}

func (s *jsonScanner) noteCut(depth int) {
	s.ncuts++
	if len(s.cuts) < maxCutsListed {
		s.cuts = append(s.cuts, arrayCut{Pointer: s.pointer(depth), Total: s.count[depth]})
	}
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// pointer is the JSON pointer of the container open at depth.
func (s *jsonScanner) pointer(depth int) string {
	var b strings.Builder
	for k := 1; k < depth; k++ {
		b.WriteByte('/')
		if s.stack[k] == '[' {
			b.WriteString(strconv.Itoa(s.count[k] - 1))
			continue
		}
		raw := s.keys[k]
		var key string
		if err := json.Unmarshal([]byte(`"`+string(raw)+`"`), &key); err != nil {
			key = string(raw)
		}
		b.WriteString(pointerEscaper.Replace(key))
	}
	return b.String()
}

// finish ends the body. truncated says the reading stopped before its end.
func (s *jsonScanner) finish(truncated bool) scanned {
	if s.state != stDrain && s.off > 0 {
		s.end(truncated)
	}
	res := scanned{size: s.off, truncated: truncated, syntax: s.syntax, bound: s.bound, cuts: s.cuts, ncuts: s.ncuts}
	if s.syntax == "" && s.bound == "" && s.off > 0 {
		res.kept, res.values = s.out, s.values
	}
	return res
}

func (s *jsonScanner) end(truncated bool) {
	if numberMayEnd(s.state) && s.depth == 0 {
		s.state = stDone
	}
	switch {
	case s.state == stDone:
	case !truncated:
		s.syntax = fmt.Sprintf("unexpected end of the body after %d bytes", s.off)
		s.out = nil
	case s.skipAt == 0:
		s.exceed("cut short where the suite stops reading")
	default:
		// Cut short inside an array being cut: what was kept ends with
		// a complete element, so closing the containers open in it gives
		// a document.
		cut := s.skipAt
		s.noteCut(cut)
		s.skipAt = 0
		for k := cut; k >= 1; k-- {
			closer := byte('}')
			if s.stack[k] == '[' {
				closer = ']'
			}
			s.out = append(s.out, closer)
		}
	}
}
