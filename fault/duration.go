package fault

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MaxDelay bounds every delay, hold and drawn latency, so that no input
// can park a request for longer.
const MaxDelay = time.Hour

// Duration is a time.Duration written as a Go duration ("1.5s", "250ms")
// in JSON and YAML. A JSON number or a plain integer string is a number of
// milliseconds.
type Duration time.Duration

// String returns the Go duration form.
func (d Duration) String() string { return time.Duration(d).String() }

// IsZero lets `omitzero` and YAML's omitempty leave a zero Duration out.
func (d Duration) IsZero() bool { return d == 0 }

// MarshalText writes the Go duration form.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses a Go duration or an integer of milliseconds
// between 0 and MaxDelay.
func (d *Duration) UnmarshalText(b []byte) error {
	v, msg := parseDelay(string(b))
	if msg != "" {
		return fmt.Errorf("duration %s", msg)
	}
	*d = Duration(v)
	return nil
}

// UnmarshalJSON accepts a string (see UnmarshalText) or a number of
// milliseconds.
func (d *Duration) UnmarshalJSON(b []byte) error { return unmarshalJSONText(b, d) }

// unmarshalJSONText gives t the text of a JSON string, or a JSON number
// as written, which t reads as milliseconds; null leaves t as it is.
func unmarshalJSONText(b []byte, t encoding.TextUnmarshaler) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		return t.UnmarshalText([]byte(s))
	}
	return t.UnmarshalText(b)
}

// parseDelay parses a Go duration or a plain integer of milliseconds and
// returns the problem, with the value quoted, when there is one.
func parseDelay(s string) (time.Duration, string) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, "is empty (want a duration such as 2s or 500ms)"
	}
	if isDigits(t) {
		ms, err := strconv.ParseInt(t, 10, 64)
		if err != nil || ms > int64(MaxDelay/time.Millisecond) {
			return 0, fmt.Sprintf("%sms is above the %v limit", t, MaxDelay)
		}
		return time.Duration(ms) * time.Millisecond, ""
	}
	d, err := time.ParseDuration(t)
	if err != nil {
		return 0, fmt.Sprintf("%q is not a duration (such as 2s or 500ms) or a number of milliseconds", s)
	}
	if d < 0 {
		return 0, fmt.Sprintf("%s is negative", t)
	}
	if d > MaxDelay {
		return 0, fmt.Sprintf("%s is above the %v limit", t, MaxDelay)
	}
	return d, ""
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
