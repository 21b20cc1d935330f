package contracttest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/server"
)

func TestSecretsNeverInTheReport(t *testing.T) {
	const secret, password = "s3cret-client-value", "correct-horse-battery"
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 3, SeguraSessions: 4, AppgateClients: 2})
	if err != nil {
		t.Fatal(err)
	}
	mock, err := server.New(server.Config{World: world,
		SeguraClients: []server.SeguraClient{{ID: "ci", Secret: secret, ListSessions: true}},
		AppgateUsers:  []server.AppgateUser{{Provider: "local", Username: "ci", Password: password, SessionInfo: true}},
	})
	if err != nil {
		t.Fatal(err)
	}
	// A server so careless that it repeats the credentials it receives in
	// every answer, and labels its answers wrongly, so that every exchange
	// fails a check and is quoted in the report.
	leak := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(strings.NewReader(string(body)))
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			var v map[string]any
			if json.Unmarshal(rec.Body.Bytes(), &v) != nil {
				v = map[string]any{}
			}
			v["echo"] = map[string]string{"authorization": r.Header.Get("Authorization"), "body": string(body)}
			out, _ := json.Marshal(v)
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(rec.Code)
			_, _ = w.Write(out)
		})
	}
	for _, vendor := range openapi.Vendors() {
		for _, ready := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/ready token %t", vendor, ready), func(t *testing.T) {
				j := &journal{}
				ts := serve(t, j.wrap(leak(mock)))
				target := Target{Vendor: vendor, BaseURL: ts.URL, ClientID: "ci", ClientSecret: secret}
				if vendor == openapi.Appgate {
					target = Target{Vendor: vendor, BaseURL: ts.URL + "/admin", Username: "ci", Password: password}
				}
				if ready {
					if _, err := Run(context.Background(), target, Options{Checks: []string{CheckTokenIssued}}); err != nil {
						t.Fatal(err)
					}
					target.Token = j.issuedTokens(t)[0]
				}
				rep, err := Run(context.Background(), target, Options{})
				if err != nil {
					t.Fatal(err)
				}
				ct := resultOf(t, rep, CheckContentTypeDocumented)
				if ct.Status != Failed || len(failing(ct)) < 4 {
					t.Fatalf("content-type-documented: %s with %d failing exchanges; the test needs them quoted", ct.Status, len(failing(ct)))
				}
				out, err := json.Marshal(rep)
				if err != nil {
					t.Fatal(err)
				}
				leaked := append([]string{secret, password}, j.issuedTokens(t)...)
				for _, s := range leaked {
					if strings.Contains(string(out), s) {
						t.Errorf("the report contains the secret %.12s...", s)
					}
				}
				if !strings.Contains(string(out), Redacted) {
					t.Error("nothing was redacted; the test proves nothing")
				}
			})
		}
	}
}
