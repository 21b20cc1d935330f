package server

import (
	"net"
	"net/http"
	"time"

	"github.com/sessionmock/sessionmock/fault"
)

// ProcessInfo is what GET /__mock/config shows of the process around the
// server: the settings the server does not use itself but a user asks
// about. File names are as given; nothing secret belongs here.
type ProcessInfo struct {
	// Addr is the listen address as configured (port 0 included).
	Addr string `json:"addr,omitempty"`
	// TLS is "off", "self-signed" or "file" (TLSCert names it).
	TLS     string `json:"tls,omitempty"`
	TLSCert string `json:"tls_cert,omitempty"`
	// LogFormat and LogLevel are the log's; Quiet drops the request lines.
	LogFormat string `json:"log_format,omitempty"`
	LogLevel  string `json:"log_level,omitempty"`
	Quiet     bool   `json:"quiet"`
	// Fixtures is the file of pinned records; ConfigFile the config file,
	// watched every ConfigPoll ("0" when only SIGHUP reloads it).
	Fixtures   string `json:"fixtures,omitempty"`
	ConfigFile string `json:"config_file,omitempty"`
	ConfigPoll string `json:"config_poll,omitempty"`
}

type configBody struct {
	ProcessInfo
	// LocalAddr is where the request for this answer arrived: the port
	// actually bound when Addr asks for port 0.
	LocalAddr         string         `json:"local_addr,omitempty"`
	Seed              int64          `json:"seed"`
	SeguraSessions    int            `json:"segura_sessions"`
	AppgateSessions   int            `json:"appgate_sessions"`
	SeguraTenant      string         `json:"segura_tenant"`
	SeguraClients     []SeguraClient `json:"segura_clients"`
	AppgateUsers      []AppgateUser  `json:"appgate_users"`
	TokenTTLSeconds   int64          `json:"token_ttl_seconds"`
	PeerVersion       int            `json:"peer_version"`
	LowestPeerVersion int            `json:"lowest_peer_version"`
	Validation        bool           `json:"validation"`
	Metrics           bool           `json:"metrics"`
	CORSOrigins       []string       `json:"cors_origins"`
	JournalSize       int            `json:"journal_size"`
	AdminToken        bool           `json:"admin_token"`
	SeguraRelease     int            `json:"segura_release"`
	Timeline          timelineBody   `json:"timeline"`
	// Faults are the start-up fault rules as stored, ids given (POST
	// /__mock/reset comes back to them, a reload replaces them); GET
	// /__mock/faults lists the rules in force.
	Faults []fault.Rule `json:"faults"`
	// Reloads counts the configurations applied while running;
	// ReloadedAt is the last one's time.
	Reloads    int        `json:"reloads"`
	ReloadedAt *time.Time `json:"reloaded_at,omitempty"`
}

const redacted = "[redacted]"

// adminConfig shows the configuration in effect, secrets hidden.
func (s *Server) adminConfig(w http.ResponseWriter, r *http.Request) {
	live := s.live.Load()
	c := &live.cfg
	body := configBody{
		ProcessInfo: c.Process,
		Seed:        c.World.Seed(), SeguraSessions: c.World.Segura().Len(), AppgateSessions: c.World.Appgate().Len(),
		SeguraTenant: c.SeguraTenant, TokenTTLSeconds: int64(c.TokenTTL.Seconds()),
		PeerVersion: c.PeerVersion, LowestPeerVersion: c.LowestPeerVersion,
		Validation: !c.DisableValidation, Metrics: !c.DisableMetrics, CORSOrigins: c.CORSOrigins,
		JournalSize: max(c.JournalSize, 0), AdminToken: c.AdminToken != "",
		SeguraRelease: c.SeguraRelease, Timeline: c.timelineBody(),
		Faults:  live.start,
		Reloads: live.reloads,
	}
	if body.Faults == nil {
		body.Faults = []fault.Rule{}
	}
	if addr, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		body.LocalAddr = addr.String()
	}
	if live.reloads > 0 {
		at := live.reloadedAt.UTC()
		body.ReloadedAt = &at
	}
	for _, cl := range c.SeguraClients {
		cl.Secret = redacted
		body.SeguraClients = append(body.SeguraClients, cl)
	}
	for _, u := range c.AppgateUsers {
		u.Password = redacted
		if u.OTP != "" {
			u.OTP = redacted
		}
		body.AppgateUsers = append(body.AppgateUsers, u)
	}
	writeValue(w, http.StatusOK, body)
}
