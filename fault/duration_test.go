package fault

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDurationJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    time.Duration
		wantErr string
	}{
		{`"1.5s"`, 1500 * time.Millisecond, ""},
		{`"250"`, 250 * time.Millisecond, ""},
		{`250`, 250 * time.Millisecond, ""},
		{`null`, 0, ""},
		{`"0"`, 0, ""},
		{`"-1s"`, 0, "duration -1s is negative"},
		{`"2h"`, 0, "duration 2h is above the 1h0m0s limit"},
		{`"soon"`, 0, `duration "soon" is not a duration (such as 2s or 500ms) or a number of milliseconds`},
		{`1.5`, 0, `duration "1.5" is not a duration (such as 2s or 500ms) or a number of milliseconds`},
		{`99999999999999999999`, 0, "duration 99999999999999999999ms is above the 1h0m0s limit"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var d Duration
			err := json.Unmarshal([]byte(tt.in), &d)
			if errText(err) != tt.wantErr {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
			if time.Duration(d) != tt.want {
				t.Errorf("got %v, want %v", time.Duration(d), tt.want)
			}
		})
	}
}

func TestDurationText(t *testing.T) {
	d := Duration(90 * time.Second)
	b, err := json.Marshal(d)
	if err != nil || string(b) != `"1m30s"` {
		t.Fatalf("Marshal = %s, %v; want \"1m30s\"", b, err)
	}
	var back Duration
	if err := json.Unmarshal(b, &back); err != nil || back != d {
		t.Errorf("round trip = %v, %v; want %v", back, err, d)
	}
	if !Duration(0).IsZero() || d.IsZero() {
		t.Error("IsZero is wrong")
	}
}
