package logformat

import (
	"log/slog"
	"slices"
	"strconv"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
)

// appendTextLine appends a record of t, level, msg, the spelt attributes
// pre and attrs as slog's
// TextHandler writes it, or reports false for one it leaves to that
// handler.
func appendTextLine(b []byte, t time.Time, level slog.Level, msg string, pre []byte, attrs []slog.Attr) ([]byte, bool) {
	if !t.IsZero() { // slog leaves the zero time out
		var ok bool
		b = append(b, "time="...)
		if b, ok = appendTextTime(b, t); !ok {
			return b, false
		}
		b = append(b, ' ')
	}
	b = append(b, "level="...)
	b = appendTextString(b, level.String())
	b = append(b, " msg="...)
	b = appendTextString(b, msg)
	b = append(b, pre...)
	b, ok := appendAttrs(b, attrs, false)
	return append(b, '\n'), ok
}

// appendTextFloat appends f as slog's TextHandler does: strconv's
// shortest 'g' spelling, NaN and the infinities included.
func appendTextFloat(b []byte, f float64) ([]byte, bool) {
	return strconv.AppendFloat(b, f, 'g', -1, 64), true
}

// appendTextString appends s bare, or quoted in Go syntax when a reader
// could not tell where it ends or what it holds.
func appendTextString(b []byte, s string) []byte {
	switch {
	case !textNeedsQuotes(s):
		return append(b, s...)
	case quotesBare(s):
		// What strconv.AppendQuote writes, without its rune by rune walk:
		// a path or a DN with '=' in it is the common case.
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	return strconv.AppendQuote(b, s)
}

// quotesBare reports whether strconv.AppendQuote writes s unchanged
// between the quotes: when every byte is printable ASCII, space to '~',
// but '"' and the backslash.
func quotesBare(s string) bool {
	i := 0
	for i+8 <= len(s) && quoteBareWord(word(s, i)) {
		i += 8
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// textBare[c] tells whether the ASCII byte c leaves a text value bare:
// every printable byte but space, '=' and '"'. DEL counts as printable
// here, and the backslash too, as in slog.
var textBare = func() (t [utf8.RuneSelf]bool) {
	for c := ' ' + 1; c < utf8.RuneSelf; c++ {
		t[c] = c != '=' && c != '"'
	}
	return t
}()

// textNeedsQuotes reports whether slog's TextHandler quotes s: when it is
// empty, or holds a byte textBare refuses, invalid UTF-8, U+FFFD, a
// Unicode space or a rune that is not printable.
func textNeedsQuotes(s string) bool {
	if s == "" {
		return true
	}
	i := 0
	for i+8 <= len(s) && textBareWord(word(s, i)) {
		i += 8
	}
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !textBare[c] {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return true
		}
		i += n
	}
	return false
}

// secondText is a second's time in RFC 3339 in one location, as
// appendTextTime last wrote it: the lines of one second share it.
type secondText struct {
	sec  int64
	loc  *time.Location
	text []byte
}

var lastSecond atomic.Pointer[secondText]

// appendTextTime appends t in RFC 3339 with exactly three digits of
// fraction, truncated. It reports false for a year that does not have
// four digits, where slog's spelling is not RFC 3339 any more.
func appendTextTime(b []byte, t time.Time) ([]byte, bool) {
	n := len(b)
	sec, loc := t.Unix(), t.Location()
	if last := lastSecond.Load(); last != nil && last.sec == sec && last.loc == loc {
		b = append(b, last.text...)
	} else {
		b = t.AppendFormat(b, time.RFC3339)
		if !fourDigitYear(b[n:]) {
			return b, false
		}
		lastSecond.Store(&secondText{sec: sec, loc: loc, text: slices.Clone(b[n:])})
	}
	// The date and the clock take 19 bytes; the milliseconds go between
	// them and the zone.
	const clockEnd = len("2006-01-02T15:04:05")
	end := len(b)
	b = append(b, ".000"...)
	copy(b[n+clockEnd+4:], b[n+clockEnd:end])
	ms := t.Nanosecond() / int(time.Millisecond)
	b[n+clockEnd] = '.'
	b[n+clockEnd+1] = byte('0' + ms/100)
	b[n+clockEnd+2] = byte('0' + ms/10%10)
	b[n+clockEnd+3] = byte('0' + ms%10)
	return b, true
}

// fourDigitYear reports whether a time formatted in RFC 3339 has a year
// from 0 to 9999: time writes a negative year with a sign and a later one
// with more digits.
func fourDigitYear(formatted []byte) bool {
	return len(formatted) > 4 && formatted[0] != '-' && formatted[4] == '-'
}
