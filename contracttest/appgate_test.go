package contracttest

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/server"
)

func TestAppgateVersion(t *testing.T) {
	t.Run("given and accepted", func(t *testing.T) {
		ts := serve(t, newMock(t))
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
		ts := serve(t, newMock(t))
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
		ts := serve(t, strip(t, newMock(t)))
		rep, err := Run(context.Background(), targetFor(openapi.Appgate, ts.URL), Options{Checks: []string{CheckSchemaValid}})
		if err != nil {
			t.Fatal(err)
		}
		if rep.APIVersion != server.DefaultPeerVersion || rep.APIVersionSource != "version" {
			t.Errorf("version %d from %q, want %d from GET /version", rep.APIVersion, rep.APIVersionSource, server.DefaultPeerVersion)
		}
	})
	t.Run("not discoverable", func(t *testing.T) {
		broken := respond(func(r *http.Request) bool {
			return r.URL.Path == "/admin/version" || r.URL.Path == "/admin/login"
		}, http.StatusInternalServerError, "application/json", `{"id":"internal server error","message":"boom"}`)
		ts := serve(t, broken(t, newMock(t)))
		_, err := Run(context.Background(), targetFor(openapi.Appgate, ts.URL), Options{})
		if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "--accept-version") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestDNs(t *testing.T) {
	hideAdmin := respond(func(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/__mock/") },
		http.StatusNotFound, "text/plain", "404 page not found")
	t.Run("not a sessionmock", func(t *testing.T) {
		ts := serve(t, hideAdmin(t, newMock(t)))
		rep, err := Run(context.Background(), targetFor(openapi.Appgate, ts.URL), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range rep.Checks {
			switch {
			case c.ID == CheckAppgateIdentity || c.ID == CheckAppgateAccess:
				if c.Status != Skipped || !strings.Contains(c.Reason, "not a sessionmock") {
					t.Errorf("%s: %s %q, want skipped as the target is not a sessionmock", c.ID, c.Status, c.Reason)
				}
			case c.Status == Failed:
				t.Errorf("%s failed: %s", c.ID, c.Reason)
			}
		}
	})
	t.Run("given", func(t *testing.T) {
		ts := serve(t, hideAdmin(t, newMock(t)))
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
		ts := serve(t, newMock(t))
		target := targetFor(openapi.Appgate, ts.URL)
		target.DNs = []string{"CN=00000000000000000000000000000001,CN=gone,OU=local"}
		rep, err := Run(context.Background(), target, Options{})
		if err != nil {
			t.Fatal(err)
		}
		id := resultOf(t, rep, CheckAppgateIdentity)
		if id.Status != Skipped || !strings.Contains(id.Reason, "404") {
			t.Errorf("identity: %s %q, want skipped naming the 404", id.Status, id.Reason)
		}
	})
}
