package yamldoc

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError turns a YAML library error into an Error with a line. The
// library often names the line where the enclosing block started, or
// none, so the line is the fewest leading lines of data that already fail
// with the same problem, or else the library's own.
func syntaxError(name string, data []byte, err error) *Error {
	line, msg := splitYAMLError(err)
	if line > 0 && isParserProblem(msg) {
		line++ // the parser, unlike the scanner, counts its lines from 0
	}
	// A prefix cut inside a flow collection fails just like a real flow
	// error, so for those the parser's line (where the collection opens,
	// or the problem itself) is the better answer.
	if msg != "did not find expected ',' or ']'" && msg != "did not find expected ',' or '}'" {
		if l := FirstFailingLine(data, msg); l > 0 {
			line = l
		}
	}
	if line == 0 {
		line = Locate(data, msg)
	}
	// At the end of the input the parser counts one line past the last.
	return &Error{File: name, Line: max(min(line, len(lineEnds(data))), 1), Msg: msg}
}

// lineBreaks returns the offset just past each line break in data, with
// the breaks the YAML library counts: LF, CR, CR LF, NEL, LS and PS.
func lineBreaks(data []byte) []int {
	var after []int
	for i := 0; i < len(data); i++ {
		switch rest := data[i:]; {
		case rest[0] == '\n':
		case bytes.HasPrefix(rest, []byte("\r\n")):
			i++
		case rest[0] == '\r':
		case bytes.HasPrefix(rest, []byte("\u0085")):
			i++
		case bytes.HasPrefix(rest, []byte("\u2028")), bytes.HasPrefix(rest, []byte("\u2029")):
			i += 2
		default:
			continue
		}
		after = append(after, i+1)
	}
	return after
}

// lineEnds returns the offset of the end of each line of data, the last
// one included when no line break ends it.
func lineEnds(data []byte) []int {
	ends := lineBreaks(data)
	if n := len(ends); len(data) > 0 && (n == 0 || ends[n-1] != len(data)) {
		ends = append(ends, len(data))
	}
	return ends
}

// splitYAMLError separates the library's "yaml: line N: problem" into the
// line (0 when none is given) and the problem.
func splitYAMLError(err error) (int, string) {
	text := strings.TrimSpace(err.Error())
	if m := yamlLine.FindStringSubmatch(text); m != nil {
		line, _ := strconv.Atoi(m[1])
		return line, m[2]
	}
	return 0, strings.TrimPrefix(text, "yaml: ")
}

// isParserProblem reports whether msg comes from the YAML parser (as
// opposed to its scanner), which numbers its lines from 0. Some scanner
// problems also start "did not find expected", so the list is exact.
func isParserProblem(msg string) bool {
	switch msg {
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'",
		"did not find expected '-' indicator", "did not find expected <document start>",
		"did not find expected <stream-start>", "did not find expected key",
		"did not find expected node content", "found duplicate %TAG directive",
		"found duplicate %YAML directive", "found incompatible YAML document",
		"found undefined tag handle":
		return true
	}
	return false
}

// FirstFailingLine returns the fewest leading lines of data that already
// fail to parse with problem msg (as the library words it, without
// "yaml: line N: "), or 0 if no prefix does. Bisection keeps it to a
// logarithmic number of parses.
func FirstFailingLine(data []byte, msg string) int {
	ends := lineEnds(data) // ends[k] is the length of the first k+1 lines
	if len(ends) == 0 {
		return 0
	}
	fails := func(k int) bool {
		dec := yaml.NewDecoder(bytes.NewReader(data[:ends[k]]))
		for {
			var n yaml.Node
			err := dec.Decode(&n)
			if err == nil {
				continue
			}
			if errors.Is(err, io.EOF) {
				return false
			}
			_, m := splitYAMLError(err)
			return m == msg
		}
	}
	lo, hi := 0, len(ends)-1
	if !fails(hi) {
		return 0
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo + 1
}

var anchorName = regexp.MustCompile(`anchor '([^']*)'`)

// Locate finds the line of a problem the library reports without one, by
// looking for what the problem names: a bad byte, a control character,
// the end of the input or an anchor. It returns 1 when it finds nothing.
func Locate(data []byte, msg string) int {
	off := -1
	switch {
	case strings.Contains(msg, "UTF-8") || strings.Contains(msg, "UTF-16"):
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				off = i
				break
			}
			i += size
		}
	case strings.Contains(msg, "control characters"):
		for i, r := range string(data) {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0xfffe || r == 0xffff {
				off = i
				break
			}
		}
	case strings.Contains(msg, "end of stream"):
		off = len(data)
	default:
		if m := anchorName.FindStringSubmatch(msg); m != nil {
			sigil := "*"
			if strings.Contains(msg, "contains itself") {
				sigil = "&"
			}
			off = bytes.Index(data, []byte(sigil+m[1]))
		}
	}
	if off < 0 {
		return 1
	}
	line := 1
	for _, after := range lineBreaks(data) {
		if after <= off {
			line++
		}
	}
	return line
}
