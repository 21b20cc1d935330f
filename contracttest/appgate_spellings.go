package contracttest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// A distinguished name reaches the controller in many spellings: the
// official client escapes the commas, curl users send them raw, and the
// grammar allows attribute names in any case and the device id dashed.

type dnSpelling struct {
	name string
	path string // the path to send, escaped
}

func dnSpellings(dn appgate.DN) []dnSpelling {
	canonical := dn.String()
	// The escaped values, cut out of names whose other parts are known.
	user := strings.TrimSuffix(strings.TrimPrefix(appgate.DN{DeviceID: dn.DeviceID, Username: dn.Username, Provider: "p"}.String(),
		"CN="+dn.DeviceID+",CN="), ",OU=p")
	provider := strings.TrimPrefix(appgate.DN{DeviceID: dn.DeviceID, Username: "u", Provider: dn.Provider}.String(),
		"CN="+dn.DeviceID+",CN=u,OU=")
	lower := "cn=" + dn.DeviceID + ",cn=" + user + ",ou=" + provider
	dashed := "CN=" + dn.DeviceUUID() + ",CN=" + user + ",OU=" + provider
	var full strings.Builder
	for i := 0; i < len(canonical); i++ {
		fmt.Fprintf(&full, "%%%02X", canonical[i])
	}
	return []dnSpelling{
		{"raw commas", appgate.SessionInfoRoute.Path(strings.ReplaceAll(url.PathEscape(canonical), "%2C", ","))},
		{"commas as %2C", appgate.SessionInfoPath(canonical)},
		{"fully percent-encoded", appgate.SessionInfoRoute.Path(full.String())},
		{"lower-case attribute names", appgate.SessionInfoPath(lower)},
		{"dashed device id", appgate.SessionInfoPath(dashed)},
	}
}

func appgateDNSpellings(ctx context.Context, r *runner) (Result, error) {
	var base *exchange
	var dn appgate.DN
	for i, ex := range r.primary {
		if ex.answered() && ex.status == http.StatusOK && ex.body != nil {
			if d, err := appgate.ParseDN(r.dns[i]); err == nil {
				base, dn = ex, d
				break
			}
		}
	}
	if base == nil {
		if res, empty := r.noSessionResult(); empty {
			return res, nil
		}
		return r.nothing("no DN looked up answered 200 with a body to compare the spellings with", r.primary...), nil
	}
	want, err := base.object()
	if err != nil {
		return r.nothing("the session to compare with is "+err.Error(), base), nil
	}
	ev := []Evidence{r.evidence(base, true)}
	bad := 0
	for _, sp := range dnSpellings(dn) {
		c := appgateCall("session-info of "+dn.String()+" spelt with "+sp.name, http.MethodGet, sp.path, r.version, "Bearer "+r.token, nil)
		ex, stop, err := r.another(ctx, c)
		if err != nil || stop != nil {
			return deref(stop), err
		}
		vs := statusViolations(ex, http.StatusOK, "200 OK, as for the name spelt "+strconv.Quote(r.dns[indexOf(r.primary, base)]))
		if vs == nil {
			if got, err := ex.object(); err != nil {
				vs = append(vs, Violation{In: "body", Expected: "the same body", Got: err.Error()})
			} else if ptr, w, g, differ := firstDifference(want, got, nil); differ {
				vs = append(vs, Violation{In: "body", Pointer: ptr, Expected: w + " (as for the other spelling)", Got: g})
			}
		}
		if len(vs) > 0 {
			bad++
		}
		ev = append(ev, r.evidence(ex, len(vs) == 0, vs...))
	}
	if bad > 0 {
		return failed(fmt.Sprintf("%d of %d spellings of %s did not give the same session", bad, len(dnSpellings(dn)), dn), ev...), nil
	}
	return passed(fmt.Sprintf("all %d spellings of %s gave the same session", len(dnSpellings(dn)), dn), ev...), nil
}

func indexOf(exs []*exchange, ex *exchange) int {
	for i, e := range exs {
		if e == ex {
			return i
		}
	}
	return 0
}

// firstDifference finds where two decoded JSON values first differ, in
// key order, and describes both sides there.
func firstDifference(want, got any, path []string) (ptr, w, g string, differ bool) {
	switch wv := want.(type) {
	case map[string]any:
		gv, ok := got.(map[string]any)
		if !ok {
			break
		}
		keys := sortedKeys(wv)
		for _, k := range sortedKeys(gv) {
			if _, ok := wv[k]; !ok {
				keys = append(keys, k)
			}
		}
		for _, k := range keys {
			sub := append(append([]string(nil), path...), k)
			a, okA := wv[k]
			b, okB := gv[k]
			switch {
			case !okA:
				return openapi.JSONPointer(sub), "nothing", describeValue(b), true
			case !okB:
				return openapi.JSONPointer(sub), describeValue(a), "nothing", true
			}
			if p, x, y, d := firstDifference(a, b, sub); d {
				return p, x, y, d
			}
		}
		return "", "", "", false
	case []any:
		gv, ok := got.([]any)
		if !ok {
			break
		}
		if len(wv) != len(gv) {
			return openapi.JSONPointer(path), fmt.Sprintf("%d elements", len(wv)), fmt.Sprintf("%d elements", len(gv)), true
		}
		for i := range wv {
			if p, x, y, d := firstDifference(wv[i], gv[i], append(append([]string(nil), path...), strconv.Itoa(i))); d {
				return p, x, y, d
			}
		}
		return "", "", "", false
	}
	if reflect.DeepEqual(want, got) {
		return "", "", "", false
	}
	return openapi.JSONPointer(path), describeValue(want), describeValue(got), true
}
