package appgate

import (
	"strconv"
	"strings"
)

// The peer media type, application/vnd.appgate.peer-vNN+json, names the
// API version a request asks for in its Accept header.
const (
	peerMediaPrefix = "application/vnd.appgate.peer-v"
	peerMediaSuffix = "+json"
)

// maxVersionDigits bounds the digits of a version in a media type; no
// release comes near four.
const maxVersionDigits = 4

// PeerMediaType returns the media type of API version v,
// "application/vnd.appgate.peer-v23+json" for 23.
func PeerMediaType(v int) string {
	return peerMediaPrefix + strconv.Itoa(v) + peerMediaSuffix
}

// ParsePeerMediaType reads the version of one media range. Case, spaces
// and parameters (";q=0.9") do not matter. ok is false when the range is
// not a peer media type with a version of one to four digits.
func ParsePeerMediaType(s string) (version int, ok bool) {
	media, _, _ := strings.Cut(s, ";")
	media = strings.ToLower(strings.TrimSpace(media))
	if !strings.HasPrefix(media, peerMediaPrefix) || !strings.HasSuffix(media, peerMediaSuffix) ||
		len(media) < len(peerMediaPrefix)+len(peerMediaSuffix) {
		return 0, false
	}
	digits := media[len(peerMediaPrefix) : len(media)-len(peerMediaSuffix)]
	if digits == "" || len(digits) > maxVersionDigits || strings.TrimLeft(digits, "0123456789") != "" {
		return 0, false
	}
	n, _ := strconv.Atoi(digits)
	return n, true
}

// ParsePeerAccept finds the API version a request asks for in its Accept
// header values. Values may hold several comma-separated media ranges; the
// first peer media type wins. found is false when none names a version.
func ParsePeerAccept(values []string) (version int, found bool) {
	for _, v := range values {
		for r := range strings.SplitSeq(v, ",") {
			if n, ok := ParsePeerMediaType(r); ok {
				return n, true
			}
		}
	}
	return 0, false
}

// Negotiate reports the version an Accept header asks for and whether a
// controller supporting lowest to highest serves it. A request that names
// no version, or one outside the range, earns the 406 of NotAcceptable.
func Negotiate(accept []string, lowest, highest int) (version int, ok bool) {
	v, found := ParsePeerAccept(accept)
	return v, found && v >= lowest && v <= highest
}
