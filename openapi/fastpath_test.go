package openapi

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/go-chi/chi/v5"

	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// paramsDocument exercises the parameter kinds the compiled checks handle,
// and some they leave to the full validation.
const paramsDocument = `
openapi: 3.0.3
info: {title: params, version: "1"}
security:
  - bearerAuth: []
paths:
  /items/{id}:
    parameters:
      - {name: X-Trace, in: header, schema: {type: string, maxLength: 8}}
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, minimum: 1, maximum: 1000}}
        - {name: limit, in: query, schema: {type: integer, format: int32, minimum: 1, maximum: 100}}
        - {name: orderBy, in: query, schema: {type: string, enum: [name, created]}}
        - {name: descending, in: query, schema: {type: boolean}}
        - {name: query, in: query, schema: {type: string, pattern: '^[a-z]*$', maxLength: 5}}
        - {name: when, in: query, schema: {type: string, format: date-time}}
        - {name: X-Tenant, in: header, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
  /names/{name}:
    get:
      security: []
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
        - {name: page, in: query, required: true, schema: {type: integer}}
      responses: {'200': {description: ok}}
  /tags:
    get:
      parameters:
        - {name: tag, in: query, schema: {type: array, items: {type: string}}}
        - {name: filter, in: query, style: form, explode: true, schema: {type: object, additionalProperties: {type: string}}}
      responses: {'200': {description: ok}}
  /ids:
    get:
      parameters:
        - {name: id, in: query, schema: {type: array, items: {type: integer}}}
      responses: {'200': {description: ok}}
  /csv:
    get:
      parameters:
        - {name: tag, in: query, explode: false, schema: {type: array, items: {type: string}}}
      responses: {'200': {description: ok}}
  /bounded:
    get:
      parameters:
        - {name: tag, in: query, schema: {type: array, maxItems: 2, items: {type: string}}}
        - {name: filter, in: query, schema: {type: object, additionalProperties: {type: string, maxLength: 3}}}
      responses: {'200': {description: ok}}
  /upload:
    post:
      requestBody:
        content:
          application/json: {schema: {type: object}}
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    bearerAuth: {type: http, scheme: bearer}
`

var paramsOnce = sync.OnceValues(func() (*Validator, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData([]byte(paramsDocument))
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, err
	}
	return validatorFor(Segura, doc)
})

func paramsValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := paramsOnce()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// routed sends r through a chi router built from v's document, as the
// server routes, and returns the pattern chi matched ("" for none).
func routed(v *Validator, r *http.Request) string {
	base, _ := basePath(v.vendor)
	mux := chi.NewRouter()
	var pattern string
	for path, item := range v.doc.Paths.Map() {
		for method := range item.Operations() {
			mux.Method(method, strings.TrimSuffix(base, "/")+path, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
				pattern = chi.RouteContext(r.Context()).RoutePattern()
			}))
		}
	}
	mux.ServeHTTP(discardWriter{}, r)
	return pattern
}

type discardWriter struct{}

func (discardWriter) Header() http.Header         { return http.Header{} }
func (discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (discardWriter) WriteHeader(int)             {}

// agree runs r through the compiled checks and the full validation and
// fails when the checks claim a verdict the full validation does not give.
func agree(t *testing.T, v *Validator, r *http.Request) (verdict, string) {
	t.Helper()
	pattern := routed(v, r)
	if pattern == "" {
		return verdictUnknown, ""
	}
	got := v.fast.check(r, pattern, nil)
	// A query the caller parsed gives the same verdict.
	if parsed := v.fast.check(r, pattern, r.URL.Query()); parsed != got {
		t.Fatalf("%s %s: verdict %v with the query parsed by the caller, %v without", r.Method, r.URL, parsed, got)
	}
	full := v.ValidateRequest(context.Background(), r)
	switch {
	case got == verdictAccept && full != nil:
		t.Fatalf("%s %s: compiled checks accept, full validation rejects: %v", r.Method, r.URL, full)
	case got == verdictReject && full == nil:
		t.Fatalf("%s %s: compiled checks reject, full validation accepts", r.Method, r.URL)
	}
	// Whatever the checks say, ValidateRouted answers as the full validation.
	routedErr := v.ValidateRouted(context.Background(), r, pattern)
	if (routedErr == nil) != (full == nil) || (full != nil && routedErr.Error() != full.Error()) {
		t.Fatalf("%s %s: ValidateRouted = %v, ValidateRequest = %v", r.Method, r.URL, routedErr, full)
	}
	return got, pattern
}

func newGet(t testing.TB, target string, header ...string) *http.Request {
	t.Helper()
	u, err := url.ParseRequestURI(target)
	if err != nil {
		t.Fatal(err)
	}
	r := (&http.Request{Method: http.MethodGet, URL: u, Header: http.Header{}, Body: http.NoBody, Host: "mock.example"}).WithContext(context.Background())
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Add(header[i], header[i+1])
	}
	return r
}

