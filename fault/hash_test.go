package fault

import "testing"

func TestUniformRangeAndIndependence(t *testing.T) {
	t.Parallel()
	k := ruleKey(1, "r1")
	tests := []struct {
		name string
		a, b float64
	}{
		{"other seed", uniform(k, 1, drawProbability), uniform(ruleKey(2, "r1"), 1, drawProbability)},
		{"other id", uniform(k, 1, drawProbability), uniform(ruleKey(1, "r2"), 1, drawProbability)},
		{"other n", uniform(k, 1, drawProbability), uniform(k, 2, drawProbability)},
		{"other purpose", uniform(k, 1, drawLatency1), uniform(k, 1, drawLatency2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.a == tt.b {
				t.Errorf("both draws are %v", tt.a)
			}
		})
	}
	if uniform(k, 7, drawLatency1) != uniform(ruleKey(1, "r1"), 7, drawLatency1) {
		t.Error("uniform is not a function of its arguments")
	}
	// Range and a coarse histogram: ten buckets of 10,000 draws each hold
	// 8% to 12% of them.
	var buckets [10]int
	const n = 100000
	for i := uint64(1); i <= n; i++ {
		u := uniform(k, i, drawProbability)
		if u < 0 || u >= 1 {
			t.Fatalf("uniform = %v, outside [0, 1)", u)
		}
		buckets[int(u*10)]++
	}
	for i, c := range buckets {
		if c < n*8/100 || c > n*12/100 {
			t.Errorf("bucket %d holds %d of %d draws", i, c, n)
		}
	}
}
