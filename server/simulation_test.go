package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
)

// heldRequest sends a request that a simulation holds for an hour and
// returns once the server has started on it: the request announces a body
// with Expect: 100-continue, and the server says "100 Continue" when it
// reads the body, just before the fault decision.
func heldRequest(t *testing.T, m *mock, path, prefer string) *bufio.Reader {
	t.Helper()
	conn, r := rawConn(t, m)
	head := "GET " + path + " HTTP/1.1\r\nHost: mock\r\nAccept: " + accept23 + "\r\nPrefer: " + prefer +
		"\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", m.URL+path, nil)
	if cont, _ := readAnswer(t, r, req); cont.StatusCode != http.StatusContinue {
		t.Fatalf("want 100 Continue, got %d", cont.StatusCode)
	}
	if _, err := io.WriteString(conn, "{}"); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestStopSimulationsReleasesHeldAnswers: requests held by a delay, a
// timeout or a gateway-timeout are dropped at once (as when their client
// gives up), slow and bandwidth-capped answers send the rest of their body
// at once, and what comes after skips its waits.
func TestStopSimulationsReleasesHeldAnswers(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	m.addRule(t, `{"match":{"route":"remotesessions"},"action":{"bandwidth":20}}`)
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	_, version := m.call(t, m.request(t, "GET", "/admin/version", nil))
	// Bound every wait of the test: a simulation that is not released
	// fails it at this time instead of holding it for an hour.
	ctx, cancel := context.WithTimeout(context.Background(), holdBound)
	defer cancel()
	bounded := func(req *http.Request) *http.Request { return req.WithContext(ctx) }
	list := bounded(m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok))

	var held []*bufio.Reader
	for _, prefer := range []string{"delay=1h", "fault=timeout, hold=1h", "fault=gateway-timeout, hold=1h"} {
		held = append(held, heldRequest(t, m, "/admin/version", prefer))
	}
	// The slow answers have sent their status when they start on the body.
	slow, err := m.Client().Do(bounded(m.request(t, "GET", "/admin/version", nil, "Prefer", "fault=slow, hold=1h")))
	if err != nil {
		t.Fatal(err)
	}
	throttled, err := m.Client().Do(list)
	if err != nil {
		t.Fatal(err)
	}

	m.srv.StopSimulations()
	m.srv.StopSimulations() // again: nothing more

	for i, r := range held {
		resp, err := http.ReadResponse(r, nil)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("held request %d still held after the stop", i)
		}
		if err == nil {
			t.Errorf("held request %d answered %d after the stop, want the connection dropped", i, resp.StatusCode)
		}
	}
	for name, resp := range map[string]*http.Response{"slow": slow, "throttled": throttled} {
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("%s answer after the stop: %v", name, err)
		}
		if name == "slow" && !bytes.Equal(body, version) {
			t.Errorf("slow answer %q, want %q", body, version)
		}
		if name == "throttled" && (!strings.HasSuffix(string(body), "}]}") || len(body) < 10_000) {
			t.Errorf("throttled list cut short: %d bytes", len(body))
		}
	}

	// Simulations to come are over too: a delayed request is dropped at
	// once, a capped one is answered at full speed.
	if _, err := m.Client().Do(bounded(m.request(t, "GET", "/admin/version", nil, "Prefer", "delay=1h"))); err == nil {
		t.Error("a delayed request after the stop was answered")
	}
	resp, body := m.call(t, bounded(m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok)))
	if resp.StatusCode != 200 || len(body) < 10_000 {
		t.Errorf("list after the stop: %d, %d bytes", resp.StatusCode, len(body))
	}
}
