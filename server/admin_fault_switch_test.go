package server

import (
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fault"
)

func TestAdminPatchFaultSwitchesARule(t *testing.T) {
	m := start(t, nil)
	er := openEvents(t, m.URL)
	er.want(t, "hello")
	m.call(t, m.request(t, "POST", "/__mock/faults", strings.NewReader(`{"id":"down","match":{"route":"version"},"action":{"status":503}}`),
		"Content-Type", "application/json"))
	er.want(t, "faults")
	version := func() int {
		resp, _ := m.call(t, m.request(t, "GET", "/admin/version", nil, "Accept", "application/json"))
		return resp.StatusCode
	}
	if got := version(); got != 503 {
		t.Fatalf("with the rule: %d", got)
	}
	er.want(t, "request")
	patch := func(id, body string) (int, []byte) {
		resp, out := m.call(t, m.request(t, "PATCH", "/__mock/faults/"+id, strings.NewReader(body), "Content-Type", "application/json"))
		return resp.StatusCode, out
	}
	status, body := patch("down", `{"disabled":true}`)
	if status != 200 {
		t.Fatalf("disable: %d %s", status, body)
	}
	var rule fault.Rule
	mustUnmarshal(t, body, &rule)
	if rule.ID != "down" || !rule.Disabled || rule.Action.Status != 503 {
		t.Errorf("disabled rule %s", body)
	}
	er.want(t, "faults")
	_, body = m.call(t, m.request(t, "GET", "/__mock/faults", nil))
	if !strings.Contains(string(body), `"disabled":true`) {
		t.Errorf("list after disabling: %s", body)
	}
	if got := version(); got != 200 {
		t.Errorf("with the rule disabled: %d", got)
	}
	if status, body = patch("down", `{"disabled":false}`); status != 200 || strings.Contains(string(body), "disabled") {
		t.Errorf("enable: %d %s", status, body)
	}
	if got := version(); got != 503 {
		t.Errorf("with the rule enabled again: %d", got)
	}

	for _, tt := range []struct {
		id, body string
		want     int
	}{
		{"nope", `{"disabled":true}`, 404},
		{"down", `{}`, 400},
		{"down", `{"disabled":"yes"}`, 400},
		{"down", `{"disabled":true,"action":{}}`, 400},
		{"down", `{"disabled":true} {}`, 400},
		{"down", `disabled: true`, 400},
		{"down", `{"disabled":true,"pad":"` + strings.Repeat("x", maxPatchBody) + `"}`, 413},
	} {
		status, body := patch(tt.id, tt.body)
		var e adminErrorBody
		mustUnmarshal(t, body, &e)
		if status != tt.want || e.Error == "" {
			t.Errorf("PATCH %s %.40s: %d %s, want %d", tt.id, tt.body, status, body, tt.want)
		}
	}
}

func TestAdminNames(t *testing.T) {
	m := start(t, nil)
	_, body := m.call(t, m.request(t, "GET", "/__mock/names", nil))
	// The route names are the route table's, in its order; a new route
	// shows up here without a change to this test.
	quoted := func(names []string) string { return `"` + strings.Join(names, `","`) + `"` }
	wantJSON(t, body, `{"vendors":[
		{"name":"segura","routes":[`+quoted(fault.Routes("segura"))+`]},
		{"name":"appgate","routes":[`+quoted(fault.Routes("appgate"))+`]}],
		"faults":["timeout","gateway-timeout","reset","empty","malformed","slow"]}`)
	if !strings.Contains(string(body), `"session-info"`) || !strings.Contains(string(body), `"remotesessions"`) {
		t.Errorf("the names lack the seed routes: %s", body)
	}
}
