package contracttest

import (
	"context"
	"fmt"
	"net/http"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

// The Admin API is versioned by the Accept header: every call but
// GET /version names a peer API version, a version outside the range the
// controller supports earns 406 with that range, and the tools discover the
// range from that 406.

// maxPeerVersions bounds the versions of the range peer-versions sends.
const maxPeerVersions = 8

func appgateVersionDiscovery(ctx context.Context, r *runner) (Result, error) {
	probe := r.ag.probe
	if probe == nil {
		ex, err := r.send(ctx, r.versionProbeCall(appgate.PathLogin, loginShown))
		if err != nil {
			return Result{}, err
		}
		probe, r.ag.probe = ex, ex
		if lo, hi, ok := range406(ex); ok && r.versionRange[1] == 0 {
			r.versionRange = [2]int{lo, hi}
		}
	}
	if s, ok := unsent(probe); ok {
		return s, nil
	}
	ev := []Evidence{}
	var vs []Violation
	reason := ""
	lo, hi, okRange := range406(probe)
	switch {
	case !probe.answered():
		vs = append(vs, transportViolation(probe))
		reason = "the probe got no answer"
	case probe.status != http.StatusNotAcceptable:
		vs = append(vs, statusViolation("406 Not Acceptable", probe.status))
		reason = fmt.Sprintf("peer-v%d got %s, not 406", probeVersion, statusText(probe.status))
	default:
		obj, err := probe.object()
		if err != nil {
			vs = append(vs, Violation{In: "body", Expected: "a JSON object with minSupportedVersion and maxSupportedVersion", Got: err.Error()})
			break
		}
		vs = append(vs, rangeViolations(obj)...)
		if len(vs) == 0 && r.version > 0 && (r.version < lo || r.version > hi) {
			vs = append(vs, Violation{In: "body", Expected: fmt.Sprintf("a range that holds version %d, which the other requests use", r.version),
				Got: fmt.Sprintf("%d to %d", lo, hi)})
		}
		reason = "the 406 names no usable range"
	}
	ev = append(ev, r.evidence(probe, len(vs) == 0, vs...))
	if len(vs) > 0 {
		if r.ag.versionEx != nil {
			ev = append(ev, r.evidence(r.ag.versionEx, r.version > 0))
		}
		return failed(reason, ev...), nil
	}
	// The version used is accepted wherever it went.
	var refused []*exchange
	for _, ex := range append([]*exchange{r.tokenEx}, r.primary...) {
		if ex != nil && ex.answered() && ex.status == http.StatusNotAcceptable {
			refused = append(refused, ex)
		}
	}
	for _, ex := range refused {
		ev = append(ev, r.evidence(ex, false, Violation{In: "status",
			Expected: fmt.Sprintf("version %d accepted (it lies in the range %d to %d)", r.version, lo, hi), Got: statusText(ex.status)}))
	}
	if len(refused) > 0 {
		return failed(fmt.Sprintf("version %d, from the advertised range, was refused with 406", r.version), ev...), nil
	}
	if !okRange {
		return failed("the 406 names no usable range", ev...), nil
	}
	return passed(fmt.Sprintf("peer-v%d got 406 naming versions %d to %d; version %d is accepted", probeVersion, lo, hi, r.version), ev...), nil
}

// rangeViolations holds a 406 body to its range fields.
func rangeViolations(obj map[string]any) []Violation {
	_, _, vs := orderedPair(obj, "minSupportedVersion", "maxSupportedVersion")
	return vs
}

// orderedPair reads two integer fields, the first at most the second.
func orderedPair(obj map[string]any, loKey, hiKey string) (lo, hi int64, vs []Violation) {
	n, vs := intFields(obj, loKey, hiKey)
	if len(vs) == 0 && n[0] > n[1] {
		vs = append(vs, Violation{In: "body", Pointer: "/" + loKey, Expected: fmt.Sprintf("at most %s %d", hiKey, n[1]), Got: fmt.Sprint(n[0])})
	}
	return n[0], n[1], vs
}

func appgateVersionEndpoint(ctx context.Context, r *runner) (Result, error) {
	vex := r.ag.versionEx
	if vex == nil {
		ex, err := r.send(ctx, versionCall())
		if err != nil {
			return Result{}, err
		}
		vex, r.ag.versionEx = ex, ex
	}
	return r.judgeOne(vex, func(ex *exchange) (bool, string, []Violation) {
		obj, vs := okObject(ex)
		if vs != nil {
			return false, versionShown + " did not answer 200 with an object", vs
		}
		low, peer, vs := orderedPair(obj, "lowestPeerVersionSupported", "peerVersion")
		if lo, hi, ok := range406OfRun(r); ok && len(vs) == 0 {
			if int(peer) != hi {
				vs = append(vs, Violation{In: "body", Pointer: "/peerVersion", Expected: fmt.Sprintf("%d (maxSupportedVersion of the 406)", hi), Got: fmt.Sprint(peer)})
			}
			if int(low) != lo {
				vs = append(vs, Violation{In: "body", Pointer: "/lowestPeerVersionSupported", Expected: fmt.Sprintf("%d (minSupportedVersion of the 406)", lo), Got: fmt.Sprint(low)})
			}
		}
		if len(vs) > 0 {
			return false, versionShown + " does not give the range the controller serves", vs
		}
		return true, fmt.Sprintf("200: versions %d to %d", low, peer), nil
	}), nil
}

// range406OfRun is the range a 406 of the run named, if one did.
func range406OfRun(r *runner) (lo, hi int, ok bool) {
	if r.ag.probe != nil {
		return range406(r.ag.probe)
	}
	return 0, 0, false
}

func appgateAcceptVersion(ctx context.Context, r *runner) (Result, error) {
	if r.token == "" {
		return r.nothing("no token to send with it: "+r.noTokenReason(), r.tokenEx), nil
	}
	wrong := probeVersion
	if hi := r.versionRange[1]; hi > 0 {
		wrong = hi + 1
	}
	c := appgateInfoCall(fmt.Sprintf("session-info with API version %d, outside the advertised range", wrong),
		http.MethodGet, r.sessionDN(), wrong, "Bearer "+r.token)
	return r.probe(ctx, c, func(ex *exchange) (bool, string, []Violation) {
		if ex.status != http.StatusNotAcceptable {
			return false, fmt.Sprintf("Accept: %s got %s, not 406", appgate.PeerMediaType(wrong), statusText(ex.status)),
				[]Violation{statusViolation("406 Not Acceptable", ex.status)}
		}
		obj, err := ex.object()
		if err != nil {
			return false, "the 406 body is " + err.Error(),
				[]Violation{{In: "body", Expected: "a JSON object with minSupportedVersion and maxSupportedVersion", Got: err.Error()}}
		}
		if vs := rangeViolations(obj); len(vs) > 0 {
			return false, "406 without a usable supported version range", vs
		}
		lo, _ := intField(obj, "minSupportedVersion")
		hi, _ := intField(obj, "maxSupportedVersion")
		return true, fmt.Sprintf("version %d refused with 406 naming versions %d to %d", wrong, lo, hi), nil
	})
}

func appgateAcceptJSON(ctx context.Context, r *runner) (Result, error) {
	if r.token == "" {
		return r.nothing("no token to send with it: "+r.noTokenReason(), r.tokenEx), nil
	}
	c := appgateInfoCall("session-info with Accept: application/json", http.MethodGet, r.sessionDN(), 0, "Bearer "+r.token)
	return r.probe(ctx, c, func(ex *exchange) (bool, string, []Violation) {
		if ex.status != http.StatusNotAcceptable {
			return false, "Accept: application/json got " + statusText(ex.status) + ", not 406",
				[]Violation{statusViolation("406 Not Acceptable", ex.status)}
		}
		return true, "refused with 406", nil
	})
}

func appgatePeerVersions(ctx context.Context, r *runner) (Result, error) {
	lo, hi := r.versionRange[0], r.versionRange[1]
	if hi == 0 {
		return skipped("the advertised range is not known: no 406 or " + versionShown + " named it"), nil
	}
	// The versions are asked with a name whose answer to the version used
	// is known: a session's, else the made-up one's.
	dn, base := unknownDN(r.t.Provider), r.unknownEx
	for i, ex := range r.primary {
		if ex.answered() && ex.status == http.StatusOK {
			dn, base = r.dns[i], ex
			break
		}
	}
	if base == nil || !base.answered() {
		return r.nothing("no session-info answered with version "+fmt.Sprint(r.version)+" to compare with", base, r.tokenEx), nil
	}
	var versions []int
	for v := hi; v >= lo && len(versions) < maxPeerVersions; v-- {
		if v != r.version {
			versions = append(versions, v)
		}
	}
	if len(versions) == 0 {
		return passed(fmt.Sprintf("the range holds only version %d, which the run uses", r.version), r.evidence(base, true)), nil
	}
	ev := []Evidence{r.evidence(base, true)}
	bad := 0
	for _, v := range versions {
		ex, stop, err := r.another(ctx, appgateInfoCall(fmt.Sprintf("session-info with API version %d of the range", v),
			http.MethodGet, dn, v, "Bearer "+r.token))
		if err != nil || stop != nil {
			return deref(stop), err
		}
		vs := statusViolations(ex, base.status, fmt.Sprintf("%s, as version %d gets", statusText(base.status), r.version))
		if len(vs) > 0 {
			bad++
		}
		ev = append(ev, r.evidence(ex, len(vs) == 0, vs...))
	}
	if bad > 0 {
		return failed(fmt.Sprintf("%d of %s of the advertised range %d to %d not answered as version %d", bad,
			plural(len(versions), "version", "versions"), lo, hi, r.version), ev...), nil
	}
	return passed(fmt.Sprintf("every version from %d to %d answered as version %d", max(lo, hi-maxPeerVersions+1), hi, r.version), ev...), nil
}
