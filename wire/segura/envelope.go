package segura

import (
	"encoding/json"
	"net/http"
)

// Tenant names an answer reports: current releases say "Segura", older
// ones "senhasegura".
const (
	Tenant       = "Segura"
	LegacyTenant = "senhasegura"
)

// Keys that hold the records in the answers of the list and of one session.
const (
	ListKey = "remote_sessions"
	OneKey  = "remote_session"
)

// Status is the bilingual status block every answer carries as its
// "response". The vendor repeats the English text in the Portuguese fields.
type Status struct {
	Status    int    `json:"status"`
	Message   string `json:"message"`
	Error     bool   `json:"error"`
	ErrorCode int    `json:"error_code"`
	Detail    string `json:"detail"`
	Mensagem  string `json:"mensagem"`
	Erro      bool   `json:"erro"`
	CodErro   int    `json:"cod_erro"`
}

// NewStatus returns the block of an answer with this HTTP status, message
// and error code.
func NewStatus(status int, message string, code int) Status {
	failed := status >= 400
	return Status{
		Status: status, Message: message, Error: failed, ErrorCode: code,
		Mensagem: message, Erro: failed, CodErro: code,
	}
}

// Envelope is the head of every answer of the appliance: its code and
// status block. Errors carry nothing else.
type Envelope struct {
	Code     int    `json:"code"`
	Response Status `json:"response"`
}

// Head returns the bytes of a successful answer before its records: the
// envelope in the seed's field order, the tenant, and key opening the
// records, `"remote_sessions":[` for ListKey and `"remote_session":` for
// OneKey. The records and the closing "]}" or "}" follow.
func Head(tenant, key string) []byte {
	return head(`{"code":200,"response":`, NewStatus(http.StatusOK, "", 0), tenant, key)
}

// head is Head with the opening before the status block and the block.
func head(open string, block any, tenant, key string) []byte {
	status, _ := json.Marshal(block) // plain fields only
	t, _ := json.Marshal(tenant)
	k, _ := json.Marshal(key)
	b := []byte(open)
	b = append(b, status...)
	b = append(b, `,"tenant":`...)
	b = append(b, t...)
	b = append(b, ',')
	b = append(b, k...)
	b = append(b, ':')
	if key == ListKey {
		b = append(b, '[')
	}
	return b
}
