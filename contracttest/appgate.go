package contracttest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

const (
	// contractDeviceID identifies the suite as the device logging in; the
	// login demands one, and a fixed one keeps the controller's records tidy.
	contractDeviceID = "5e55104c-0c7a-4c7e-8000-c0a7ac7c0de5"
	// probeVersion is the version the vendor's tools send on purpose to
	// learn the supported range from the 406 it earns.
	probeVersion = 5
	// The made-up account of bad-credentials, and the user of the unknown DN.
	nobodyUsername = "sessionmock-contract-nobody"
	nobodyPassword = "sessionmock-contract-not-a-password"
	// unknownDeviceID is 32 hex digits no real device has been seen with.
	unknownDeviceID = "5e55104c0c7a4c7e8000000000000000"
)

type appgateSuite struct{}

// appgateState is what the Appgate checks share.
type appgateState struct {
	probe     *exchange // POST /login with peer-v5, when the version was discovered
	versionEx *exchange // GET /version, when discovery read it
	// versionFailure says why no version could be discovered from a
	// server that failed (5xx, no answer); the run then goes on without.
	versionFailure string
	// privileged is set when the login answer lists a SessionInfo
	// privilege; forbidden is then the session-info that answered 403.
	privileged bool
	forbidden  *exchange
	// The first page of active sessions, its entries, and whether it was
	// read for the names to look up.
	active      *exchange
	activeItems []map[string]any
	dnSource    string
	dnEx        *exchange // the answer that gave no names, when none came
	noSessions  bool      // the controller lists no active session
}

type loginBody struct {
	ProviderName string `json:"providerName"`
	Username     string `json:"username,omitempty"`
	Password     string `json:"password,omitempty"`
	DeviceID     string `json:"deviceId"`
}

// appgateCall is a request to the Admin API with the peer media type of
// version (0 asks for application/json), a bearer token unless
// authorization is "", and body as JSON unless it is nil.
func appgateCall(purpose, method, path string, version int, authorization string, body *loginBody) call {
	accept := "application/json"
	if version > 0 {
		accept = appgate.PeerMediaType(version)
	}
	c := call{purpose: purpose, method: method, path: path, contract: true, header: http.Header{"Accept": {accept}}}
	if authorization != "" {
		c.header.Set("Authorization", authorization)
	}
	if body != nil {
		raw, _ := json.Marshal(body) // only strings
		shown := *body
		if shown.Password != "" {
			shown.Password = Redacted
		}
		shownRaw, _ := json.Marshal(shown)
		c.body, c.shownBody = raw, string(shownRaw)
		c.header.Set("Content-Type", "application/json")
	}
	return c
}

func appgateLoginCall(purpose string, version int, b loginBody) call {
	return appgateCall(purpose, http.MethodPost, appgate.PathLogin, version, "", &b)
}

func appgateInfoCall(purpose, method, dn string, version int, authorization string) call {
	// The official client path-escapes the name, commas included.
	return appgateCall(purpose, method, appgate.SessionInfoPath(dn), version, authorization, nil)
}

func unknownDN(provider string) string {
	return appgate.DN{DeviceID: unknownDeviceID, Username: nobodyUsername, Provider: provider}.String()
}

func (r *runner) credentialsBody() loginBody {
	return loginBody{ProviderName: r.t.Provider, Username: r.t.Username, Password: r.t.Password, DeviceID: contractDeviceID}
}

func (appgateSuite) setup(ctx context.Context, r *runner) error {
	if err := r.discoverVersion(ctx); err != nil {
		return err
	}
	if r.version == 0 || !r.needsSession() {
		return nil
	}
	if err := r.appgateLogin(ctx); err != nil {
		return err
	}
	if len(r.t.DNs) > 0 {
		r.dns, r.ag.dnSource = r.t.DNs, "given"
	}
	if r.token == "" {
		return nil
	}
	// The sessions are looked up for the checks that judge them; the others
	// make do with the made-up DN.
	lookups := r.needs(CheckAppgateIdentity, CheckAppgateAccess, CheckDNSpellings, CheckPrivilegeHonoured,
		CheckActiveSessionsIdent, CheckPeerVersions, CheckNoServerError, CheckStatusDocumented,
		CheckContentTypeDocumented, CheckSchemaValid, CheckLatencyBudget)
	if !lookups {
		r.dns = nil
	} else if len(r.dns) == 0 {
		if err := r.discoverDNs(ctx); err != nil {
			return err
		}
	}
	auth := "Bearer " + r.token
	for _, dn := range r.dns {
		ex, err := r.send(ctx, appgateInfoCall("session-info of "+dn, http.MethodGet, dn, r.version, auth))
		if err != nil {
			return err
		}
		r.primary = append(r.primary, ex)
		if r.firstAuth == nil {
			r.firstAuth = ex
			if err := r.appgateAuthProbe(ex); err != nil {
				return err
			}
		}
	}
	ex, err := r.send(ctx, appgateInfoCall("session-info of a device and user that do not exist",
		http.MethodGet, unknownDN(r.t.Provider), r.version, auth))
	if err != nil {
		return err
	}
	r.unknownEx = ex
	if r.firstAuth == nil {
		r.firstAuth = ex
		return r.appgateAuthProbe(ex)
	}
	return nil
}

