package appgate

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
		{[]string{"application/vnd.appgate.peer-v0023+json"}, 23, true},
		{[]string{"application/vnd.appgate.peer-v+json"}, 0, false},
		{[]string{"application/vnd.appgate.peer-vx1+json"}, 0, false},
		{[]string{"application/vnd.appgate.peer-v99999+json"}, 0, false},
		{[]string{"application/vnd.appgate.peer-v23"}, 0, false},
		{[]string{"*/*"}, 0, false},
		{nil, 0, false},
	}
	for _, tc := range cases {
		got, found := ParsePeerAccept(tc.values)
		if got != tc.want || found != tc.found {
			t.Errorf("ParsePeerAccept(%q) = %d, %v; want %d, %v", tc.values, got, found, tc.want, tc.found)
		}
	}
}

func TestPeerMediaTypeRoundTrip(t *testing.T) {
	t.Parallel()
	for _, v := range []int{0, 5, 23, 9999} {
		mt := PeerMediaType(v)
		if got, ok := ParsePeerMediaType(mt); !ok || got != v {
			t.Errorf("ParsePeerMediaType(%q) = %d, %v; want %d", mt, got, ok, v)
		}
	}
	if got := PeerMediaType(23); got != "application/vnd.appgate.peer-v23+json" {
		t.Errorf("PeerMediaType(23) = %q", got)
	}
}

func TestNegotiate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		accept  string
		version int
		ok      bool
	}{
		{"application/vnd.appgate.peer-v21+json", 21, true},
		{"application/vnd.appgate.peer-v23+json", 23, true},
		{"application/vnd.appgate.peer-v20+json", 20, false},
		{"application/vnd.appgate.peer-v24+json", 24, false},
		{"application/json", 0, false},
	}
	for _, tc := range cases {
		v, ok := Negotiate([]string{tc.accept}, 21, 23)
		if v != tc.version || ok != tc.ok {
			t.Errorf("Negotiate(%q, 21, 23) = %d, %v; want %d, %v", tc.accept, v, ok, tc.version, tc.ok)
		}
	}
}

func FuzzParsePeerAccept(f *testing.F) {
	for _, s := range []string{"application/vnd.appgate.peer-v23+json", "application/json, */*;q=0.1",
		"application/vnd.appgate.peer-v+json", ",,,;", "application/vnd.appgate.peer-v0023+json"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, found := ParsePeerAccept([]string{s})
		if found && (v < 0 || v > 9999) {
			t.Errorf("version %d out of range for %q", v, s)
		}
		if !found && v != 0 {
			t.Errorf("version %d reported without a match for %q", v, s)
		}
		if found {
			if back, ok := ParsePeerMediaType(PeerMediaType(v)); !ok || back != v {
				t.Errorf("version %d of %q does not survive PeerMediaType", v, s)
			}
		}
	})
}
