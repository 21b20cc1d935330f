package contracttest

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// maxRedirects bounds the same-host redirects one request may follow.
const maxRedirects = 5

// pacedTransport lets every request through the pacer, redirects included,
// so that the cap and the rate bound what reaches the network.
type pacedTransport struct {
	base  http.RoundTripper
	pacer *pacer
}

func (t *pacedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := t.pacer.wait(r.Context()); err != nil {
		if r.Body != nil {
			_ = r.Body.Close()
		}
		return nil, err
	}
	return t.base.RoundTrip(r)
}

// newClient builds the client of a run: TLS as asked, proxies from the
// environment as every HTTP tool honours them, no cookies, no connection
// reuse, and redirects followed only to the target's own scheme and host.
func newClient(base *url.URL, o Options, p *pacer) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: o.Insecure, //nolint:gosec // asked for: appliances often have self-signed certificates
		RootCAs:            o.RootCAs,
	}
	tr.TLSHandshakeTimeout = min(o.Timeout, 10*time.Second)
	// A connection of its own for every request: on a reused connection the
	// transport silently retries a GET the server reset, and a server that
	// drops connections would go unnoticed.
	tr.DisableKeepAlives = true
	return &http.Client{
		Transport: &pacedTransport{base: tr, pacer: p},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return fmt.Errorf("%w: stopped after %d redirects", errRedirect, maxRedirects)
			}
			if req.URL.Scheme != base.Scheme || req.URL.Host != base.Host {
				// The redirect itself is the answer: it is reported, and
				// the other host never sees the request (or its token).
				return http.ErrUseLastResponse
			}
			return nil
		},
	}
}

var errRedirect = errors.New("too many redirects")
