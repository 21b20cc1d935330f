package contracttest

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
)

// How the vendor's own tools sign in besides POST /login: the CLI lists the
// identity providers, authenticates in two steps, and logs out.

func appgateIdentityProviders(ctx context.Context, r *runner) (Result, error) {
	c := appgateCall("list the identity providers, without a token", http.MethodGet, identityProvidersRoute.Pattern, r.version, "", nil)
	return r.probe(ctx, c, func(ex *exchange) (bool, string, []Violation) {
		if ex.status != http.StatusOK {
			return false, providersShown + " answered " + statusText(ex.status) + ", not 200",
				[]Violation{statusViolation("200 OK (the providers are listed before signing in)", ex.status)}
		}
		obj, err := ex.object()
		if err != nil {
			return false, "the answer is " + err.Error(), []Violation{{In: "body", Expected: "a JSON object", Got: err.Error()}}
		}
		data, ok := obj["data"].([]any)
		if !ok {
			return false, "the answer has no data array", []Violation{{In: "body", Pointer: "/data", Expected: "an array of providers", Got: describeMissing(obj, "data")}}
		}
		for _, d := range data {
			p, _ := d.(map[string]any)
			if name, _ := stringField(p, "name"); name == r.t.Provider {
				return true, fmt.Sprintf("200 with %s, %q among them", plural(len(data), "provider", "providers"), r.t.Provider), nil
			}
		}
		return false, fmt.Sprintf("the provider %q is not listed", r.t.Provider),
			[]Violation{{In: "body", Pointer: "/data", Expected: fmt.Sprintf("a provider named %q, the one the suite signs in with", r.t.Provider),
				Got: fmt.Sprintf("%s without it", plural(len(data), "provider", "providers"))}}
	})
}

// appgateSignIn replays the sign-in of the vendor's CLI: the version probe
// on POST /authentication, the credentials there, GET /authorization for
// the final token, a call with it, and the logout of that sign-in.
func appgateSignIn(ctx context.Context, r *runner) (Result, error) {
	if r.tokenGiven {
		return skipped("a ready token was given, and no credentials to sign in with"), nil
	}
	var ev []Evidence
	fail := func(why string, ex *exchange, vs ...Violation) (Result, error) {
		ev = append(ev, r.evidence(ex, false, vs...))
		return failed(why, ev...), nil
	}
	step := func(c call) (*exchange, *Result, error) {
		ex, stop, err := r.another(ctx, c)
		if err != nil || stop != nil {
			return nil, stop, err
		}
		if !ex.answered() {
			res, _ := fail(c.purpose+" got no answer", ex, transportViolation(ex))
			return nil, &res, nil
		}
		return ex, nil, nil
	}

	// 1. The version probe answers as the login's does.
	probe, stop, err := step(r.versionProbeCall(authenticationRoute.Pattern, authenticationShown))
	if err != nil || stop != nil {
		return deref(stop), err
	}
	lo, hi, ok := range406(probe)
	switch {
	case !ok:
		return fail(fmt.Sprintf("peer-v%d to %s got %s, not 406 with the supported range", probeVersion, authenticationShown, statusText(probe.status)),
			probe, statusViolation("406 Not Acceptable with minSupportedVersion and maxSupportedVersion", probe.status))
	case r.versionRange[1] > 0 && (lo != r.versionRange[0] || hi != r.versionRange[1]):
		return fail("the two sign-ins name different version ranges", probe, Violation{In: "body", Pointer: "/maxSupportedVersion",
			Expected: fmt.Sprintf("%d to %d, as the login's 406 says", r.versionRange[0], r.versionRange[1]), Got: fmt.Sprintf("%d to %d", lo, hi)})
	}
	ev = append(ev, r.evidence(probe, true))

	// 2. The credentials give a first token.
	body := r.credentialsBody()
	auth, stop, err := step(appgateCall("authenticate with the credentials given (first step)", http.MethodPost,
		authenticationRoute.Pattern, r.version, "", &body))
	if err != nil || stop != nil {
		return deref(stop), err
	}
	first := r.tokenOf(auth)
	if vs := judgeAppgateToken(auth); len(vs) > 0 {
		return fail(authenticationShown+" did not answer 200 with a token", auth, vs...)
	}
	ev = append(ev, r.evidence(auth, true))

	// 3. Authorization turns it into the final token.
	authz, stop, err := step(appgateCall("authorize the first token (last step)", http.MethodGet,
		authorizationRoute.Pattern, r.version, "Bearer "+first, nil))
	if err != nil || stop != nil {
		return deref(stop), err
	}
	if authz.status == http.StatusPreconditionFailed {
		ev = append(ev, r.evidence(authz, true))
		r.logoutQuietly(ctx, first)
		return skipped("the user must give a one-time password (412), which the suite does not", ev...), nil
	}
	final := r.tokenOf(authz)
	if vs := judgeAppgateToken(authz); len(vs) > 0 {
		return fail(authorizationShown+" did not answer 200 with the final token", authz, vs...)
	}
	ev = append(ev, r.evidence(authz, true))

	// 4. The final token opens the API.
	use, stop, err := step(appgateInfoCall("session-info with the token of the two-step sign-in", http.MethodGet,
		unknownDN(r.t.Provider), r.version, "Bearer "+final))
	if err != nil || stop != nil {
		return deref(stop), err
	}
	if use.status == http.StatusUnauthorized || use.status == http.StatusForbidden {
		return fail("the final token of the two-step sign-in is refused", use,
			statusViolation("404 Not Found for the made-up name (the token accepted)", use.status))
	}
	ev = append(ev, r.evidence(use, true))
	r.logoutQuietly(ctx, final)
	return passed("406 with the range, a first token, the final token, accepted", ev...), nil
}

