package openapi

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// remove marks a property for deletion in a defect.
type remove struct{}

// edit sets (or, with remove{}, deletes) the value at pointer, a JSON pointer whose
// segments are object keys or array indices.
func edit(t testing.TB, doc any, pointer string, value any) {
	t.Helper()
	parts := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	node := doc
	for i, part := range parts {
		last := i == len(parts)-1
		switch n := node.(type) {
		case map[string]any:
			if last {
				if _, ok := value.(remove); ok {
					delete(n, part)
				} else {
					n[part] = value
				}
				return
			}
			node = n[part]
		case []any:
			idx, err := strconv.Atoi(part)
			if err != nil || idx >= len(n) {
				t.Fatalf("pointer %s: bad index %q", pointer, part)
			}
			if last {
				n[idx] = value
				return
			}
			node = n[idx]
		default:
			t.Fatalf("pointer %s: %q is not inside an object or array", pointer, part)
		}
	}
}

// Each defect is one thing a faulty server (or a faulty mock) could send. Every one
// must fail validation, at the right place, with a message worth reading.
func TestDefectsAreCaught(t *testing.T) {
	const (
		sessionInfo = "appgate_session_info_200.json"
		sessions    = "segura_remotesessions_200.json"
		session0    = "/remote_sessions/0"
		entitlement = "/data/gateway-aws-1/entitlementInfos/entitlement-1"
		rule0       = entitlement + "/firewallRules/0"
	)
	tests := []struct {
		name    string
		file    string
		pointer string
		value   any
		at      string // the JSON pointer the error must name
	}{
		{"integer ports", sessionInfo, rule0 + "/ports", []any{443}, rule0 + "/ports/0"},
		{"integer ICMP types", sessionInfo, rule0 + "/types", []any{255}, rule0 + "/types/0"},
		{"condition logic xor", sessionInfo, entitlement + "/conditionLogic", "xor", entitlement + "/conditionLogic"},
		{"access as a string", sessionInfo, entitlement + "/access", "true", entitlement + "/access"},
		{"condition result as a string", sessionInfo, entitlement + "/conditionResults/MFASuccess", "yes", entitlement + "/conditionResults/MFASuccess"},
		{"policy names as a string", sessionInfo, entitlement + "/policyNames", "Finance", entitlement + "/policyNames"},
		{"rules outside the entitlement map", sessionInfo, "/data/gateway-aws-1/entitlementInfos/firewallRules", []any{}, "/data/gateway-aws-1/entitlementInfos/firewallRules"},
		{"device id without dashes", sessionInfo, "/deviceId", "4c07bc6757ea42ddb702c2d6c45419fc", "/deviceId"},
		{"gateway as an array", sessionInfo, "/data/gateway-aws-1", []any{}, "/data/gateway-aws-1"},
		{"site as a number", sessionInfo, "/data/gateway-aws-1/site", 1, "/data/gateway-aws-1/site"},
		{"claims as a string", sessionInfo, "/data/gateway-aws-1/userClaims", "admin", "/data/gateway-aws-1/userClaims"},
		{"missing session_id", sessions, session0 + "/session_id", remove{}, session0 + "/session_id"},
		{"upper-case session_id", sessions, session0 + "/session_id", "E7ACACB6AEDBAB70073456DA5744166939B77527", session0 + "/session_id"},
		{"short session_id", sessions, session0 + "/session_id", "e7acacb6", session0 + "/session_id"},
		{"time without hours", sessions, session0 + "/time", "02:52", session0 + "/time"},
		{"time in seconds", sessions, session0 + "/time", 172, session0 + "/time"},
		{"integer id", sessions, session0 + "/id", 3, session0 + "/id"},
		{"id not digits", sessions, session0 + "/id", "three", session0 + "/id"},
		{"ISO 8601 start", sessions, session0 + "/start", "2024-05-06T16:05:07Z", session0 + "/start"},
		{"end missing", sessions, session0 + "/end", remove{}, session0 + "/end"},
		{"prevent_purge lower case", sessions, session0 + "/prevent_purge", "no", session0 + "/prevent_purge"},
		{"prevent_purge boolean", sessions, session0 + "/prevent_purge", false, session0 + "/prevent_purge"},
		{"request as a number", sessions, session0 + "/request", 7, session0 + "/request"},
		{"ITSM missing", sessions, session0 + "/ITSM", remove{}, session0 + "/ITSM"},
		{"itsm renamed", sessions, session0 + "/ITSM", remove{}, session0 + "/ITSM"},
		{"origin_ip not an address", sessions, session0 + "/origin_ip", "workstation-12", session0 + "/origin_ip"},
		{"device without port", sessions, session0 + "/device", "10.66.33.15", session0 + "/device"},
		{"missing response envelope", sessions, "/response", remove{}, "/response"},
		{"missing envelope field cod_erro", sessions, "/response/cod_erro", remove{}, "/response/cod_erro"},
		{"envelope error as a string", sessions, "/response/erro", "false", "/response/erro"},
		{"code as a string", sessions, "/code", "200", "/code"},
		{"tenant missing", sessions, "/tenant", remove{}, "/tenant"},
		{"sessions as an object", sessions, "/remote_sessions", map[string]any{}, "/remote_sessions"},
		{"singular key in the list", sessions, "/remote_sessions", remove{}, "/remote_sessions"},
	}
	var golden bytes.Buffer
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vendor, target := Segura, "/api/session/remotesessions"
			if tt.file == sessionInfo {
				vendor, target = Appgate, "/admin/session-info/CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap"
			}
			var doc any
			dec := json.NewDecoder(bytes.NewReader(readTestdata(t, tt.file)))
			dec.UseNumber()
			if err := dec.Decode(&doc); err != nil {
				t.Fatal(err)
			}
			if tt.name == "itsm renamed" {
				edit(t, doc, session0+"/itsm", nil)
			}
			edit(t, doc, tt.pointer, tt.value)
			body, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			v := mustValidator(t, vendor)
			r := httptest.NewRequest(http.MethodGet, target, nil)
			err = v.ValidateResponse(context.Background(), r, 200, http.Header{"Content-Type": {"application/json"}}, body)
			if err == nil {
				t.Fatal("defect not caught")
			}
			if !strings.Contains(err.Error(), "at "+tt.at+":") {
				t.Fatalf("error does not name %s: %v", tt.at, err)
			}
			if strings.Count(err.Error(), " | ") != 0 {
				t.Fatalf("one defect reported as several problems: %v", err)
			}
			fmt.Fprintf(&golden, "%s: %v\n", tt.name, err)
		})
	}
	compareGolden(t, "defects.golden", golden.Bytes())
}

func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update after checking it):\n%s", path, got)
	}
}
