package logformat

// Strings are scanned eight bytes at a time while no byte in them asks
// for attention, which is most of a log line; a word with such a byte is
// then looked at byte by byte. The tests below are exact: a word passes
// only when none of its bytes is of the kind tested.

const (
	ones  = 0x0101010101010101 // 1 in each byte
	highs = 0x8080808080808080 // the high bit of each byte
)

// word loads s[i:i+8], the first byte lowest.
func word(s string, i int) uint64 {
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// below is not zero when a byte of x is less than n, for n up to 0x80.
// Without such a byte nothing borrows from its neighbour, and a byte that
// is not below n leaves its high bit clear in either x-n or ^x.
func below(x uint64, n byte) uint64 {
	return (x - ones*uint64(n)) &^ x & highs
}

// holds is not zero when a byte of x is c.
func holds(x uint64, c byte) uint64 {
	return below(x^(ones*uint64(c)), 1)
}

// textBareWord reports whether the eight bytes of x are all ASCII bytes
// that leave a text value bare (see textBare).
func textBareWord(x uint64) bool {
	return x&highs|below(x, ' '+1)|holds(x, '=')|holds(x, '"') == 0
}

// jsonBareWord reports whether the eight bytes of x all stand for
// themselves in a JSON string (see jsonBare).
func jsonBareWord(x uint64) bool {
	return x&highs|below(x, ' ')|holds(x, '"')|holds(x, '\\') == 0
}

// quoteBareWord reports whether the eight bytes of x are all bytes that
// Go quoting leaves as they are (see quotesBare).
func quoteBareWord(x uint64) bool {
	return x&highs|below(x, ' ')|holds(x, '"')|holds(x, '\\')|holds(x, 0x7f) == 0
}
