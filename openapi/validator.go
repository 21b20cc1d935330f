package openapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Validator routes requests and validates requests, responses and bodies against
// one vendor's document. It is immutable after it is built and safe for
// concurrent use, so one per vendor serves the whole process.
type Validator struct {
	vendor string
	doc    *openapi3.T
	router routers.Router
	// requestOptions are shared by every request validation; kin-openapi
	// only reads them.
	requestOptions *openapi3filter.Options
	// fast holds the compiled checks of the body-less operations.
	fast *fastPath
}

// validators holds the process's one Validator per vendor, built on first use:
// building one parses and validates a whole document and takes milliseconds,
// which every server and every test would otherwise pay again.
var validators = func() map[string]func() (*Validator, error) {
	m := make(map[string]func() (*Validator, error), len(Vendors()))
	for _, vendor := range Vendors() {
		m[vendor] = sync.OnceValues(func() (*Validator, error) { return newValidator(vendor) })
	}
	return m
}()

// NewValidator returns the Validator of vendor's document. It is built on the
// first call for the vendor and shared by every later one: callers must not
// modify what it returns (its Doc included). Concurrent calls are safe.
func NewValidator(vendor string) (*Validator, error) {
	build, ok := validators[vendor]
	if !ok {
		return nil, checkVendor(vendor)
	}
	return build()
}

// newValidator loads vendor's document and builds its router.
func newValidator(vendor string) (*Validator, error) {
	doc, err := Load(vendor)
	if err != nil {
		return nil, err
	}
	return validatorFor(vendor, doc)
}

// validatorFor builds a Validator for doc, served under vendor's base path.
func validatorFor(vendor string, doc *openapi3.T) (*Validator, error) {
	router, err := NewRouter(doc, vendor)
	if err != nil {
		return nil, err
	}
	v := &Validator{vendor: vendor, doc: doc, router: router}
	v.requestOptions = v.options()
	v.requestOptions.AuthenticationFunc = openapi3filter.NoopAuthenticationFunc
	v.requestOptions.SkipSettingDefaults = true
	base, _ := basePath(vendor) // known: NewRouter accepted vendor
	v.fast = compileFastPath(doc, base)
	return v, nil
}

// Vendor returns the vendor whose document v validates against.
func (v *Validator) Vendor() string { return v.vendor }

// Doc returns the document v validates against. Callers must not modify it.
func (v *Validator) Doc() *openapi3.T { return v.doc }

// FindRoute returns the operation r is for and its path parameters, percent-decoded
// (an Appgate distinguished name arrives with raw commas, %2C, or fully encoded, and
// comes back as CN=...,CN=...,OU=... in every case). When nothing matches, the error
// wraps routers.ErrPathNotFound, or routers.ErrMethodNotAllowed when the path exists
// but not for r.Method.
func (v *Validator) FindRoute(r *http.Request) (*routers.Route, map[string]string, error) {
	if r == nil || r.URL == nil {
		return nil, nil, fmt.Errorf("openapi: %s: find route: request without URL", v.vendor)
	}
	route, raw, err := v.router.FindRoute(r)
	if err != nil {
		return nil, nil, fmt.Errorf("openapi: %s: %s %s: %w", v.vendor, r.Method, r.URL.EscapedPath(), err)
	}
	params := make(map[string]string, len(raw))
	for name, value := range raw {
		decoded, err := url.PathUnescape(value)
		if err != nil {
			return nil, nil, fmt.Errorf("openapi: %s: %s %s: path parameter %q: %w",
				v.vendor, r.Method, r.URL.EscapedPath(), name, err)
		}
		params[name] = decoded
	}
	return route, params, nil
}

