package contracttest

import (
	"context"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

func FuzzParseDevice(f *testing.F) {
	for _, s := range []string{"10.66.33.15:3389", "[::1]:22", "host:", ":22", "host:99999", "a:b:c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		host, port, err := parseDevice(s)
		if err != nil {
			if !strings.Contains(err.Error(), "device") {
				t.Errorf("error %q does not say what it is about", err)
			}
			return
		}
		if host == "" || port < 1 || port > 65535 {
			t.Errorf("parseDevice(%q) = %q, %d accepted", s, host, port)
		}
	})
}

// FuzzBodies feeds arbitrary answers to everything that reads the server's
// bodies: none may panic, whatever a broken server sends.
func FuzzBodies(f *testing.F) {
	for _, s := range []string{
		`{"remote_sessions":[{"start":"2024-05-06 16:05:07","end":"2024-05-06 16:07:59","time":"00:02:52","session_id":"x","device":"h:1"}]}`,
		`{"deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc","data":{"g":{"entitlementInfos":{"e":{"access":true,"conditionLogic":"and","conditionResults":{"a":false}}}}}}`,
		`{"appgate":{"clients":[{"dn":"CN=1,CN=2,OU=3"}]}}`,
		`{"minSupportedVersion":1,"maxSupportedVersion":1e400}`,
		`[]`, `null`, `{"remote_sessions":[1,null,"x",[]]}`, `{`,
		`{"range":"0-1/2","totalCount":2,"data":[{"distinguishedName":"CN=1,CN=2,OU=3"},{}]}`,
		`{"code":200,"response":{"status":200,"error":false,"erro":false,"error_code":0,"cod_erro":0},"tenant":"Segura"}`,
	} {
		f.Add([]byte(s))
	}
	dn := appgate.DN{DeviceID: "4c07bc6757ea42ddb702c2d6c45419fc", Username: "u", Provider: "p"}
	f.Fuzz(func(t *testing.T, body []byte) {
		ex := answered(200, body)
		r := &runner{t: Target{Vendor: "segura", SeguraRelease: 4}, red: &redactor{}, o: Options{}.withDefaults()}
		r.seg.list = ex
		if recs, _, gap := r.seguraRecords(); gap == nil {
			for _, rule := range []recordRule{seguraTimeRule(), seguraDatesRule(), seguraSessionIDRule(), seguraRecordIDRule(), seguraDeviceRule()} {
				judged, bad, vs := rule.judge(recs)
				if bad > judged || len(vs) < bad {
					t.Errorf("judged %d, bad %d, %d violations", judged, bad, len(vs))
				}
			}
		}
		ruleSeguraEnvelope(context.Background(), r, ex)
		ruleSeguraRelease(context.Background(), r, ex)
		legacyFilled(ex)
		activeItems(ex)
		total := int64(-1)
		judgeActivePage(ex, 0, 5, &total, map[string]string{}, 0)
		range406(ex)
		versionRange(ex)
		if obj, err := ex.object(); err == nil {
			if _, _, _, differ := firstDifference(obj, obj, nil); differ {
				t.Error("a body differs from itself")
			}
			listsSessionInfo(obj)
		}
		if obj, err := decodeObject(body); err == nil {
			judgeIdentity(dn, obj)
			judgeAccess(dn, obj)
			intField(obj, "maxSupportedVersion")
		}
		answerSummary(ex)
		bodyViolation(ex)
		excerpt(ex.head, ex.scan.size)
	})
}
