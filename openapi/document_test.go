package openapi

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v3"
)

// operations lists "METHOD path" of every operation of doc, sorted.
func operations(doc *openapi3.T) []string {
	var ops []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			ops = append(ops, method+" "+path)
		}
	}
	sort.Strings(ops)
	return ops
}

func mustLoad(t testing.TB, vendor string) *openapi3.T {
	t.Helper()
	doc, err := Load(vendor)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestDocumentOperations(t *testing.T) {
	t.Parallel()
	want := map[string][]string{
		Segura: {
			"DELETE /api/pam/session/drop/{session_id}",
			"DELETE /iso/session/drop/{session_id}",
			"GET /api/pam/session/remotesessions",
			"GET /api/pam/session/remotesessions/{id}",
			"GET /api/session/remotesessions",
			"GET /api/session/remotesessions/{id}",
			"GET /iso/session/remotesessions",
			"GET /iso/session/remotesessions/{id}",
			"POST /api/oauth2/token",
			"POST /iso/oauth2/token",
		},
		Appgate: {
			"GET /authorization",
			"GET /identity-providers/names",
			"GET /session-info/{distinguished-name}",
			"GET /stats/active-sessions/dashboard",
			"GET /stats/active-sessions/dn",
			"GET /version",
			"POST /authentication",
			"POST /authentication/logout",
			"POST /authentication/otp",
			"POST /authentication/otp/initialize",
			"POST /login",
		},
	}
	for _, vendor := range Vendors() {
		t.Run(vendor, func(t *testing.T) {
			if got := operations(mustLoad(t, vendor)); !slices.Equal(got, want[vendor]) {
				t.Fatalf("operations = %q, want %q", got, want[vendor])
			}
		})
	}
}

func TestDocumentServers(t *testing.T) {
	t.Parallel()
	tests := []struct{ vendor, url, variable, def string }{
		{Segura, "https://{appliance}", "appliance", "pam.example"},
		{Appgate, "https://{controller}:8443/admin", "controller", "ctrl.example"},
	}
	for _, tt := range tests {
		t.Run(tt.vendor, func(t *testing.T) {
			doc := mustLoad(t, tt.vendor)
			if len(doc.Servers) != 1 {
				t.Fatalf("%d servers, want 1", len(doc.Servers))
			}
			s := doc.Servers[0]
			if s.URL != tt.url {
				t.Errorf("server URL %q, want %q", s.URL, tt.url)
			}
			if v := s.Variables[tt.variable]; v == nil || v.Default != tt.def {
				t.Errorf("server variable %q = %+v, want default %q", tt.variable, v, tt.def)
			}
		})
	}
}

// Every response of every operation declares a JSON body with a schema, so nothing
// a server sends goes unchecked; a 204 declares none.
func TestEveryResponseHasJSONSchema(t *testing.T) {
	for _, vendor := range Vendors() {
		doc := mustLoad(t, vendor)
		for path, item := range doc.Paths.Map() {
			for method, op := range item.Operations() {
				for status, ref := range op.Responses.Map() {
					t.Run(fmt.Sprintf("%s/%s %s/%s", vendor, method, path, status), func(t *testing.T) {
						if ref.Value.Description == nil || *ref.Value.Description == "" {
							t.Error("response has no description")
						}
						if status == "204" {
							if len(ref.Value.Content) != 0 {
								t.Error("a 204 response declares a body")
							}
							return
						}
						if len(ref.Value.Content) != 1 {
							t.Errorf("response declares %d media types, want exactly application/json", len(ref.Value.Content))
						}
						mt := ref.Value.Content.Get("application/json")
						if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
							t.Fatal("response has no application/json schema")
						}
					})
				}
			}
		}
	}
}

func TestResponseStatuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		vendor, method, path string
		statuses             []string
	}{
		{Appgate, http.MethodGet, "/session-info/{distinguished-name}", []string{"200", "401", "403", "404", "406", "500", "default"}},
		{Appgate, http.MethodPost, "/login", []string{"200", "400", "401", "406", "422", "500", "default"}},
		{Appgate, http.MethodGet, "/version", []string{"200", "500", "default"}},
		{Appgate, http.MethodPost, "/authentication", []string{"200", "400", "401", "406", "422", "500", "default"}},
		{Appgate, http.MethodGet, "/authorization", []string{"200", "401", "406", "412", "500", "default"}},
		{Appgate, http.MethodPost, "/authentication/otp/initialize", []string{"200", "400", "401", "406", "500", "default"}},
		{Appgate, http.MethodPost, "/authentication/otp", []string{"200", "400", "401", "406", "422", "500", "default"}},
		{Appgate, http.MethodPost, "/authentication/logout", []string{"204", "401", "406", "500", "default"}},
		{Appgate, http.MethodGet, "/identity-providers/names", []string{"200", "406", "500", "default"}},
		{Appgate, http.MethodGet, "/stats/active-sessions/dn", []string{"200", "400", "401", "403", "406", "500", "default"}},
		{Appgate, http.MethodGet, "/stats/active-sessions/dashboard", []string{"200", "401", "403", "406", "500", "default"}},
		{Segura, http.MethodGet, "/api/session/remotesessions", []string{"200", "401", "403", "404", "408", "500", "504", "default"}},
		{Segura, http.MethodGet, "/api/session/remotesessions/{id}", []string{"200", "400", "401", "403", "404", "408", "500", "504", "default"}},
		{Segura, http.MethodPost, "/iso/oauth2/token", []string{"200", "400", "401", "408", "500", "504", "default"}},
		{Segura, http.MethodPost, "/api/oauth2/token", []string{"200", "400", "401", "408", "500", "504", "default"}},
	}
	for _, tt := range tests {
		t.Run(tt.vendor+tt.path+"/"+tt.method, func(t *testing.T) {
			op := mustLoad(t, tt.vendor).Paths.Value(tt.path).GetOperation(tt.method)
			var got []string
			for status := range op.Responses.Map() {
				got = append(got, status)
			}
			sort.Strings(got)
			if !slices.Equal(got, tt.statuses) {
				t.Fatalf("statuses = %q, want %q", got, tt.statuses)
			}
		})
	}
}

// The two token paths are one operation under two prefixes.
func TestTokenAliasIsTheSameOperation(t *testing.T) {
	doc := mustLoad(t, Segura)
	iso := doc.Paths.Value("/iso/oauth2/token").Post
	api := doc.Paths.Value("/api/oauth2/token").Post
	if iso.RequestBody.Ref != api.RequestBody.Ref || iso.RequestBody.Ref == "" {
		t.Errorf("request bodies differ: %q vs %q", iso.RequestBody.Ref, api.RequestBody.Ref)
	}
	for status, ref := range iso.Responses.Map() {
		other := api.Responses.Value(status)
		if other == nil || other.Ref != ref.Ref || ref.Ref == "" {
			t.Errorf("response %s differs between the token paths", status)
		}
	}
	if iso.Security == nil || api.Security == nil || len(*iso.Security) != 2 || len(*api.Security) != 2 {
		t.Errorf("token security = %v / %v, want none-or-basic on both", iso.Security, api.Security)
	}
}

func TestSecurity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		vendor, method, path string
		scheme               string // "" means no authentication
	}{
		{Segura, http.MethodGet, "/api/session/remotesessions", "bearerAuth"},
		{Segura, http.MethodGet, "/api/session/remotesessions/{id}", "bearerAuth"},
		{Appgate, http.MethodGet, "/session-info/{distinguished-name}", "bearerAuth"},
		{Appgate, http.MethodPost, "/login", ""},
		{Appgate, http.MethodGet, "/version", ""},
		{Appgate, http.MethodPost, "/authentication", ""},
		{Appgate, http.MethodGet, "/identity-providers/names", ""},
		{Appgate, http.MethodGet, "/authorization", "bearerAuth"},
		{Appgate, http.MethodPost, "/authentication/otp", "bearerAuth"},
		{Appgate, http.MethodPost, "/authentication/logout", "bearerAuth"},
		{Appgate, http.MethodGet, "/stats/active-sessions/dn", "bearerAuth"},
		{Appgate, http.MethodGet, "/stats/active-sessions/dashboard", "bearerAuth"},
	}
	for _, tt := range tests {
		t.Run(tt.vendor+tt.path, func(t *testing.T) {
			doc := mustLoad(t, tt.vendor)
			op := doc.Paths.Value(tt.path).GetOperation(tt.method)
			security := doc.Security
			if op.Security != nil {
				security = *op.Security
			}
			var got string
			for _, req := range security {
				for name := range req {
					got = name
				}
			}
			if got != tt.scheme {
				t.Fatalf("security scheme = %q, want %q", got, tt.scheme)
			}
		})
	}
	for _, vendor := range Vendors() {
		s := mustLoad(t, vendor).Components.SecuritySchemes["bearerAuth"]
		if s == nil || s.Value.Type != "http" || s.Value.Scheme != "bearer" {
			t.Errorf("%s: bearerAuth is not an HTTP bearer scheme", vendor)
		}
	}
	if s := mustLoad(t, Segura).Components.SecuritySchemes["basicAuth"]; s == nil || s.Value.Scheme != "basic" {
		t.Error("segura: basicAuth is not an HTTP basic scheme")
	}
}

