package logformat

import (
	"log/slog"
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// appendJSONLine appends a record of t, level, msg, the spelt attributes
// pre and attrs as slog's
// JSONHandler writes it, or reports false for one it leaves to that
// handler.
func appendJSONLine(b []byte, t time.Time, level slog.Level, msg string, pre []byte, attrs []slog.Attr) ([]byte, bool) {
	b = append(b, '{')
	if !t.IsZero() { // slog leaves the zero time out
		b = append(b, `"time":"`...)
		n := len(b)
		b = t.AppendFormat(b, time.RFC3339Nano)
		// slog writes an error next to a year RFC 3339 cannot hold.
		if !fourDigitYear(b[n:]) {
			return b, false
		}
		b = append(b, `",`...)
	}
	b = append(b, `"level":`...)
	b = appendJSONString(b, level.String())
	b = append(b, `,"msg":`...)
	b = appendJSONString(b, msg)
	b = append(b, pre...)
	b, ok := appendAttrs(b, attrs, true)
	return append(b, "}\n"...), ok
}

// appendJSONFloat appends f as encoding/json spells a float64: the
// shortest decimal that reads back as f, in exponent form below 1e-6 and
// from 1e21 on, with an exponent of one digit not padded to two. It
// reports false for NaN and the infinities, which JSON cannot hold and
// slog writes as an error.
func appendJSONFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, false
	}
	if abs := math.Abs(f); abs == 0 || (abs >= 1e-6 && abs < 1e21) {
		return strconv.AppendFloat(b, f, 'f', -1, 64), true
	}
	b = strconv.AppendFloat(b, f, 'e', -1, 64)
	// strconv writes at least two exponent digits: 1e-07 becomes 1e-7.
	// Large numbers here have exponents of 21 and more, so only a
	// negative one can start with a zero.
	if n := len(b); b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b, true
}

// jsonBare[c] tells whether the ASCII byte c stands for itself inside a
// JSON string: every byte from space on but '"' and '\\'. '<', '>' and
// '&' are kept, as slog does not escape HTML.
var jsonBare = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a quoted JSON string the way slog's
// JSONHandler does: control bytes, '"' and '\\' escaped, invalid UTF-8
// replaced by \ufffd, and U+2028 and U+2029 escaped for readers that take
// JSON for JavaScript.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	i := 0
	for i+8 <= len(s) && jsonBareWord(word(s, i)) {
		i += 8
	}
	done := 0 // s[:done] is in b
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !jsonBare[c] {
				b = append(b, s[done:i]...)
				b = appendJSONEscape(b, c)
				done = i + 1
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == utf8.RuneError && n == 1:
			esc = `\ufffd`
		case r == '\u2028':
			esc = `\u2028`
		case r == '\u2029':
			esc = `\u2029`
		}
		if esc != "" {
			b = append(b, s[done:i]...)
			b = append(b, esc...)
			done = i + n
		}
		i += n
	}
	b = append(b, s[done:]...)
	return append(b, '"')
}

// appendJSONEscape appends the escape of an ASCII byte that cannot stand
// for itself: a short one where JSON has it, else \u00XX. JSON's \b and
// \f are not used, as slog does not use them.
func appendJSONEscape(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
}
