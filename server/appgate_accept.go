package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

const peerMediaPrefix, peerMediaSuffix = "application/vnd.appgate.peer-v", "+json"

func peerMediaType(version int) string {
	return peerMediaPrefix + strconv.Itoa(version) + peerMediaSuffix
}

// parsePeerAccept finds the Appgate API version a request asks for in its
// Accept header values ("application/vnd.appgate.peer-v23+json"). Media
// ranges may be comma-separated and carry parameters; the first peer media
// type wins. found is false when no value names a peer version.
func parsePeerAccept(values []string) (version int, found bool) {
	for _, v := range values {
		for _, r := range strings.Split(v, ",") {
			media, _, _ := strings.Cut(r, ";")
			media = strings.ToLower(strings.TrimSpace(media))
			if !strings.HasPrefix(media, peerMediaPrefix) || !strings.HasSuffix(media, peerMediaSuffix) {
				continue
			}
			digits := media[len(peerMediaPrefix) : len(media)-len(peerMediaSuffix)]
			if digits == "" || len(digits) > 4 || strings.TrimLeft(digits, "0123456789") != "" {
				continue
			}
			n, _ := strconv.Atoi(digits)
			return n, true
		}
	}
	return 0, false
}

// negotiate checks the Accept header of an Appgate request and answers the
// controller's 406 itself when the request names no supported version.
// Real tools rely on that answer: they send peer-v5 on purpose and read
// maxSupportedVersion from it.
func (s *Server) negotiate(w http.ResponseWriter, r *http.Request) (int, bool) {
	values := r.Header.Values("Accept")
	v, ok := parsePeerAccept(values)
	if ok && v >= s.cfg.LowestPeerVersion && v <= s.cfg.PeerVersion {
		return v, true
	}
	writeAppgateError(w, s.notAcceptable(strings.Join(values, ", ")))
	return 0, false
}

func (s *Server) notAcceptable(received string) AppgateError {
	e := AppgateErrorFor(http.StatusNotAcceptable)
	e.Message = fmt.Sprintf("Invalid 'Accept' header. Current version: %s, Received: %s",
		peerMediaType(s.cfg.PeerVersion), received)
	e.MinVersion, e.MaxVersion = s.cfg.LowestPeerVersion, s.cfg.PeerVersion
	return e
}
