package wire

// HexDigit is the value of the hexadecimal digit c, in either case.
func HexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// HexPair is the byte the two hexadecimal digits s[i] and s[i+1] spell,
// as in a percent-escape or a DN's \XX; false when s ends first or either
// is not a digit.
func HexPair(s string, i int) (byte, bool) {
	if i < 0 || i+1 >= len(s) {
		return 0, false
	}
	a, ok1 := HexDigit(s[i])
	b, ok2 := HexDigit(s[i+1])
	return a<<4 | b, ok1 && ok2
}
