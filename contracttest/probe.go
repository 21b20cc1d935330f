package contracttest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// judge decides about one answered exchange: whether it is what the contract
// says, a one-line reason, and the violations when it is not.
type judge func(ex *exchange) (ok bool, reason string, vs []Violation)

// probe sends c and judges the answer.
func (r *runner) probe(ctx context.Context, c call, j judge) (Result, error) {
	ex, err := r.send(ctx, c)
	if err != nil {
		return Result{}, err
	}
	return r.judgeOne(ex, j), nil
}

// another sends one of the several requests a check makes: it returns the
// exchange, or the result to end the check with when the request was never
// sent (the cap, the deadline).
func (r *runner) another(ctx context.Context, c call) (*exchange, *Result, error) {
	ex, err := r.send(ctx, c)
	if err != nil {
		return nil, nil, err
	}
	if s, ok := unsent(ex); ok {
		return nil, &s, nil
	}
	return ex, nil, nil
}

// statusViolations is the violation of an answer that did not come, or
// that has another status than want (expected says what was wanted).
func statusViolations(ex *exchange, want int, expected string) []Violation {
	switch {
	case !ex.answered():
		return []Violation{transportViolation(ex)}
	case ex.status != want:
		return []Violation{statusViolation(expected, ex.status)}
	}
	return nil
}

// judgeOne turns the judgement of ex into a result: skipped when ex was never
// sent, failed when no answer came.
func (r *runner) judgeOne(ex *exchange, j judge) Result {
	if why, ok := ex.skipReason(); ok {
		return skipped(why)
	}
	if !ex.answered() {
		return failed(fmt.Sprintf("%s %s got no answer: %v", ex.method, ex.purpose, ex.err),
			r.evidence(ex, false, transportViolation(ex)))
	}
	ok, reason, vs := j(ex)
	if ok {
		return passed(reason, r.evidence(ex, true))
	}
	return failed(reason, r.evidence(ex, false, vs...))
}

func transportViolation(ex *exchange) Violation {
	return Violation{In: "transport", Expected: "an HTTP answer", Got: ex.err.Error()}
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return fmt.Sprint(code)
}

func statusViolation(expected string, got int) Violation {
	return Violation{In: "status", Expected: expected, Got: statusText(got)}
}

// decodeObject decodes body as one JSON object, keeping numbers exact.
func decodeObject(body []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("not one JSON value: data follows it")
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not a JSON object but %s", describeValue(v))
	}
	return obj, nil
}

// okObject decodes the object of a 200 answer, or gives the violation of
// an answer that is not one.
func okObject(ex *exchange) (map[string]any, []Violation) {
	if ex.status != http.StatusOK {
		return nil, []Violation{statusViolation("200 OK", ex.status)}
	}
	obj, err := ex.object()
	if err != nil {
		return nil, []Violation{{In: "body", Expected: "a JSON object", Got: err.Error()}}
	}
	return obj, nil
}

// intFields reads the integer fields of obj, with a violation for each
// that is not one.
func intFields(obj map[string]any, keys ...string) ([]int64, []Violation) {
	out := make([]int64, len(keys))
	var vs []Violation
	for i, k := range keys {
		n, ok := intField(obj, k)
		if !ok {
			vs = append(vs, Violation{In: "body", Pointer: "/" + k, Expected: "an integer", Got: describeMissing(obj, k)})
		}
		out[i] = n
	}
	return out, vs
}

// stringField returns obj[key] when it is a string.
func stringField(obj map[string]any, key string) (string, bool) {
	s, ok := obj[key].(string)
	return s, ok
}

// intField returns obj[key] when it is an integer.
func intField(obj map[string]any, key string) (int64, bool) {
	n, ok := obj[key].(json.Number)
	if !ok {
		return 0, false
	}
	i, err := n.Int64()
	return i, err == nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
