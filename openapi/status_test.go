package openapi

import (
	"net/http/httptest"
	"testing"
)

func TestStatusDocumented(t *testing.T) {
	cases := []struct {
		vendor, method, path string
		status               int
		want                 bool
	}{
		{Segura, "GET", "/api/session/remotesessions", 200, true},
		{Segura, "GET", "/api/session/remotesessions", 403, true},
		{Segura, "GET", "/api/session/remotesessions", 406, false},
		{Segura, "GET", "/api/session/remotesessions", 503, false},
		{Appgate, "GET", "/admin/session-info/CN=a,CN=b,OU=c", 406, true},
		{Appgate, "GET", "/admin/session-info/CN=a,CN=b,OU=c", 418, false},
		{Appgate, "GET", "/admin/version", 401, false},
	}
	for _, tc := range cases {
		v, err := NewValidator(tc.vendor)
		if err != nil {
			t.Fatal(err)
		}
		got, err := v.StatusDocumented(httptest.NewRequest(tc.method, tc.path, nil), tc.status)
		if err != nil || got != tc.want {
			t.Errorf("%s %s %d: %v, %v; want %v", tc.method, tc.path, tc.status, got, err, tc.want)
		}
	}
	v, _ := NewValidator(Segura)
	if _, err := v.StatusDocumented(httptest.NewRequest("GET", "/nowhere", nil), 200); err == nil {
		t.Error("no error for a path without a route")
	}
}
