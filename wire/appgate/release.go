package appgate

import (
	"fmt"
	"strings"
)

// Release is an appliance release and the peer API version it speaks.
type Release struct {
	Appliance   string // "6.6"
	PeerVersion int    // 23
}

// supportedBefore is how many versions below its own a controller still
// serves: 6.7 (24) serves 22 to 24.
const supportedBefore = 2

// LowestPeerVersion is the oldest API version a controller of the release
// serves.
func (r Release) LowestPeerVersion() int { return r.PeerVersion - supportedBefore }

// Releases returns the releases known, oldest first. The vendor publishes
// versions up to 25; 6.8 is its release by the pattern of the others.
func Releases() []Release {
	return []Release{{"6.3", 20}, {"6.4", 21}, {"6.5", 22}, {"6.6", 23}, {"6.7", 24}, {"6.8", 25}}
}

// LookupRelease finds an appliance release by name ("6.6"; a leading "v"
// is allowed).
func LookupRelease(appliance string) (Release, error) {
	name := strings.TrimPrefix(strings.TrimSpace(appliance), "v")
	for _, r := range Releases() {
		if r.Appliance == name {
			return r, nil
		}
	}
	rs := Releases()
	return Release{}, fmt.Errorf("appliance release %q is unknown (want %s to %s)",
		appliance, rs[0].Appliance, rs[len(rs)-1].Appliance)
}

// ReleaseOf finds the release whose own API version is v.
func ReleaseOf(v int) (Release, bool) {
	for _, r := range Releases() {
		if r.PeerVersion == v {
			return r, true
		}
	}
	return Release{}, false
}