// appgateAuthProbe stops the run on a 403 from an account that lacks the
// privilege, and lets it go on (for privilege-honoured to fail) when the
// login said the account has it.
func (r *runner) appgateAuthProbe(ex *exchange) error {
	if ex.answered() && ex.status == http.StatusForbidden && r.ag.privileged {
		r.ag.forbidden = ex
		return nil
	}
	return r.authProbe(ex, sessionInfoShown,
		"the administrator's role lacks the SessionInfo privilege (View or All) that session-info needs")
}

func (r *runner) appgateLogin(ctx context.Context) error {
	if r.t.Token != "" {
		r.token, r.tokenGiven = r.t.Token, true
		r.note("a ready token was given; %s was not called with credentials", loginShown)
		return nil
	}
	ex, err := r.send(ctx, appgateLoginCall("log in with the credentials given", r.version, r.credentialsBody()))
	if err != nil {
		return err
	}
	r.tokenEx = ex
	switch {
	case !ex.answered():
		return nil
	case ex.status == http.StatusUnauthorized:
		return &runError{kind: ErrCredentials, msg: fmt.Sprintf("the controller refused user %q on identity provider %q: %s",
			r.t.Username, r.t.Provider, r.red.str(answerSummary(ex)))}
	case ex.status == http.StatusNotAcceptable && r.versionSource == "given":
		return usageErr(fmt.Sprintf("the controller does not accept API version %d: %s answered %s",
			r.version, loginShown, r.red.str(answerSummary(ex))))
	case ex.status == http.StatusOK:
		if obj, err := ex.object(); err == nil {
			if tok, ok := stringField(obj, "token"); ok && tok != "" {
				r.token = tok
				r.red.add(tok)
			}
			r.ag.privileged = listsSessionInfo(obj)
			if user, _ := obj["user"].(map[string]any); user["needTwoFactorAuth"] == true {
				return &runError{kind: ErrCredentials, msg: fmt.Sprintf("user %q on identity provider %q must give a one-time password, "+
					"which the suite does not: use an account without two-factor authentication, or a ready token with --token",
					r.t.Username, r.t.Provider)}
			}
		}
	}
	return nil
}

// listsSessionInfo reports whether a login answer lists a privilege that
// allows session-info: type View or All on target SessionInfo or All.
func listsSessionInfo(login map[string]any) bool {
	user, _ := login["user"].(map[string]any)
	privs, _ := user["privileges"].([]any)
	for _, p := range privs {
		priv, _ := p.(map[string]any)
		typ, _ := stringField(priv, "type")
		target, _ := stringField(priv, "target")
		if (typ == "View" || typ == "All") && (target == "SessionInfo" || target == "All") {
			return true
		}
	}
	return false
}

