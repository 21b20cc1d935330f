package loadgen

import (
	"math"
	"testing"
	"time"
)

func TestBucketsTileTheRange(t *testing.T) {
	// Every value falls in the bucket whose bounds contain it, and the
	// buckets follow each other without gaps or overlaps.
	var prevHi uint64
	for i := range numBuckets {
		lo, hi := bucketBounds(i)
		if i > 0 && lo != prevHi+1 {
			t.Fatalf("bucket %d starts at %d, the previous one ended at %d", i, lo, prevHi)
		}
		if hi < lo {
			t.Fatalf("bucket %d: hi %d < lo %d", i, hi, lo)
		}
		for _, v := range []uint64{lo, hi, lo + (hi-lo)/2} {
			if got := bucketOf(v); got != i {
				t.Fatalf("bucketOf(%d) = %d, want %d (bounds %d..%d)", v, got, i, lo, hi)
			}
		}
		if lo >= subCount && float64(hi-lo+1)/float64(lo) > 1.0/subCount {
			t.Fatalf("bucket %d (%d..%d) is wider than 1/%d of its values", i, lo, hi, subCount)
		}
		prevHi = hi
	}
	if prevHi != math.MaxUint64 {
		t.Fatalf("last bucket ends at %d, want %d", prevHi, uint64(math.MaxUint64))
	}
}

func TestQuantile(t *testing.T) {
	t.Parallel()
	uniform := func(n int, step time.Duration) []time.Duration {
		var out []time.Duration
		for i := 1; i <= n; i++ {
			out = append(out, time.Duration(i)*step)
		}
		return out
	}
	tests := []struct {
		name   string
		values []time.Duration
		q      float64
		want   time.Duration
		tol    float64 // relative
	}{
		{"empty", nil, 0.5, 0, 0},
		{"single", []time.Duration{3 * time.Millisecond}, 0.99, 3 * time.Millisecond, 0},
		{"small values are exact", []time.Duration{5, 7, 9, 11}, 0.5, 7, 0},
		{"q=0 is the minimum", uniform(1000, time.Microsecond), 0, time.Microsecond, 0},
		{"q=1 is the maximum", uniform(1000, time.Microsecond), 1, time.Millisecond, 0},
		{"p50 of 1..1000 µs", uniform(1000, time.Microsecond), 0.5, 500 * time.Microsecond, 1.0 / subCount},
		{"p99 of 1..1000 µs", uniform(1000, time.Microsecond), 0.99, 990 * time.Microsecond, 1.0 / subCount},
		{"p90 of 1..10000 ms", uniform(10000, time.Millisecond), 0.9, 9 * time.Second, 1.0 / subCount},
		{"outlier does not move p50", append(uniform(99, time.Millisecond), time.Hour), 0.5, 50 * time.Millisecond, 1.0 / subCount},
		{"outlier is p100", append(uniform(99, time.Millisecond), time.Hour), 1, time.Hour, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := NewHistogram()
			for _, v := range tt.values {
				h.Record(v)
			}
			got := h.Quantile(tt.q)
			if got < tt.want {
				t.Fatalf("Quantile(%v) = %v, below the true %v", tt.q, got, tt.want)
			}
			if diff := float64(got-tt.want) / float64(max(tt.want, 1)); diff > tt.tol {
				t.Fatalf("Quantile(%v) = %v, want %v within %.2f%%", tt.q, got, tt.want, tt.tol*100)
			}
		})
	}
}

func TestMergeAndStats(t *testing.T) {
	a, b, all := NewHistogram(), NewHistogram(), NewHistogram()
	for i := 1; i <= 500; i++ {
		d := time.Duration(i) * 37 * time.Microsecond
		all.Record(d)
		if i%3 == 0 {
			a.Record(d)
		} else {
			b.Record(d)
		}
	}
	merged := NewHistogram()
	merged.Merge(a)
	merged.Merge(NewHistogram()) // an empty one changes nothing
	merged.Merge(b)
	if merged.Count() != 500 || merged.Min() != 37*time.Microsecond || merged.Max() != 500*37*time.Microsecond {
		t.Fatalf("merged count/min/max = %d/%v/%v", merged.Count(), merged.Min(), merged.Max())
	}
	if want := 250*37*time.Microsecond + 37*time.Microsecond/2; merged.Mean() != want {
		t.Fatalf("Mean = %v, want %v", merged.Mean(), want)
	}
	for _, q := range []float64{0.01, 0.5, 0.9, 0.99, 0.999} {
		if merged.Quantile(q) != all.Quantile(q) {
			t.Errorf("q=%v: merged %v, recorded at once %v", q, merged.Quantile(q), all.Quantile(q))
		}
	}
}

func TestRecordNegativeIsZero(t *testing.T) {
	h := NewHistogram()
	h.Record(-time.Second)
	if h.Count() != 1 || h.Max() != 0 || h.Quantile(1) != 0 {
		t.Fatalf("after a negative record: count %d max %v p100 %v", h.Count(), h.Max(), h.Quantile(1))
	}
}
