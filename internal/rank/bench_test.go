package rank

import (
	"cmp"
	"context"
	"testing"
)

// BenchmarkDeepPage pages into a collection of a million pseudo-random
// keys: the bytes allocated per page stay the same whatever the size.
func BenchmarkDeepPage(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		src := Source[uint64]{N: n, Key: func(i int) (uint64, bool) {
			s := splitMix(uint64(i))
			return s.next(), true
		}, Cmp: cmp.Compare[uint64]}
		for _, where := range []struct {
			name  string
			first int
		}{{"top", 0}, {"middle", n / 2}} {
			b.Run(where.name+"/"+itoa(n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					p, err := Plan(context.Background(), src, where.first, where.first+99, Options{})
					if err != nil {
						b.Fatal(err)
					}
					if err := p.Each(func(int) bool { return true }); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func itoa(n int) string {
	switch n {
	case 100_000:
		return "100k"
	case 1_000_000:
		return "1M"
	}
	return "n"
}