func (appgateSuite) check(id string) checkFunc {
	switch id {
	case CheckTokenIssued:
		return appgateTokenIssued
	case CheckBadCredentials:
		return func(ctx context.Context, r *runner) (Result, error) {
			c := appgateLoginCall("log in as a user that does not exist", r.version, loginBody{
				ProviderName: r.t.Provider, Username: nobodyUsername, Password: nobodyPassword, DeviceID: contractDeviceID,
			})
			return r.probe(ctx, c, func(ex *exchange) (bool, string, []Violation) {
				if ex.status == http.StatusUnauthorized {
					return true, "refused with " + answerSummary(ex), nil
				}
				return false, "credentials of a user that does not exist got " + statusText(ex.status),
					[]Violation{statusViolation("401 Unauthorized", ex.status)}
			})
		}
	case CheckMissingCredentials:
		return func(ctx context.Context, r *runner) (Result, error) {
			return r.probe(ctx, appgateInfoCall("session-info without an Authorization header",
				http.MethodGet, r.sessionDN(), r.version, ""), expect401)
		}
	case CheckInvalidToken:
		return func(ctx context.Context, r *runner) (Result, error) {
			return r.probe(ctx, appgateInfoCall("session-info with a token never issued",
				http.MethodGet, r.sessionDN(), r.version, "Bearer "+invalidToken), expect401)
		}
	case CheckMethodNotAllowed:
		return func(ctx context.Context, r *runner) (Result, error) {
			if r.token == "" {
				return r.nothing("no token to send with it: "+r.noTokenReason(), r.tokenEx), nil
			}
			c := appgateInfoCall("TRACE session-info", http.MethodTrace, unknownDN(r.t.Provider), r.version, "Bearer "+r.token)
			c.methodProbe = true
			return r.probe(ctx, c, methodRefused(false))
		}
	case CheckVersionDiscovery:
		return appgateVersionDiscovery
	case CheckVersionEndpoint:
		return appgateVersionEndpoint
	case CheckAcceptVersion:
		return appgateAcceptVersion
	case CheckPeerVersions:
		return appgatePeerVersions
	case CheckAcceptJSON:
		return appgateAcceptJSON
	case CheckUnknownDN:
		return func(_ context.Context, r *runner) (Result, error) {
			if r.unknownEx == nil {
				return r.nothing("no token to look the name up with: "+r.noTokenReason(), r.tokenEx), nil
			}
			return r.judgeOne(r.unknownEx, func(ex *exchange) (bool, string, []Violation) {
				if ex.status == http.StatusNotFound {
					return true, "answered " + answerSummary(ex), nil
				}
				return false, "a name without a session got " + statusText(ex.status) + ", not 404",
					[]Violation{statusViolation("404 Not Found", ex.status)}
			}), nil
		}
	case CheckDNSpellings:
		return appgateDNSpellings
	case CheckAppgateIdentity:
		return appgateRecordCheck(identityRule())
	case CheckAppgateAccess:
		return appgateRecordCheck(accessRule())
	case CheckPrivilegeHonoured:
		return appgatePrivilegeHonoured
	case CheckActiveSessionsPaging:
		return appgateActivePaging
	case CheckActiveSessionsIdent:
		return appgateActiveIdentity
	case CheckIdentityProviders:
		return appgateIdentityProviders
	case CheckSignIn:
		return appgateSignIn
	case CheckLogout:
		return appgateLogout
	}
	return nil
}

// sessionDN is the name the credential checks ask for: a real session's when
// there is one, so that a server leaking it without credentials is caught.
func (r *runner) sessionDN() string {
	if len(r.dns) > 0 {
		return r.dns[0]
	}
	return unknownDN(r.t.Provider)
}

func appgateTokenIssued(_ context.Context, r *runner) (Result, error) {
	if r.tokenGiven {
		return skipped("a ready token was given; " + loginShown + " was not called with credentials"), nil
	}
	if r.tokenEx == nil {
		return skipped("no token was needed by the checks selected"), nil
	}
	return r.judgeOne(r.tokenEx, func(ex *exchange) (bool, string, []Violation) {
		vs := judgeAppgateToken(ex)
		if fa := r.firstAuth; fa != nil && fa.answered() && fa.status == http.StatusUnauthorized {
			vs = append(vs, Violation{In: "status", Expected: "the token accepted by " + fa.purpose,
				Got: statusText(fa.status) + " from " + fa.purpose})
		}
		if len(vs) > 0 {
			if ex.status != http.StatusOK {
				return false, "the login answered " + statusText(ex.status) + ", not 200 with a token", vs
			}
			return false, fmt.Sprintf("the login answer departs from the contract in %s", plural(len(vs), "way", "ways")), vs
		}
		return true, "200 with a bearer token that the API accepts", nil
	}), nil
}

// judgeAppgateToken holds a login (or sign-in) answer to the documented
// fields: a token, and an expiry in the future.
func judgeAppgateToken(ex *exchange) []Violation {
	obj, vs := okObject(ex)
	if vs != nil {
		return vs
	}
	if tok, _ := stringField(obj, "token"); tok == "" {
		vs = append(vs, Violation{In: "body", Pointer: "/token", Expected: "a non-empty token", Got: describeMissing(obj, "token")})
	}
	if raw, present := obj["expires"]; present {
		s, _ := raw.(string)
		exp, err := time.Parse(time.RFC3339, s)
		now := serverTime(ex)
		switch {
		case err != nil:
			vs = append(vs, Violation{In: "body", Pointer: "/expires", Expected: "an RFC 3339 date-time", Got: describeValue(raw)})
		case !exp.After(now):
			vs = append(vs, Violation{In: "body", Pointer: "/expires", Expected: "a time after " + now.UTC().Format(time.RFC3339),
				Got: describeValue(raw)})
		}
	}
	return vs
}

// serverTime is the time an answer was sent by the server's own clock (its
// Date header), so that a skewed local clock does not fail a good token.
func serverTime(ex *exchange) time.Time {
	if d, err := http.ParseTime(ex.header.Get("Date")); err == nil {
		return d
	}
	return time.Now()
}

func describeMissing(obj map[string]any, key string) string {
	v, ok := obj[key]
	if !ok {
		return "nothing"
	}
	return describeValue(v)
}