func TestFastPathCompilesBodylessOperations(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		vendor string
		want   []opKey
		not    []opKey
	}{
		{Appgate, []opKey{{"GET", "/admin/version"}, {"GET", "/admin/session-info/{distinguished-name}"}, {"GET", "/admin/stats/active-sessions/dn"}}, []opKey{{"POST", "/admin/login"}}},
		{Segura, []opKey{{"GET", "/api/session/remotesessions"}, {"GET", "/api/session/remotesessions/{id}"}}, []opKey{{"POST", "/iso/oauth2/token"}}},
	} {
		v, err := NewValidator(tc.vendor)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range tc.want {
			if v.fast.ops[k] == nil {
				t.Errorf("%s: %v not compiled", tc.vendor, k)
			}
		}
		for _, k := range tc.not {
			if v.fast.ops[k] != nil {
				t.Errorf("%s: %v has a body and was compiled", tc.vendor, k)
			}
		}
	}
	v := paramsValidator(t)
	if v.fast.ops[opKey{"GET", "/tags"}] == nil {
		t.Error("an exploded array and map of plain strings were not compiled")
	}
	for _, path := range []string{"/ids", "/csv", "/bounded"} {
		if v.fast.ops[opKey{"GET", path}] != nil {
			t.Errorf("%s: an array or object the checks do not handle was compiled", path)
		}
	}
	if v.fast.ops[opKey{"GET", "/items/{id}"}] == nil {
		t.Error("/items/{id} not compiled")
	}
}

func TestFastPathVerdicts(t *testing.T) {
	t.Parallel()
	appgate, err := NewValidator(Appgate)
	if err != nil {
		t.Fatal(err)
	}
	segura, err := NewValidator(Segura)
	if err != nil {
		t.Fatal(err)
	}
	params := paramsValidator(t)
	const tenant = "X-Tenant"
	for _, tc := range []struct {
		v      *Validator
		target string
		header []string
		want   verdict
	}{
		{appgate, "/admin/session-info/CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap", nil, verdictAccept},
		{appgate, "/admin/session-info/CN=abc%2CCN=user%2COU=ldap", nil, verdictAccept},
		{appgate, "/admin/session-info/a%2Fb?x=1", nil, verdictAccept},
		{appgate, "/admin/version", []string{"Accept", "text/html"}, verdictAccept},
		{segura, "/api/session/remotesessions?unknown=1", nil, verdictAccept},
		{segura, "/api/session/remotesessions/3", nil, verdictAccept},

		{params, "/items/7?limit=10&orderBy=name&descending=true&query=abc", []string{tenant, "t"}, verdictAccept},
		{params, "/items/7?limit=&limit=5", []string{tenant, "t"}, verdictAccept},
		{params, "/items/7", []string{tenant, "t", "X-Trace", "12345678"}, verdictAccept},
		{params, "/items/7", nil, verdictReject},                                           // required header
		{params, "/items/0", []string{tenant, "t"}, verdictReject},                         // below minimum
		{params, "/items/x", []string{tenant, "t"}, verdictReject},                         // not an integer
		{params, "/items/7?limit=101", []string{tenant, "t"}, verdictReject},               // above maximum
		{params, "/items/7?limit=3000000000", []string{tenant, "t"}, verdictReject},        // not an int32
		{params, "/items/7?orderBy=size", []string{tenant, "t"}, verdictReject},            // not in the enum
		{params, "/items/7?descending=yes", []string{tenant, "t"}, verdictReject},          // not a boolean
		{params, "/items/7?query=ABC", []string{tenant, "t"}, verdictReject},               // pattern
		{params, "/items/7?query=abcdef", []string{tenant, "t"}, verdictReject},            // maxLength
		{params, "/items/7?when=yesterday", []string{tenant, "t"}, verdictReject},          // format
		{params, "/items/7", []string{tenant, "t", "X-Trace", "123456789"}, verdictReject}, // path-item header
		{params, "/items/7?descending=", []string{tenant, "t"}, verdictUnknown},            // empty value
		{params, "/names/a%20b?page=2", nil, verdictAccept},                                // no security needed
		{params, "/names/a?page=two", nil, verdictReject},                                  // not an integer
		{params, "/names/a", nil, verdictReject},                                           // required query parameter
		{params, "/tags?tag=a&tag=b&filter=x&other=y", nil, verdictAccept},
		{params, "/tags", nil, verdictAccept},
		{params, "/tags?tag=", nil, verdictUnknown},       // a lone empty item: the full validation rejects it
		{params, "/tags?tag=a&tag=", nil, verdictUnknown}, // an empty item: the full validation decides
		{params, "/tags?a%1Fb=x", nil, verdictUnknown},    // kin-openapi's key delimiter
		{params, "/tags?a=x%1Fy", nil, verdictUnknown},    // kin-openapi's key delimiter in a value
		{params, "/tags?=x", nil, verdictUnknown},         // an empty key: the full validation rejects it
		{params, "/ids?id=1", nil, verdictUnknown},        // integer items: full validation
		{appgate, "/admin/stats/active-sessions/dn", nil, verdictAccept},
		{appgate, "/admin/stats/active-sessions/dn?query=ab&query=cd&range=0-9&orderBy=username&descending=true", nil, verdictAccept},
		{appgate, "/admin/stats/active-sessions/dn?providerName=ldap&filterBy%5BproviderName%5D=ldap&filterBy=map%5BproviderName:ldap%5D", nil, verdictAccept},
		{appgate, "/admin/stats/active-sessions/dn?query=", nil, verdictUnknown},
		{appgate, "/admin/stats/active-sessions/dn?range=", nil, verdictUnknown},
	} {
		r := newGet(t, tc.target, tc.header...)
		got, pattern := agree(t, tc.v, r)
		if pattern == "" {
			t.Errorf("%s: not routed", tc.target)
			continue
		}
		if got != tc.want {
			t.Errorf("%s %v: verdict %v, want %v", tc.target, tc.header, got, tc.want)
		}
	}
}

