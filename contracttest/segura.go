package contracttest

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/sessionmock/sessionmock/wire/segura"
)

// Made-up credentials for bad-credentials: a client that does not exist, so
// that no real client can be locked out by a failed attempt.
const (
	nobodyClientID     = "sessionmock-contract-nobody"
	nobodyClientSecret = "sessionmock-contract-not-a-secret"
)

// invalidToken is shaped like the JWTs both vendors issue, so that a server
// has to check it rather than reject it for its form.
const invalidToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." +
	"eyJzdWIiOiJzZXNzaW9ubW9jay1jb250cmFjdCIsImV4cCI6NDEwMjQ0NDgwMH0." +
	"c2Vzc2lvbm1vY2stY29udHJhY3Qtbm90LWEtc2lnbmF0dXJl"

type seguraSuite struct{}

// seguraState is what the Segura checks share.
type seguraState struct {
	list *exchange // the session list with the token
	// The records of the list, read once: at most maxKeptItems of them,
	// total in the list, or the result to give when there are none.
	read    bool
	records []any
	total   int
	gap     *Result
}

// seguraTokenCall asks for a token with the credentials in the form, or
// with basic as HTTP Basic credentials.
func seguraTokenCall(purpose, id, secret string, basic bool) call {
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	shown := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {Redacted}}
	h := http.Header{
		"Content-Type": {"application/x-www-form-urlencoded"},
		"Accept":       {"application/json"},
	}
	if basic {
		form = url.Values{"grant_type": {"client_credentials"}}
		shown = form
		h.Set("Authorization", "Basic "+basicCredentials(id, secret))
	}
	return call{
		purpose: purpose, method: http.MethodPost, path: segura.PathToken, contract: true,
		header: h, body: []byte(form.Encode()), shownBody: shown.Encode(),
	}
}

// basicCredentials encodes id and secret for HTTP Basic (RFC 7617; the
// OAuth form-encodes them first, RFC 6749 section 2.3.1).
func basicCredentials(id, secret string) string {
	return base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id) + ":" + url.QueryEscape(secret)))
}

// seguraCall is a request to the appliance's API with a bearer token
// (authorization "" sends none).
func seguraCall(purpose, method, path, authorization string) call {
	h := http.Header{"Accept": {"application/json"}}
	if authorization != "" {
		h.Set("Authorization", authorization)
	}
	return call{purpose: purpose, method: method, path: path, header: h, contract: true}
}

func seguraListCall(purpose, method, authorization string) call {
	return seguraCall(purpose, method, segura.PathRemoteSessions, authorization)
}

func (seguraSuite) setup(ctx context.Context, r *runner) error {
	if r.t.ClientSecret != "" {
		r.red.add(basicCredentials(r.t.ClientID, r.t.ClientSecret))
	}
	if !r.needsSession() {
		return nil
	}
	if r.t.Token != "" {
		r.token, r.tokenGiven = r.t.Token, true
		r.note("a ready token was given; the token endpoint was not asked for one")
	} else {
		ex, err := r.send(ctx, seguraTokenCall("obtain a token with the credentials given", r.t.ClientID, r.t.ClientSecret, false))
		if err != nil {
			return err
		}
		r.tokenEx = ex
		if ex.answered() && seguraRefused(ex) {
			return &runError{kind: ErrCredentials, msg: fmt.Sprintf(
				"the token endpoint refused client %q: %s; check the client id and secret", r.t.ClientID, r.red.str(answerSummary(ex)))}
		}
		if ex.answered() && ex.status == http.StatusOK {
			if obj, err := ex.object(); err == nil {
				if tok, ok := stringField(obj, "access_token"); ok && tok != "" {
					r.token = tok
					r.red.add(tok)
				}
			}
		}
	}
	if r.token == "" {
		return nil
	}
	ex, err := r.send(ctx, seguraListCall("list remote sessions", http.MethodGet, "Bearer "+r.token))
	if err != nil {
		return err
	}
	r.seg.list = ex
	r.firstAuth = ex
	return r.authProbe(ex, "list remote sessions",
		"the client's authorization lacks the Credentials and Devices permission needed to list remote sessions")
}

// authProbe stops the run when the first request with the token shows that
// the checks cannot go on: a ready token the server refuses, or credentials
// without the permission the session route needs.
func (r *runner) authProbe(ex *exchange, what, forbidden string) error {
	switch {
	case !ex.answered():
		return nil
	case ex.status == http.StatusUnauthorized && r.tokenGiven:
		return &runError{kind: ErrCredentials, msg: fmt.Sprintf(
			"the server refused the token given: %s answered %s", what, r.red.str(answerSummary(ex)))}
	case ex.status == http.StatusForbidden:
		return &runError{kind: ErrCredentials, msg: fmt.Sprintf("%s: %s answered %s", forbidden, what, r.red.str(answerSummary(ex)))}
	}
	return nil
}

