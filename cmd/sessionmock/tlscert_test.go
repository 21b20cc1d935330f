package main

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// bannerFingerprint finds the certificate fingerprint in the banner.
func bannerFingerprint(t *testing.T, m *mock) string {
	t.Helper()
	for i, l := range m.banner {
		if strings.HasPrefix(l, "TLS certificate") && i+1 < len(m.banner) {
			return strings.TrimSpace(m.banner[i+1])
		}
	}
	t.Fatalf("no fingerprint in the banner:\n%s", strings.Join(m.banner, "\n"))
	return ""
}

func getVersion(t *testing.T, client *http.Client, base string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/admin/version", nil)
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	decodeJSON(t, resp, &v)
}

func TestServeGeneratedTLS(t *testing.T) {
	m := startServe(t, nil, "--addr", "127.0.0.1:0", "--tls")
	if !strings.HasPrefix(m.base, "https://127.0.0.1:") {
		t.Fatalf("banner URL %q is not https on the loopback", m.base)
	}
	want := bannerFingerprint(t, m)
	// Trust exactly the certificate the banner describes, and require it
	// to be valid for the host in the URL.
	client := &http.Client{Timeout: hangGuard, Transport: &http.Transport{TLSClientConfig: &tls.Config{
		InsecureSkipVerify: true, // replaced by the pinning check below
		VerifyConnection: func(cs tls.ConnectionState) error {
			leaf := cs.PeerCertificates[0]
			if got := fingerprint(&tls.Certificate{Certificate: [][]byte{leaf.Raw}}); got != want {
				return fmt.Errorf("served certificate %s, banner says %s", got, want)
			}
			roots := x509.NewCertPool()
			roots.AddCert(leaf)
			_, err := leaf.Verify(x509.VerifyOptions{Roots: roots, DNSName: "127.0.0.1"})
			return err
		},
	}}}
	getVersion(t, client, m.base)

	// Without trust, verification fails: the server really is on TLS
	// with a certificate no public root signed.
	_, err := http.Get(m.base + "/admin/version")
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) {
		t.Fatalf("untrusting client got %v, want an unknown-authority error", err)
	}
}

func TestServeTLSFiles(t *testing.T) {
	cert, err := selfSigned([]string{"localhost", "127.0.0.1"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	keyDER, err := x509.MarshalPKCS8PrivateKey(cert.PrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	writePEM(t, certFile, "CERTIFICATE", cert.Certificate[0])
	writePEM(t, keyFile, "PRIVATE KEY", keyDER)

	m := startServe(t, nil, "--addr", "127.0.0.1:0", "--tls-cert", certFile, "--tls-key", keyFile)
	if !strings.HasPrefix(m.base, "https://") {
		t.Fatalf("banner URL %q is not https", m.base)
	}
	if got, want := bannerFingerprint(t, m), fingerprint(cert); got != want {
		t.Fatalf("banner fingerprint %s, want the file's %s", got, want)
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert.Leaf)
	client := &http.Client{Timeout: hangGuard, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	getVersion(t, client, m.base)
}

func TestServeTLSBadFiles(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writePEM(t, certFile, "CERTIFICATE", []byte("not a certificate"))
	writePEM(t, keyFile, "PRIVATE KEY", []byte("not a key"))
	_, _, err := runCmd(t, "serve", "--addr", "127.0.0.1:0", "--tls-cert", certFile, "--tls-key", keyFile)
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), certFile) {
		t.Fatalf("error = %v (exit %d), want exit 2 naming %s", err, exitCode(err), certFile)
	}
}

func writePEM(t *testing.T, name, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(name, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestSelfSigned(t *testing.T) {
	now := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	cert, err := selfSigned(certHosts("10.1.2.3"), now)
	if err != nil {
		t.Fatal(err)
	}
	leaf := cert.Leaf
	if !slices.Equal(leaf.DNSNames, []string{"localhost"}) {
		t.Errorf("DNS names %v", leaf.DNSNames)
	}
	var ips []string
	for _, ip := range leaf.IPAddresses {
		ips = append(ips, ip.String())
	}
	if !slices.Equal(ips, []string{"127.0.0.1", "::1", "10.1.2.3"}) {
		t.Errorf("IP addresses %v", ips)
	}
	if leaf.PublicKeyAlgorithm != x509.ECDSA {
		t.Errorf("key algorithm %v, want ECDSA", leaf.PublicKeyAlgorithm)
	}
	if !leaf.NotBefore.Before(now) || !leaf.NotAfter.After(now.AddDate(0, 11, 0)) {
		t.Errorf("validity %v to %v does not cover now and the year ahead", leaf.NotBefore, leaf.NotAfter)
	}
	for _, host := range []string{"localhost", "127.0.0.1", "::1", "10.1.2.3"} {
		roots := x509.NewCertPool()
		roots.AddCert(leaf)
		if _, err := leaf.Verify(x509.VerifyOptions{Roots: roots, DNSName: host, CurrentTime: now}); err != nil {
			t.Errorf("not valid for %s: %v", host, err)
		}
	}
	sum := sha256.Sum256(leaf.Raw)
	fp := fingerprint(cert)
	if len(fp) != 32*3-1 || !strings.HasPrefix(fp, fmt.Sprintf("%02X:%02X:", sum[0], sum[1])) {
		t.Errorf("fingerprint %q", fp)
	}
}

func TestCertHosts(t *testing.T) {
	t.Parallel()
	for host, want := range map[string][]string{
		"":          {"localhost", "127.0.0.1", "::1"},
		"0.0.0.0":   {"localhost", "127.0.0.1", "::1"},
		"::":        {"localhost", "127.0.0.1", "::1"},
		"127.0.0.1": {"localhost", "127.0.0.1", "::1"},
		"mock.test": {"localhost", "127.0.0.1", "::1", "mock.test"},
	} {
		if got := certHosts(host); !slices.Equal(got, want) {
			t.Errorf("certHosts(%q) = %v, want %v", host, got, want)
		}
	}
}
