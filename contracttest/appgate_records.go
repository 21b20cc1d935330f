package contracttest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// infoRule is a semantic invariant of Appgate's session-info body.
type infoRule struct {
	holds string
	unit  [2]string // what judge counts: singular, plural
	judge func(dn appgate.DN, body map[string]any) (judged, bad int, vs []Violation)
}

func identityRule() infoRule {
	return infoRule{holds: "deviceId, username and providerName agree with the DN",
		unit: [2]string{"session", "sessions"}, judge: judgeIdentity}
}

func accessRule() infoRule {
	return infoRule{holds: "access agrees with conditionLogic and conditionResults",
		unit: [2]string{"entitlement", "entitlements"}, judge: judgeAccess}
}

func appgateRecordCheck(rule infoRule) checkFunc {
	return func(_ context.Context, r *runner) (Result, error) {
		if res, empty := r.noSessionResult(); empty {
			return res, nil
		}
		var ev []Evidence
		var notJudged []string
		var gaps []*exchange
		judged, bad, unsentN := 0, 0, 0
		for i, ex := range r.primary {
			dn, err := appgate.ParseDN(r.dns[i])
			if err != nil {
				continue // given names were parsed before the run, discovered ones when found
			}
			if why, ok := ex.skipReason(); ok {
				notJudged = append(notJudged, why)
				unsentN++
				continue
			}
			if !ex.answered() || ex.status != http.StatusOK {
				notJudged = append(notJudged, fmt.Sprintf("session-info of %s answered %s", r.dns[i], describeAnswer(ex)))
				gaps = append(gaps, ex)
				continue
			}
			body, err := ex.object()
			if err != nil {
				notJudged = append(notJudged, fmt.Sprintf("session-info of %s is %v", r.dns[i], err))
				if !errors.Is(err, errReleased) {
					gaps = append(gaps, ex)
				} else {
					unsentN++
				}
				continue
			}
			j, b, vs := rule.judge(dn, body)
			judged += j
			bad += b
			if j > 0 {
				ev = append(ev, r.evidence(ex, b == 0, capViolations(vs)...))
			}
		}
		switch {
		case judged == 0 && len(gaps) > 0:
			return r.nothing(strings.Join(notJudged, "; "), gaps...), nil
		case judged == 0 && unsentN > 0:
			return skipped("nothing to judge: "+strings.Join(notJudged, "; "), ev...), nil
		case judged == 0:
			return skipped(fmt.Sprintf("none of the %s looked up has %s to judge",
				plural(len(r.primary), "session", "sessions"), rule.unit[1]), ev...), nil
		case bad > 0:
			return failed(fmt.Sprintf("%d of %s break the rule: %s", bad, plural(judged, rule.unit[0], rule.unit[1]), rule.holds), ev...), nil
		}
		return passed(fmt.Sprintf("%s in all %s judged", rule.holds, plural(judged, rule.unit[0], rule.unit[1])), ev...), nil
	}
}

// noSessionResult is the result of a check that judges sessions when no
// session was looked up, and whether that is the case: a skip when the
// controller truthfully has none, else nothing to judge.
func (r *runner) noSessionResult() (Result, bool) {
	switch {
	case len(r.dns) > 0 && len(r.primary) > 0:
		return Result{}, false
	case r.token == "" && !r.tokenGiven:
		return r.nothing("no session was looked up: "+r.noTokenReason(), r.tokenEx), true
	case r.ag.noSessions:
		return skipped(r.dnReason + ": there is no session to judge"), true
	case r.dnReason != "":
		return r.nothing(r.dnReason+" (give the names to look up with --dn)", r.ag.dnEx), true
	}
	return r.nothing("no session was looked up", r.tokenEx), true
}

// judgeIdentity compares the body's identity with the DN it was asked for.
// The schema requires none of the three fields, so here a missing one is a
// break: the vendor documents each as "same as the one in the DN".
func judgeIdentity(dn appgate.DN, body map[string]any) (judged, bad int, vs []Violation) {
	want := []struct{ key, value string }{
		{"deviceId", dn.DeviceUUID()},
		{"username", dn.Username},
		{"providerName", dn.Provider},
	}
	for _, w := range want {
		got, ok := stringField(body, w.key)
		if w.key == "deviceId" && ok {
			// The DN has the id without dashes, the body with them; a
			// difference of case is no difference of device.
			if strings.EqualFold(got, w.value) {
				continue
			}
		} else if ok && got == w.value {
			continue
		}
		vs = append(vs, Violation{In: "body", Pointer: "/" + w.key, Expected: fmt.Sprintf("%q (from the DN)", w.value),
			Got: describeMissing(body, w.key)})
	}
	if len(vs) > 0 {
		bad = 1
	}
	return 1, bad, vs
}

// judgeAccess checks each entitlement's access against its conditions.
func judgeAccess(_ appgate.DN, body map[string]any) (judged, bad int, vs []Violation) {
	data, _ := body["data"].(map[string]any)
	for _, gw := range sortedKeys(data) {
		session, _ := data[gw].(map[string]any)
		ents, _ := session["entitlementInfos"].(map[string]any)
		for _, name := range sortedKeys(ents) {
			ent, _ := ents[name].(map[string]any)
			access, okAccess := ent["access"].(bool)
			logic, _ := stringField(ent, "conditionLogic")
			results, _ := ent["conditionResults"].(map[string]any)
			if !okAccess || (logic != "and" && logic != "or") || len(results) == 0 {
				continue
			}
			trues, all := 0, 0
			for _, v := range results {
				b, ok := v.(bool)
				if !ok {
					all = -1
					break
				}
				all++
				if b {
					trues++
				}
			}
			if all < 0 {
				continue // a non-boolean result is schema-valid's to report
			}
			judged++
			want := trues > 0
			if logic == "and" {
				want = trues == all
			}
			if access != want {
				bad++
				vs = append(vs, Violation{In: "body",
					Pointer:  openapi.JSONPointer([]string{"data", gw, "entitlementInfos", name, "access"}),
					Expected: fmt.Sprintf("%t (conditionLogic %q, %d of %d conditions true)", want, logic, trues, all),
					Got:      fmt.Sprint(access)})
			}
		}
	}
	return judged, bad, vs
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
