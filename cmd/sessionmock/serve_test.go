package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// seguraToken gets a token the way the vendor's clients do.
func seguraToken(t *testing.T, client *http.Client, base string) string {
	t.Helper()
	resp, err := client.PostForm(base+"/iso/oauth2/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {"sessionmock"}, "client_secret": {"sessionmock-secret"},
	})
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	decodeJSON(t, resp, &tok)
	if tok.AccessToken == "" {
		t.Fatal("token response without access_token")
	}
	return tok.AccessToken
}

// decodeJSON checks for a 200 JSON answer and decodes it into v.
func decodeJSON(t *testing.T, resp *http.Response, v any) {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: status %d, body %s", resp.Request.Method, resp.Request.URL, resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "json") {
		t.Fatalf("%s: Content-Type %q is not JSON", resp.Request.URL, ct)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("%s: %v in %s", resp.Request.URL, err, body)
	}
}

func TestServeEndToEnd(t *testing.T) {
	m := startServe(t, nil, "serve", "--addr", "127.0.0.1:0", "--seed", "3", "--segura-sessions", "5", "--appgate-sessions", "2", "--log-format", "json")
	if !strings.HasPrefix(m.base, "http://127.0.0.1:") || strings.HasSuffix(m.base, ":0") {
		t.Fatalf("banner URL %q is not the bound loopback port", m.base)
	}
	client := &http.Client{Timeout: hangGuard}

	token := seguraToken(t, client, m.base)
	req, _ := http.NewRequest(http.MethodGet, m.base+"/api/session/remotesessions", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		RemoteSessions []map[string]any `json:"remote_sessions"`
	}
	decodeJSON(t, resp, &list)
	if len(list.RemoteSessions) != 5 {
		t.Fatalf("%d remote sessions, want the 5 of --segura-sessions", len(list.RemoteSessions))
	}

	req, _ = http.NewRequest(http.MethodGet, m.base+"/admin/version", nil)
	req.Header.Set("Accept", "application/json")
	if resp, err = client.Do(req); err != nil {
		t.Fatal(err)
	}
	var version struct {
		PeerVersion                int `json:"peerVersion"`
		LowestPeerVersionSupported int `json:"lowestPeerVersionSupported"`
	}
	decodeJSON(t, resp, &version)
	if version.PeerVersion != 24 || version.LowestPeerVersionSupported != 22 {
		t.Fatalf("peer versions %d to %d, want the default 22 to 24 (release 6.7)", version.LowestPeerVersionSupported, version.PeerVersion)
	}

	if err := m.stop(t); err != nil {
		t.Fatalf("run after cancel = %v, want nil", err)
	}
	if _, err := net.Dial("tcp", strings.TrimPrefix(m.base, "http://")); err == nil {
		t.Fatal("still listening after run returned")
	}
	// --log-format json: every line on stderr is a JSON record.
	msgs := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(m.stderr.String()), "\n") {
		var rec struct{ Msg string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %s", line)
		}
		msgs[rec.Msg] = true
	}
	// The log goes out in batches: the request lines and the last line,
	// written just before run returned, must all have reached stderr.
	if !msgs["listening"] || !msgs["request"] || !msgs["shutting down"] {
		t.Errorf("log lacks the start, the request lines or the stop:\n%s", m.stderr)
	}
}

