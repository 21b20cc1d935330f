package contracttest

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/server"
)

func TestAppgateVersion(t *testing.T) {
	t.Run("given and accepted", func(t *testing.T) {
		ts := serve(t, newCompliant(t))
		target := targetFor(openapi.Appgate, ts.URL)
		target.AcceptVersion = 22
		rep, err := Run(context.Background(), target, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.APIVersion != 22 || rep.APIVersionSource != "given" || rep.Failed() {
			t.Errorf("version %d from %q, summary %+v", rep.APIVersion, rep.APIVersionSource, rep.Summary)
		}
	})
	t.Run("given and refused", func(t *testing.T) {
		ts := serve(t, newCompliant(t))
		target := targetFor(openapi.Appgate, ts.URL)
		target.AcceptVersion = 30
		_, err := Run(context.Background(), target, Options{})
		if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "does not accept API version 30") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("read from GET /version", func(t *testing.T) {
		strip := alter(all, func(t testing.TB, a *answer) {
			if a.status == http.StatusNotAcceptable {
				editJSON(func(v map[string]any) { delete(v, "maxSupportedVersion") })(t, a)
			}
		})
		ts := serve(t, strip(t, newCompliant(t)))
		rep, err := Run(context.Background(), targetFor(openapi.Appgate, ts.URL), Options{Checks: []string{CheckSchemaValid}})
		if err != nil {
			t.Fatal(err)
		}
		if rep.APIVersion != server.DefaultPeerVersion || rep.APIVersionSource != "version" {
			t.Errorf("version %d from %q, want %d from GET /version", rep.APIVersion, rep.APIVersionSource, server.DefaultPeerVersion)
		}
	})
	// A controller that fails while the version is discovered is a
	// failing server: the run reports it rather than stopping.
	t.Run("discovery fails with 5xx", func(t *testing.T) {
		broken := respond(func(r *http.Request) bool {
			return r.URL.Path == "/admin/version" || r.URL.Path == "/admin/login"
		}, http.StatusInternalServerError, "application/json", `{"id":"internal server error","message":"boom"}`)
		ts := serve(t, broken(t, newCompliant(t)))
		rep, err := Run(context.Background(), targetFor(openapi.Appgate, ts.URL), Options{})
		if err != nil {
			t.Fatalf("err = %v, want a report", err)
		}
		for _, c := range rep.Checks {
			switch c.ID {
			case CheckVersionDiscovery, CheckVersionEndpoint, CheckNoServerError:
				if c.Status != Failed {
					t.Errorf("%s: %s (%s), want failed", c.ID, c.Status, c.Reason)
				}
			case CheckStatusDocumented, CheckContentTypeDocumented, CheckSchemaValid, CheckLatencyBudget:
			default:
				if c.Status != Skipped || !strings.Contains(c.Reason, "no API version to send") {
					t.Errorf("%s: %s (%s), want skipped for the missing version", c.ID, c.Status, c.Reason)
				}
			}
		}
	})
	// One that answers both without a version is probably not a
	// controller's Admin API: the user has a base URL to fix.
	t.Run("not a controller", func(t *testing.T) {
		ts := serve(t, http.NotFoundHandler())
		_, err := Run(context.Background(), targetFor(openapi.Appgate, ts.URL), Options{})
		if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "--accept-version") || !strings.Contains(err.Error(), "base URL") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestDNs(t *testing.T) {
	hideAdmin := respond(func(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/__mock/") },
		http.StatusNotFound, "text/plain", "404 page not found")
	// A controller without the mock's admin API: the names come from its
	// own list of active sessions.
	t.Run("from the active sessions", func(t *testing.T) {
		ts := serve(t, hideAdmin(t, newCompliant(t)))
		rep, err := Run(context.Background(), targetFor(openapi.Appgate, ts.URL), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if f := failedChecks(rep); len(f) > 0 {
			t.Errorf("%v failed", f)
		}
		if id := resultOf(t, rep, CheckAppgateIdentity); id.Status != Passed || len(id.Evidence) != DefaultMaxDNs {
			t.Errorf("identity: %s %q with %d evidence", id.Status, id.Reason, len(id.Evidence))
		}
		if !slices.ContainsFunc(rep.Notes, func(n string) bool { return strings.Contains(n, "read from GET /stats/active-sessions/dn") }) {
			t.Errorf("notes %q do not say where the names came from", rep.Notes)
		}
	})
	// Nowhere to find names: the checks that judge sessions fail for
	// having nothing to judge, unless that is allowed.
	t.Run("nowhere", func(t *testing.T) {
		noList := respond(path(http.MethodGet, activeSessionsRoute.Pattern), http.StatusNotFound, "application/json",
			`{"id":"not found","message":"The requested resource can not be found."}`)
		ts := serve(t, hideAdmin(t, noList(t, newCompliant(t))))
		for _, allow := range []bool{false, true} {
			rep, err := Run(context.Background(), targetFor(openapi.Appgate, ts.URL), Options{AllowEmpty: allow,
				Skip: []string{CheckActiveSessionsPaging, CheckActiveSessionsIdent}})
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range []string{CheckAppgateIdentity, CheckAppgateAccess, CheckDNSpellings} {
				c := resultOf(t, rep, id)
				want := map[bool]Status{false: Failed, true: Skipped}[allow]
				if c.Status != want || !strings.Contains(c.Reason, "not a sessionmock") || !strings.Contains(c.Reason, "--allow-empty") {
					t.Errorf("allow-empty %t: %s: %s %q, want %s naming why", allow, id, c.Status, c.Reason, want)
				}
			}
		}
	})
	t.Run("given", func(t *testing.T) {
		ts := serve(t, hideAdmin(t, newCompliant(t)))
		target := targetFor(openapi.Appgate, ts.URL)
		target.DNs = mockDNs(t, 2)
		rep, err := Run(context.Background(), target, Options{})
		if err != nil {
			t.Fatal(err)
		}
		id := resultOf(t, rep, CheckAppgateIdentity)
		if id.Status != Passed || len(id.Evidence) != 2 {
			t.Errorf("identity: %s %q with %d evidence, want passed on the 2 DNs given", id.Status, id.Reason, len(id.Evidence))
		}
	})
	t.Run("given but gone", func(t *testing.T) {
		ts := serve(t, newCompliant(t))
		target := targetFor(openapi.Appgate, ts.URL)
		target.DNs = []string{"CN=00000000000000000000000000000001,CN=gone,OU=local"}
		rep, err := Run(context.Background(), target, Options{})
		if err != nil {
			t.Fatal(err)
		}
		id := resultOf(t, rep, CheckAppgateIdentity)
		if id.Status != Failed || !strings.Contains(id.Reason, "404") || !hasPointer(failing(id), "") {
			t.Errorf("identity: %s %q, want failed naming the 404", id.Status, id.Reason)
		}
		rep, err = Run(context.Background(), target, Options{AllowEmpty: true})
		if err != nil {
			t.Fatal(err)
		}
		if id := resultOf(t, rep, CheckAppgateIdentity); id.Status != Skipped || !strings.Contains(id.Reason, "--allow-empty") {
			t.Errorf("identity with --allow-empty: %s %q, want skipped", id.Status, id.Reason)
		}
	})
}
