package server

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/internal/spectest"
)

// bodyTimeout is the injected body time-out of these tests; holdBound is
// how long a test waits for an answer before it calls the connection
// held, far beyond the time-out.
const (
	bodyTimeout = 100 * time.Millisecond
	holdBound   = 2 * time.Minute
)

// rawConn opens a connection to m for requests written by hand.
func rawConn(t *testing.T, m *mock) (net.Conn, *bufio.Reader) {
	t.Helper()
	conn, err := net.Dial("tcp", m.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := conn.SetDeadline(time.Now().Add(holdBound)); err != nil {
		t.Fatal(err)
	}
	return conn, bufio.NewReader(conn)
}

// readAnswer reads one answer, failing when the server still holds the
// connection at the test's bound.
func readAnswer(t *testing.T, r *bufio.Reader, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.ReadResponse(r, req)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("%s %s: no answer after %v: the server holds the connection", req.Method, req.URL.Path, holdBound)
	}
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("%s %s: body: %v", req.Method, req.URL.Path, err)
	}
	return resp, body
}

// TestHalfSentBodyIsCutOff: headers complete, body not (or, with Expect:
// 100-continue, not even started): the answer is the vendor's 408 once
// the body time-out passes, and the connection is closed.
func TestHalfSentBodyIsCutOff(t *testing.T) {
	t.Parallel()
	m := start(t, func(c *Config) { c.BodyTimeout = bodyTimeout })
	tests := []struct {
		name, vendor, method, path, header string
		expect                             bool // Expect: 100-continue, and no byte of the body
		want                               string
	}{
		{"token", "segura", "POST", "/iso/oauth2/token", "Content-Type: application/x-www-form-urlencoded\r\n", false,
			`{"message":"Request timeout"}`},
		{"token, 100-continue", "segura", "POST", "/api/oauth2/token", "Content-Type: application/x-www-form-urlencoded\r\n", true,
			`{"message":"Request timeout"}`},
		{"login", "appgate", "POST", "/admin/login", "Accept: " + accept23 + "\r\nContent-Type: application/json\r\n", false,
			`{"id":"request timeout","message":"Request Timeout."}`},
		{"login, 100-continue", "appgate", "POST", "/admin/login", "Accept: " + accept23 + "\r\nContent-Type: application/json\r\n", true,
			`{"id":"request timeout","message":"Request Timeout."}`},
		{"a GET with a body", "segura", "GET", "/api/session/remotesessions", "", false,
			`{"message":"Request timeout"}`},
		{"unknown path", "appgate", "POST", "/admin/nowhere", "", false,
			`{"id":"request timeout","message":"Request Timeout."}`},
		{"admin", "", "POST", "/__mock/faults", "Content-Type: application/json\r\n", false,
			`{"error":"body: not received within 100ms of the headers (--body-timeout)"}`},
		{"admin, 100-continue", "", "POST", "/__mock/faults", "Content-Type: application/json\r\n", true,
			`{"error":"body: not received within 100ms of the headers (--body-timeout)"}`},
	}
	t.Run("each", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				conn, r := rawConn(t, m)
				head := tt.method + " " + tt.path + " HTTP/1.1\r\nHost: mock\r\nContent-Length: 100\r\n" + tt.header
				if tt.expect {
					head += "Expect: 100-continue\r\n"
				}
				if _, err := io.WriteString(conn, head+"\r\n"); err != nil {
					t.Fatal(err)
				}
				req, _ := http.NewRequest(tt.method, m.URL+tt.path, nil)
				if tt.expect {
					cont, _ := readAnswer(t, r, req)
					if cont.StatusCode != http.StatusContinue {
						t.Fatalf("want 100 Continue first, got %d", cont.StatusCode)
					}
				} else if _, err := io.WriteString(conn, `{"partial":`); err != nil {
					t.Fatal(err)
				}
				resp, body := readAnswer(t, r, req)
				if resp.StatusCode != http.StatusRequestTimeout {
					t.Fatalf("status %d %s, want 408", resp.StatusCode, body)
				}
				wantJSON(t, body, tt.want)
				if tt.vendor != "" {
					spectest.Check(t, tt.vendor, req, resp, body)
				}
				if rest, err := io.ReadAll(r); err != nil || len(rest) > 0 {
					t.Errorf("after the 408: %q, %v; want the connection closed", rest, err)
				}
			})
		}
	})
	// The time-outs are journaled like any answer.
	entries, _ := m.srv.Requests()
	timeouts := 0
	for _, e := range entries {
		if e.Status == http.StatusRequestTimeout {
			timeouts++
		}
	}
	if timeouts != 6 {
		t.Errorf("%d journaled 408s, want the 6 vendor ones", timeouts)
	}
}