// The records "fixtures" prints are the ones serve sends.
func TestFixturesMatchesServe(t *testing.T) {
	m := startServe(t, nil, "--addr", "127.0.0.1:0", "--seed", "9", "--segura-sessions", "4")
	client := &http.Client{Timeout: hangGuard}
	// fixtures prints the sessions as planned, ended: a day on, serve
	// lists the four as planned, and more after them.
	adv, err := client.Post(m.base+"/__mock/clock", "application/json", strings.NewReader(`{"advance":"24h"}`))
	if err != nil || adv.StatusCode != 200 {
		t.Fatalf("advance the clock: %v %v", adv, err)
	}
	adv.Body.Close()
	req, _ := http.NewRequest(http.MethodGet, m.base+"/api/session/remotesessions", nil)
	req.Header.Set("Authorization", "Bearer "+seguraToken(t, client, m.base))
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var served struct {
		RemoteSessions json.RawMessage `json:"remote_sessions"`
	}
	decodeJSON(t, resp, &served)

	out, _, err := runCmd(t, "fixtures", "--vendor", "segura", "--seed", "9", "--count", "4")
	if err != nil {
		t.Fatal(err)
	}
	var printed, sent []any
	if err := json.Unmarshal([]byte(out), &printed); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(served.RemoteSessions, &sent); err != nil {
		t.Fatal(err)
	}
	if len(sent) <= 4 || len(printed) != 4 {
		t.Fatalf("printed %d, served %d a day on", len(printed), len(sent))
	}
	if sent = sent[:4]; fmt.Sprint(printed) != fmt.Sprint(sent) {
		t.Fatalf("fixtures printed\n%v\nserve sent\n%v", printed, sent)
	}
}

// A request still arriving when the stop comes is answered before run
// returns, while new connections are refused.
func TestServeShutdownFinishesInFlightRequest(t *testing.T) {
	m := startServe(t, nil, "--addr", "127.0.0.1:0")
	addr := strings.TrimPrefix(m.base, "http://")
	body := "grant_type=client_credentials&client_id=sessionmock&client_secret=sessionmock-secret"
	conn, r := inFlight(t, addr, fmt.Sprintf("POST /iso/oauth2/token HTTP/1.1\r\nHost: %s\r\n"+
		"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", addr, len(body)))

	m.cancel()
	// Shutdown closes the listener first; wait for that, so the body
	// certainly arrives during the shutdown.
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("listener still open 5s after the cancel")
		}
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case err := <-m.done:
		t.Fatalf("run returned (%v) with a request in flight", err)
	default:
	}

	if _, err := io.WriteString(conn, body); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	resp.Request, _ = http.NewRequest(http.MethodPost, m.base+"/iso/oauth2/token", nil)
	decodeJSON(t, resp, &tok)
	if tok.AccessToken == "" {
		t.Fatal("no token in the answer given during shutdown")
	}
	if err := m.stop(t); err != nil {
		t.Fatalf("run = %v, want nil", err)
	}
}

// TestServePortInUse: a taken port is the common first-run mistake (a mock
// from earlier still running); the error says so and how to get a free
// port, before anything is announced.
func TestServePortInUse(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	out, _, err := runCmd(t, "serve", "--addr", addr)
	want := "serve: listen on " + addr + ": the address is already in use, perhaps by another sessionmock; " +
		"stop it, or pick another port with --addr (--addr 127.0.0.1:0 lets the system pick a free one)"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant    %s", err, want)
	}
	if code := exitCode(err); code != 2 {
		t.Errorf("exit status %d, want 2", code)
	}
	if out != "" {
		t.Errorf("printed a banner before failing:\n%s", out)
	}
}

func TestServeUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"flag", []string{"--seed", "x"}, nil, `serve: --seed: "x" is not a whole number`},
		{"env", nil, map[string]string{"SESSIONMOCK_SEGURA_SESSIONS": "-4"},
			`serve: SESSIONMOCK_SEGURA_SESSIONS: -4 is below the minimum; want a whole number from 0 to 1000000000`},
		{"unknown flag", []string{"--colour"}, nil, "serve: unknown flag --colour; sessionmock serve --help lists the flags"},
		{"misspelt flag", []string{"--sed", "3"}, nil, "serve: unknown flag --sed; did you mean --seed?"},
		{"journal too large", []string{"--journal-size", "10000000000"}, nil,
			"serve: --journal-size: 10000000000 is above the maximum; want a whole number from 0 to 100000"},
		{"pinned file", []string{"--fixtures", "testdata/bad-pinned.yaml"}, nil, "testdata/bad-pinned.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out syncBuffer
			err := run(t.Context(), append([]string{"serve", "--addr", "127.0.0.1:0"}, tt.args...),
				environ(tt.env), &out, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
			if code := exitCode(err); code != 2 {
				t.Errorf("exit status %d, want 2", code)
			}
			if out.String() != "" {
				t.Errorf("printed a banner before failing:\n%s", out.String())
			}
		})
	}
}
