package fault

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseKind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Kind
		wantErr string
	}{
		{"", "", ""},
		{"timeout", Timeout, ""},
		{"gateway-timeout", GatewayTimeout, ""},
		{"reset", Reset, ""},
		{"empty", Empty, ""},
		{"malformed", Malformed, ""},
		{"slow", Slow, ""},
		{" Timeout ", Timeout, ""},
		{"RESET", Reset, ""},
		{"gateway_timeout", "", `fault "gateway_timeout" is unknown (want timeout, gateway-timeout, reset, empty, malformed or slow)`},
		{"none", "", `fault "none" is unknown (want timeout, gateway-timeout, reset, empty, malformed or slow)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseKind(tt.in)
			if errText(err) != tt.wantErr {
				t.Fatalf("ParseKind(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseKind(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestKindProperties(t *testing.T) {
	t.Parallel()
	tests := []struct {
		k     Kind
		valid bool
		holds bool
		def   time.Duration
	}{
		{"", true, false, 0},
		{Timeout, true, true, 60 * time.Second},
		{GatewayTimeout, true, true, 60 * time.Second},
		{Slow, true, true, 10 * time.Second},
		{Reset, true, false, 0},
		{Empty, true, false, 0},
		{Malformed, true, false, 0},
		{"Timeout", false, false, 0},
		{"bogus", false, false, 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.k), func(t *testing.T) {
			if got := tt.k.Valid(); got != tt.valid {
				t.Errorf("Valid() = %v, want %v", got, tt.valid)
			}
			if got := tt.k.UsesHold(); got != tt.holds {
				t.Errorf("UsesHold() = %v, want %v", got, tt.holds)
			}
			if got := tt.k.DefaultHold(); got != tt.def {
				t.Errorf("DefaultHold() = %v, want %v", got, tt.def)
			}
		})
	}
	if got := len(Kinds()); got != 6 {
		t.Errorf("Kinds() has %d entries, want 6", got)
	}
}

func TestKindJSON(t *testing.T) {
	var a Action
	if err := json.Unmarshal([]byte(`{"fault":"Slow"}`), &a); err != nil || a.Fault != Slow {
		t.Errorf("decode Slow: fault %q, error %v", a.Fault, err)
	}
	err := json.Unmarshal([]byte(`{"fault":"melt"}`), &a)
	if want := `fault "melt" is unknown (want timeout, gateway-timeout, reset, empty, malformed or slow)`; errText(err) != want {
		t.Errorf("decode melt: error %v, want %q", err, want)
	}
}

// errText returns the error's text, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