// ValidateRequest checks r against its operation: path, query and header
// parameters and the body. Security requirements are not checked (the mock
// answers authentication failures itself, as the vendor does) and validation
// stops at the first problem. r.Body is read and put back, byte for byte; callers
// bound its size beforehand (http.MaxBytesReader) when it comes from the network.
// A body labelled with a +json media type is validated as application/json.
func (v *Validator) ValidateRequest(ctx context.Context, r *http.Request) error {
	route, params, err := v.FindRoute(r)
	if err != nil {
		return err
	}
	body, err := restoreBody(r)
	if err != nil {
		return fmt.Errorf("openapi: %s: read request body: %w", v.vendor, err)
	}
	if ctx == nil {
		ctx = r.Context()
	}
	// kin-openapi may replace the body and defaults could be written into it, so a
	// request with a body is validated as a clone with its own reader over the same
	// bytes. One without (most of them: GETs) is only read, and cloning it would
	// cost more than the rest of the validation.
	req := r
	if body != nil || r.Header.Get("Content-Type") != "" {
		clone := r.Clone(ctx)
		clone.Body = io.NopCloser(bytes.NewReader(body))
		clone.GetBody = nil
		clone.ContentLength = int64(len(body))
		if ct := clone.Header.Get("Content-Type"); ct != "" {
			clone.Header.Set("Content-Type", asDocumentedJSON(ct))
		}
		req = clone
	}
	input := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: params,
		Route:      route,
		Options:    v.requestOptions,
	}
	return readable(fmt.Sprintf("openapi: %s: %s %s: request", v.vendor, r.Method, route.Path),
		openapi3filter.ValidateRequest(ctx, input))
}

// ValidateResponse checks a response to r: its status must be documented for the
// operation, its Content-Type must be one of those documented (a +json media type
// counts as application/json), and body must match the schema. All schema
// violations are reported, not only the first.
func (v *Validator) ValidateResponse(ctx context.Context, r *http.Request, status int, h http.Header, body []byte) error {
	route, params, err := v.FindRoute(r)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = r.Context()
	}
	header := h.Clone()
	if header == nil {
		header = http.Header{}
	}
	ct := header.Get("Content-Type")
	if ct != "" {
		header.Set("Content-Type", asDocumentedJSON(ct))
	}
	where := fmt.Sprintf("openapi: %s: %s %s: response %d", v.vendor, r.Method, route.Path, status)
	// kin-openapi decodes only the first JSON value of a body; trailing bytes would
	// go unnoticed although every JSON client rejects them.
	if IsJSON(ct) && !json.Valid(body) {
		return readable(where, errors.New("body is not a single valid JSON value"))
	}
	opts := v.options()
	opts.IncludeResponseStatus = true
	opts.MultiError = true
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request:    r,
			PathParams: params,
			Route:      route,
			Options:    opts,
		},
		Status:  status,
		Header:  header,
		Options: opts,
	}
	input.SetBodyBytes(body)
	return readable(where, openapi3filter.ValidateResponse(ctx, input))
}

// ValidateSchema checks body, a JSON document, against components/schemas/<component>
// and reports every violation.
func (v *Validator) ValidateSchema(component string, body []byte) error {
	schema, err := schemaOf(v.doc, v.vendor, component)
	if err != nil {
		return err
	}
	where := fmt.Sprintf("openapi: %s: %s", v.vendor, component)
	value, err := decodeJSON(body)
	if err != nil {
		return readable(where, err)
	}
	return readable(where, v.doc.ValidateSchemaJSON(schema, value,
		openapi3.MultiErrors(),
		openapi3.VisitAsResponse(),
		openapi3.SetSchemaErrorMessageCustomizer(schemaMessage)))
}

// decodeJSON decodes exactly one JSON value, keeping numbers exact so integer
// checks see what was sent.
func decodeJSON(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var value any
	if err := dec.Decode(&value); err != nil {
		return nil, fmt.Errorf("body is not valid JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("body is not a single valid JSON value: data after the first value")
	}
	return value, nil
}

func (v *Validator) options() *openapi3filter.Options {
	opts := &openapi3filter.Options{
		SchemaValidationOptions: v.doc.GetSchemaValidationOptions(),
	}
	opts.WithCustomSchemaErrorFunc(schemaMessage)
	return opts
}

// restoreBody reads r.Body completely and replaces it with a reader over the same
// bytes, so whoever handles r next sees the body untouched.
func restoreBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	body, err := io.ReadAll(r.Body)
	closeErr := r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	if err != nil {
		return nil, err
	}
	if closeErr != nil {
		return nil, closeErr
	}
	return body, nil
}
