// Package rank pages through an indexed collection in sorted order without
// holding it. A collection is its indices 0..N-1, a key per present index and
// an order on keys; ties are broken by index, so the order is total and a page
// of ranks first..last is the same on every call. Plan and Page.Each find the
// page in a few passes over the indices, in memory bounded by Options whatever
// N is:
//
//   - one pass counts the collection, keeps it whole when it is small (at most
//     Options.Hold elements) and draws a sample of it;
//   - when the page starts deep, one more pass counts how many elements fall
//     between the sample's elements, which places a lower bound a short way
//     before the page;
//   - one pass per Options.Hold elements of the page keeps the smallest
//     elements above the bound in a bounded heap and yields them in order.
//
// So a page near the top takes two passes, any other three, and a whole
// collection of N elements 1 + N/Hold. The sample is drawn with a fixed seed;
// it only decides how fast a page is found, never which elements it holds.
package rank

import (
	"cmp"
	"context"
	"slices"
	"sort"
)

// Source is a collection to page through.
type Source[K any] struct {
	// N is the number of indices, 0..N-1.
	N int
	// Key returns the sort key of index i and whether i belongs to the
	// collection. It must give the same answer on every pass.
	Key func(i int) (K, bool)
	// Cmp orders keys (negative, zero, positive); equal keys are ordered by
	// index.
	Cmp func(a, b K) int
	// Desc reverses the whole order, ties included.
	Desc bool
}

// Options bound the memory of a plan.
type Options struct {
	// Hold is the most elements held at once (the small-collection buffer,
	// then the heap of each pass); default 8192.
	Hold int
	// Sample is the size of the sample that places deep pages; default 2048.
	Sample int
}

func (o Options) withDefaults() Options {
	if o.Hold < 2 {
		o.Hold = 8192
	}
	if o.Sample < 1 {
		o.Sample = 2048
	}
	return o
}

type elem[K any] struct {
	key K
	i   int
}

// Page is the plan for ranks First..Last of a collection of Total elements.
// Last < First when the page is empty.
type Page[K any] struct {
	Total, First, Last int

	ctx  context.Context
	src  Source[K]
	opt  Options
	all  []elem[K] // the whole collection, sorted, when it was small
	low  *elem[K]  // the page's elements all come after low (nil: from the top)
	base int       // how many elements come before low, low included
	// Passes counts the passes over the indices so far.
	Passes int
}

// checkEvery is how many indices a pass reads between looks at its context.
const checkEvery = 4096

// Plan counts src and prepares the page of ranks first..last (0-based,
// inclusive), clamped to the collection: a first rank at or past the end
// gives an empty page. It stops early, with ctx's error, when ctx ends.
func Plan[K any](ctx context.Context, src Source[K], first, last int, opt Options) (*Page[K], error) {
	opt = opt.withDefaults()
	p := &Page[K]{ctx: ctx, src: src, opt: opt}
	first = max(first, 0)
	var (
		buf    = make([]elem[K], 0, min(opt.Hold, max(src.N, 0)))
		sample = make([]elem[K], 0, min(opt.Sample, max(src.N, 0)))
		rnd    = splitMix(0x5eed)
		whole  = true
	)
	err := p.pass(func(e elem[K]) {
		p.Total++
		if whole {
			if len(buf) < opt.Hold {
				buf = append(buf, e)
			} else {
				whole, buf = false, nil
			}
		}
		// Reservoir sampling (Algorithm R).
		if len(sample) < opt.Sample {
			sample = append(sample, e)
		} else if j := rnd.below(uint64(p.Total)); j < uint64(opt.Sample) {
			sample[j] = e
		}
	})
	if err != nil {
		return nil, err
	}
	p.First, p.Last = first, min(last, p.Total-1)
	if p.First > p.Last {
		p.First, p.Last = 0, -1
		return p, nil
	}
	if whole {
		slices.SortFunc(buf, p.cmp)
		p.all = buf
		return p, nil
	}
	// Within reach of the top, the first chunk can skip to the page.
	if p.First <= p.reach() {
		return p, nil
	}
	if err := p.place(sample); err != nil {
		return nil, err
	}
	return p, nil
}

// reach is how far before the page its lower bound may lie: the first chunk
// holds the elements between them as well.
func (p *Page[K]) reach() int { return p.opt.Hold / 2 }

func (p *Page[K]) cmp(a, b elem[K]) int {
	c := p.src.Cmp(a.key, b.key)
	if c == 0 {
		c = cmp.Compare(a.i, b.i)
	}
	if p.src.Desc {
		return -c
	}
	return c
}

// pass calls fn with every element of the collection in index order.
func (p *Page[K]) pass(fn func(e elem[K])) error {
	p.Passes++
	for i := 0; i < p.src.N; i++ {
		if i%checkEvery == 0 && p.ctx.Err() != nil {
			return p.ctx.Err()
		}
		if k, ok := p.src.Key(i); ok {
			fn(elem[K]{k, i})
		}
	}
	return nil
}

