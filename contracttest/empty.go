package contracttest

// nothing is the result of a check that should have judged something but
// got nothing to judge (the list never fetched, no record in the documented
// form, every name answered 404): a failure saying why, or a skip when the
// run allows it with Options.AllowEmpty. The exchanges are the answers that
// left it empty-handed.
func (r *runner) nothing(why string, exs ...*exchange) Result {
	var ev []Evidence
	for _, ex := range exs {
		if ex == nil {
			continue
		}
		if r.o.AllowEmpty {
			ev = append(ev, r.evidence(ex, true))
		} else {
			ev = append(ev, r.evidence(ex, false, gapViolation(ex)))
		}
	}
	if r.o.AllowEmpty {
		return skipped(why+"; nothing to judge, which --allow-empty accepts", ev...)
	}
	return failed(why+"; nothing to judge (--allow-empty accepts that)", ev...)
}

// gapViolation says what an answer that left a check nothing to judge
// lacked.
func gapViolation(ex *exchange) Violation {
	switch {
	case !ex.answered():
		return transportViolation(ex)
	case ex.status/100 != 2:
		return statusViolation("a 2xx answer with something to judge", ex.status)
	}
	if v, bad := bodyViolation(ex); bad {
		return v
	}
	if _, err := ex.object(); err != nil {
		return Violation{In: "body", Expected: "a JSON object", Got: err.Error()}
	}
	return Violation{In: "body", Expected: "something in the documented form to judge", Got: "nothing of the kind"}
}

// unsent is the skip of a check whose request was never sent (the cap,
// the deadline), or "" when ex was sent.
func unsent(exs ...*exchange) (Result, bool) {
	for _, ex := range exs {
		if ex == nil {
			continue
		}
		if why, ok := ex.skipReason(); ok {
			return skipped(why), true
		}
	}
	return Result{}, false
}
