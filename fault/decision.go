package fault

import (
	"net/http"
	"net/url"
	"time"
)

// Request is what the engine needs to know of a vendor request.
type Request struct {
	Vendor string // VendorSegura or VendorAppgate
	Route  string // a Route* name; "" for a path no route serves
	Method string
	Path   string
	DN     string // the percent-decoded DN of the path; "" when none
	Client string // the authenticated client id or username; "" when unknown
	Header http.Header
	Query  url.Values // for __code, __delay, __fault and __hold
}

// Decision is what to do with one request. The zero Decision is "answer
// normally, now".
type Decision struct {
	// Delay is the time to wait before answering.
	Delay time.Duration
	// Bandwidth caps the body in bytes per second; 0 is no cap.
	Bandwidth int64
	// Status, when not 0, is the status (300-599) to answer with, with the
	// vendor's error body for it, instead of the normal answer.
	Status int
	// Message replaces the vendor's default message of Status or of the
	// gateway-timeout answer; "" keeps it.
	Message string
	// Fault, when not "", breaks the answer (Status is then 0).
	Fault Kind
	// Hold is how long Fault lasts (see Action.Hold), with the default
	// filled in; 0 for faults that do not last.
	Hold time.Duration
	// Rules are the ids of the rules that fired, in order, followed by
	// SourcePrefer and SourceQuery when a preference took effect.
	Rules []string
	// AnsweredBy names what chose Status or Fault: the id of a rule, or
	// SourcePrefer or SourceQuery; "" when neither is set.
	AnsweredBy string
	// Applied are the preferences that took effect, as name=value, for
	// the Preference-Applied response header: the Prefer header's, then
	// the query parameters' under the same names (__code=503 is
	// code=503).
	Applied []string
}

// Zero reports whether d changes nothing about the answer.
func (d Decision) Zero() bool {
	return d.Delay == 0 && d.Bandwidth == 0 && d.Status == 0 && d.Fault == ""
}

// Decide counts req against every rule and returns what to do with it.
// The error, for a malformed Prefer header or __ query parameter, names
// the culprit; the request then counts for no rule. Decide takes no lock:
// it looks only at the rules that may match req's vendor and route, in
// the rule set current when it starts, and counts with atomic adds.
func (e *Engine) Decide(req Request) (Decision, error) {
	header, err := ParsePrefer(req.Header["Prefer"]) // canonical, as net/http stores it
	if err != nil {
		return Decision{}, err
	}
	query, _, err := ParseQuery(req.Query)
	if err != nil {
		return Decision{}, err
	}
	q := request{Request: &req}
	var d Decision
	e.set.Load().candidates(req.Vendor, req.Route, func(st *ruleState) bool {
		if !st.disabled.Load() && st.match.matches(&q) {
			d.count(st)
		}
		return true
	})
	d.applyPreferences(header, query)
	return d, nil
}

// count counts a request the rule matched and, when the rule fires for
// it, adds the rule's action to d.
func (d *Decision) count(st *ruleState) {
	r := &st.rule
	n := st.count.Add(1)
	if !r.When.holds(st.key, n) {
		return
	}
	d.Rules = append(d.Rules, r.ID)
	a := &r.Action
	if !a.Latency.IsZero() {
		u1, u2 := uniform(st.key, n, drawLatency1), uniform(st.key, n, drawLatency2)
		d.Delay = addDelay(d.Delay, a.Latency.Draw(u1, u2))
	}
	if a.Bandwidth > 0 && (d.Bandwidth == 0 || a.Bandwidth < d.Bandwidth) {
		d.Bandwidth = a.Bandwidth
	}
	if d.Status == 0 && d.Fault == "" && (a.Status != 0 || a.Fault != "") {
		d.setAnswer(a.Status, a.Message, a.Fault, time.Duration(a.Hold))
	}
}

// holds reports whether the conditions hold for the n-th matching request
// of the rule with the given key.
func (w *When) holds(key, n uint64) bool {
	switch {
	case w.Every > 0 && n%uint64(w.Every) != 0:
		return false
	case w.First > 0 && n > uint64(w.First):
		return false
	case w.After > 0 && n <= uint64(w.After):
		return false
	case w.Probability != nil && !(uniform(key, n, drawProbability) < *w.Probability):
		return false
	}
	return true
}

// addDelay adds without overflowing or passing MaxDelay.
func addDelay(a, b time.Duration) time.Duration {
	return min(a+min(b, MaxDelay), MaxDelay)
}

// setAnswer makes the fault or status of a rule the answer. A rule calls
// it right after its id joins d.Rules, so the last id is the rule's; a
// preference names itself afterwards (see applyPreferences).
func (d *Decision) setAnswer(status int, message string, fault Kind, hold time.Duration) {
	d.Status, d.Message, d.Fault, d.Hold = status, message, fault, 0
	d.AnsweredBy = ""
	if (status != 0 || fault != "") && len(d.Rules) > 0 {
		d.AnsweredBy = d.Rules[len(d.Rules)-1]
	}
	if fault.UsesHold() {
		d.Hold = hold
		if hold == 0 {
			d.Hold = fault.DefaultHold()
		}
	}
}

// applyPreferences lays the request's own preferences over the rules'
// decision: the query's over the header's, field by field, a code or a
// fault replacing the rules' answer, a delay adding to theirs.
func (d *Decision) applyPreferences(header, query Preference) {
	var fromHeader, fromQuery prefSet
	pick := func(bits prefSet) (Preference, bool) {
		switch {
		case query.given&bits != 0:
			fromQuery |= query.given & bits
			return query, true
		case header.given&bits != 0:
			fromHeader |= header.given & bits
			return header, true
		}
		return Preference{}, false
	}
	if p, ok := pick(prefAnswer); ok {
		switch {
		case p.given&prefFault != 0:
			d.setAnswer(0, "", p.Fault, 0)
		case p.Code < 300:
			d.setAnswer(0, "", "", 0) // Prism's meaning: the normal answer
		default:
			d.setAnswer(p.Code, "", "", 0)
		}
		if d.Status != 0 || d.Fault != "" {
			d.AnsweredBy = SourcePrefer
			if query.given&prefAnswer != 0 {
				d.AnsweredBy = SourceQuery
			}
		}
	}
	if p, ok := pick(prefDelay); ok {
		d.Delay = addDelay(d.Delay, p.Delay)
	}
	if d.Fault.UsesHold() {
		if p, ok := pick(prefHold); ok {
			d.Hold = p.Hold
			if d.Hold == 0 {
				d.Hold = d.Fault.DefaultHold()
			}
		}
	}
	if fromHeader != 0 {
		d.Rules = append(d.Rules, SourcePrefer)
		d.Applied = header.applied(fromHeader)
	}
	if fromQuery != 0 {
		d.Rules = append(d.Rules, SourceQuery)
		// The query says what Prefer says, so the answer reports it the
		// same way: __code=503 is applied as code=503.
		d.Applied = append(d.Applied, query.applied(fromQuery)...)
	}
}
