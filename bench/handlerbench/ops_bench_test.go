package handlerbench

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/sessionmock/sessionmock/internal/logformat"
	"github.com/sessionmock/sessionmock/server"
)

// BenchmarkMetricsAndLog is the cost per request of the Prometheus
// metrics and of the request log: GET /admin/version, the cheapest route,
// where their share shows most, and one session-info answer. "metrics=off"
// is the baseline; "metrics=on" adds the counters and the histogram;
// "log=text" and "log=json" add the request line as serve writes it,
// to io.Discard.
func BenchmarkMetricsAndLog(b *testing.B) {
	w := mustWorld(b, 50, 20)
	for _, tc := range []struct {
		name    string
		metrics bool
		log     string
	}{{"metrics=off", false, ""}, {"metrics=on", true, ""}, {"metrics=on,log=text", true, "text"}, {"metrics=on,log=json", true, "json"}} {
		cfg := server.Config{World: w, JournalSize: server.DefaultJournalSize, DisableMetrics: !tc.metrics}
		if tc.log != "" {
			cfg.Logger = slog.New(logformat.New(io.Discard, tc.log, nil))
		}
		h, err := server.New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		version := httptest.NewRequest(http.MethodGet, "/admin/version", nil)
		version.Header.Set("Accept", "application/json")
		b.Run("version/"+tc.name, func(b *testing.B) {
			benchRequests(b, h, []*http.Request{version})
		})
		b.Run("session-info/"+tc.name, func(b *testing.B) {
			benchRequests(b, h, sessionInfoRequests(b, w, appgateToken(b, h), 20))
		})
	}
}
