package contracttest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// What the Appgate checks need to find out before they run: the peer API
// version to send, and the distinguished names of active sessions.

// maxSaneVersion bounds the versions read from a server's answers.
const maxSaneVersion = 999

// discoverVersion finds the peer API version as the vendor's tools do: ask
// POST /login with a version far too old and read maxSupportedVersion from
// the 406, or else read GET /version. A server that fails both (5xx, no
// answer) leaves the version 0: the run goes on for version-discovery to
// report it. One that answers both without a version is probably not a
// controller: that is a usage error.
func (r *runner) discoverVersion(ctx context.Context) error {
	if r.t.AcceptVersion > 0 {
		r.version, r.versionSource = r.t.AcceptVersion, "given"
		return nil
	}
	ex, err := r.send(ctx, r.versionProbeCall(appgate.PathLogin, loginShown))
	if err != nil {
		return err
	}
	r.ag.probe = ex
	if lo, hi, ok := range406(ex); ok {
		r.version, r.versionSource = hi, "406"
		r.versionRange = [2]int{lo, hi}
		r.note("API version %d discovered from the 406 answer to %s with peer-v%d", hi, loginShown, probeVersion)
		return nil
	}
	vex, err := r.send(ctx, versionCall())
	if err != nil {
		return err
	}
	r.ag.versionEx = vex
	if lo, peer, ok := versionRange(vex); ok {
		r.version, r.versionSource = peer, "version"
		r.versionRange = [2]int{lo, peer}
		r.note("API version %d read from %s (%s with peer-v%d answered %s, not 406 with maxSupportedVersion)",
			peer, versionShown, loginShown, probeVersion, describeAnswer(ex))
		return nil
	}
	if _, stopped := unsent(ex, vex); stopped || serverFailed(ex) || serverFailed(vex) {
		r.ag.versionFailure = fmt.Sprintf("%s with peer-v%d answered %s and %s answered %s",
			loginShown, probeVersion, describeAnswer(ex), versionShown, describeAnswer(vex))
		r.note("no API version could be discovered: %s", r.ag.versionFailure)
		return nil
	}
	return usageErr(fmt.Sprintf("could not discover the Appgate API version: %s with peer-v%d answered %s and %s answered %s; "+
		"is the base URL the controller's Admin API (https://ctrl.example:8443/admin)? Or give the version with --accept-version",
		loginShown, probeVersion, describeAnswer(ex), versionShown, describeAnswer(vex)))
}

// versionProbeCall is the tools' probe: path with a version far too old
// and only a device id, so that no credentials travel.
func (r *runner) versionProbeCall(path, shown string) call {
	b := loginBody{ProviderName: r.t.Provider, DeviceID: contractDeviceID}
	return appgateCall(fmt.Sprintf("discover the API version (peer-v%d to %s on purpose, as the vendor's tools do)", probeVersion, shown),
		http.MethodPost, path, probeVersion, "", &b)
}

func versionCall() call {
	return appgateCall("read the API version", http.MethodGet, appgate.PathVersion, 0, "", nil)
}

// range406 reads the supported range of a 406 answer.
func range406(ex *exchange) (lo, hi int, ok bool) {
	return readRange(ex, http.StatusNotAcceptable, "minSupportedVersion", "maxSupportedVersion")
}

// versionRange reads the range of a GET /version answer.
func versionRange(ex *exchange) (lowest, peer int, ok bool) {
	return readRange(ex, http.StatusOK, "lowestPeerVersionSupported", "peerVersion")
}

// readRange reads a version range from an answer with status: the top
// must be there and sane; a bottom that is not is taken to be the top.
func readRange(ex *exchange, status int, loKey, hiKey string) (lo, hi int, ok bool) {
	if !ex.answered() || ex.status != status {
		return 0, 0, false
	}
	obj, err := ex.object()
	if err != nil {
		return 0, 0, false
	}
	l, okLo := intField(obj, loKey)
	h, okHi := intField(obj, hiKey)
	if !okHi || h <= 0 || h > maxSaneVersion {
		return 0, 0, false
	}
	if !okLo || l <= 0 || l > h {
		l = h
	}
	return int(l), int(h), true
}

// serverFailed reports an answer that blames the server: a 5xx, or none.
func serverFailed(ex *exchange) bool {
	if _, notSent := ex.skipReason(); notSent {
		return false
	}
	return !ex.answered() || ex.status >= 500
}

func describeAnswer(ex *exchange) string {
	if why, ok := ex.skipReason(); ok {
		return "nothing (" + why + ")"
	}
	if !ex.answered() {
		return "nothing (" + ex.err.Error() + ")"
	}
	return answerSummary(ex)
}

// discoverDNs finds names of active sessions: in the controller's list of
// active sessions, or else from a sessionmock's GET /__mock/sessions.
func (r *runner) discoverDNs(ctx context.Context) error {
	ex, err := r.activePage(ctx, 0, r.pageSize())
	if err != nil {
		return err
	}
	if items, ok := activeItems(ex); ok {
		for _, it := range items {
			dn, _ := stringField(it, "distinguishedName")
			if _, err := appgate.ParseDN(dn); err == nil && len(r.dns) < r.o.MaxDNs {
				r.dns = append(r.dns, dn)
			}
		}
		if len(r.dns) > 0 {
			r.ag.dnSource = "active sessions"
			r.note("%s read from %s", plural(len(r.dns), "DN", "DNs"), activeShown)
			return nil
		}
		if len(items) == 0 {
			r.ag.noSessions = true
			r.dnReason = "no --dn was given, and " + activeShown + " lists no active session"
			return nil
		}
	}
	return r.discoverMockDNs(ctx, ex)
}

func (r *runner) discoverMockDNs(ctx context.Context, listEx *exchange) error {
	origin := url.URL{Scheme: r.base.Scheme, Host: r.base.Host, Path: mockapi.PathSessions}
	origin.RawQuery = url.Values{"vendor": {wire.Appgate}, "limit": {strconv.Itoa(r.o.MaxDNs)}}.Encode()
	ex, err := r.send(ctx, call{purpose: "discover DNs from a sessionmock", method: http.MethodGet,
		absolute: origin.String(), header: http.Header{"Accept": {"application/json"}}})
	if err != nil {
		return err
	}
	noDN := "no --dn was given, " + activeShown + " answered " + describeAnswer(listEx) + ", and "
	r.ag.dnEx = listEx
	if !ex.answered() || ex.status != http.StatusOK {
		r.dnReason = noDN + "GET " + mockapi.PathSessions + " answered " + describeAnswer(ex) + ": the target is not a sessionmock"
		return nil
	}
	var page mockapi.Sessions[json.RawMessage, mockapi.ClientRef]
	if err := json.Unmarshal(ex.body, &page); err != nil || page.Appgate == nil {
		r.dnReason = noDN + "GET " + mockapi.PathSessions + " did not answer with a sessionmock's session list"
		return nil
	}
	for _, c := range page.Appgate.Clients {
		if _, err := appgate.ParseDN(c.DN); err == nil && len(r.dns) < r.o.MaxDNs {
			r.dns = append(r.dns, c.DN)
		}
	}
	if len(r.dns) == 0 {
		r.ag.noSessions = true
		r.dnReason = "no --dn was given, and the sessionmock has no Appgate sessions"
		return nil
	}
	r.ag.dnSource = "sessionmock"
	r.note("%s discovered from GET %s", plural(len(r.dns), "DN", "DNs"), mockapi.PathSessions)
	return nil
}