// Every Appgate operation except /version needs the versioned Accept header, which
// OpenAPI cannot express as a parameter; the descriptions must say it.
func TestAppgateAcceptHeaderDocumented(t *testing.T) {
	doc := mustLoad(t, Appgate)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			t.Run(method+path, func(t *testing.T) {
				for _, p := range op.Parameters {
					if strings.EqualFold(p.Value.Name, "Accept") {
						t.Error("Accept is declared as a parameter")
					}
				}
				mentions := strings.Contains(op.Description, "application/vnd.appgate.peer-vNN+json")
				if path == "/version" {
					mentions = strings.Contains(op.Description, "application/json")
				}
				if !mentions {
					t.Errorf("description does not state the Accept header: %q", op.Description)
				}
			})
		}
	}
}

// Every example in the documents validates against its schema, formats included
// (kin-openapi's own document validation skips the uuid and ip formats).
func TestExamplesValidate(t *testing.T) {
	for _, vendor := range Vendors() {
		doc := mustLoad(t, vendor)
		check := func(name string, schema *openapi3.SchemaRef, example any) {
			t.Run(vendor+"/"+name, func(t *testing.T) {
				if err := doc.ValidateSchemaJSON(schema.Value, example, openapi3.MultiErrors()); err != nil {
					t.Fatal(oneLine(err.Error()))
				}
			})
		}
		n := 0
		for path, item := range doc.Paths.Map() {
			for method, op := range item.Operations() {
				var contents []openapi3.Content
				if op.RequestBody != nil {
					contents = append(contents, op.RequestBody.Value.Content)
				}
				for _, ref := range op.Responses.Map() {
					contents = append(contents, ref.Value.Content)
				}
				for _, content := range contents {
					for _, mt := range content {
						if mt.Example != nil {
							n++
							check(fmt.Sprintf("%s %s example %d", method, path, n), mt.Schema, mt.Example)
						}
						for name, ex := range mt.Examples {
							n++
							check(fmt.Sprintf("%s %s %s", method, path, name), mt.Schema, ex.Value.Value)
						}
					}
				}
			}
		}
		for name, ref := range doc.Components.Schemas {
			walkSchema(name, ref, func(at string, s *openapi3.SchemaRef) {
				if s.Value.Example != nil {
					n++
					check(at, s, s.Value.Example)
				}
			})
		}
		if n < 20 {
			t.Errorf("%s: only %d examples found; the walk misses some", vendor, n)
		}
	}
}

func walkSchema(at string, ref *openapi3.SchemaRef, visit func(string, *openapi3.SchemaRef)) {
	visit(at, ref)
	s := ref.Value
	for name, prop := range s.Properties {
		walkSchema(at+"/"+name, prop, visit)
	}
	if s.Items != nil {
		walkSchema(at+"/items", s.Items, visit)
	}
	if ap := s.AdditionalProperties.Schema; ap != nil {
		walkSchema(at+"/*", ap, visit)
	}
	for i, sub := range s.AllOf {
		walkSchema(fmt.Sprintf("%s/allOf/%d", at, i), sub, visit)
	}
}

// x-fidelity notes record choices where the vendor is silent; each must be a
// non-empty string so tools and readers can rely on their shape.
func TestFidelityNotes(t *testing.T) {
	for _, vendor := range Vendors() {
		t.Run(vendor, func(t *testing.T) {
			raw, err := Raw(vendor)
			if err != nil {
				t.Fatal(err)
			}
			var root yaml.Node
			if err := yaml.Unmarshal(raw, &root); err != nil {
				t.Fatal(err)
			}
			var notes int
			var walk func(*yaml.Node)
			walk = func(n *yaml.Node) {
				if n.Kind == yaml.MappingNode {
					for i := 0; i+1 < len(n.Content); i += 2 {
						key, value := n.Content[i], n.Content[i+1]
						if key.Value == "x-fidelity" {
							notes++
							if value.Kind != yaml.ScalarNode || value.Tag != "!!str" || len(strings.TrimSpace(value.Value)) < 20 {
								t.Errorf("line %d: x-fidelity is not a sentence-long string", key.Line)
							}
						}
					}
				}
				for _, c := range n.Content {
					walk(c)
				}
			}
			walk(&root)
			if notes < 5 {
				t.Errorf("%d x-fidelity notes, expected the documented choices (at least 5)", notes)
			}
		})
	}
}
