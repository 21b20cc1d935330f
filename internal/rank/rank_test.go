package rank

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
)

// collection is a test source: keys drawn from a small alphabet (many ties),
// some indices absent.
func collection(n, distinct int, seed uint64, absentEvery int) Source[int] {
	keys := make([]int, n)
	s := splitMix(seed)
	for i := range keys {
		keys[i] = int(s.below(uint64(distinct)))
	}
	return Source[int]{
		N: n,
		Key: func(i int) (int, bool) {
			if absentEvery > 0 && i%absentEvery == 0 {
				return 0, false
			}
			return keys[i], true
		},
		Cmp: cmp.Compare[int],
	}
}

// naive sorts the whole collection.
func naive(src Source[int]) []int {
	var idx []int
	for i := 0; i < src.N; i++ {
		if _, ok := src.Key(i); ok {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ka, _ := src.Key(a)
		kb, _ := src.Key(b)
		c := cmp.Or(src.Cmp(ka, kb), cmp.Compare(a, b))
		if src.Desc {
			return -c
		}
		return c
	})
	return idx
}

func page(t *testing.T, src Source[int], first, last int, opt Options) ([]int, *Page[int]) {
	t.Helper()
	p, err := Plan(context.Background(), src, first, last, opt)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	if err := p.Each(func(i int) bool { got = append(got, i); return true }); err != nil {
		t.Fatal(err)
	}
	return got, p
}

func TestPagesMatchAFullSort(t *testing.T) {
	t.Parallel()
	opts := []Options{{}, {Hold: 16, Sample: 4}, {Hold: 8, Sample: 2}, {Hold: 64, Sample: 3}, {Hold: 2, Sample: 1}}
	for _, n := range []int{0, 1, 7, 100, 1000} {
		for _, distinct := range []int{1, 3, 1000} {
			for _, desc := range []bool{false, true} {
				src := collection(n, distinct, uint64(n*31+distinct), 7)
				src.Desc = desc
				want := naive(src)
				for _, opt := range opts {
					name := fmt.Sprintf("n=%d distinct=%d desc=%v hold=%d sample=%d", n, distinct, desc, opt.Hold, opt.Sample)
					ranges := [][2]int{{0, n}, {0, 0}, {3, 10}, {n / 2, n/2 + 5}, {n - 3, n + 10}, {n + 5, n + 9}, {5, 2}}
					for _, r := range ranges {
						got, p := page(t, src, r[0], r[1], opt)
						lo, hi := max(r[0], 0), min(r[1], len(want)-1)
						var exp []int
						if lo <= hi {
							exp = want[lo : hi+1]
						}
						if !slices.Equal(got, exp) {
							t.Fatalf("%s range %v: got %v, want %v", name, r, got, exp)
						}
						if p.Total != len(want) {
							t.Fatalf("%s: Total %d, want %d", name, p.Total, len(want))
						}
						if len(exp) == 0 && (p.First != 0 || p.Last != -1) {
							t.Fatalf("%s range %v: empty page reads %d-%d", name, r, p.First, p.Last)
						}
						if len(exp) > 0 && (p.First != lo || p.Last != hi) {
							t.Fatalf("%s range %v: page %d-%d, want %d-%d", name, r, p.First, p.Last, lo, hi)
						}
					}
				}
			}
		}
	}
}

