package contracttest

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseDevice(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		host string
		port int
		err  string
	}{
		{"10.66.33.15:3389", "10.66.33.15", 3389, ""},
		{"db01.example:22", "db01.example", 22, ""},
		{"[2001:db8::1]:22", "[2001:db8::1]", 22, ""},
		{"10.0.0.1:65535", "10.0.0.1", 65535, ""},
		{"10.0.0.1", "", 0, "no :port"},
		{":22", "", 0, "no host"},
		{"host:", "", 0, "not a number"},
		{"host:ssh", "", 0, "not a number"},
		{"host:0", "", 0, "outside 1-65535"},
		{"host:70000", "", 0, "outside 1-65535"},
		{"host:123456", "", 0, "not a number"},
	}
	for _, tt := range tests {
		host, port, err := parseDevice(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("parseDevice(%q) error = %v, want one containing %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || host != tt.host || port != tt.port {
			t.Errorf("parseDevice(%q) = %q, %d, %v", tt.in, host, port, err)
		}
	}
}

func decodeRecords(t *testing.T, s string) []any {
	t.Helper()
	var v []any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSeguraRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		rule        recordRule
		records     string
		judged, bad int
		pointer     string
	}{
		{"time holds", seguraTimeRule(),
			`[{"start":"2024-05-06 16:05:07","end":"2024-05-06 16:07:59","time":"00:02:52"}]`, 1, 0, ""},
		{"time over midnight", seguraTimeRule(),
			`[{"start":"2024-05-06 23:59:00","end":"2024-05-07 00:01:00","time":"00:02:00"}]`, 1, 0, ""},
		{"time wrong", seguraTimeRule(),
			`[{},{"start":"2024-05-06 16:05:07","end":"2024-05-06 16:07:59","time":"00:02:51"}]`, 1, 1, "/remote_sessions/1/time"},
		{"end before start", seguraTimeRule(),
			`[{"start":"2024-05-06 16:07:59","end":"2024-05-06 16:05:07","time":"00:02:52"}]`, 1, 1, "/remote_sessions/0/end"},
		{"time malformed is not judged", seguraTimeRule(),
			`[{"start":"2024-05-06T16:05:07Z","end":"2024-05-06 16:07:59","time":"00:02:52"},{"time":3}]`, 0, 0, ""},
		{"session ids hold", seguraSessionIDRule(),
			`[{"session_id":"e7acacb6aedbab70073456da5744166939b77527"},{"session_id":"c819cbc5f2fad2065f1d132a22d0e2dfacccb228"}]`, 2, 0, ""},
		{"session id too short", seguraSessionIDRule(),
			`[{"session_id":"e7acacb6aedbab70073456da5744166939b7752"}]`, 1, 1, "/remote_sessions/0/session_id"},
		{"session id repeated", seguraSessionIDRule(),
			`[{"session_id":"e7acacb6aedbab70073456da5744166939b77527"},{"session_id":"e7acacb6aedbab70073456da5744166939b77527"}]`, 2, 1, "/remote_sessions/1/session_id"},
		{"session id absent is not judged", seguraSessionIDRule(), `[{"id":"1"},"not an object"]`, 0, 0, ""},
		{"device holds", seguraDeviceRule(), `[{"device":"10.66.33.15:3389"},{"device":"web:8443"}]`, 2, 0, ""},
		{"device without port", seguraDeviceRule(), `[{"device":"10.66.33.15"}]`, 1, 1, "/remote_sessions/0/device"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			judged, bad, vs := tt.rule.judge(decodeRecords(t, tt.records))
			if judged != tt.judged || bad != tt.bad || len(vs) != tt.bad {
				t.Fatalf("judged %d, bad %d, %d violations; want %d, %d", judged, bad, len(vs), tt.judged, tt.bad)
			}
			if tt.pointer != "" && vs[0].Pointer != tt.pointer {
				t.Errorf("pointer %q, want %q", vs[0].Pointer, tt.pointer)
			}
			for _, v := range vs {
				if v.Expected == "" || v.Got == "" || v.In != "body" {
					t.Errorf("incomplete violation %+v", v)
				}
			}
		})
	}
}

func TestCapViolations(t *testing.T) {
	vs := make([]Violation, maxViolations+5)
	got := capViolations(vs)
	if len(got) != maxViolations+1 || got[maxViolations].Got != "5 more" {
		t.Errorf("capped to %d, last %+v", len(got), got[len(got)-1])
	}
	if len(capViolations(vs[:3])) != 3 {
		t.Error("a short list was changed")
	}
}
