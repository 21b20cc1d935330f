package contracttest

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// seguraDrop ends the session Target.Drop names, the one write the suite
// makes, and only when Options.AllowWrites says it may.
func seguraDrop(ctx context.Context, r *runner) (Result, error) {
	if !r.o.AllowWrites || r.t.Drop == "" {
		return skipped("writes are off: the suite drops a session only with --allow-writes --drop SESSION_ID"), nil
	}
	if r.token == "" {
		return r.nothing("no token to send with it: "+r.noTokenReason(), r.tokenEx), nil
	}
	c := seguraCall("drop session "+r.t.Drop+" (asked for with --allow-writes)", http.MethodDelete,
		seguraDropRoute.Path(url.PathEscape(r.t.Drop)), "Bearer "+r.token)
	wantMsg, wantPT := msgDropped, msgDroppedPT
	if r.t.SeguraRelease == seguraReleaseLegacy {
		wantMsg, wantPT = msgDroppedLegacy, msgDroppedLegacy
	}
	return r.probe(ctx, c, func(ex *exchange) (bool, string, []Violation) {
		if ex.status != http.StatusOK {
			return false, "the drop answered " + statusText(ex.status) + ", not 200", []Violation{statusViolation("200 OK", ex.status)}
		}
		obj, err := ex.object()
		if err != nil {
			return false, "the drop answer is " + err.Error(), []Violation{{In: "body", Expected: "the success envelope", Got: err.Error()}}
		}
		resp, _ := obj["response"].(map[string]any)
		var vs []Violation
		if m, _ := stringField(resp, "message"); m != wantMsg {
			vs = append(vs, Violation{In: "body", Pointer: "/response/message", Expected: strconv.Quote(wantMsg), Got: describeMissing(resp, "message")})
		}
		if m, _ := stringField(resp, "mensagem"); m != wantPT {
			vs = append(vs, Violation{In: "body", Pointer: "/response/mensagem", Expected: strconv.Quote(wantPT), Got: describeMissing(resp, "mensagem")})
		}
		if len(vs) > 0 {
			return false, "the drop answer lacks the vendor's success message", vs
		}
		return true, "200: " + wantMsg, nil
	})
}
