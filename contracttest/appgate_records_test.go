package contracttest

import (
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

func TestIdentityRule(t *testing.T) {
	dn, err := appgate.ParseDN("CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		body     string
		pointers []string
	}{
		{"agrees", `{"deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc","username":"user","providerName":"ldap"}`, nil},
		{"device id in upper case", `{"deviceId":"4C07BC67-57EA-42DD-B702-C2D6C45419FC","username":"user","providerName":"ldap"}`, nil},
		{"other device", `{"deviceId":"00000000-57ea-42dd-b702-c2d6c45419fc","username":"user","providerName":"ldap"}`, []string{"/deviceId"}},
		{"device id without dashes", `{"deviceId":"4c07bc6757ea42ddb702c2d6c45419fc","username":"user","providerName":"ldap"}`, []string{"/deviceId"}},
		{"other user, provider in another case", `{"deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc","username":"admin","providerName":"LDAP"}`,
			[]string{"/username", "/providerName"}},
		{"nothing", `{}`, []string{"/deviceId", "/username", "/providerName"}},
		{"wrong types", `{"deviceId":1,"username":null,"providerName":["ldap"]}`, []string{"/deviceId", "/username", "/providerName"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, err := decodeObject([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			judged, bad, vs := judgeIdentity(dn, body)
			if judged != 1 || bad != min(len(tt.pointers), 1) || len(vs) != len(tt.pointers) {
				t.Fatalf("judged %d, bad %d, violations %+v; want %v", judged, bad, vs, tt.pointers)
			}
			for i, v := range vs {
				if v.Pointer != tt.pointers[i] {
					t.Errorf("violation %d at %q, want %q", i, v.Pointer, tt.pointers[i])
				}
			}
		})
	}
}

func TestAccessRule(t *testing.T) {
	t.Parallel()
	ent := func(access, logic, results string) string {
		return `{"data":{"gw":{"entitlementInfos":{"e/1":{"access":` + access + `,"conditionLogic":"` + logic +
			`","conditionResults":` + results + `}}}}}`
	}
	tests := []struct {
		name        string
		body        string
		judged, bad int
	}{
		{"and, all true", ent("true", "and", `{"a":true,"b":true}`), 1, 0},
		{"and, one false, access true", ent("true", "and", `{"a":true,"b":false}`), 1, 1},
		{"and, one false, access false", ent("false", "and", `{"a":true,"b":false}`), 1, 0},
		{"or, one true", ent("true", "or", `{"a":false,"b":true}`), 1, 0},
		{"or, none true, access true", ent("true", "or", `{"a":false}`), 1, 1},
		{"or, one true, access false", ent("false", "or", `{"a":true}`), 1, 1},
		{"no results: not judged", ent("true", "and", `{}`), 0, 0},
		{"unknown logic: not judged", ent("true", "xor", `{"a":false}`), 0, 0},
		{"non-boolean result: not judged", ent("true", "or", `{"a":"yes"}`), 0, 0},
		{"access not a boolean: not judged", ent(`"yes"`, "or", `{"a":true}`), 0, 0},
		{"no data", `{"deviceId":"x"}`, 0, 0},
		{"data of the wrong shape", `{"data":[1,2],"x":{"entitlementInfos":3}}`, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, err := decodeObject([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			judged, bad, vs := judgeAccess(appgate.DN{}, body)
			if judged != tt.judged || bad != tt.bad || len(vs) != tt.bad {
				t.Fatalf("judged %d, bad %d, %d violations; want %d, %d", judged, bad, len(vs), tt.judged, tt.bad)
			}
			if tt.bad > 0 && vs[0].Pointer != "/data/gw/entitlementInfos/e~11/access" {
				t.Errorf("pointer %q: the entitlement name's slash must be escaped", vs[0].Pointer)
			}
			if tt.bad > 0 && !strings.Contains(vs[0].Expected, "conditions true") {
				t.Errorf("expected %q does not explain itself", vs[0].Expected)
			}
		})
	}
}
