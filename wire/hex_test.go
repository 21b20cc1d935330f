package wire

import (
	"strconv"
	"testing"
)

// Every pair of bytes: HexPair agrees with strconv on what is a
// two-digit hexadecimal number and on its value.
func TestHexPairIsStrconvs(t *testing.T) {
	t.Parallel()
	for a := range 256 {
		for b := range 256 {
			s := string([]byte{byte(a), byte(b)})
			v, err := strconv.ParseUint(s, 16, 8)
			ok := err == nil
			got, gotOK := HexPair(s, 0)
			if gotOK != ok || (ok && uint64(got) != v) {
				t.Fatalf("HexPair(%q) = %d, %v; strconv says %d, %v", s, got, gotOK, v, err)
			}
		}
	}
	for _, c := range []struct {
		s string
		i int
	}{{"", 0}, {"a", 0}, {"%4", 1}, {"ab", 1}, {"ab", -1}} {
		if _, ok := HexPair(c.s, c.i); ok {
			t.Errorf("HexPair(%q, %d) reads past the string", c.s, c.i)
		}
	}
}
