package fault

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

type latencyModel uint8

const (
	latencyNone latencyModel = iota
	latencyFixed
	latencyUniform
	latencyNormal
	latencyLogNormal
)

// MaxSigma bounds the sigma of a log-normal latency: beyond it nearly all
// draws are either 0 or MaxDelay, which is never what was meant.
const MaxSigma = 10.0

// Latency is a delay model. Its text form (also its JSON and YAML form)
// is "50ms" (fixed), "20ms-200ms" (uniform), "normal(100ms,20ms)" (mean and
// standard deviation, clamped at 0) or "lognormal(100ms,0.5)" (median and
// sigma of the underlying normal). Plain integers are milliseconds. The
// zero Latency, written "0" or "", is no delay.
type Latency struct {
	model latencyModel
	// a is the fixed value, the lower bound, the mean or the median; b is
	// the upper bound or the standard deviation.
	a, b  time.Duration
	sigma float64
}

// Fixed returns a latency of exactly d (negative counts as 0).
func Fixed(d time.Duration) Latency {
	return normalizeLatency(Latency{model: latencyFixed, a: boundDelay(d)})
}

// Uniform returns a latency uniform between lo and hi, in either order.
func Uniform(lo, hi time.Duration) Latency {
	lo, hi = boundDelay(lo), boundDelay(hi)
	if lo > hi {
		lo, hi = hi, lo
	}
	return normalizeLatency(Latency{model: latencyUniform, a: lo, b: hi})
}

// Normal returns a normal latency, clamped at 0.
func Normal(mean, stddev time.Duration) Latency {
	return normalizeLatency(Latency{model: latencyNormal, a: boundDelay(mean), b: boundDelay(stddev)})
}

// LogNormal returns a log-normal latency: median times e^(sigma·Z) for a
// standard normal Z. sigma is clamped to [0, MaxSigma].
func LogNormal(median time.Duration, sigma float64) Latency {
	if !(sigma >= 0) {
		sigma = 0
	}
	return normalizeLatency(Latency{model: latencyLogNormal, a: boundDelay(median), sigma: min(sigma, MaxSigma)})
}

// normalizeLatency gives every model that always draws 0 the zero value,
// so that IsZero and == mean "no delay".
func normalizeLatency(l Latency) Latency {
	if l.a == 0 && (l.model != latencyUniform && l.model != latencyNormal || l.b == 0) {
		return Latency{}
	}
	if l.model == latencyLogNormal && l.sigma == 0 || l.model == latencyUniform && l.a == l.b || l.model == latencyNormal && l.b == 0 {
		return Latency{model: latencyFixed, a: l.a}
	}
	return l
}

// ParseLatency parses the text form of a Latency.
func ParseLatency(s string) (Latency, error) {
	l, msg := parseLatency(s)
	if msg != "" {
		return Latency{}, fmt.Errorf("latency %q: %s", s, msg)
	}
	return l, nil
}

const msgNoClosingParen = "missing closing parenthesis"

const latencyForms = "50ms, 20ms-200ms, normal(100ms,20ms) or lognormal(100ms,0.5)"

// parseLatency returns the problem without repeating the input.
func parseLatency(s string) (Latency, string) {
	t := strings.TrimSpace(s)
	if t == "" || t == "0" {
		return Latency{}, ""
	}
	if open := strings.IndexByte(t, '('); open >= 0 {
		return parseLatencyModel(t, open)
	}
	if i := strings.IndexByte(t[1:], '-'); i >= 0 {
		lo, msg := latencyPart(t[:i+1], "lower bound")
		if msg != "" {
			return Latency{}, msg
		}
		hi, msg := latencyPart(t[i+2:], "upper bound")
		if msg != "" {
			return Latency{}, msg
		}
		if lo > hi {
			return Latency{}, fmt.Sprintf("lower bound %v is above upper bound %v", lo, hi)
		}
		return normalizeLatency(Latency{model: latencyUniform, a: lo, b: hi}), ""
	}
	if _, err := time.ParseDuration(t); err != nil && !isDigits(t) {
		return Latency{}, "want " + latencyForms
	}
	d, msg := latencyPart(t, "delay")
	if msg != "" {
		return Latency{}, msg
	}
	return normalizeLatency(Latency{model: latencyFixed, a: d}), ""
}

