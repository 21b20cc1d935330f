package loadgen

import (
	"math"
	"math/bits"
	"time"
)

// subBits sets the histogram's precision: every power-of-two range of
// durations is split into 2^subBits buckets, so a recorded latency is off
// by less than 1/2^subBits (under 1%) of its value, whatever its size.
// Fixed-width buckets would need either millions of them or lose the
// sub-millisecond detail that loopback latencies live in.
const subBits = 7

const subCount = 1 << subBits

// numBuckets covers every non-negative int64 nanosecond count.
const numBuckets = (64 - subBits + 1) * subCount

// Histogram records durations in logarithmic buckets of bounded relative
// error, in constant memory. It is not safe for concurrent use: each load
// worker keeps its own and they are merged at the end, which keeps the hot
// path free of locks.
type Histogram struct {
	counts   []uint64
	n        uint64
	min, max time.Duration
	sum      time.Duration
}

// NewHistogram returns an empty histogram.
func NewHistogram() *Histogram {
	return &Histogram{counts: make([]uint64, numBuckets)}
}

// bucketOf maps a non-negative nanosecond count to its bucket index.
func bucketOf(v uint64) int {
	if v < subCount {
		return int(v)
	}
	l := bits.Len64(v)
	shift := l - subBits - 1
	return (l-subBits)<<subBits + int(v>>shift) - subCount
}

// bucketBounds is the inclusive range of nanosecond counts of bucket i.
func bucketBounds(i int) (lo, hi uint64) {
	if i < subCount {
		return uint64(i), uint64(i)
	}
	g := i >> subBits
	sub := uint64(i & (subCount - 1))
	lo = (subCount + sub) << (g - 1)
	return lo, lo + (1 << (g - 1)) - 1
}

// Record adds one duration; a negative one counts as zero.
func (h *Histogram) Record(d time.Duration) {
	if d < 0 {
		d = 0
	}
	h.counts[bucketOf(uint64(d))]++
	if h.n == 0 || d < h.min {
		h.min = d
	}
	if d > h.max {
		h.max = d
	}
	h.n++
	h.sum += d
}

// Merge adds every duration recorded in o.
func (h *Histogram) Merge(o *Histogram) {
	if o.n == 0 {
		return
	}
	for i, c := range o.counts {
		h.counts[i] += c
	}
	if h.n == 0 || o.min < h.min {
		h.min = o.min
	}
	h.max = max(h.max, o.max)
	h.n += o.n
	h.sum += o.sum
}

// Count is the number of durations recorded.
func (h *Histogram) Count() uint64 { return h.n }

// Min is the smallest duration recorded, zero when there is none.
func (h *Histogram) Min() time.Duration { return h.min }

// Max is the largest duration recorded, zero when there is none.
func (h *Histogram) Max() time.Duration { return h.max }

// Mean is the average duration, zero when there is none.
func (h *Histogram) Mean() time.Duration {
	if h.n == 0 {
		return 0
	}
	return h.sum / time.Duration(h.n)
}

// Quantile returns the duration below or at which a fraction q (0..1) of
// the recorded durations lie: the nearest-rank definition, reported as the
// top of the bucket that holds that rank and never beyond the largest
// value seen, so it errs high by less than the bucket width.
func (h *Histogram) Quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	q = min(max(q, 0), 1)
	rank := uint64(math.Ceil(q * float64(h.n)))
	switch {
	case rank <= 1:
		return h.min
	case rank >= h.n:
		return h.max
	}
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			_, hi := bucketBounds(i)
			return min(max(time.Duration(hi), h.min), h.max)
		}
	}
	return h.max
}