func deref(r *Result) Result {
	if r == nil {
		return Result{}
	}
	return *r
}

// tokenOf reads the token of a sign-in answer and hides it in the report.
func (r *runner) tokenOf(ex *exchange) string {
	obj, err := ex.object()
	if err != nil {
		return ""
	}
	tok, _ := stringField(obj, "token")
	r.red.add(tok)
	return tok
}

// logoutQuietly ends a sign-in of the suite's own; the response-level
// checks judge the answer.
func (r *runner) logoutQuietly(ctx context.Context, token string) {
	if token == "" {
		return
	}
	_, _ = r.send(ctx, appgateCall("log out the two-step sign-in", http.MethodPost, logoutRoute.Pattern, r.version, "Bearer "+token, nil))
}

func appgateLogout(ctx context.Context, r *runner) (Result, error) {
	if r.tokenGiven {
		return skipped("a ready token was given: the suite does not revoke a token it was lent"), nil
	}
	if r.token == "" {
		return r.nothing("no token to log out: "+r.noTokenReason(), r.tokenEx), nil
	}
	out, err := r.send(ctx, appgateCall("log out the suite's own login", http.MethodPost, logoutRoute.Pattern, r.version, "Bearer "+r.token, nil))
	if err != nil {
		return Result{}, err
	}
	if s, ok := unsent(out); ok {
		return s, nil
	}
	if !out.answered() || out.status != http.StatusNoContent {
		v := transportViolation
		if out.answered() {
			v = func(ex *exchange) Violation { return statusViolation("204 No Content", ex.status) }
		}
		return failed(logoutShown+" did not answer 204", r.evidence(out, false, v(out))), nil
	}
	after, err := r.send(ctx, appgateInfoCall("session-info with the token logged out", http.MethodGet,
		unknownDN(r.t.Provider), r.version, "Bearer "+r.token))
	if err != nil {
		return Result{}, err
	}
	if s, ok := unsent(after); ok {
		return s, nil
	}
	ev := []Evidence{r.evidence(out, true)}
	if !after.answered() || after.status != http.StatusUnauthorized {
		var v Violation
		if after.answered() {
			v = statusViolation("401 Unauthorized: the token was logged out", after.status)
		} else {
			v = transportViolation(after)
		}
		return failed("the token still opens the API after the logout", append(ev, r.evidence(after, false, v))...), nil
	}
	return passed("204, and the token is refused with 401 afterwards", append(ev, r.evidence(after, true))...), nil
}

func appgatePrivilegeHonoured(_ context.Context, r *runner) (Result, error) {
	switch {
	case r.tokenGiven:
		return skipped("a ready token was given: no login answer lists the privileges"), nil
	case r.tokenEx == nil || !r.ag.privileged:
		return skipped("the login answer lists no SessionInfo privilege (View or All)"), nil
	}
	if ex := r.ag.forbidden; ex != nil {
		return failed("session-info refused with 403 an account whose login lists the SessionInfo privilege",
			r.evidence(r.tokenEx, true), r.evidence(ex, false, statusViolation("an answer other than 403: the login lists "+
				strconv.Quote("SessionInfo")+" among the account's privileges", ex.status))), nil
	}
	var ev []Evidence
	for _, ex := range append(r.primary, r.unknownEx) {
		if ex == nil || !ex.answered() {
			continue
		}
		if ex.status == http.StatusForbidden {
			return failed("session-info refused with 403 an account whose login lists the SessionInfo privilege",
				r.evidence(ex, false, statusViolation("an answer other than 403", ex.status))), nil
		}
		ev = append(ev, r.evidence(ex, true))
	}
	if len(ev) == 0 {
		return r.nothing("no session-info was answered", r.unknownEx), nil
	}
	return passed(fmt.Sprintf("the login lists SessionInfo, and %s answered without 403", plural(len(ev), "session-info", "session-infos")), ev...), nil
}
