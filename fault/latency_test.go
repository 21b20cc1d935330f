package fault

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

const ms = time.Millisecond

func TestParseLatency(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Latency
		str     string
		wantErr string
	}{
		{"", Latency{}, "0", ""},
		{"0", Latency{}, "0", ""},
		{"0ms", Latency{}, "0", ""},
		{"50ms", Fixed(50 * ms), "50ms", ""},
		{" 50 ", Fixed(50 * ms), "50ms", ""},
		{"1.5s", Fixed(1500 * ms), "1.5s", ""},
		{"20ms-200ms", Uniform(20*ms, 200*ms), "20ms-200ms", ""},
		{"20 - 200", Uniform(20*ms, 200*ms), "20ms-200ms", ""},
		{"0-1s", Uniform(0, time.Second), "0s-1s", ""},
		{"100ms-100ms", Fixed(100 * ms), "100ms", ""},
		{"normal(100ms,20ms)", Normal(100*ms, 20*ms), "normal(100ms,20ms)", ""},
		{"Normal( 100ms , 20ms )", Normal(100*ms, 20*ms), "normal(100ms,20ms)", ""},
		{"normal(100ms,0)", Fixed(100 * ms), "100ms", ""},
		{"lognormal(100ms,0.5)", LogNormal(100*ms, 0.5), "lognormal(100ms,0.5)", ""},
		{"log-normal(2s, 1)", LogNormal(2*time.Second, 1), "lognormal(2s,1)", ""},
		{"lognormal(100ms,0)", Fixed(100 * ms), "100ms", ""},

		{"fast", Latency{}, "", `latency "fast": want 50ms, 20ms-200ms, normal(100ms,20ms) or lognormal(100ms,0.5)`},
		{"-5ms", Latency{}, "", `latency "-5ms": delay -5ms is negative`},
		{"2h", Latency{}, "", `latency "2h": delay 2h is above the 1h0m0s limit`},
		{"200ms-20ms", Latency{}, "", `latency "200ms-20ms": lower bound 200ms is above upper bound 20ms`},
		{"20ms-", Latency{}, "", `latency "20ms-": upper bound is missing`},
		{"20ms-x", Latency{}, "", `latency "20ms-x": upper bound "x" is not a duration (such as 2s or 500ms) or a number of milliseconds`},
		{"-5ms-10ms", Latency{}, "", `latency "-5ms-10ms": lower bound -5ms is negative`},
		{"normal(100ms)", Latency{}, "", `latency "normal(100ms)": normal takes 2 arguments, mean and standard deviation, as in normal(100ms,20ms); got 1`},
		{"normal(100ms,20ms", Latency{}, "", `latency "normal(100ms,20ms": missing closing parenthesis`},
		{"normal(,20ms)", Latency{}, "", `latency "normal(,20ms)": mean is missing`},
		{"normal(1s,-1s)", Latency{}, "", `latency "normal(1s,-1s)": standard deviation -1s is negative`},
		{"lognormal(0,0.5)", Latency{}, "", `latency "lognormal(0,0.5)": median must be above 0`},
		{"lognormal(1s,x)", Latency{}, "", `latency "lognormal(1s,x)": sigma "x" is not a number`},
		{"lognormal(1s,NaN)", Latency{}, "", `latency "lognormal(1s,NaN)": sigma "NaN" is not a number`},
		{"lognormal(1s,11)", Latency{}, "", `latency "lognormal(1s,11)": sigma 11 is not between 0 and 10`},
		{"lognormal(1s,-1)", Latency{}, "", `latency "lognormal(1s,-1)": sigma -1 is not between 0 and 10`},
		{"pareto(1s,2)", Latency{}, "", `latency "pareto(1s,2)": unknown model "pareto" (want 50ms, 20ms-200ms, normal(100ms,20ms) or lognormal(100ms,0.5))`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseLatency(tt.in)
			if errText(err) != tt.wantErr {
				t.Fatalf("ParseLatency(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if got != tt.want {
				t.Errorf("ParseLatency(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
			if s := got.String(); s != tt.str {
				t.Errorf("String() = %q, want %q", s, tt.str)
			}
			back, err := ParseLatency(got.String())
			if err != nil || back != got {
				t.Errorf("ParseLatency(String()) = %#v, %v; want %#v", back, err, got)
			}
		})
	}
}

func TestLatencyConstructorsClamp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  Latency
		want string
	}{
		{"negative fixed", Fixed(-time.Second), "0"},
		{"swapped uniform", Uniform(2*time.Second, time.Second), "1s-2s"},
		{"huge fixed", Fixed(100 * time.Hour), "1h0m0s"},
		{"negative sigma", LogNormal(time.Second, -3), "1s"},
		{"huge sigma", LogNormal(time.Second, 50), "lognormal(1s,10)"},
		{"NaN sigma", LogNormal(time.Second, math.NaN()), "1s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if s := tt.got.String(); s != tt.want {
				t.Errorf("String() = %q, want %q", s, tt.want)
			}
		})
	}
}

