package segura

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Releases whose answers differ. Release 4 (Segura, the default) answers
// as the current pages document. Release 3 (senhasegura 3.x) answers as
// the older pages do: the tenant is "senhasegura"; the answers of one
// session and of the drop have no code and a status block without
// error_code, detail and cod_erro; the drop's success message is the older
// Portuguese text in both message and mensagem, with no tenant. The list
// and the errors are the same in both.
const (
	Release3       = 3
	Release4       = 4
	DefaultRelease = Release4
)

// ParseRelease reads "3" or "4".
func ParseRelease(raw string) (int, error) {
	switch v, _ := strconv.Atoi(strings.TrimSpace(raw)); v {
	case Release3, Release4:
		return v, nil
	}
	return 0, fmt.Errorf("must be 3 or 4, got %q", raw)
}

// TenantOf returns the tenant a release reports.
func TenantOf(release int) string {
	if release == Release3 {
		return LegacyTenant
	}
	return Tenant
}

// LegacyStatus is the status block of release 3: Status without
// error_code, detail and cod_erro.
type LegacyStatus struct {
	Status   int    `json:"status"`
	Message  string `json:"message"`
	Error    bool   `json:"error"`
	Mensagem string `json:"mensagem"`
	Erro     bool   `json:"erro"`
}

// Legacy returns the release 3 form of s.
func (s Status) Legacy() LegacyStatus {
	return LegacyStatus{Status: s.Status, Message: s.Message, Error: s.Error, Mensagem: s.Mensagem, Erro: s.Erro}
}

// LegacyEnvelope is the head of a release 3 answer: no code.
type LegacyEnvelope struct {
	Response LegacyStatus `json:"response"`
}

// HeadFor is Head for a release: release 3 writes the one-session answer
// in the older envelope.
func HeadFor(release int, tenant, key string) []byte {
	if release != Release3 || key != OneKey {
		return Head(tenant, key)
	}
	return head(`{"response":`, NewStatus(http.StatusOK, "", 0).Legacy(), tenant, key)
}

// DroppedBody is the drop's success answer in a release.
func DroppedBody(release int, tenant string) any {
	if release == Release3 {
		s := NewStatus(http.StatusOK, MsgDroppedLegacy, 0)
		return LegacyEnvelope{Response: s.Legacy()}
	}
	s := NewStatus(http.StatusOK, MsgDropped, 0)
	s.Mensagem = MensagemDropped
	return struct {
		Envelope
		Tenant string `json:"tenant"`
	}{Envelope{Code: http.StatusOK, Response: s}, tenant}
}
