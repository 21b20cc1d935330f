package segura

import (
	"encoding/json"
	"testing"
)

func TestErrorBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body any
		want string
	}{
		{"vendor's 404 example", ErrorFor(404).Body(),
			`{"code":404,"response":{"status":404,"message":"Resource sub not found","error":true,"error_code":4,"detail":"","mensagem":"Resource sub not found","erro":true,"cod_erro":4}}`},
		{"401", ErrorFor(401).Body(),
			`{"code":401,"response":{"status":401,"message":"Client authentication failed","error":true,"error_code":1,"detail":"","mensagem":"Client authentication failed","erro":true,"cod_erro":1}}`},
		{"status without a documented message", ErrorFor(429).Body(),
			`{"code":429,"response":{"status":429,"message":"Too Many Requests","error":true,"error_code":429,"detail":"","mensagem":"Too Many Requests","erro":true,"cod_erro":429}}`},
		{"Kong without a route", KongErrorFor(404).Body(), `{"message":"no Route matched with those values"}`},
		{"Kong's other answers", KongErrorFor(502).Body(), `{"message":"Bad Gateway"}`},
		{"503", ErrorFor(503).Body(),
			`{"code":503,"response":{"status":503,"message":"Service Unavailable","error":true,"error_code":503,"detail":"","mensagem":"Service Unavailable","erro":true,"cod_erro":503}}`},
		{"unknown status", ErrorFor(599).Body(),
			`{"code":599,"response":{"status":599,"message":"Unexpected error.","error":true,"error_code":599,"detail":"","mensagem":"Unexpected error.","erro":true,"cod_erro":599}}`},
		{"Kong time-out", ErrorFor(504).Body(), `{"message":"The upstream server is timing out"}`},
		{"Kong request time-out", ErrorFor(408).Body(), `{"message":"Request timeout"}`},
		{"OAuth", NewOAuthError(OAuthInvalidClient, MsgUnauthenticated),
			`{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Fatalf("body\n%s, want\n%s", b, tt.want)
			}
		})
	}
}

func TestHead(t *testing.T) {
	t.Parallel()
	ok := `{"code":200,"response":{"status":200,"message":"","error":false,"error_code":0,"detail":"","mensagem":"","erro":false,"cod_erro":0},"tenant":`
	if got, want := string(Head(Tenant, ListKey)), ok+`"Segura","remote_sessions":[`; got != want {
		t.Errorf("list head\n%s, want\n%s", got, want)
	}
	if got, want := string(Head(`a"b`, OneKey)), ok+`"a\"b","remote_session":`; got != want {
		t.Errorf("one head\n%s, want\n%s", got, want)
	}
	var v map[string]any
	if err := json.Unmarshal(append(Head(LegacyTenant, ListKey), "]}"...), &v); err != nil || v["tenant"] != LegacyTenant {
		t.Errorf("the list head with no records is not the answer of an empty list: %v, %v", v, err)
	}
}
