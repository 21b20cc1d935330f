package contracttest

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"

	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/wire"
)

// The response-level checks judge every answer of the run to a request to the
// vendor API, each exchange against one rule.

// exchangeRule judges one exchange: applies is false when the rule has
// nothing to say about it (it is left out of the evidence).
type exchangeRule func(ctx context.Context, r *runner, ex *exchange) (applies bool, vs []Violation)

// exchangeRules are the rules of the response-level checks, by check ID.
var exchangeRules = map[string]exchangeRule{
	CheckNoServerError:         ruleNoServerError,
	CheckStatusDocumented:      ruleStatusDocumented,
	CheckContentTypeDocumented: ruleContentType,
	CheckSchemaValid:           ruleSchemaValid,
	CheckLatencyBudget:         ruleLatency,
	CheckSeguraEnvelope:        ruleSeguraEnvelope,
	CheckSeguraRelease:         ruleSeguraRelease,
}

// arrivalRules are judged as each answer arrives rather than when their
// check runs: they need the answer's kept document, which a run beyond its
// memory bound lets go of.
var arrivalRules = []string{CheckSchemaValid, CheckSeguraEnvelope, CheckSeguraRelease}

func commonCheck(id string) checkFunc {
	switch id {
	case CheckNoServerError:
		return eachExchange(id, wording{"request", "requests", "all got an answer below 500", "a 5xx or no answer"})
	case CheckStatusDocumented:
		return eachExchange(id, wording{"answer to a documented operation", "answers to documented operations",
			"all have a documented status", "a status the document does not list"})
	case CheckContentTypeDocumented:
		return eachExchange(id, wording{"answer with a body", "answers with a body",
			"all labelled with a documented media type", "a media type the document does not list"})
	case CheckSchemaValid:
		return eachExchange(id, wording{"body", "bodies", "all valid against their schema", "not valid against the schema"})
	case CheckSeguraEnvelope:
		return eachExchange(id, wording{"answer in the envelope", "answers in the envelope",
			"all with flags that agree with each other and the status", "flags that disagree"})
	case CheckSeguraRelease:
		return func(ctx context.Context, r *runner) (Result, error) {
			w := wording{"successful answer", "successful answers", "all with the tenant of release 4", "not the tenant of release 4"}
			if r.t.SeguraRelease == seguraReleaseLegacy {
				w.pass, w.fail = "all with the shapes of release 3", "not the shapes of release 3"
			}
			return eachExchange(id, w)(ctx, r)
		}
	case CheckLatencyBudget:
		return func(ctx context.Context, r *runner) (Result, error) {
			if r.o.LatencyBudget <= 0 {
				return skipped("no latency budget was set"), nil
			}
			budget := r.o.LatencyBudget.String()
			return eachExchange(id, wording{"answer", "answers", "all within " + budget, "slower than " + budget})(ctx, r)
		}
	}
	return nil
}

// wording names what a response-level check counts and says how it went.
type wording struct{ one, many, pass, fail string }

// eachExchange applies the rule of check id to every exchange made so far.
func eachExchange(id string, w wording) checkFunc {
	return func(ctx context.Context, r *runner) (Result, error) {
		var ev []Evidence
		judged, bad := 0, 0
		for _, ex := range r.exchanges {
			if _, notSent := ex.skipReason(); notSent {
				continue
			}
			v := r.verdict(ctx, id, ex)
			if !v.applies {
				continue
			}
			judged++
			if len(v.vs) > 0 {
				bad++
			}
			ev = append(ev, r.evidence(ex, len(v.vs) == 0, v.vs...))
		}
		switch {
		case judged == 0:
			return skipped(fmt.Sprintf("no %s to judge", w.one), ev...), nil
		case bad > 0:
			return failed(fmt.Sprintf("%d of %s: %s", bad, plural(judged, w.one, w.many), w.fail), ev...), nil
		}
		return passed(fmt.Sprintf("%s judged, %s", plural(judged, w.one, w.many), w.pass), ev...), nil
	}
}

func ruleNoServerError(_ context.Context, _ *runner, ex *exchange) (bool, []Violation) {
	if !ex.answered() {
		return true, []Violation{transportViolation(ex)}
	}
	if ex.status >= 500 && !(ex.methodProbe && ex.status == http.StatusNotImplemented) {
		return true, []Violation{statusViolation("a status below 500", ex.status)}
	}
	return true, nil
}

// unlabelledRefusal reports whether ex is a refusal of the undocumented
// method whose body does not claim to be JSON: a front server's page, which
// the vendor's documents say nothing about.
func unlabelledRefusal(ex *exchange) bool {
	return ex.methodProbe && ex.status >= 400 && !openapi.IsJSON(ex.header.Get("Content-Type"))
}

// route finds the documented operation of ex, by the path as the document
// spells it whatever the base URL's own path.
func (r *runner) route(ex *exchange) (*routers.Route, *http.Request, bool) {
	u, err := url.Parse(ex.docPath)
	if err != nil {
		return nil, nil, false
	}
	req := &http.Request{Method: ex.method, URL: u, Header: ex.call.header.Clone()}
	if req.Header == nil {
		req.Header = http.Header{}
	}
	route, _, err := r.val.FindRoute(req)
	if err != nil {
		return nil, req, false
	}
	return route, req, true
}

