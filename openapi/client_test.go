package openapi

import (
	"encoding/json"
	"testing"

	appgate "github.com/appgate/sdp-api-client-go/api/v22/openapi"
)

// Bodies shaped by the Appgate document decode in the vendor's official Go client,
// whose models reject, for instance, unknown appliance functions and integer ports.
func TestAppgateBodiesDecodeInOfficialClient(t *testing.T) {
	t.Parallel()
	doc := mustLoad(t, Appgate)
	example := func(t *testing.T, component string) []byte {
		t.Helper()
		data, err := json.Marshal(doc.Components.Schemas[component].Value.Example)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}

	t.Run("SessionInfo", func(t *testing.T) {
		var got appgate.SessionInfoDistinguishedName
		if err := json.Unmarshal(readTestdata(t, "appgate_session_info_200.json"), &got); err != nil {
			t.Fatal(err)
		}
		gw, ok := got.GetData()["gateway-aws-1"]
		if !ok {
			t.Fatalf("gateway missing: %+v", got.GetData())
		}
		ent := gw.GetEntitlementInfos()["entitlement-1"]
		rules := ent.GetFirewallRules()
		if len(rules) != 2 || rules[0].GetPorts()[0] != "443" || rules[1].GetTypes()[0] != "0-255" {
			t.Fatalf("firewall rules decoded as %+v", rules)
		}
		if got.GetDeviceId() != "4c07bc67-57ea-42dd-b702-c2d6c45419fc" || ent.GetConditionLogic() != "or" || !ent.GetAccess() {
			t.Fatalf("decoded %+v", got)
		}
	})
	t.Run("integer ports break the client", func(t *testing.T) {
		var rule appgate.SessionInfoDistinguishedNameDataValueEntitlementInfosValueFirewallRulesInner
		if err := json.Unmarshal([]byte(`{"ports":[443]}`), &rule); err == nil {
			t.Fatal("the client accepted integer ports; the schema's string rule would be stricter than needed")
		}
	})
	t.Run("LoginResponse", func(t *testing.T) {
		var got appgate.LoginResponse
		if err := json.Unmarshal(example(t, "LoginResponse"), &got); err != nil {
			t.Fatal(err)
		}
		user := got.GetUser()
		if got.GetToken() == "" || got.GetExpires().IsZero() || len(user.GetPrivileges()) != 1 ||
			user.GetPrivileges()[0].GetTarget() != "SessionInfo" || got.GetZtpCollectiveType() != "hosted" || !got.GetCrlEnabled() {
			t.Fatalf("decoded %+v", got)
		}
	})
	t.Run("sign-in and identity providers", func(t *testing.T) {
		ex := func(path, method string) []byte {
			data, err := json.Marshal(doc.Paths.Value(path).GetOperation(method).Responses.Status(200).Value.Content.Get("application/json").Example)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
		var otp appgate.AuthenticationOtpInitializePost200Response
		if err := json.Unmarshal(ex("/authentication/otp/initialize", "POST"), &otp); err != nil || otp.GetType() != "AlreadySeeded" {
			t.Fatalf("OTP initialization example decoded as %+v, %v", otp, err)
		}
		var idps appgate.IdentityProvidersNamesGet200Response
		if err := json.Unmarshal(ex("/identity-providers/names", "GET"), &idps); err != nil || len(idps.GetData()) != 1 {
			t.Fatalf("identity providers example decoded as %+v, %v", idps, err)
		}
	})
	t.Run("every appliance function the document allows", func(t *testing.T) {
		functions := doc.Components.Schemas["AdministrativePrivilege"].Value.Properties["functions"].Value.Items.Value.Enum
		for _, f := range functions {
			data, _ := json.Marshal(map[string]any{"type": "All", "target": "All", "functions": []any{f}})
			var p appgate.AdministrativePrivilege
			if err := json.Unmarshal(data, &p); err != nil {
				t.Errorf("client rejects function %v: %v", f, err)
			}
		}
	})
	t.Run("errors and version", func(t *testing.T) {
		responseExample := func(ex any) []byte {
			data, err := json.Marshal(ex)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
		var notAcceptable appgate.LoginPost406Response
		body := responseExample(doc.Components.Responses["NotAcceptable"].Value.Content.Get("application/json").Example)
		if err := json.Unmarshal(body, &notAcceptable); err != nil || notAcceptable.GetMaxSupportedVersion() != 17 {
			t.Fatalf("406 example decoded as %+v, %v", notAcceptable, err)
		}
		var version appgate.VersionGet200Response
		body = responseExample(doc.Paths.Value("/version").Get.Responses.Status(200).Value.Content.Get("application/json").Example)
		if err := json.Unmarshal(body, &version); err != nil || version.GetPeerVersion() != 24 {
			t.Fatalf("version example decoded as %+v, %v", version, err)
		}
		var validation appgate.ValidationError
		body = responseExample(doc.Paths.Value("/login").Post.Responses.Status(422).Value.Content.Get("application/json").Example)
		if err := json.Unmarshal(body, &validation); err != nil || len(validation.GetErrors()) != 1 {
			t.Fatalf("422 example decoded as %+v, %v", validation, err)
		}
	})
}
