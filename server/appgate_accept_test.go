package server

import "testing"

func TestParsePeerAccept(t *testing.T) {
	t.Parallel()
	cases := []struct {
		values []string
		want   int
		found  bool
	}{
		{[]string{"application/vnd.appgate.peer-v23+json"}, 23, true},
		{[]string{"application/json", "application/vnd.appgate.peer-v22+json"}, 22, true},
		{[]string{"application/json, application/vnd.appgate.peer-v21+json;q=0.9"}, 21, true},
		{[]string{"Application/Vnd.Appgate.Peer-V18+JSON"}, 18, true},
		{[]string{" application/vnd.appgate.peer-v5+json "}, 5, true},
		{[]string{"application/vnd.appgate.peer-v+json"}, 0, false},
		{[]string{"application/vnd.appgate.peer-vx1+json"}, 0, false},
		{[]string{"application/vnd.appgate.peer-v99999+json"}, 0, false},
		{[]string{"application/vnd.appgate.peer-v23"}, 0, false},
		{[]string{"*/*"}, 0, false},
		{nil, 0, false},
	}
	for _, tc := range cases {
		got, found := parsePeerAccept(tc.values)
		if got != tc.want || found != tc.found {
			t.Errorf("parsePeerAccept(%q) = %d, %v; want %d, %v", tc.values, got, found, tc.want, tc.found)
		}
	}
}

func FuzzParsePeerAccept(f *testing.F) {
	for _, s := range []string{"application/vnd.appgate.peer-v23+json", "application/json, */*;q=0.1",
		"application/vnd.appgate.peer-v+json", ",,,;", "application/vnd.appgate.peer-v0023+json"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, found := parsePeerAccept([]string{s})
		if found && (v < 0 || v > 9999) {
			t.Errorf("version %d out of range for %q", v, s)
		}
		if !found && v != 0 {
			t.Errorf("version %d reported without a match for %q", v, s)
		}
	})
}
