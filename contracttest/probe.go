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
