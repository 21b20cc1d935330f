package sessionmocktest_test

import (
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/sessionmocktest"
)

func TestNew(t *testing.T) {
	cases := []struct {
		name   string
		opts   []sessionmocktest.Option
		scheme string
	}{
		{"plain", nil, "http"},
		{"tls", []sessionmocktest.Option{sessionmocktest.WithTLS()}, "https"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := sessionmocktest.New(t, tc.opts...)
			u, err := url.Parse(m.URL)
			if err != nil || u.Scheme != tc.scheme || u.Path != "" {
				t.Fatalf("URL %q: want %s://host:port (%v)", m.URL, tc.scheme, err)
			}
			host, port, _ := net.SplitHostPort(u.Host)
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() || port == "0" || port == "" {
				t.Errorf("URL %q: want a loopback address with a real port", m.URL)
			}
			if m.AppgateURL != m.URL+"/admin" {
				t.Errorf("AppgateURL %q, want %q", m.AppgateURL, m.URL+"/admin")
			}
			if m.World == nil || m.Server == nil || m.Server.Config().World != m.World {
				t.Fatal("World and Server must be set and agree")
			}

			resp, err := m.Client().Get(m.URL + "/__mock/health")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("health: status %d", resp.StatusCode)
			}
			// HTTP/2 stays off, so that the connection-breaking faults work.
			if resp.ProtoMajor != 1 {
				t.Errorf("protocol %s, want HTTP/1.1", resp.Proto)
			}
			if (resp.TLS != nil) != (tc.scheme == "https") || (m.Certificate() != nil) != (tc.scheme == "https") {
				t.Errorf("TLS state %v, certificate %v for %s", resp.TLS != nil, m.Certificate() != nil, tc.scheme)
			}
			if tc.scheme == "https" {
				// A client that does not trust the self-signed certificate
				// is refused: Client really carries the trust.
				_, err := (&http.Client{Transport: &http.Transport{}}).Get(m.URL + "/__mock/health")
				var verr *tls.CertificateVerificationError
				if !errors.As(err, &verr) {
					t.Errorf("untrusting client: %v, want a certificate verification error", err)
				}
			}
		})
	}
}

func TestStartPanicsWhereNewFails(t *testing.T) {
	m, err := sessionmocktest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	defer func() {
		r := recover()
		if msg, _ := r.(string); !strings.Contains(msg, `RemoveFault: no fault rule with id "nope"`) {
			t.Errorf("recovered %v, want the RemoveFault failure", r)
		}
	}()
	m.RemoveFault("nope")
	t.Error("RemoveFault of an unknown id returned")
}
