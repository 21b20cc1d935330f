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

type loginBody struct {
	ProviderName string `json:"providerName"`
	Username     string `json:"username,omitempty"`
	Password     string `json:"password,omitempty"`
	DeviceID     string `json:"deviceId"`
}

func appgateLoginCall(purpose string, version int, b loginBody) call {
	body, _ := json.Marshal(b) // only strings
	if b.Password != "" {
		b.Password = Redacted
	}
	shown, _ := json.Marshal(b)
	return call{
		purpose: purpose, method: http.MethodPost, path: appgate.PathLogin, contract: true,
		header:    http.Header{"Accept": {appgate.PeerMediaType(version)}, "Content-Type": {"application/json"}},
		body:      body,
		shownBody: string(shown),
	}
}

func appgateInfoCall(purpose, method, dn string, version int, authorization string) call {
	h := http.Header{"Accept": {appgate.PeerMediaType(version)}}
	if authorization != "" {
		h.Set("Authorization", authorization)
	}
	// The official client path-escapes the name, commas included.
	return call{purpose: purpose, method: method, path: appgate.SessionInfoPath(dn), header: h, contract: true}
}

func unknownDN(provider string) string {
	return appgate.DN{DeviceID: unknownDeviceID, Username: nobodyUsername, Provider: provider}.String()
}

func (appgateSuite) setup(ctx context.Context, r *runner) error {
	if err := r.discoverVersion(ctx); err != nil {
		return err
	}
	if !r.needsSession() {
		return nil
	}
	if err := r.appgateLogin(ctx); err != nil {
		return err
	}
	if len(r.t.DNs) > 0 {
		r.dns = r.t.DNs
	}
	if r.token == "" {
		return nil
	}
	// The sessions are looked up for the checks that judge them; the others
	// make do with the made-up DN.
	lookups := r.needs(CheckAppgateIdentity, CheckAppgateAccess, CheckNoServerError, CheckStatusDocumented,
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

func (r *runner) appgateAuthProbe(ex *exchange) error {
	return r.authProbe(ex, sessionInfoShown,
		"the administrator's role lacks the SessionInfo privilege (View or All) that session-info needs")
}

func (r *runner) appgateLogin(ctx context.Context) error {
	if r.t.Token != "" {
		r.token, r.tokenGiven = r.t.Token, true
		r.note("a ready token was given; %s was not called with credentials", loginShown)
		return nil
	}
	ex, err := r.send(ctx, appgateLoginCall("log in with the credentials given", r.version, loginBody{
		ProviderName: r.t.Provider, Username: r.t.Username, Password: r.t.Password, DeviceID: contractDeviceID,
	}))
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
		if obj, err := decodeObject(ex.body); err == nil {
			if tok, ok := stringField(obj, "token"); ok && tok != "" {
				r.token = tok
				r.red.add(tok)
			}
		}
	}
	return nil
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
				return skipped("no token to send with it: " + r.noTokenReason()), nil
			}
			return r.probe(ctx, appgateInfoCall("TRACE session-info", http.MethodTrace,
				unknownDN(r.t.Provider), r.version, "Bearer "+r.token), methodRefused(false))
		}
	case CheckAcceptVersion:
		return appgateAcceptVersion
	case CheckUnknownDN:
		return func(_ context.Context, r *runner) (Result, error) {
			if r.unknownEx == nil {
				return skipped("no token to look the name up with: " + r.noTokenReason()), nil
			}
			return r.judgeOne(r.unknownEx, func(ex *exchange) (bool, string, []Violation) {
				if ex.status == http.StatusNotFound {
					return true, "answered " + answerSummary(ex), nil
				}
				return false, "a name without a session got " + statusText(ex.status) + ", not 404",
					[]Violation{statusViolation("404 Not Found", ex.status)}
			}), nil
		}
	case CheckAppgateIdentity:
		return appgateRecordCheck(identityRule())
	case CheckAppgateAccess:
		return appgateRecordCheck(accessRule())
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
		if ex.status != http.StatusOK {
			return false, "the login answered " + statusText(ex.status) + ", not 200 with a token",
				[]Violation{statusViolation("200 OK", ex.status)}
		}
		obj, err := decodeObject(ex.body)
		if err != nil {
			return false, "the login answer is " + err.Error(),
				[]Violation{{In: "body", Expected: "a JSON object", Got: err.Error()}}
		}
		var vs []Violation
		if tok, _ := stringField(obj, "token"); tok == "" {
			vs = append(vs, Violation{In: "body", Pointer: "/token", Expected: "a non-empty token", Got: describeValue(obj["token"])})
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
		if fa := r.firstAuth; fa != nil && fa.answered() && fa.status == http.StatusUnauthorized {
			vs = append(vs, Violation{In: "status", Expected: "the token accepted by " + fa.purpose,
				Got: statusText(fa.status) + " from " + fa.purpose})
		}
		if len(vs) > 0 {
			return false, fmt.Sprintf("the login answer departs from the contract in %s", plural(len(vs), "way", "ways")), vs
		}
		return true, "200 with a bearer token that the API accepts", nil
	}), nil
}