func TestLatencyDraw(t *testing.T) {
	t.Parallel()
	// gauss(u1, 0) = sqrt(-2 ln(1-u1)); u1 = 1-e^-0.5 makes it exactly 1.
	one := -math.Expm1(-0.5)
	tests := []struct {
		name   string
		l      Latency
		u1, u2 float64
		want   time.Duration
	}{
		{"none", Latency{}, 0.7, 0.2, 0},
		{"fixed ignores the numbers", Fixed(50 * ms), 0.99, 0.01, 50 * ms},
		{"uniform low end", Uniform(20*ms, 200*ms), 0, 0.5, 20 * ms},
		{"uniform middle", Uniform(20*ms, 200*ms), 0.5, 0.9, 110 * ms},
		{"uniform clamps u above 1", Uniform(20*ms, 200*ms), 7, 0, 200 * ms},
		{"uniform NaN is 0", Uniform(20*ms, 200*ms), math.NaN(), 0, 20 * ms},
		{"normal at one sd", Normal(100*ms, 20*ms), one, 0, 120 * ms},
		{"normal at minus one sd", Normal(100*ms, 20*ms), one, 0.5, 80 * ms},
		{"normal clamps at 0", Normal(10*ms, 100*ms), one, 0.5, 0},
		{"lognormal at the median", LogNormal(100*ms, 0.5), 0, 0.3, 100 * ms},
		{"lognormal at one sigma", LogNormal(100*ms, 0.5), one, 0, time.Duration(float64(100*ms) * math.Exp(0.5))},
		{"lognormal capped", LogNormal(time.Minute, 10), 0.999999, 0, MaxDelay},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.l.Draw(tt.u1, tt.u2)
			if d := got - tt.want; d < -time.Microsecond || d > time.Microsecond {
				t.Errorf("Draw(%v, %v) = %v, want %v", tt.u1, tt.u2, got, tt.want)
			}
			if again := tt.l.Draw(tt.u1, tt.u2); again != got {
				t.Errorf("Draw is not deterministic: %v then %v", got, again)
			}
		})
	}
}

// samples draws n delays from l with the engine's hash stream.
func samples(l Latency, n int) []float64 {
	out := make([]float64, n)
	key := ruleKey(42, "stats")
	for i := range out {
		u1, u2 := uniform(key, uint64(i+1), drawLatency1), uniform(key, uint64(i+1), drawLatency2)
		out[i] = float64(l.Draw(u1, u2)) / float64(ms)
	}
	return out
}

func TestLatencySampleStatistics(t *testing.T) {
	t.Parallel()
	const n = 20000
	mean := func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	median := func(xs []float64) float64 {
		s := slices.Clone(xs)
		slices.Sort(s)
		return s[len(s)/2]
	}
	stddev := func(xs []float64) float64 {
		m, s := mean(xs), 0.0
		for _, x := range xs {
			s += (x - m) * (x - m)
		}
		return math.Sqrt(s / float64(len(xs)-1))
	}
	tests := []struct {
		name     string
		l        Latency
		stat     func([]float64) float64
		lo, hi   float64 // milliseconds
		minBound float64
		maxBound float64
	}{
		{"uniform mean", Uniform(20*ms, 200*ms), mean, 105, 115, 20, 200},
		{"normal mean", Normal(100*ms, 20*ms), mean, 98, 102, 0, math.Inf(1)},
		{"normal stddev", Normal(100*ms, 20*ms), stddev, 18, 22, 0, math.Inf(1)},
		{"lognormal median", LogNormal(100*ms, 0.5), median, 95, 105, 0, math.Inf(1)},
		{"lognormal mean is above the median", LogNormal(100*ms, 0.5), mean, 108, 118, 0, math.Inf(1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			xs := samples(tt.l, n)
			if got := tt.stat(xs); got < tt.lo || got > tt.hi {
				t.Errorf("%s = %.2fms, want between %v and %v", tt.name, got, tt.lo, tt.hi)
			}
			for _, x := range xs {
				if x < tt.minBound || x > tt.maxBound {
					t.Fatalf("draw %vms outside [%v, %v]", x, tt.minBound, tt.maxBound)
				}
			}
		})
	}
}

func TestLatencyJSON(t *testing.T) {
	var a Action
	if err := json.Unmarshal([]byte(`{"latency":"normal(1s,100ms)"}`), &a); err != nil || a.Latency != Normal(time.Second, 100*ms) {
		t.Fatalf("decode string: %v, %v", a.Latency, err)
	}
	if err := json.Unmarshal([]byte(`{"latency":75}`), &a); err != nil || a.Latency != Fixed(75*ms) {
		t.Fatalf("decode number: %v, %v", a.Latency, err)
	}
	err := json.Unmarshal([]byte(`{"latency":"soon"}`), &a)
	if want := `latency "soon": want 50ms, 20ms-200ms, normal(100ms,20ms) or lognormal(100ms,0.5)`; errText(err) != want {
		t.Errorf("decode bad: %v, want %q", err, want)
	}
	b, _ := json.Marshal(Action{Latency: Uniform(ms, 2*ms), Status: 500})
	if want := `{"status":500,"latency":"1ms-2ms"}`; string(b) != want {
		t.Errorf("Marshal = %s, want %s", b, want)
	}
	b, _ = json.Marshal(Action{Status: 500})
	if want := `{"status":500}`; string(b) != want {
		t.Errorf("Marshal without latency = %s, want %s", b, want)
	}
}

func FuzzParseLatency(f *testing.F) {
	for _, s := range []string{"", "0", "50ms", "20ms-200ms", "normal(100ms,20ms)", "lognormal(100ms,0.5)",
		"-", "--", "(", ")", "normal(", "lognormal(1s,1e309)", "9223372036854775807", "1h-2h", "1ns"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLatency(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "latency ") {
				t.Fatalf("error %q does not start with latency", err)
			}
			return
		}
		back, err := ParseLatency(l.String())
		if err != nil || back != l {
			t.Fatalf("%q: String() %q reads back as %#v, %v", s, l.String(), back, err)
		}
		for _, u := range []float64{0, 0.5, 0.999999} {
			if d := l.Draw(u, u); d < 0 || d > MaxDelay {
				t.Fatalf("%q: Draw(%v) = %v", s, u, d)
			}
		}
	})
}
