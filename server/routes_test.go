package server

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// The route table and the OpenAPI documents describe the same operations:
// every route is documented with its method and path, parameter names
// included, and every documented operation is served.
func TestRouteTableMatchesTheSpec(t *testing.T) {
	t.Parallel()
	base := map[string]string{wire.Segura: "", wire.Appgate: appgate.BasePath}
	documented := map[string]string{} // "METHOD /path" -> summary
	for _, v := range wire.Vendors() {
		doc, err := openapi.Load(v)
		if err != nil {
			t.Fatal(err)
		}
		for path, item := range doc.Paths.Map() {
			for method, op := range item.Operations() {
				documented[v+" "+method+" "+base[v]+path] = op.Summary
			}
		}
	}
	served := map[string]bool{}
	for _, r := range Routes() {
		key := r.Vendor + " " + r.String()
		if served[key] {
			t.Errorf("route %s is twice in the table", key)
		}
		served[key] = true
		summary, ok := documented[key]
		switch {
		case !ok:
			t.Errorf("route %s is not in the %s document", r, r.Vendor)
		case summary != r.Summary:
			t.Errorf("route %s: summary %q, the document says %q", r, r.Summary, summary)
		}
	}
	for key := range documented {
		if !served[key] {
			t.Errorf("the document has %s, which the route table lacks", key)
		}
	}
}

// The table serves exactly the routes the wire packages list, and so the
// route names a fault rule accepts.
func TestRouteTableMatchesTheWirePackagesAndTheFaultEngine(t *testing.T) {
	t.Parallel()
	wired := append(segura.Routes(), appgate.Routes()...)
	if !slices.Equal(Routes(), wired) {
		t.Errorf("the table serves\n%v\nthe wire packages list\n%v", Routes(), wired)
	}
	var names []string
	for _, v := range wire.Vendors() {
		for _, name := range fault.Routes(v) {
			names = append(names, name)
			i := slices.IndexFunc(Routes(), func(r wire.Route) bool { return r.Name == name })
			if i < 0 {
				t.Errorf("the fault engine accepts route %q, which the table lacks", name)
			} else if Routes()[i].Vendor != v {
				t.Errorf("route %q is %s's for the fault engine, %s's in the table", name, v, Routes()[i].Vendor)
			}
		}
	}
	if got := wire.Names(Routes()); !slices.Equal(got, names) {
		t.Errorf("table route names %q, fault engine %q", got, names)
	}
}

// Each route reaches its handler under its name: the journal records the
// name of the route the router chose, and each handler answers in its own
// way.
func TestEveryRouteReachesItsHandler(t *testing.T) {
	m := start(t, nil)
	dn := m.world.Appgate().At(0).DN.String()
	param := regexp.MustCompile(`\{[^}]+\}`)
	for _, rt := range Routes() {
		t.Run(rt.String(), func(t *testing.T) {
			s := m.Config.Handler.(*Server)
			s.ClearRequests()
			path := param.ReplaceAllString(rt.Pattern, "3")
			if rt.Name == appgate.RouteSessionInfo {
				path = appgate.SessionInfoPath(dn)
			}
			req := m.request(t, rt.Method, path, strings.NewReader(""), "Accept", accept23)
			resp, _ := m.call(t, req)
			if resp.StatusCode == http.StatusMethodNotAllowed {
				t.Fatalf("%s: the router does not serve the method", rt)
			}
			entries, _ := s.Requests()
			if len(entries) != 1 || entries[0].Route != rt.Name || entries[0].Vendor != rt.Vendor {
				t.Fatalf("journal %+v, want one %s request of route %q", entries, rt.Vendor, rt.Name)
			}
		})
	}
}
