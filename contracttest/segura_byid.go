package contracttest

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"

	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// The by-id route: GET /api/session/remotesessions/{id} answers the
// envelope with "remote_session": [ {record} ], an array holding one record,
// and 400 "1002: Session not found" with an exception block for an id no
// session has.

func seguraByID(ctx context.Context, r *runner) (Result, error) {
	records, _, gap := r.seguraRecords()
	if gap != nil {
		g := *gap
		g.Reason = "no listed id to look up: " + g.Reason
		return g, nil
	}
	var listed map[string]any
	var id string
	for _, rec := range records {
		if obj, ok := rec.(map[string]any); ok {
			if v, ok := obj["id"].(string); ok && v != "" {
				listed, id = obj, v
				break
			}
		}
	}
	if listed == nil {
		return r.nothing("no listed record has an id in the documented form", r.seg.list), nil
	}
	c := seguraCall("get remote session "+id+" by its id", http.MethodGet, oneSessionPath(id), "Bearer "+r.token)
	return r.probe(ctx, c, func(ex *exchange) (bool, string, []Violation) {
		if ex.status != http.StatusOK {
			return false, "the session listed with id " + id + " answered " + statusText(ex.status) + ", not 200",
				[]Violation{statusViolation("200 OK", ex.status)}
		}
		obj, err := ex.object()
		if err != nil {
			return false, "the answer is " + err.Error(), []Violation{{In: "body", Expected: "a JSON object", Got: err.Error()}}
		}
		arr, ok := obj[segura.OneKey].([]any)
		ptr := "/" + segura.OneKey
		if !ok || len(arr) != 1 {
			got := describeMissing(obj, segura.OneKey)
			if ok {
				got = fmt.Sprintf("an array of %d elements", len(arr))
			}
			return false, segura.OneKey + " is not an array holding one record",
				[]Violation{{In: "body", Pointer: ptr, Expected: "an array holding one record", Got: got}}
		}
		one, ok := arr[0].(map[string]any)
		if !ok {
			return false, segura.OneKey + " does not hold a record",
				[]Violation{{In: "body", Pointer: ptr + "/0", Expected: "a record (an object)", Got: describeValue(arr[0])}}
		}
		var vs []Violation
		for _, k := range sortedKeys(listed) {
			if !reflect.DeepEqual(one[k], listed[k]) {
				vs = append(vs, Violation{In: "body", Pointer: openapi.JSONPointer([]string{segura.OneKey, "0", k}),
					Expected: describeValue(listed[k]) + " (as listed)", Got: describeMissing(one, k)})
			}
		}
		if len(vs) > 0 {
			return false, fmt.Sprintf("the record of id %s differs from the listed one in %s", id, plural(len(vs), "field", "fields")), capViolations(vs)
		}
		return true, fmt.Sprintf("200 with remote_session holding the record listed with id %s", id), nil
	})
}

func seguraUnknownID(ctx context.Context, r *runner) (Result, error) {
	if r.token == "" {
		return r.nothing("no token to send with it: "+r.noTokenReason(), r.tokenEx), nil
	}
	records, _, _ := r.seguraRecords()
	id := unknownSessionID(records)
	c := seguraCall("get a remote session by an id no listed session has", http.MethodGet, oneSessionPath(id), "Bearer "+r.token)
	return r.probe(ctx, c, func(ex *exchange) (bool, string, []Violation) {
		if ex.status != http.StatusBadRequest {
			return false, "an unknown id got " + statusText(ex.status) + ", not 400 " + msgUnknownID,
				[]Violation{statusViolation("400 Bad Request", ex.status)}
		}
		obj, err := ex.object()
		if err != nil {
			return false, "the 400 body is " + err.Error(), []Violation{{In: "body", Expected: "the envelope with an exception block", Got: err.Error()}}
		}
		var vs []Violation
		resp, _ := obj["response"].(map[string]any)
		if m, _ := stringField(resp, "message"); m != msgUnknownID {
			vs = append(vs, Violation{In: "body", Pointer: "/response/message", Expected: strconv.Quote(msgUnknownID), Got: describeMissing(resp, "message")})
		}
		exc, ok := obj["exception"].(map[string]any)
		if !ok {
			vs = append(vs, Violation{In: "body", Pointer: "/exception",
				Expected: fmt.Sprintf(`{"code": %d, "message": %q, "detail": null}`, codeUnknownID, msgUnknownID), Got: describeMissing(obj, "exception")})
		} else {
			if n, ok := intField(exc, "code"); !ok || n != codeUnknownID {
				vs = append(vs, Violation{In: "body", Pointer: "/exception/code", Expected: strconv.Itoa(codeUnknownID), Got: describeMissing(exc, "code")})
			}
			if m, _ := stringField(exc, "message"); m != msgUnknownID {
				vs = append(vs, Violation{In: "body", Pointer: "/exception/message", Expected: strconv.Quote(msgUnknownID), Got: describeMissing(exc, "message")})
			}
			if d, present := exc["detail"]; !present || d != nil {
				vs = append(vs, Violation{In: "body", Pointer: "/exception/detail", Expected: "null", Got: describeMissing(exc, "detail")})
			}
		}
		if len(vs) > 0 {
			return false, "400 without the vendor's 1002 answer", vs
		}
		return true, "400 " + msgUnknownID + " with its exception block", nil
	})
}

// unknownSessionID is a decimal id that none of records has.
func unknownSessionID(records []any) string {
	var ids []string
	for _, rec := range records {
		if id, ok := recordField(rec, "id"); ok {
			ids = append(ids, id)
		}
	}
	id := "987654321"
	for slices.Contains(ids, id) {
		id += "9"
	}
	return id
}
