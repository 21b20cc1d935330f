package spectest

import (
	"errors"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/openapi"
)

func TestCheckFallback(t *testing.T) {
	t.Parallel()
	tests := []struct {
		vendor, contentType, body, wantErr string
	}{
		{openapi.Segura, "application/json", `{"message":"no Route matched with those values"}`, ""},
		{openapi.Segura, "application/json", `{"code":404,"response":{"status":404,"message":"m","error":true,"error_code":4,"detail":"","mensagem":"m","erro":true,"cod_erro":4}}`, ""},
		{openapi.Segura, "application/json", `{"code":404}`, `body matches none of ErrorEnvelope, KongError`},
		{openapi.Segura, "", `{"message":"m"}`, `content type "" is not JSON`},
		{openapi.Appgate, "application/vnd.appgate.peer-v22+json", `{"id":"not found","message":"m"}`, ""},
		{openapi.Appgate, "application/json", `{"id":"not found"}`, `at /message: property "message" is missing`},
		{openapi.Appgate, "application/json", `<html>`, "body is not valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.vendor+" "+tt.body, func(t *testing.T) {
			err := checkFallback(Validator(t, tt.vendor), tt.contentType, []byte(tt.body))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("fallback body rejected: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
	// Every component's failure stays reachable for errors.Is/As.
	err := checkFallback(Validator(t, openapi.Segura), "application/json", []byte(`{}`))
	var fe *fallbackError
	if !errors.As(err, &fe) || len(fe.errs) != 2 {
		t.Fatalf("error %v does not carry both components' failures", err)
	}
}