// Paging with consecutive ranges visits every element exactly once.
func TestPagingVisitsEachOnce(t *testing.T) {
	t.Parallel()
	src := collection(5000, 50, 9, 13)
	want := naive(src)
	var got []int
	for first := 0; ; first += 97 {
		part, p := page(t, src, first, first+96, Options{Hold: 128, Sample: 16})
		got = append(got, part...)
		if p.Last < p.First {
			break
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("paging gave %d elements, want %d; first difference at %d", len(got), len(want), firstDiff(got, want))
	}
}

func firstDiff(a, b []int) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// The passes are as few as the package doc says.
func TestPasses(t *testing.T) {
	t.Parallel()
	src := collection(100_000, 1_000_000, 3, 0)
	// A mean bucket (N/Sample) well inside reach (Hold/2) places a deep
	// page in one counting pass.
	opt := Options{Hold: 1024, Sample: 1024}
	for _, tt := range []struct {
		first, last, passes int
	}{
		{0, 99, 2},          // near the top: count, then one chunk
		{50_000, 50_099, 3}, // deep: count, place, one chunk
		{0, 99_999, 0},      // whole: count, then one chunk per Hold
	} {
		_, p := page(t, src, tt.first, tt.last, opt)
		if tt.last-tt.first < 1000 && p.Passes != tt.passes {
			t.Errorf("page %d-%d: %d passes, want %d", tt.first, tt.last, p.Passes, tt.passes)
		}
		if tt.last-tt.first >= 1000 && p.Passes > 1+(tt.last-tt.first+1)/opt.Hold+1 {
			t.Errorf("page %d-%d: %d passes, want at most %d", tt.first, tt.last, p.Passes, 1+(tt.last-tt.first+1)/opt.Hold+1)
		}
	}
	small := collection(500, 10, 1, 0)
	if _, p := page(t, small, 100, 200, opt); p.Passes != 1 {
		t.Errorf("a collection within Hold took %d passes, want 1", p.Passes)
	}
}

// A key order that correlates with the index in the worst way still gives
// the right page.
func TestAdversarialKeys(t *testing.T) {
	t.Parallel()
	n := 3000
	src := Source[int]{N: n, Key: func(i int) (int, bool) { return i % 7, true }, Cmp: cmp.Compare[int]}
	want := naive(src)
	got, _ := page(t, src, 1500, 1600, Options{Hold: 8, Sample: 2})
	if !slices.Equal(got, want[1500:1601]) {
		t.Fatalf("got %v, want %v", got, want[1500:1601])
	}
}

func TestStopsWhenYieldDeclines(t *testing.T) {
	t.Parallel()
	src := collection(1000, 10, 1, 0)
	p, err := Plan(context.Background(), src, 0, 999, Options{Hold: 16, Sample: 4})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := p.Each(func(int) bool { n++; return n < 20 }); err != nil {
		t.Fatal(err)
	}
	if n != 20 || p.Passes > 3 {
		t.Fatalf("yielded %d, %d passes after declining", n, p.Passes)
	}
}

func TestStopsWhenContextEnds(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Plan(ctx, collection(10, 3, 1, 0), 0, 5, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Plan on an ended context: %v", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	calls := 0
	src := Source[int]{N: 100_000, Key: func(i int) (int, bool) { calls++; return i, true }, Cmp: cmp.Compare[int]}
	p, err := Plan(ctx, src, 0, 99_999, Options{Hold: 64})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	before := calls
	if err := p.Each(func(int) bool { return true }); !errors.Is(err, context.Canceled) {
		t.Fatalf("Each on an ended context: %v", err)
	}
	if calls-before > checkEvery {
		t.Fatalf("%d keys read after the context ended", calls-before)
	}
}

func FuzzPlan(f *testing.F) {
	f.Add(uint16(100), uint8(5), uint16(3), uint16(10), false, uint8(8), uint8(2))
	f.Add(uint16(1000), uint8(200), uint16(500), uint16(900), true, uint8(4), uint8(1))
	f.Fuzz(func(t *testing.T, n uint16, distinct uint8, first, last uint16, desc bool, hold, sample uint8) {
		src := collection(int(n%2000), int(distinct)+1, uint64(n)^uint64(distinct)<<16, int(hold%5))
		src.Desc = desc
		want := naive(src)
		got, _ := page(t, src, int(first), int(last), Options{Hold: int(hold), Sample: int(sample)})
		lo, hi := int(first), min(int(last), len(want)-1)
		var exp []int
		if lo <= hi {
			exp = want[lo : hi+1]
		}
		if !slices.Equal(got, exp) {
			t.Fatalf("got %v, want %v", got, exp)
		}
	})
}
