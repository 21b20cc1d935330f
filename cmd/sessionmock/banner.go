package main

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"strings"
	"text/tabwriter"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/config"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/mockapi"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// loginDeviceID is the device the banner's Appgate login claims to come
// from; the login only checks that it is a UUID.
const loginDeviceID = "00000000-0000-4000-8000-000000000001"

// bannerEnd starts the banner's last line; scripts may wait for it.
const bannerEnd = "Stop with Ctrl-C or SIGTERM"

// banner is what serve prints once it listens: where, with which data and
// credentials, and a curl line per vendor that works as pasted in bash.
type banner struct {
	settings config.Settings
	world    *fixtures.World
	listen   net.Addr // the bound address, with the real port
	cert     *tls.Certificate
	version  string
}

func (b banner) String() string {
	s := b.settings
	base := b.baseURL()
	var out strings.Builder
	fmt.Fprintf(&out, "sessionmock %s listening on %s\n", b.version, base)
	fmt.Fprintf(&out, "seed %d: %d Segura remote sessions, %d Appgate client sessions\n",
		s.Seed, b.world.Segura().Len(), b.world.Appgate().Len())
	if b.cert != nil {
		origin := "self-signed, generated at start"
		if s.TLSCert != "" {
			origin = "from " + s.TLSCert
		}
		fmt.Fprintf(&out, "TLS certificate (%s), SHA-256 fingerprint\n  %s\n", origin, fingerprint(b.cert))
	}

	fmt.Fprintf(&out, "\nSegura PAM Core  %s%s\n", base, segura.PathRemoteSessions)
	tw := tabwriter.NewWriter(&out, 0, 0, 3, ' ', 0)
	for _, c := range s.SeguraClients {
		note := "may list sessions"
		switch {
		case !c.ListSessions:
			note = "lacks the Credentials and Devices permission"
		case c.DropSessions:
			note = "may list and end (drop) sessions"
		default:
			note = "may list sessions but not end them"
		}
		fmt.Fprintf(tw, "  client %s / %s\t%s\n", c.ID, c.Secret, note)
	}
	tw.Flush()
	fmt.Fprintf(&out, "  %s\n", b.seguraCurl(base))

	fmt.Fprintf(&out, "\nAppgate SDP  %s%s  (peer API versions %d to %d)\n", base, appgate.BasePath, s.LowestPeerVersion, s.PeerVersion)
	for _, u := range s.AppgateUsers {
		note := "has the SessionInfo privilege"
		if !u.SessionInfo {
			note = "lacks the SessionInfo privilege"
		}
		if u.OTP != "" {
			note += ", signs in with one-time password " + u.OTP
		}
		fmt.Fprintf(tw, "  admin %s / %s (provider %s)\t%s\n", u.Username, u.Password, u.Provider, note)
	}
	tw.Flush()
	if b.world.Appgate().Len() > 0 {
		fmt.Fprintf(&out, "  %s\n", b.appgateCurl(base, b.world.Appgate().At(0).DN))
	} else {
		fmt.Fprintf(&out, "  (no Appgate client sessions to ask for: --appgate-sessions is 0)\n")
	}
	fmt.Fprintf(&out, "\nAdmin API  %s%s/  (health, sessions, clock, faults, requests, reset, config)\n", base, mockapi.Prefix)
	if b.settings.ClockMode.Mode == clock.Live {
		fmt.Fprintf(&out, "  clock live, from the start instant %s\n", clock.FormatInstant(b.world.Start()))
	} else {
		fmt.Fprintf(&out, "  clock fixed at the start instant %s; POST %s%s moves it\n", clock.FormatInstant(b.world.Start()), base, mockapi.PathClock)
	}
	if rules := s.Faults; len(rules) > 0 {
		fmt.Fprintf(&out, "  %d fault rule(s) active: GET %s%s\n", len(rules), base, mockapi.PathFaults)
	}
	fmt.Fprintf(&out, "  per request: Prefer: code=500 | delay=2s | fault=timeout (or ?__code=500 in a browser)\n")
	fmt.Fprintf(&out, "\n%s; requests in flight get %v to finish.\n", bannerEnd, shutdownGrace)
	return out.String()
}

// baseURL is where clients reach the listener. A wildcard listen address
// is no place to connect to, so those get the IPv4 loopback.
func (b banner) baseURL() string {
	host, _, _ := net.SplitHostPort(b.settings.Addr)
	if isWildcard(host) {
		host = "127.0.0.1"
	}
	_, port, _ := net.SplitHostPort(b.listen.String())
	scheme := "http"
	if b.cert != nil {
		scheme = "https"
	}
	return scheme + "://" + net.JoinHostPort(host, port)
}

// curlOpts are the options every curl of the banner takes: -k for the
// self-signed certificate, -g so that an IPv6 host's brackets are not read
// as a curl glob.
func (b banner) curlOpts(base string) string {
	opts := "curl -s"
	if b.cert != nil {
		opts += " -k"
	}
	if strings.Contains(base, "[") {
		opts += " -g"
	}
	return opts
}

// seguraCurl gets a token with the working client's credentials and lists
// the sessions with it. sed -n ... p keeps only the token, whether the
// JSON arrives on one line or indented.
func (b banner) seguraCurl(base string) string {
	c := b.settings.SeguraClients[config.WorkingClient(b.settings.SeguraClients)]
	curl := b.curlOpts(base)
	token := fmt.Sprintf(`%s -d grant_type=client_credentials --data-urlencode %s --data-urlencode %s %s | sed -nE %s`,
		curl, shellQuote("client_id="+c.ID), shellQuote("client_secret="+c.Secret),
		shellQuote(base+segura.PathToken), shellQuote(jsonStringField("access_token")))
	return fmt.Sprintf(`%s -H "Authorization: Bearer $(%s)" %s`, curl, token, shellQuote(base+segura.PathRemoteSessions))
}

// appgateCurl logs the working admin in and reads the session-info of dn.
func (b banner) appgateCurl(base string, dn appgate.DN) string {
	u := b.settings.AppgateUsers[config.WorkingUser(b.settings.AppgateUsers)]
	login, _ := json.Marshal(struct {
		ProviderName string `json:"providerName"`
		Username     string `json:"username"`
		Password     string `json:"password"`
		DeviceID     string `json:"deviceId"`
	}{u.Provider, u.Username, u.Password, loginDeviceID})
	curl := b.curlOpts(base)
	accept := shellQuote("Accept: " + appgate.PeerMediaType(b.settings.PeerVersion))
	token := fmt.Sprintf(`%s -H %s -H 'Content-Type: application/json' -d %s %s | sed -nE %s`,
		curl, accept, shellQuote(string(login)), shellQuote(base+appgate.PathLogin), shellQuote(jsonStringField("token")))
	// Commas stay raw, as curl users type them; the rest of the DN is
	// escaped for the path.
	path := strings.ReplaceAll(url.PathEscape(dn.String()), "%2C", ",")
	return fmt.Sprintf(`%s -H %s -H "Authorization: Bearer $(%s)" %s`,
		curl, accept, token, shellQuote(base+appgate.SessionInfoRoute.Path(path)))
}

// jsonStringField is a sed -E script printing the value of a string field
// of a JSON object.
func jsonStringField(name string) string {
	return `s/.*"` + name + `" *: *"([^"]+)".*/\1/p`
}

// shellQuote quotes s for bash, leaving words that need no quoting bare so
// the line stays readable.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@,%+", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// isWildcard reports whether a listen host accepts connections on every
// address.
func isWildcard(host string) bool {
	if host == "" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsUnspecified()
}