// listed returns the response route lists for status itself (an exact code
// or its class, such as 4XX), leaving out the document's catch-all default.
func listed(route *routers.Route, status int) *openapi3.Response {
	if route == nil || route.Operation == nil || route.Operation.Responses == nil {
		return nil
	}
	if ref := route.Operation.Responses.Status(status); ref != nil {
		return ref.Value
	}
	return nil
}

// documented returns the response whose body the document gives for status:
// the one listed, or for another error status the catch-all default, which
// describes the vendor's error bodies whatever the status.
func documented(route *routers.Route, status int) *openapi3.Response {
	if resp := listed(route, status); resp != nil || status < 400 {
		return resp
	}
	if ref := route.Operation.Responses.Default(); ref != nil {
		return ref.Value
	}
	return nil
}

func ruleStatusDocumented(_ context.Context, r *runner, ex *exchange) (bool, []Violation) {
	if !ex.answered() {
		return false, nil
	}
	route, _, ok := r.route(ex)
	if !ok {
		return false, nil // an undocumented request has no documented statuses
	}
	if listed(route, ex.status) != nil {
		return true, nil
	}
	var codes []string
	for code := range route.Operation.Responses.Map() {
		if code != "default" {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	return true, []Violation{statusViolation(fmt.Sprintf("one of %v", codes), ex.status)}
}

func ruleContentType(_ context.Context, r *runner, ex *exchange) (bool, []Violation) {
	if !ex.answered() || !ex.hasBody() || unlabelledRefusal(ex) {
		return false, nil
	}
	ct := ex.header.Get("Content-Type")
	want := []string{"application/json"}
	if route, _, ok := r.route(ex); ok {
		if resp := documented(route, ex.status); resp != nil && len(resp.Content) > 0 {
			want = want[:0]
			for mt := range resp.Content {
				want = append(want, mt)
			}
			slices.Sort(want)
		}
	}
	media, _, err := mime.ParseMediaType(ct)
	switch {
	case err == nil && slices.Contains(want, media):
		return true, nil
	case openapi.IsJSON(ct) && slices.Contains(want, "application/json"):
		return true, nil
	}
	got := fmt.Sprintf("%q", ct)
	if ct == "" {
		got = "no Content-Type"
	}
	return true, []Violation{{In: "header", Pointer: "Content-Type", Expected: fmt.Sprintf("%v (or another JSON media type)", want), Got: got}}
}

func ruleSchemaValid(ctx context.Context, r *runner, ex *exchange) (bool, []Violation) {
	if !ex.answered() || ex.scan.truncated || unlabelledRefusal(ex) {
		return false, nil
	}
	route, req, ok := r.route(ex)
	if !ok {
		return r.fallbackShape(ex)
	}
	resp := documented(route, ex.status)
	if resp == nil || len(resp.Content) == 0 {
		return false, nil // status-documented reports the status; there is no schema to hold the body to
	}
	if !ex.hasBody() {
		return true, []Violation{{In: "body", Expected: "a JSON body", Got: "an empty body"}}
	}
	if v, bad := bodyViolation(ex); bad {
		return true, []Violation{v}
	}
	// The body is held to the schema whatever its label, so that a wrong
	// Content-Type is reported once, by content-type-documented.
	h := ex.header.Clone()
	h.Set("Content-Type", "application/json")
	body := ex.body
	if r.t.SeguraRelease == seguraReleaseLegacy {
		if filled, ok := legacyFilled(ex); ok {
			body = filled
		}
	}
	if err := r.val.ValidateResponse(ctx, req, ex.status, h, body); err != nil {
		return true, schemaViolations(err)
	}
	return true, nil
}

// fallbackShape holds the error answer to an undocumented request (TRACE,
// a route the document does not describe) to the shapes the vendor's
// errors take. An empty body is fine: nothing in the documents says what
// such an answer carries; nor do they say what a success carries.
func (r *runner) fallbackShape(ex *exchange) (bool, []Violation) {
	if !ex.hasBody() || ex.status < 400 {
		return false, nil
	}
	if v, bad := bodyViolation(ex); bad {
		return true, []Violation{v}
	}
	components := map[string][]string{
		wire.Segura:  {"KongError", "ErrorEnvelope"},
		wire.Appgate: {"Error"},
	}[r.t.Vendor]
	var best []Violation
	for _, c := range components {
		err := r.val.ValidateSchema(c, ex.body)
		if err == nil {
			return true, nil
		}
		if vs := schemaViolations(err); best == nil || len(vs) < len(best) {
			best = vs
		}
	}
	return true, best
}

// roundDuration keeps three significant digits or so: 12ms, 1.5s, 840µs.
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}

func ruleLatency(_ context.Context, r *runner, ex *exchange) (bool, []Violation) {
	if !ex.answered() {
		return false, nil
	}
	if ex.duration > r.o.LatencyBudget {
		return true, []Violation{{In: "transport", Expected: fmt.Sprintf("an answer within %v", r.o.LatencyBudget),
			Got: roundDuration(ex.duration).String()}}
	}
	return true, nil
}