// seguraRefused reports whether a token answer refuses the client: 401, or
// the 400 that RFC 6749 allows for invalid_client.
func seguraRefused(ex *exchange) bool {
	if ex.status == http.StatusUnauthorized {
		return true
	}
	if ex.status != http.StatusBadRequest {
		return false
	}
	obj, err := ex.object()
	if err != nil {
		return false
	}
	code, _ := stringField(obj, "error")
	return code == segura.OAuthInvalidClient
}

// answerSummary is the status of an answer and its message, if it has one.
func answerSummary(ex *exchange) string {
	s := statusText(ex.status)
	obj, err := ex.object()
	if err != nil {
		return s
	}
	for _, key := range []string{"error_description", "message"} {
		if m, ok := stringField(obj, key); ok && m != "" {
			return s + " (" + clip(m, 200) + ")"
		}
	}
	if resp, ok := obj["response"].(map[string]any); ok {
		if m, ok := stringField(resp, "message"); ok && m != "" {
			return s + " (" + clip(m, 200) + ")"
		}
	}
	return s
}

func (seguraSuite) check(id string) checkFunc {
	switch id {
	case CheckTokenIssued:
		return seguraTokenIssued
	case CheckTokenBasic:
		return seguraTokenBasic
	case CheckBadCredentials:
		return seguraBadCredentials
	case CheckMissingCredentials:
		return seguraMissingCredentials
	case CheckInvalidToken:
		return func(ctx context.Context, r *runner) (Result, error) {
			return r.probe(ctx, seguraListCall("list remote sessions with a token never issued",
				http.MethodGet, "Bearer "+invalidToken), expect401)
		}
	case CheckMethodNotAllowed:
		return func(ctx context.Context, r *runner) (Result, error) {
			if r.token == "" {
				return r.nothing("no token to send with it: "+r.noTokenReason(), r.tokenEx), nil
			}
			c := seguraListCall("TRACE the remote session list", http.MethodTrace, "Bearer "+r.token)
			c.methodProbe = true
			return r.probe(ctx, c, methodRefused(true))
		}
	case CheckSeguraTime:
		return seguraRecordCheck(seguraTimeRule())
	case CheckSeguraDates:
		return seguraRecordCheck(seguraDatesRule())
	case CheckSeguraSessionID:
		return seguraRecordCheck(seguraSessionIDRule())
	case CheckSeguraRecordID:
		return seguraRecordCheck(seguraRecordIDRule())
	case CheckSeguraDevice:
		return seguraRecordCheck(seguraDeviceRule())
	case CheckSeguraByID:
		return seguraByID
	case CheckSeguraUnknownID:
		return seguraUnknownID
	case CheckSeguraDrop:
		return seguraDrop
	}
	return nil
}

func seguraTokenIssued(_ context.Context, r *runner) (Result, error) {
	if r.tokenGiven {
		return skipped("a ready token was given; the token endpoint was not asked for one"), nil
	}
	ex := r.tokenEx
	if ex == nil {
		return skipped("no token was needed by the checks selected"), nil
	}
	return r.judgeOne(ex, func(ex *exchange) (bool, string, []Violation) {
		vs := judgeSeguraToken(ex)
		if fa := r.firstAuth; fa != nil && fa.answered() && fa.status == http.StatusUnauthorized {
			vs = append(vs, Violation{In: "status", Pointer: "", Expected: "the token accepted by " + fa.purpose,
				Got: statusText(fa.status) + " from " + fa.purpose})
		}
		if len(vs) > 0 {
			return false, tokenReason(ex, vs), vs
		}
		return true, "200 with a bearer token that the API accepts", nil
	}), nil
}

func seguraTokenBasic(ctx context.Context, r *runner) (Result, error) {
	if r.t.Token != "" {
		return skipped("a ready token was given, and no client id and secret to send as HTTP Basic credentials"), nil
	}
	c := seguraTokenCall("obtain a token with the credentials as HTTP Basic", r.t.ClientID, r.t.ClientSecret, true)
	return r.probe(ctx, c, func(ex *exchange) (bool, string, []Violation) {
		if ex.status == http.StatusOK {
			if obj, err := ex.object(); err == nil {
				if tok, ok := stringField(obj, "access_token"); ok {
					r.red.add(tok)
				}
			}
		}
		if vs := judgeSeguraToken(ex); len(vs) > 0 {
			return false, tokenReason(ex, vs), vs
		}
		return true, "200 with a bearer token for the HTTP Basic credentials", nil
	})
}

