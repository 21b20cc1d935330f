package contracttest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// The appliance's envelope, {code, response: {status, message, error,
// error_code, detail, mensagem, erro, cod_erro}}, says the status of the
// answer several times over; those statements must agree. Release 3
// (senhasegura) leaves some of them out.

// legacyOptional are the envelope fields release 3 may leave out.
var legacyOptional = map[string]bool{"code": true, "error_code": true, "detail": true, "cod_erro": true}

// envelopeOf returns the envelope of a Segura answer: its body and status
// block, or false for bodies that are not the appliance's envelope (the
// gateway's, the OAuth server's, tokens).
func envelopeOf(r *runner, ex *exchange) (map[string]any, map[string]any, bool) {
	if r.t.Vendor != wire.Segura || !ex.answered() {
		return nil, nil, false
	}
	obj, err := ex.object()
	if err != nil {
		return nil, nil, false
	}
	resp, ok := obj["response"].(map[string]any)
	return obj, resp, ok
}

func ruleSeguraEnvelope(_ context.Context, r *runner, ex *exchange) (bool, []Violation) {
	obj, resp, ok := envelopeOf(r, ex)
	if !ok {
		return false, nil
	}
	legacy := r.t.SeguraRelease == seguraReleaseLegacy
	failedStatus := ex.status >= 400
	var vs []Violation
	num := func(m map[string]any, key, ptr string, want int64, what string) (int64, bool) {
		n, isInt := intField(m, key)
		_, present := m[key]
		switch {
		case !present && legacy && legacyOptional[key]:
			return 0, false
		case !isInt:
			vs = append(vs, Violation{In: "body", Pointer: ptr, Expected: "an integer", Got: describeMissing(m, key)})
			return 0, false
		case want >= 0 && n != want:
			vs = append(vs, Violation{In: "body", Pointer: ptr, Expected: fmt.Sprintf("%d (%s)", want, what), Got: strconv.FormatInt(n, 10)})
		}
		return n, true
	}
	flag := func(key string) {
		b, isBool := resp[key].(bool)
		switch {
		case !isBool:
			vs = append(vs, Violation{In: "body", Pointer: "/response/" + key, Expected: "a boolean", Got: describeMissing(resp, key)})
		case b != failedStatus:
			vs = append(vs, Violation{In: "body", Pointer: "/response/" + key,
				Expected: fmt.Sprintf("%t (the answer's status is %d)", failedStatus, ex.status), Got: strconv.FormatBool(b)})
		}
	}
	status := int64(ex.status)
	num(obj, "code", "/code", status, "the HTTP status")
	num(resp, "status", "/response/status", status, "the HTTP status")
	flag("error")
	flag("erro")
	code, okCode := num(resp, "error_code", "/response/error_code", -1, "")
	cod, okCod := num(resp, "cod_erro", "/response/cod_erro", -1, "")
	switch {
	case okCode && okCod && code != cod:
		vs = append(vs, Violation{In: "body", Pointer: "/response/cod_erro", Expected: fmt.Sprintf("%d (error_code)", code), Got: strconv.FormatInt(cod, 10)})
	case okCode && !failedStatus && code != 0:
		vs = append(vs, Violation{In: "body", Pointer: "/response/error_code", Expected: "0 (a successful answer)", Got: strconv.FormatInt(code, 10)})
	case okCode && failedStatus && code == 0:
		vs = append(vs, Violation{In: "body", Pointer: "/response/error_code", Expected: "an error number other than 0 (an error answer)", Got: "0"})
	}
	return true, vs
}

func ruleSeguraRelease(_ context.Context, r *runner, ex *exchange) (bool, []Violation) {
	obj, _, ok := envelopeOf(r, ex)
	if !ok || ex.status != http.StatusOK {
		return false, nil
	}
	tenant, present := obj["tenant"]
	if r.t.SeguraRelease == seguraReleaseLegacy {
		if !present || tenant == segura.LegacyTenant {
			return true, nil
		}
		return true, []Violation{{In: "body", Pointer: "/tenant",
			Expected: fmt.Sprintf("%q or no tenant (release 3)", segura.LegacyTenant), Got: describeValue(tenant)}}
	}
	if tenant == segura.Tenant {
		return true, nil
	}
	got := "no tenant"
	if present {
		got = describeValue(tenant)
	}
	return true, []Violation{{In: "body", Pointer: "/tenant",
		Expected: fmt.Sprintf("%q (release 4; --segura-release 3 for a senhasegura appliance)", segura.Tenant), Got: got}}
}

// legacyFilled is the kept document of a release 3 answer with the
// envelope fields that release may leave out filled in, so that the
// schema judges all the rest. ok is false when nothing was missing.
func legacyFilled(ex *exchange) ([]byte, bool) {
	obj, err := ex.object()
	if err != nil {
		return nil, false
	}
	resp, isEnv := obj["response"].(map[string]any)
	if !isEnv {
		return nil, false
	}
	filled := false
	fill := func(m map[string]any, key string, v any) {
		if _, ok := m[key]; !ok {
			m[key], filled = v, true
		}
	}
	fill(obj, "code", json.Number(strconv.Itoa(ex.status)))
	if v, ok := resp["cod_erro"]; ok {
		fill(resp, "error_code", v)
	}
	fill(resp, "error_code", json.Number("0"))
	fill(resp, "cod_erro", resp["error_code"])
	fill(resp, "detail", "")
	_, list := obj[segura.ListKey]
	_, one := obj[segura.OneKey]
	if list || one {
		fill(obj, "tenant", segura.LegacyTenant)
	}
	if !filled {
		return nil, false
	}
	b, err := json.Marshal(obj)
	return b, err == nil
}