func parseLatencyModel(t string, open int) (Latency, string) {
	name := strings.ToLower(strings.TrimSpace(t[:open]))
	if !strings.HasSuffix(t, ")") {
		return Latency{}, msgNoClosingParen
	}
	args := strings.Split(t[open+1:len(t)-1], ",")
	switch name {
	case "normal":
		if len(args) != 2 {
			return Latency{}, fmt.Sprintf("normal takes 2 arguments, mean and standard deviation, as in normal(100ms,20ms); got %d", len(args))
		}
		mean, msg := latencyPart(args[0], "mean")
		if msg != "" {
			return Latency{}, msg
		}
		sd, msg := latencyPart(args[1], "standard deviation")
		if msg != "" {
			return Latency{}, msg
		}
		return normalizeLatency(Latency{model: latencyNormal, a: mean, b: sd}), ""
	case "lognormal", "log-normal":
		if len(args) != 2 {
			return Latency{}, fmt.Sprintf("lognormal takes 2 arguments, median and sigma, as in lognormal(100ms,0.5); got %d", len(args))
		}
		median, msg := latencyPart(args[0], "median")
		if msg != "" {
			return Latency{}, msg
		}
		if median == 0 {
			return Latency{}, "median must be above 0"
		}
		sv := strings.TrimSpace(args[1])
		sigma, err := strconv.ParseFloat(sv, 64)
		if err != nil || math.IsNaN(sigma) || math.IsInf(sigma, 0) {
			return Latency{}, fmt.Sprintf("sigma %q is not a number", sv)
		}
		if sigma < 0 || sigma > MaxSigma {
			return Latency{}, fmt.Sprintf("sigma %s is not between 0 and %g", sv, MaxSigma)
		}
		return normalizeLatency(Latency{model: latencyLogNormal, a: median, sigma: sigma}), ""
	}
	return Latency{}, fmt.Sprintf("unknown model %q (want %s)", strings.TrimSpace(t[:open]), latencyForms)
}

// latencyPart parses one duration of a latency; what names it in errors.
func latencyPart(s, what string) (time.Duration, string) {
	if strings.TrimSpace(s) == "" {
		return 0, what + " is missing"
	}
	d, msg := parseDelay(s)
	if msg != "" {
		return 0, what + " " + msg
	}
	return d, ""
}

// String returns the text form, which ParseLatency reads back.
func (l Latency) String() string {
	switch l.model {
	case latencyFixed:
		return l.a.String()
	case latencyUniform:
		return l.a.String() + "-" + l.b.String()
	case latencyNormal:
		return "normal(" + l.a.String() + "," + l.b.String() + ")"
	case latencyLogNormal:
		return "lognormal(" + l.a.String() + "," + strconv.FormatFloat(l.sigma, 'g', -1, 64) + ")"
	}
	return "0"
}

// IsZero reports whether l never delays.
func (l Latency) IsZero() bool { return l.model == latencyNone }

// Draw turns two uniform numbers in [0, 1) into a delay, so the same
// numbers always give the same delay. Numbers outside [0, 1) are clamped.
// The result is between 0 and MaxDelay.
func (l Latency) Draw(u1, u2 float64) time.Duration {
	switch l.model {
	case latencyFixed:
		return l.a
	case latencyUniform:
		return clampDelay(float64(l.a) + unit(u1)*float64(l.b-l.a))
	case latencyNormal:
		return clampDelay(float64(l.a) + gauss(u1, u2)*float64(l.b))
	case latencyLogNormal:
		return clampDelay(float64(l.a) * math.Exp(l.sigma*gauss(u1, u2)))
	}
	return 0
}

// unit clamps u into [0, 1); NaN becomes 0.
func unit(u float64) float64 {
	if !(u > 0) {
		return 0
	}
	return min(u, math.Nextafter(1, 0))
}

// gauss is the Box-Muller transform: a standard normal from two uniforms.
func gauss(u1, u2 float64) float64 {
	r := math.Sqrt(-2 * math.Log1p(-unit(u1)))
	return r * math.Cos(2*math.Pi*unit(u2))
}

// boundDelay puts d between 0 and MaxDelay.
func boundDelay(d time.Duration) time.Duration { return min(max(d, 0), MaxDelay) }

// clampDelay bounds a drawn delay and rounds it to the microsecond, so
// that the last bits of floating-point functions, which may differ between
// processors, almost never change a delay.
func clampDelay(ns float64) time.Duration {
	switch {
	case !(ns > 0):
		return 0
	case ns >= float64(MaxDelay):
		return MaxDelay
	}
	return time.Duration(math.Round(ns/1e3)) * time.Microsecond
}

// MarshalText writes the text form.
func (l Latency) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText parses the text form.
func (l *Latency) UnmarshalText(b []byte) error {
	v, err := ParseLatency(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// UnmarshalJSON accepts the text form as a string, or a number of
// milliseconds.
func (l *Latency) UnmarshalJSON(b []byte) error { return unmarshalJSONText(b, l) }