// serverTime is the time an answer was sent by the server's own clock (its
// Date header), so that a skewed local clock does not fail a good token.
func serverTime(ex *exchange) time.Time {
	if d, err := http.ParseTime(ex.header.Get("Date")); err == nil {
		return d
	}
	return time.Now()
}

func appgateAcceptVersion(ctx context.Context, r *runner) (Result, error) {
	if r.token == "" {
		return skipped("no token to send with it: " + r.noTokenReason()), nil
	}
	wrong := probeVersion
	if lo, hi := r.versionRange[0], r.versionRange[1]; hi > 0 && wrong >= lo && wrong <= hi {
		wrong = hi + 1
	}
	c := appgateInfoCall(fmt.Sprintf("session-info with the unsupported API version %d", wrong),
		http.MethodGet, r.sessionDN(), wrong, "Bearer "+r.token)
	return r.probe(ctx, c, func(ex *exchange) (bool, string, []Violation) {
		if ex.status != http.StatusNotAcceptable {
			return false, fmt.Sprintf("Accept: %s got %s, not 406", appgate.PeerMediaType(wrong), statusText(ex.status)),
				[]Violation{statusViolation("406 Not Acceptable", ex.status)}
		}
		obj, err := decodeObject(ex.body)
		if err != nil {
			return false, "the 406 body is " + err.Error(),
				[]Violation{{In: "body", Expected: "a JSON object with minSupportedVersion and maxSupportedVersion", Got: err.Error()}}
		}
		lo, okLo := intField(obj, "minSupportedVersion")
		hi, okHi := intField(obj, "maxSupportedVersion")
		var vs []Violation
		if !okLo {
			vs = append(vs, Violation{In: "body", Pointer: "/minSupportedVersion", Expected: "an integer", Got: describeMissing(obj, "minSupportedVersion")})
		}
		if !okHi {
			vs = append(vs, Violation{In: "body", Pointer: "/maxSupportedVersion", Expected: "an integer", Got: describeMissing(obj, "maxSupportedVersion")})
		}
		if okLo && okHi {
			switch {
			case lo > hi:
				vs = append(vs, Violation{In: "body", Pointer: "/minSupportedVersion", Expected: fmt.Sprintf("at most maxSupportedVersion %d", hi), Got: fmt.Sprint(lo)})
			case int64(r.version) < lo || int64(r.version) > hi:
				vs = append(vs, Violation{In: "body", Pointer: "", Expected: fmt.Sprintf("a range that holds version %d, which the other requests use", r.version),
					Got: fmt.Sprintf("%d to %d", lo, hi)})
			}
		}
		if len(vs) > 0 {
			return false, "406 without a usable supported version range", vs
		}
		return true, fmt.Sprintf("406 naming versions %d to %d", lo, hi), nil
	})
}

func describeMissing(obj map[string]any, key string) string {
	v, ok := obj[key]
	if !ok {
		return "nothing"
	}
	return describeValue(v)
}