func TestFastPathLeavesBodiesToTheFullValidation(t *testing.T) {
	t.Parallel()
	v, err := NewValidator(Segura)
	if err != nil {
		t.Fatal(err)
	}
	r := newGet(t, "/api/session/remotesessions")
	r.Body = http.MaxBytesReader(nil, http.NoBody, 0)
	if got := v.fast.check(r, "/api/session/remotesessions", nil); got != verdictUnknown {
		t.Errorf("verdict %v for a request with a body, want unknown", got)
	}
	if got := v.fast.check(newGet(t, "/api/session/remotesessions"), "/api/session/remotesessions/{id}", nil); got != verdictUnknown {
		t.Errorf("verdict %v for a path that does not fit the pattern, want unknown", got)
	}
}

// FuzzFastPathAgrees sends random body-less requests, routed by chi as the server
// routes them, through the compiled checks and through kin-openapi's full
// request validation: a verdict the checks give must be the full
// validation's.
func FuzzFastPathAgrees(f *testing.F) {
	// The vendors' route table, then the params document's paths.
	var targets []string
	for _, r := range append(appgate.Routes(), segura.Routes()...) {
		targets = append(targets, r.Path("%s"))
	}
	targets = append(targets, "/items/%s", "/names/%s", "/tags", "/upload")
	methods := []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodDelete}
	f.Add(uint8(1), "CN=abc,CN=user,OU=ldap", "", "Accept", "application/vnd.appgate.peer-v23+json")
	f.Add(uint8(2), "CN%3Dabc%2CCN%3Duser", "x=%zz", "Authorization", "Bearer x")
	f.Add(uint8(3), "", "", "", "")
	f.Add(uint8(4), "3", "a=1&a=2", "Content-Type", "application/json")
	f.Add(uint8(5), "7", "limit=10&orderBy=name&descending=true&query=abc", "X-Tenant", "t")
	f.Add(uint8(5), "1000", "limit=+5&limit=&descending=T&when=2024-01-01T00:00:00Z", "X-Tenant", "t")
	f.Add(uint8(5), "-0", "limit=0x10;orderBy=created", "X-Trace", "")
	f.Add(uint8(6), "a%2Fb", "page=9223372036854775808", "", "")
	f.Add(uint8(7), "", "tag=a&tag=b", "", "")
	// The Appgate active-sessions list, with its exploded array and map.
	for i, target := range targets {
		if !strings.HasSuffix(target, "/stats/active-sessions/dn") {
			continue
		}
		for _, q := range []string{
			"query=ab&query=cd&range=0-9&orderBy=username&descending=true",
			"query=&query=x&filterBy%5BproviderName%5D=ldap",
			"query=&providerName=ldap",
			"filterBy=map%5BproviderName:ldap%5D&geolocationQuery=%7B%7D",
			"a%1Fb=x&query=y",
			"x=a%1Fb",
			"query=a&query=a&=&query",
			"=",
			"=x&query=y",
		} {
			f.Add(uint8(i), "", q, "Accept", "application/vnd.appgate.peer-v22+json")
		}
	}
	validators := []*Validator{}
	for _, vendor := range Vendors() {
		v, err := NewValidator(vendor)
		if err != nil {
			f.Fatal(err)
		}
		validators = append(validators, v)
	}
	params, err := paramsOnce()
	if err != nil {
		f.Fatal(err)
	}
	validators = append(validators, params)
	f.Fuzz(func(t *testing.T, route uint8, segment, query, name, value string) {
		method := methods[int(route)/len(targets)%len(methods)]
		target := targets[int(route)%len(targets)]
		target = strings.Replace(target, "%s", segment, 1)
		if query != "" {
			target += "?" + query
		}
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return
		}
		r := (&http.Request{Method: method, URL: u, Header: http.Header{}, Body: http.NoBody}).WithContext(context.Background())
		if name != "" && httpHeaderName(name) && !strings.ContainsAny(value, "\r\n\x00") {
			r.Header.Add(name, value)
		}
		// The tenant header most params operations need, unless the
		// input set it already.
		if r.Header.Get("X-Tenant") == "" && len(segment)%2 == 0 {
			r.Header.Set("X-Tenant", "t")
		}
		for _, v := range validators {
			agree(t, v, r)
		}
	})
}

// httpHeaderName reports whether s is a token, as net/http requires of a
// header name.
func httpHeaderName(s string) bool {
	for _, c := range []byte(s) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}
