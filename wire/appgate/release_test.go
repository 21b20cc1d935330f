package appgate

import (
	"strings"
	"testing"
)

func TestReleases(t *testing.T) {
	t.Parallel()
	rs := Releases()
	if rs[0] != (Release{"6.3", 20}) || rs[len(rs)-1] != (Release{"6.8", 25}) {
		t.Fatalf("releases %v", rs)
	}
	for i := 1; i < len(rs); i++ {
		if rs[i].PeerVersion != rs[i-1].PeerVersion+1 {
			t.Errorf("versions of %v and %v are not consecutive", rs[i-1], rs[i])
		}
	}
	r, err := LookupRelease("6.7")
	if err != nil || r.PeerVersion != 24 || r.LowestPeerVersion() != 22 {
		t.Fatalf("LookupRelease(6.7) = %+v, %v", r, err)
	}
	if r, err := LookupRelease(" v6.6 "); err != nil || r.PeerVersion != 23 || r.LowestPeerVersion() != 21 {
		t.Fatalf("LookupRelease(v6.6) = %+v, %v", r, err)
	}
	for _, bad := range []string{"", "6.2", "7.0", "6.66", "six"} {
		_, err := LookupRelease(bad)
		if err == nil || !strings.Contains(err.Error(), "want 6.3 to 6.8") {
			t.Errorf("LookupRelease(%q) error %v", bad, err)
		}
	}
	if r, ok := ReleaseOf(22); !ok || r.Appliance != "6.5" {
		t.Errorf("ReleaseOf(22) = %+v, %v", r, ok)
	}
	if _, ok := ReleaseOf(19); ok {
		t.Error("ReleaseOf(19) found a release")
	}
}
