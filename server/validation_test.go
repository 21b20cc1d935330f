package server

import (
	"strings"
	"testing"
)

// TestRequestValidationToggle shows the OpenAPI request validation at work:
// a login body whose samlResponse is a number passes the handler's own
// checks but not the document, and turning validation off lets it through.
func TestRequestValidationToggle(t *testing.T) {
	body := `{"providerName":"local","username":"admin","password":"admin",` +
		`"deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc","samlResponse":5}`
	for _, tc := range []struct {
		disable bool
		status  int
	}{{false, 422}, {true, 200}} {
		m := start(t, func(c *Config) { c.DisableValidation = tc.disable })
		resp, out := m.call(t, m.request(t, "POST", "/admin/login", strings.NewReader(body),
			"Accept", accept23, "Content-Type", "application/json"))
		if resp.StatusCode != tc.status {
			t.Errorf("validation off=%v: %d %s", tc.disable, resp.StatusCode, out)
		}
		if tc.status == 422 && !strings.Contains(string(out), "samlResponse") {
			t.Errorf("422 does not name the field: %s", out)
		}
	}
}
