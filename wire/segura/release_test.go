package segura

import (
	"encoding/json"
	"testing"
)

func TestParseRelease(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]int{"3": 3, " 4 ": 4} {
		if got, err := ParseRelease(raw); err != nil || got != want {
			t.Errorf("ParseRelease(%q) = %d, %v", raw, got, err)
		}
	}
	for _, raw := range []string{"", "5", "3.33", "four"} {
		if _, err := ParseRelease(raw); err == nil {
			t.Errorf("ParseRelease(%q) accepted", raw)
		}
	}
	if TenantOf(Release3) != LegacyTenant || TenantOf(Release4) != Tenant {
		t.Error("tenants of the releases")
	}
}

func TestReleaseAnswers(t *testing.T) {
	t.Parallel()
	enc := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	tests := []struct{ name, got, want string }{
		{"head of one, release 4", string(HeadFor(Release4, "Segura", OneKey)),
			`{"code":200,"response":{"status":200,"message":"","error":false,"error_code":0,"detail":"","mensagem":"","erro":false,"cod_erro":0},"tenant":"Segura","remote_session":`},
		{"head of one, release 3", string(HeadFor(Release3, "senhasegura", OneKey)),
			`{"response":{"status":200,"message":"","error":false,"mensagem":"","erro":false},"tenant":"senhasegura","remote_session":`},
		{"the list is the same in both", string(HeadFor(Release3, "senhasegura", ListKey)), string(Head("senhasegura", ListKey))},
		{"drop, release 4", enc(DroppedBody(Release4, "Segura")),
			`{"code":200,"response":{"status":200,"message":"Session dropped successfully","error":false,"error_code":0,"detail":"","mensagem":"Sessão encerrada com sucesso","erro":false,"cod_erro":0},"tenant":"Segura"}`},
		{"drop, release 3", enc(DroppedBody(Release3, "senhasegura")),
			`{"response":{"status":200,"message":"Sessão interrompida com sucesso","error":false,"mensagem":"Sessão interrompida com sucesso","erro":false}}`},
		{"error with the exception block", enc(Error{Status: 400, Message: MsgSessionNotFoundCoded, Code: 1002, Exception: 1002}.Body()),
			`{"code":400,"response":{"status":400,"message":"1002: Session not found","error":true,"error_code":1002,"detail":"","mensagem":"1002: Session not found","erro":true,"cod_erro":1002},"exception":{"code":1002,"message":"1002: Session not found","detail":null}}`},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, tc.got, tc.want)
		}
	}
}