func tokenReason(ex *exchange, vs []Violation) string {
	if ex.status != http.StatusOK {
		return "the token endpoint answered " + statusText(ex.status) + ", not 200 with a token"
	}
	return fmt.Sprintf("the token answer departs from the contract in %s", plural(len(vs), "way", "ways"))
}

// judgeSeguraToken holds a token answer to the documented fields.
func judgeSeguraToken(ex *exchange) []Violation {
	obj, vs := okObject(ex)
	if vs != nil {
		return vs
	}
	if tt, _ := stringField(obj, "token_type"); !strings.EqualFold(tt, "bearer") {
		vs = append(vs, Violation{In: "body", Pointer: "/token_type", Expected: `"Bearer"`, Got: describeMissing(obj, "token_type")})
	}
	if n, ok := intField(obj, "expires_in"); !ok || n <= 0 {
		vs = append(vs, Violation{In: "body", Pointer: "/expires_in", Expected: "a positive number of seconds", Got: describeMissing(obj, "expires_in")})
	}
	if tok, _ := stringField(obj, "access_token"); tok == "" {
		vs = append(vs, Violation{In: "body", Pointer: "/access_token", Expected: "a non-empty token", Got: describeMissing(obj, "access_token")})
	}
	return vs
}

func seguraBadCredentials(ctx context.Context, r *runner) (Result, error) {
	c := seguraTokenCall("obtain a token for a client that does not exist", nobodyClientID, nobodyClientSecret, false)
	return r.probe(ctx, c, func(ex *exchange) (bool, string, []Violation) {
		if seguraRefused(ex) {
			return true, "refused with " + answerSummary(ex), nil
		}
		return false, "credentials of a client that does not exist got " + statusText(ex.status),
			[]Violation{statusViolation("401 Unauthorized (or 400 with error invalid_client)", ex.status)}
	})
}

func seguraMissingCredentials(ctx context.Context, r *runner) (Result, error) {
	c := seguraListCall("list remote sessions without an Authorization header", http.MethodGet, "")
	return r.probe(ctx, c, func(ex *exchange) (bool, string, []Violation) {
		if ex.status != http.StatusNotFound {
			return false, "a request without credentials got " + statusText(ex.status) + ", not Kong's 404",
				[]Violation{statusViolation("404 Not Found from the Kong gateway", ex.status)}
		}
		want := `Kong's {"message": "` + segura.MsgKongNoRoute + `"}`
		obj, err := ex.object()
		if err != nil {
			return false, "404 without Kong's body", []Violation{{In: "body", Expected: want, Got: "a body that is " + err.Error()}}
		}
		if _, hasCode := obj["code"]; hasCode {
			return false, "404 in the appliance's envelope: the request got past the gateway",
				[]Violation{{In: "body", Expected: want, Got: "the appliance's own envelope (code, response)"}}
		}
		if msg, _ := stringField(obj, "message"); msg != segura.MsgKongNoRoute {
			return false, "404 without the gateway's own message",
				[]Violation{{In: "body", Pointer: "/message", Expected: fmt.Sprintf("%q", segura.MsgKongNoRoute), Got: describeMissing(obj, "message")}}
		}
		return true, "refused with Kong's " + answerSummary(ex), nil
	})
}

// expect401 judges a request with a token the server never issued.
func expect401(ex *exchange) (bool, string, []Violation) {
	if ex.status == http.StatusUnauthorized {
		return true, "refused with " + answerSummary(ex), nil
	}
	return false, "a token the server never issued got " + statusText(ex.status) + ", not 401",
		[]Violation{statusViolation("401 Unauthorized", ex.status)}
}

// methodRefused judges a TRACE on a GET-only route. Kong routes on the
// method too, so for Segura its 404 is a refusal.
func methodRefused(kong404 bool) judge {
	return func(ex *exchange) (bool, string, []Violation) {
		switch {
		case ex.status == http.StatusMethodNotAllowed, ex.status == http.StatusNotImplemented:
			return true, "refused with " + statusText(ex.status), nil
		case kong404 && ex.status == http.StatusNotFound:
			return true, "refused with Kong's " + statusText(ex.status) + ": no route for the method", nil
		}
		want := "405 Method Not Allowed or 501 Not Implemented"
		if kong404 {
			want += ", or Kong's 404"
		}
		return false, "TRACE on a GET-only route got " + statusText(ex.status), []Violation{statusViolation(want, ex.status)}
	}
}

func (r *runner) noTokenReason() string {
	switch {
	case r.tokenEx == nil:
		return "no token was obtained"
	case !r.tokenEx.answered():
		return "the token request got no answer"
	}
	return "the token request answered " + statusText(r.tokenEx.status) + " without a token"
}
