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

// discoverVersion finds the peer API version as the vendor's tools do: ask
// POST /login with a version far too old and read maxSupportedVersion from
// the 406, or else read GET /version.
func (r *runner) discoverVersion(ctx context.Context) error {
	if r.t.AcceptVersion > 0 {
		r.version, r.versionSource = r.t.AcceptVersion, "given"
		return nil
	}
	probe := appgateLoginCall("discover the API version (peer-v5 on purpose, as the vendor's tools do)", probeVersion,
		loginBody{ProviderName: r.t.Provider, DeviceID: contractDeviceID})
	ex, err := r.send(ctx, probe)
	if err != nil {
		return err
	}
	if ex.answered() && ex.status == http.StatusNotAcceptable {
		if obj, err := decodeObject(ex.body); err == nil {
			hi, okHi := intField(obj, "maxSupportedVersion")
			lo, okLo := intField(obj, "minSupportedVersion")
			if okHi && hi > 0 && hi < 1000 {
				r.version, r.versionSource = int(hi), "406"
				if okLo {
					r.versionRange = [2]int{int(lo), int(hi)}
				}
				r.note("API version %d discovered from the 406 answer to %s with peer-v%d", hi, loginShown, probeVersion)
				return nil
			}
		}
	}
	vex, err := r.send(ctx, call{purpose: "read the API version", method: http.MethodGet, path: appgate.PathVersion,
		header: http.Header{"Accept": {"application/json"}}, contract: true})
	if err != nil {
		return err
	}
	if vex.answered() && vex.status == http.StatusOK {
		if obj, err := decodeObject(vex.body); err == nil {
			if v, ok := intField(obj, "peerVersion"); ok && v > 0 && v < 1000 {
				r.version, r.versionSource = int(v), "version"
				r.note("API version %d read from %s (%s with peer-v%d answered %s, not 406 with maxSupportedVersion)",
					v, versionShown, loginShown, probeVersion, describeAnswer(ex))
				return nil
			}
		}
	}
	return usageErr(fmt.Sprintf("could not discover the Appgate API version: %s with peer-v%d answered %s and %s answered %s; give the version with --accept-version",
		loginShown, probeVersion, describeAnswer(ex), versionShown, describeAnswer(vex)))
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

// discoverDNs asks a sessionmock for the names of its active sessions.
func (r *runner) discoverDNs(ctx context.Context) error {
	origin := url.URL{Scheme: r.base.Scheme, Host: r.base.Host, Path: mockapi.PathSessions}
	origin.RawQuery = url.Values{"vendor": {wire.Appgate}, "limit": {strconv.Itoa(r.o.MaxDNs)}}.Encode()
	ex, err := r.send(ctx, call{purpose: "discover DNs from a sessionmock", method: http.MethodGet,
		absolute: origin.String(), header: http.Header{"Accept": {"application/json"}}})
	if err != nil {
		return err
	}
	const noDN = "no --dn was given, and "
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
		r.dnReason = noDN + "the sessionmock has no Appgate sessions"
		return nil
	}
	r.note("%s discovered from GET %s", plural(len(r.dns), "DN", "DNs"), mockapi.PathSessions)
	return nil
}
