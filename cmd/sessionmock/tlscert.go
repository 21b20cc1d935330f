package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/internal/config"
)

// serverCertificate loads the configured key pair, or makes a self-signed
// one for the loopback names and the host the mock listens on.
func serverCertificate(s config.Settings) (*tls.Certificate, error) {
	if s.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(s.TLSCert, s.TLSKey)
		if err != nil {
			return nil, fmt.Errorf("tls-cert %s / tls-key %s: %w", s.TLSCert, s.TLSKey, err)
		}
		return &cert, nil
	}
	host, _, _ := net.SplitHostPort(s.Addr)
	return selfSigned(certHosts(host), time.Now())
}

// certHosts lists the names a generated certificate is valid for: the
// loopback names clients use on the same machine, and the listen host when
// it is a specific one.
func certHosts(listenHost string) []string {
	hosts := []string{"localhost", "127.0.0.1", "::1"}
	if !isWildcard(listenHost) && !slices.Contains(hosts, listenHost) {
		hosts = append(hosts, listenHost)
	}
	return hosts
}

// selfSigned makes an ECDSA P-256 certificate for hosts. The key never
// leaves memory: a mock has no secret worth keeping across runs, and
// clients pin the fingerprint printed at start or skip verification.
func selfSigned(hosts []string, now time.Time) (*tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate TLS key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return nil, fmt.Errorf("generate TLS serial number: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "sessionmock", Organization: []string{"sessionmock"}},
		// An hour back tolerates clients whose clock runs behind.
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(1, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("create TLS certificate: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("parse TLS certificate: %w", err)
	}
	return &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
}

// fingerprint is the SHA-256 of the leaf certificate in the colon-separated
// upper-case form openssl and browsers show.
func fingerprint(cert *tls.Certificate) string {
	sum := sha256.Sum256(cert.Certificate[0])
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}
