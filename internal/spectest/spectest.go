// Package spectest checks HTTP responses against the vendors' OpenAPI documents
// from Go tests: the mock's own tests, and tests of anything that serves or relays
// the vendor APIs. A failed check is reported with t.Errorf, naming the request and
// the JSON pointer of every offending value.
package spectest

import (
	"errors"
	"net/http"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/routers"

	"github.com/sessionmock/sessionmock/openapi"
)

// validators holds one Validator per vendor, built on first use. Building one
// parses and validates a whole document (milliseconds, far more under -race), and
// tests check many responses; a Validator never changes after it is built and is
// safe for concurrent use, so sharing it cannot couple one test to another.
var validators = map[string]func() (*openapi.Validator, error){
	openapi.Segura:  sync.OnceValues(func() (*openapi.Validator, error) { return openapi.NewValidator(openapi.Segura) }),
	openapi.Appgate: sync.OnceValues(func() (*openapi.Validator, error) { return openapi.NewValidator(openapi.Appgate) }),
}

// Validator returns the shared Validator of vendor, failing t at once when the
// vendor is unknown or its document does not load.
func Validator(t testing.TB, vendor string) *openapi.Validator {
	t.Helper()
	v, err := validator(vendor)
	if err != nil {
		t.Fatalf("spectest: %v", err)
	}
	return v
}

func validator(vendor string) (*openapi.Validator, error) {
	build, ok := validators[vendor]
	if !ok {
		// NewValidator words the error (unknown vendor, known names).
		return openapi.NewValidator(vendor)
	}
	return build()
}

// fallbackComponents are the bodies a vendor answers requests with that match no
// operation of its document (an unknown path or method): Kong's {"message"} or the
// bilingual envelope for Segura, {"id","message"} for Appgate.
func fallbackComponents(vendor string) []string {
	switch vendor {
	case openapi.Segura:
		return []string{"ErrorEnvelope", "KongError"}
	case openapi.Appgate:
		return []string{"Error"}
	}
	return nil
}

// Check validates resp, whose body was read into body, as the answer to req
// (resp.Request when req is nil) under vendor's document: documented status,
// documented content type, body matching the schema. A request that matches no
// operation must still be answered with a JSON body the vendor uses for errors.
func Check(t testing.TB, vendor string, req *http.Request, resp *http.Response, body []byte) {
	t.Helper()
	if resp == nil {
		t.Errorf("spectest: %s: no response to check", vendor)
		return
	}
	if req == nil {
		req = resp.Request
	}
	if req == nil || req.URL == nil {
		t.Errorf("spectest: %s: response %d has no request to check it against", vendor, resp.StatusCode)
		return
	}
	v, err := validator(vendor)
	if err != nil {
		t.Errorf("spectest: %v", err)
		return
	}
	err = v.ValidateResponse(req.Context(), req, resp.StatusCode, resp.Header, body)
	if errors.Is(err, routers.ErrPathNotFound) || errors.Is(err, routers.ErrMethodNotAllowed) {
		if ferr := checkFallback(v, resp.Header.Get("Content-Type"), body); ferr != nil {
			t.Errorf("spectest: %s: %s %s: response %d to a request no operation matches: %v",
				vendor, req.Method, req.URL.EscapedPath(), resp.StatusCode, ferr)
		}
		return
	}
	if err != nil {
		t.Errorf("spectest: %v", err)
	}
}

// CheckSchema validates body against components/schemas/<component> of vendor's document.
func CheckSchema(t testing.TB, vendor, component string, body []byte) {
	t.Helper()
	v, err := validator(vendor)
	if err != nil {
		t.Errorf("spectest: %v", err)
		return
	}
	if err := v.ValidateSchema(component, body); err != nil {
		t.Errorf("spectest: %v", err)
	}
}
