package contracttest

import (
	"fmt"

	"github.com/sessionmock/sessionmock/openapi"
)

// maxViolations bounds the violations listed for one exchange, as it
// bounds those of one validation: a list of thousands of records sharing
// one defect says no more with all of them.
const maxViolations = openapi.MaxViolations

// schemaViolations turns a validation error of package openapi into one
// Violation per schema problem, each with its JSON pointer.
func schemaViolations(err error) []Violation {
	vs, more := openapi.Violations(err)
	out := make([]Violation, 0, len(vs)+1)
	for _, v := range vs {
		out = append(out, Violation{In: "body", Pointer: v.Pointer(), Expected: v.Expected, Got: v.Got})
	}
	if more > 0 {
		out = append(out, furtherViolations(more))
	}
	return out
}

// capViolations keeps the first maxViolations of vs and counts the rest.
func capViolations(vs []Violation) []Violation {
	if len(vs) <= maxViolations {
		return vs
	}
	return append(vs[:maxViolations:maxViolations], furtherViolations(len(vs)-maxViolations))
}

func furtherViolations(n int) Violation {
	return Violation{In: "body", Expected: "no further violations", Got: fmt.Sprintf("%d more", n)}
}

// bodyViolation is the violation of a body that is not one JSON value,
// or that is beyond what the suite judges.
func bodyViolation(ex *exchange) (Violation, bool) {
	switch {
	case ex.scan.syntax != "":
		return Violation{In: "body", Expected: "one JSON document", Got: "a body that is not JSON (" + ex.scan.syntax + ")"}, true
	case ex.scan.bound != "":
		return Violation{In: "body", Expected: fmt.Sprintf("a body the suite can judge (nested at most %d deep, at most %d values and %d MiB once arrays are cut to %d elements)",
			maxJSONDepth, maxKeptValues, maxKeptBytes>>20, maxKeptItems), Got: "a body " + ex.scan.bound}, true
	}
	return Violation{}, false
}

// describeValue quotes a value short enough for a one-line report, as the
// validators do.
func describeValue(v any) string { return openapi.DescribeValue(v) }

// clip cuts s after n characters.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "..."
}