// place finds a lower bound within reach of the page: the sample's elements
// split the collection into buckets, one pass counts each bucket, and the
// page's bucket is split again by a sample of its own until it is short.
func (p *Page[K]) place(sample []elem[K]) error {
	var lo, hi *elem[K] // the interval searched, exclusive; nil is open
	base := 0           // elements up to lo, lo included
	in := func(e elem[K]) bool {
		return (lo == nil || p.cmp(*lo, e) < 0) && (hi == nil || p.cmp(e, *hi) < 0)
	}
	for {
		slices.SortFunc(sample, p.cmp)
		// counts[j]: elements of the interval after j pivots and up to the
		// next pivot, that pivot included.
		counts := make([]int, len(sample)+1)
		err := p.pass(func(e elem[K]) {
			if in(e) {
				j := sort.Search(len(sample), func(j int) bool { return p.cmp(sample[j], e) >= 0 })
				counts[j]++
			}
		})
		if err != nil {
			return err
		}
		j, below := 0, base
		for j < len(sample) && below+counts[j] <= p.First {
			below += counts[j]
			j++
		}
		// sample[j-1] is the last pivot before the page's first element.
		if j > 0 {
			lo = &sample[j-1]
			base = below
		}
		if p.First-base <= p.reach() {
			p.low, p.base = lo, base
			return nil
		}
		if j < len(sample) {
			hi = &sample[j]
		}
		// The page starts deep inside one bucket: sample the bucket.
		lo, hi = clone(lo), clone(hi)
		sample = sample[:0:0]
		rnd, seen := splitMix(0x5eed+uint64(p.Passes)), 0
		err = p.pass(func(e elem[K]) {
			if !in(e) {
				return
			}
			seen++
			if len(sample) < p.opt.Sample {
				sample = append(sample, e)
			} else if k := rnd.below(uint64(seen)); k < uint64(p.opt.Sample) {
				sample[k] = e
			}
		})
		if err != nil {
			return err
		}
	}
}

func clone[K any](e *elem[K]) *elem[K] {
	if e == nil {
		return nil
	}
	c := *e
	return &c
}

// Each calls yield with the index of every element of the page, in order,
// until yield returns false. It returns ctx's error when ctx ended first.
func (p *Page[K]) Each(yield func(i int) bool) error {
	if p.First > p.Last {
		return nil
	}
	if p.all != nil {
		for _, e := range p.all[p.First : p.Last+1] {
			if !yield(e.i) {
				return nil
			}
		}
		return nil
	}
	low, skip, left := p.low, p.First-p.base, p.Last-p.First+1
	for left > 0 {
		chunk, err := p.above(low, min(p.opt.Hold, skip+left))
		if err != nil {
			return err
		}
		if len(chunk) == 0 {
			return nil // the collection changed between passes
		}
		if len(chunk) <= skip {
			skip -= len(chunk)
			last := chunk[len(chunk)-1]
			low = &last
			continue
		}
		for _, e := range chunk[skip:min(len(chunk), skip+left)] {
			if !yield(e.i) {
				return nil
			}
			left--
		}
		last := chunk[len(chunk)-1]
		low, skip = &last, 0
	}
	return nil
}

// above returns, sorted, the m smallest elements after low (from the top
// when low is nil), keeping at most m at any time in a max-heap.
func (p *Page[K]) above(low *elem[K], m int) ([]elem[K], error) {
	h := make([]elem[K], 0, m)
	err := p.pass(func(e elem[K]) {
		if low != nil && p.cmp(*low, e) >= 0 {
			return
		}
		switch {
		case len(h) < m:
			h = append(h, e)
			p.up(h, len(h)-1)
		case p.cmp(e, h[0]) < 0:
			h[0] = e
			p.down(h, 0)
		}
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(h, p.cmp)
	return h, nil
}

// up and down keep h a max-heap under p.cmp.
func (p *Page[K]) up(h []elem[K], j int) {
	for j > 0 {
		parent := (j - 1) / 2
		if p.cmp(h[parent], h[j]) >= 0 {
			return
		}
		h[parent], h[j] = h[j], h[parent]
		j = parent
	}
}

func (p *Page[K]) down(h []elem[K], j int) {
	for {
		big := j
		for _, c := range [2]int{2*j + 1, 2*j + 2} {
			if c < len(h) && p.cmp(h[c], h[big]) > 0 {
				big = c
			}
		}
		if big == j {
			return
		}
		h[big], h[j] = h[j], h[big]
		j = big
	}
}

// splitMix is a SplitMix64 generator for the samples: seeded, so a plan
// takes the same passes every time.
type splitMix uint64

func (s *splitMix) next() uint64 {
	*s += 0x9e3779b97f4a7c15
	z := uint64(*s)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// below returns a value in [0, n), n > 0.
func (s *splitMix) below(n uint64) uint64 { return s.next() % n }
