package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

// fake is how a fakeMock answers.
type fake struct {
	// clients is how many entries the active-sessions list has (20 when
	// zero).
	clients int
	// moving is a path prefix whose answers change from one request to
	// the next, as a clock-dependent field would.
	moving string
}

// fakeMock answers the few calls the harness makes, checking that they
// carry what the real mock needs: two DNs, their session-info, and an
// active-sessions list that it streams chunked.
func fakeMock(t *testing.T, f fake) *httptest.Server {
	t.Helper()
	if f.clients == 0 {
		f.clients = 20
	}
	var served atomic.Int64
	authorized := func(w http.ResponseWriter, r *http.Request) bool {
		if r.Header.Get("Authorization") != "Bearer ag-token" || r.Header.Get("Accept") != peerAccept {
			http.Error(w, "no token", http.StatusUnauthorized)
			return false
		}
		return true
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := served.Add(1)
		moved := ""
		if f.moving != "" && strings.HasPrefix(r.URL.Path, f.moving) {
			moved = `,"at":` + strconv.FormatInt(n, 10)
		}
		switch {
		case r.Method == "POST" && r.URL.Path == "/admin/login":
			var body map[string]string
			json.NewDecoder(r.Body).Decode(&body)
			if r.Header.Get("Accept") != peerAccept || body["username"] != appgateUser || body["deviceId"] != appgateDeviceID {
				http.Error(w, "bad login", http.StatusUnauthorized)
				return
			}
			io.WriteString(w, `{"token":"ag-token"}`)
		case r.Method == "POST" && r.URL.Path == "/iso/oauth2/token":
			r.ParseForm()
			if r.PostForm.Get("grant_type") != "client_credentials" || r.PostForm.Get("client_secret") != seguraClientSecret {
				http.Error(w, "bad client", http.StatusUnauthorized)
				return
			}
			io.WriteString(w, `{"access_token":"sg-token"}`)
		case r.URL.Path == "/__mock/sessions":
			if r.URL.Query().Get("vendor") != "appgate" || r.URL.Query().Get("limit") == "" {
				http.Error(w, "bad query "+r.URL.RawQuery, http.StatusBadRequest)
				return
			}
			io.WriteString(w, `{"seed":1,"appgate":{"total":9,"clients":[{"dn":"CN=a,CN=u@x.example,OU=local"},{"dn":"CN=b,CN=v,OU=ldap"}]}}`)
		case strings.HasPrefix(r.URL.Path, "/admin/session-info/"):
			if !authorized(w, r) {
				return
			}
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"path":"`+r.URL.EscapedPath()+`"`+moved+`}`)
		case r.URL.Path == "/admin/stats/active-sessions/dn":
			if !authorized(w, r) {
				return
			}
			var first, last int
			fmt.Sscanf(r.URL.Query().Get("range"), "%d-%d", &first, &last)
			var data []string
			for i := first; i <= last && i < f.clients; i++ {
				data = append(data, fmt.Sprintf(`{"username":"u%02d"}`, i))
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, `{"orderBy":"`+r.URL.Query().Get("orderBy")+`"`+moved+`,"data":[`+strings.Join(data, ",")+`]}`)
			w.(http.Flusher).Flush() // streamed, as the mock does
		default:
			http.NotFound(w, r)
		}
	}))
}

func TestMockAPI(t *testing.T) {
	srv := fakeMock(t, fake{})
	defer srv.Close()
	ctx := context.Background()
	api := mockAPI{base: srv.URL, hc: probeClient()}

	ag, err := api.appgateToken(ctx)
	if err != nil || ag != "ag-token" {
		t.Fatalf("appgateToken = %q, %v", ag, err)
	}
	sg, err := api.seguraToken(ctx)
	if err != nil || sg != "sg-token" {
		t.Fatalf("seguraToken = %q, %v", sg, err)
	}
	dns, err := api.appgateDNs(ctx, 2)
	if err != nil || len(dns) != 2 || dns[0] != "CN=a,CN=u@x.example,OU=local" {
		t.Fatalf("appgateDNs = %q, %v", dns, err)
	}
	a, ct, err := api.answer(ctx, ag, appgate.SessionInfoPath(dns[0]))
	if err != nil || ct != "application/json" || a.Chunked {
		t.Fatalf("session-info: %+v %q, %v", a, ct, err)
	}
	// The DN goes out path-escaped, commas as %2C, as the vendor's client
	// sends it.
	if want := `{"path":"/admin/session-info/` + url.PathEscape(dns[0]) + `"}`; string(a.Body) != want || !strings.Contains(want, "%2C") {
		t.Fatalf("body %s, want %s", a.Body, want)
	}
	// A streamed answer is recorded as chunked, so that the baseline
	// streams it too.
	page, _, err := api.answer(ctx, ag, activeSessionsURI(url.Values{"range": {"0-1"}, "orderBy": {"username"}}))
	if err != nil || !page.Chunked || string(page.Body) != `{"orderBy":"username","data":[{"username":"u00"},{"username":"u01"}]}` {
		t.Fatalf("active-sessions page: %+v %s, %v", page, page.Body, err)
	}
	if _, _, err := api.answer(ctx, "wrong", appgate.SessionInfoPath(dns[0])); err == nil || !strings.Contains(err.Error(), "status 401") {
		t.Fatalf("session-info with a bad token: %v", err)
	}
	if err := api.healthy(ctx); err == nil || !strings.Contains(err.Error(), "status 404") {
		t.Fatalf("healthy on a server without /__mock/health: %v", err)
	}
}

func TestRequestURIs(t *testing.T) {
	t.Parallel()
	if got := appgate.SessionInfoPath("CN=a,CN=u@x.example,OU=local"); got != "/admin/session-info/CN=a%2CCN=u@x.example%2COU=local" {
		t.Errorf("appgate.SessionInfoPath = %q", got)
	}
	if got := activeSessionsURI(url.Values{"range": {"0-19"}, "orderBy": {"username"}}); got != "/admin/stats/active-sessions/dn?orderBy=username&range=0-19" {
		t.Errorf("activeSessionsURI = %q", got)
	}
}
