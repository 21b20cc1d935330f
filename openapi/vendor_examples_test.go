package openapi

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// The vendors' own 200 examples (typed into testdata from their published documents)
// validate, both as a response to the operation and against the component.
func TestVendorExamplesValidate(t *testing.T) {
	tests := []struct {
		vendor, method, target, component, file string
	}{
		{Segura, http.MethodGet, "/api/session/remotesessions", "RemoteSessionsResponse", "segura_remotesessions_200.json"},
		{Appgate, http.MethodGet, "/admin/session-info/CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap", "SessionInfo", "appgate_session_info_200.json"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			v := mustValidator(t, tt.vendor)
			body := readTestdata(t, tt.file)
			r := httptest.NewRequest(tt.method, tt.target, nil)
			h := http.Header{"Content-Type": {"application/json"}}
			if err := v.ValidateResponse(context.Background(), r, http.StatusOK, h, body); err != nil {
				t.Fatal(err)
			}
			if err := v.ValidateSchema(tt.component, body); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// The document's 200 examples are the vendors' bodies, so the mock's documentation
// shows what the vendor shows.
func TestDocumentExamplesAreTheVendorBodies(t *testing.T) {
	t.Parallel()
	tests := []struct{ vendor, path, file string }{
		{Segura, "/api/session/remotesessions", "segura_remotesessions_200.json"},
		{Appgate, "/session-info/{distinguished-name}", "appgate_session_info_200.json"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := mustLoad(t, tt.vendor)
			example := doc.Paths.Value(tt.path).Get.Responses.Status(200).Value.Content.Get("application/json").Example
			got, err := json.Marshal(example)
			if err != nil {
				t.Fatal(err)
			}
			var gotValue, wantValue any
			if err := json.Unmarshal(got, &gotValue); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(readTestdata(t, tt.file), &wantValue); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotValue, wantValue) {
				t.Fatalf("the 200 example differs from testdata/%s:\n%s", tt.file, got)
			}
		})
	}
}
