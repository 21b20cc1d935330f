package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/bench/internal/answers"
	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/mockapi"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// The mock's default credentials and peer version; the harness clears
// every SESSIONMOCK_ variable from the mock's environment so these hold.
const (
	seguraClientID     = "sessionmock"
	seguraClientSecret = "sessionmock-secret"
	appgateProvider    = "local"
	appgateUser        = "admin"
	appgatePassword    = "admin"
	appgateDeviceID    = "00000000-0000-4000-8000-000000000001"
	defaultPeerVersion = 23
)

var peerAccept = appgate.PeerMediaType(defaultPeerVersion)

// maxAnswer bounds the small answers read whole (tokens, pages of the
// admin API, session-info, active-sessions pages); the long list is never
// read through these functions.
const maxAnswer = 4 << 20

// mockAPI is what the harness asks of a running mock.
type mockAPI struct {
	base string // http://127.0.0.1:port
	hc   *http.Client
}

// do sends req and returns the whole body of a 200 answer.
func (m mockAPI) do(req *http.Request) ([]byte, http.Header, error) {
	resp, err := m.hc.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return nil, nil, fmt.Errorf("%s %s: %w", req.Method, req.URL.Path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("%s %s: status %d: %.300s", req.Method, req.URL.Path, resp.StatusCode, body)
	}
	return body, resp.Header, nil
}

// healthy is the readiness probe: GET /__mock/health answers 200.
func (m mockAPI) healthy(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.base+mockapi.PathHealth, nil)
	if err != nil {
		return err
	}
	_, _, err = m.do(req)
	return err
}

// appgateToken logs the default admin in.
func (m mockAPI) appgateToken(ctx context.Context) (string, error) {
	login, _ := json.Marshal(map[string]string{
		"providerName": appgateProvider, "username": appgateUser,
		"password": appgatePassword, "deviceId": appgateDeviceID,
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.base+appgate.PathLogin, strings.NewReader(string(login)))
	if err != nil {
		return "", err
	}
	req.Header.Set("Accept", peerAccept)
	req.Header.Set("Content-Type", "application/json")
	body, _, err := m.do(req)
	if err != nil {
		return "", fmt.Errorf("appgate login: %w", err)
	}
	var out struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(body, &out); err != nil || out.Token == "" {
		return "", fmt.Errorf("appgate login: no token in %.200s", body)
	}
	return out.Token, nil
}

// seguraToken gets a client-credentials token for the default client.
func (m mockAPI) seguraToken(ctx context.Context) (string, error) {
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {seguraClientID}, "client_secret": {seguraClientSecret}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.base+segura.PathToken, strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	body, _, err := m.do(req)
	if err != nil {
		return "", fmt.Errorf("segura token: %w", err)
	}
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(body, &out); err != nil || out.AccessToken == "" {
		return "", fmt.Errorf("segura token: no access_token in %.200s", body)
	}
	return out.AccessToken, nil
}

// appgateDNs discovers up to limit distinguished names the mock serves.
func (m mockAPI) appgateDNs(ctx context.Context, limit int) ([]string, error) {
	u := m.base + mockapi.PathSessions + "?" + url.Values{"vendor": {wire.Appgate}, "limit": {strconv.Itoa(limit)}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	body, _, err := m.do(req)
	if err != nil {
		return nil, fmt.Errorf("discover DNs: %w", err)
	}
	var page mockapi.Sessions[json.RawMessage, mockapi.ClientRef]
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, fmt.Errorf("discover DNs: %w", err)
	}
	var dns []string
	if page.Appgate != nil {
		for _, c := range page.Appgate.Clients {
			if c.DN != "" {
				dns = append(dns, c.DN)
			}
		}
	}
	if len(dns) == 0 {
		return nil, fmt.Errorf("discover DNs: the mock lists no Appgate sessions: %.200s", body)
	}
	return dns, nil
}

// appgateRequest is GET uri (path and query, as the vendor's official
// client sends them) with the peer Accept header and the bearer token.
func appgateRequest(ctx context.Context, base, token, uri string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+uri, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", peerAccept)
	req.Header.Set("Authorization", "Bearer "+token)
	return req, nil
}

// answer fetches one real answer to GET uri and its content type.
func (m mockAPI) answer(ctx context.Context, token, uri string) (answers.Answer, string, error) {
	req, err := appgateRequest(ctx, m.base, token, uri)
	if err != nil {
		return answers.Answer{}, "", err
	}
	body, h, err := m.do(req)
	if err != nil {
		return answers.Answer{}, "", err
	}
	// The client takes Transfer-Encoding out of the header; a body
	// without a Content-Length came chunked.
	return answers.Answer{Body: body, Chunked: h.Get("Content-Length") == ""}, h.Get("Content-Type"), nil
}

// ageWorld moves the mock's clock on by d and returns how many Segura
// sessions exist then, as the admin API counts them.
func (m mockAPI) ageWorld(ctx context.Context, d time.Duration) (int, error) {
	move, _ := json.Marshal(mockapi.ClockMove{Advance: d.String()})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.base+mockapi.PathClock, bytes.NewReader(move))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if _, _, err := m.do(req); err != nil {
		return 0, fmt.Errorf("advance the clock: %w", err)
	}
	u := m.base + mockapi.PathSessions + "?" + url.Values{"vendor": {wire.Segura}, "limit": {"0"}}.Encode()
	if req, err = http.NewRequestWithContext(ctx, http.MethodGet, u, nil); err != nil {
		return 0, err
	}
	body, _, err := m.do(req)
	if err != nil {
		return 0, err
	}
	var page mockapi.Sessions[json.RawMessage, json.RawMessage]
	if err := json.Unmarshal(body, &page); err != nil || page.Segura == nil {
		return 0, fmt.Errorf("sessions page: %.200s", body)
	}
	return page.Segura.Total, nil
}