// TestBodyTimeoutNeverCutsAnAnswer: once the body is in, however long the
// answer then takes (a slow fault, a bandwidth cap), the body time-out
// has no say in it.
func TestBodyTimeoutNeverCutsAnAnswer(t *testing.T) {
	t.Parallel()
	m := start(t, func(c *Config) { c.BodyTimeout = bodyTimeout })
	m.addRule(t, `{"match":{"route":"remotesessions"},"action":{"bandwidth":40000}}`)
	form := "grant_type=client_credentials&client_id=sessionmock&client_secret=sessionmock-secret"

	start := time.Now()
	resp, body := m.call(t, m.request(t, "POST", "/iso/oauth2/token", strings.NewReader(form),
		"Content-Type", "application/x-www-form-urlencoded", "Prefer", "fault=slow, hold=500ms"))
	var tok tokenResponse
	if resp.StatusCode != 200 || json.Unmarshal(body, &tok) != nil || tok.AccessToken == "" {
		t.Fatalf("slow token answer: %d %q", resp.StatusCode, body)
	}
	if took := time.Since(start); took < 4*bodyTimeout {
		t.Fatalf("the slow answer took %v: too short to prove anything", took)
	}

	// A list of about 17 KB at 40 KB/s, asked for with a (pointless) body.
	start = time.Now()
	resp, body = m.call(t, m.request(t, "GET", "/api/session/remotesessions", strings.NewReader("{}"),
		"Authorization", "Bearer "+tok.AccessToken))
	var list struct {
		Sessions []json.RawMessage `json:"remote_sessions"`
	}
	if resp.StatusCode != 200 || json.Unmarshal(body, &list) != nil || len(list.Sessions) != 50 {
		t.Fatalf("throttled list: %d, %d bytes", resp.StatusCode, len(body))
	}
	if took := time.Since(start); took < 2*bodyTimeout {
		t.Fatalf("the throttled list took %v: too short to prove anything", took)
	}
}

// TestSlowButSteadyBodyIsRead: a body that arrives in pieces within the
// time-out is read whole.
func TestSlowButSteadyBodyIsRead(t *testing.T) {
	t.Parallel()
	m := start(t, func(c *Config) { c.BodyTimeout = time.Second })
	conn, r := rawConn(t, m)
	form := "grant_type=client_credentials&client_id=sessionmock&client_secret=sessionmock-secret"
	io.WriteString(conn, "POST /iso/oauth2/token HTTP/1.1\r\nHost: mock\r\nContent-Type: application/x-www-form-urlencoded\r\n"+
		"Transfer-Encoding: chunked\r\n\r\n")
	for _, piece := range []string{form[:10], form[10:40], form[40:]} {
		io.WriteString(conn, strconv.FormatInt(int64(len(piece)), 16)+"\r\n"+piece+"\r\n")
		time.Sleep(20 * time.Millisecond)
	}
	io.WriteString(conn, "0\r\n\r\n")
	req, _ := http.NewRequest("POST", m.URL+"/iso/oauth2/token", nil)
	resp, body := readAnswer(t, r, req)
	if resp.StatusCode != 200 || !strings.Contains(string(body), "access_token") {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
}

// TestMalformedBodyIsAVendorError: a chunked body that breaks off in the
// middle is the vendor's 400 (the admin API's, under /__mock/), not a
// plain-text answer or a 413.
func TestMalformedBodyIsAVendorError(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	for _, c := range []struct{ vendor, path, header, want string }{
		{"segura", "/iso/oauth2/token", "Content-Type: application/x-www-form-urlencoded\r\n", "invalid_request"},
		{"appgate", "/admin/login", "Accept: " + accept23 + "\r\nContent-Type: application/json\r\n", `"id":"bad request"`},
		{"segura", "/api/session/remotesessions", "", `"code":400`},
		{"", "/__mock/faults", "Content-Type: application/json\r\n", `"error":"body: `},
	} {
		conn, r := rawConn(t, m)
		io.WriteString(conn, "POST "+c.path+" HTTP/1.1\r\nHost: mock\r\nTransfer-Encoding: chunked\r\n"+c.header+"\r\nzz\r\n")
		req, _ := http.NewRequest("POST", m.URL+c.path, nil)
		resp, body := readAnswer(t, r, req)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), c.want) ||
			!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("%s: %d %s %s, want a JSON 400 with %s", c.path, resp.StatusCode, resp.Header.Get("Content-Type"), body, c.want)
		}
		if c.vendor != "" {
			spectest.Check(t, c.vendor, req, resp, body)
		}
	}
}
