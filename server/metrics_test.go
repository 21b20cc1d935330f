package server

import (
	"context"
	"io"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// scrape reads GET /__mock/metrics and parses it with the Prometheus
// library's own text parser.
func scrape(t *testing.T, m *mock, header ...string) map[string]*dto.MetricFamily {
	t.Helper()
	req := m.request(t, "GET", mockapi.PathMetrics, nil, append([]string{"Accept", "text/plain"}, header...)...)
	resp, err := m.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		t.Fatalf("metrics: status %d %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("metrics Content-Type %q, want the text format", ct)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parse the scrape: %v", err)
	}
	return fams
}

// sample finds the metric of family name with exactly the given labels
// (name=value pairs); nil when there is none.
func sample(fams map[string]*dto.MetricFamily, name string, labels ...string) *dto.Metric {
	f := fams[name]
	if f == nil {
		return nil
	}
next:
	for _, m := range f.GetMetric() {
		if len(m.GetLabel()) != len(labels)/2 {
			continue
		}
		for i := 0; i+1 < len(labels); i += 2 {
			found := false
			for _, l := range m.GetLabel() {
				if l.GetName() == labels[i] && l.GetValue() == labels[i+1] {
					found = true
				}
			}
			if !found {
				continue next
			}
		}
		return m
	}
	return nil
}

// value is a counter's or gauge's value, or a histogram's count; 0 when
// the metric is absent.
func value(fams map[string]*dto.MetricFamily, name string, labels ...string) float64 {
	m := sample(fams, name, labels...)
	switch {
	case m == nil:
		return 0
	case m.Counter != nil:
		return m.Counter.GetValue()
	case m.Gauge != nil:
		return m.Gauge.GetValue()
	case m.Histogram != nil:
		return float64(m.Histogram.GetSampleCount())
	}
	return 0
}

func TestMetricsCountRequestsFaultsAndLatency(t *testing.T) {
	t.Parallel()
	m := start(t, func(c *Config) {
		c.Faults = []fault.Rule{
			{ID: "down", Match: fault.Match{Vendor: "segura", Route: "remotesessions"}, When: fault.When{First: 1},
				Action: fault.Action{Status: 503}},
			{ID: "lat", Match: fault.Match{Vendor: "appgate", Route: "version"},
				Action: fault.Action{Latency: fault.Fixed(2 * time.Millisecond)}},
		}
	})
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	list := func() int {
		resp, _ := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok))
		return resp.StatusCode
	}
	if got := []int{list(), list()}; got[0] != 503 || got[1] != 200 {
		t.Fatalf("list statuses %v, want the rule's 503 then 200", got)
	}
	for _, prefer := range []string{"", "", "code=500"} {
		req := m.request(t, "GET", "/admin/version", nil, "Accept", "application/json")
		if prefer != "" {
			req.Header.Set("Prefer", prefer)
		}
		m.call(t, req)
	}
	m.call(t, m.request(t, "GET", "/api/nothing-here", nil, "Authorization", "Bearer "+tok))

	fams := scrape(t, m)
	for _, c := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{metricRequests, []string{"vendor", "segura", "route", "token", "status", "200"}, 1},
		{metricRequests, []string{"vendor", "segura", "route", "remotesessions", "status", "503"}, 1},
		{metricRequests, []string{"vendor", "segura", "route", "remotesessions", "status", "200"}, 1},
		{metricRequests, []string{"vendor", "appgate", "route", "version", "status", "200"}, 2},
		{metricRequests, []string{"vendor", "appgate", "route", "version", "status", "500"}, 1},
		{metricRequests, []string{"vendor", "segura", "route", noRoute, "status", "404"}, 1},
		{metricFaults, []string{"kind", "status", "rule", "down"}, 1},
		{metricFaults, []string{"kind", "status", "rule", fault.SourcePrefer}, 1},
		{metricRulesFired, []string{"rule", "down"}, 1},
		{metricRulesFired, []string{"rule", "lat"}, 3},
		{metricRulesFired, []string{"rule", fault.SourcePrefer}, 1},
		{metricDuration, []string{"vendor", "appgate", "route", "version"}, 3},
		{metricDuration, []string{"vendor", "segura", "route", "remotesessions"}, 2},
		{metricJournal, nil, 7},
		{metricJournalCap, nil, DefaultJournalSize},
		{metricHeld, []string{"kind", heldDelay}, 0},
		// The test client sends its requests, one after the other, over
		// one kept-alive connection.
		{metricConnections, nil, 1},
	} {
		if got := value(fams, c.name, c.labels...); got != c.want {
			t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
	if h := sample(fams, metricDuration, "vendor", "appgate", "route", "version").GetHistogram(); h.GetSampleSum() < 0.006 {
		t.Errorf("version latency sum %vs, want at least the 3 x 2ms the rule adds", h.GetSampleSum())
	}
	// Metrics of the admin API's own calls are not vendor requests.
	if got := value(fams, metricRequests, "vendor", "segura", "route", noRoute, "status", "200"); got != 0 {
		t.Errorf("an admin call was counted as a vendor request: %v", got)
	}
	if fams["go_goroutines"] == nil {
		t.Error("no go_goroutines among the runtime metrics")
	}
	if runtime.GOOS == "linux" && fams["process_resident_memory_bytes"] == nil {
		t.Error("no process_resident_memory_bytes among the process metrics")
	}
}

// TestMetricsHeldRequests watches a request held by a timeout fault: the
// gauge counts it while it is held and lets it go with the client.
func TestMetricsHeldRequests(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req := m.request(t, "GET", "/admin/version", nil, "Accept", "application/json", "Prefer", "fault=timeout; hold=1m").WithContext(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
	}()
	for value(scrape(t, m), metricHeld, "kind", string(fault.Timeout)) != 1 {
		// Wait for the request to reach the fault; each scrape is a round
		// trip to the server, so this is no busy loop of the test alone.
	}
	cancel()
	<-done
	for value(scrape(t, m), metricHeld, "kind", string(fault.Timeout)) != 0 {
		// The server sees the client leave on its own time.
	}
	fams := scrape(t, m)
	if got := value(fams, metricRequests, "vendor", "appgate", "route", "version", "status", "0"); got != 1 {
		t.Errorf("held-then-dropped request counted %v times with status 0, want 1", got)
	}
	if got := value(fams, metricFaults, "kind", string(fault.Timeout), "rule", fault.SourcePrefer); got != 1 {
		t.Errorf("timeout fault counted %v times, want 1", got)
	}
}

func TestMetricsOffAndBehindTheAdminToken(t *testing.T) {
	t.Parallel()
	off := start(t, func(c *Config) { c.DisableMetrics = true })
	resp, body := off.call(t, off.request(t, "GET", mockapi.PathMetrics, nil))
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), "metrics are off") {
		t.Errorf("metrics off: %d %s, want 404 saying so", resp.StatusCode, body)
	}
	if resp, _ := off.call(t, off.request(t, "GET", "/admin/version", nil, "Accept", "application/json")); resp.StatusCode != 200 {
		t.Errorf("vendor route with metrics off: %d", resp.StatusCode)
	}

	guarded := start(t, func(c *Config) { c.AdminToken = "s3cret" })
	resp, _ = guarded.call(t, guarded.request(t, "GET", mockapi.PathMetrics, nil))
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("metrics without the admin token: %d, want 401", resp.StatusCode)
	}
	if fams := scrape(t, guarded, "Authorization", "Bearer s3cret"); fams[metricRequests] == nil && fams[metricJournalCap] == nil {
		t.Error("metrics with the admin token: no sessionmock metrics")
	}
}

// TestMetricsRuleLabelsBounded keeps a client that adds ever new rule ids
// from growing the metrics without bound.
func TestMetricsRuleLabelsBounded(t *testing.T) {
	t.Parallel()
	m := &metrics{ruleLabels: map[string]bool{}}
	for i := range maxRuleLabels {
		m.ruleLabel("r" + strconv.Itoa(i))
	}
	if got := m.ruleLabel("one-too-many"); got != otherRule {
		t.Errorf("rule past the bound labelled %q, want %q", got, otherRule)
	}
	if got := m.ruleLabel("r7"); got != "r7" {
		t.Errorf("rule seen before the bound labelled %q, want its id", got)
	}
}

// TestMetricsRegistryPerServer keeps two servers in one process apart.
func TestMetricsRegistryPerServer(t *testing.T) {
	t.Parallel()
	a, b := start(t, nil), start(t, nil)
	a.call(t, a.request(t, "GET", "/admin/version", nil, "Accept", "application/json"))
	if got := value(scrape(t, b), metricRequests, "vendor", "appgate", "route", "version", "status", "200"); got != 0 {
		t.Errorf("server b counted server a's request: %v", got)
	}
	if got := value(scrape(t, a), metricRequests, "vendor", "appgate", "route", "version", "status", "200"); got != 1 {
		t.Errorf("server a counted %v requests, want 1", got)
	}
}

// TestReadmeListsEveryMetric holds the README's metrics table and the
// metrics served together, both ways.
func TestReadmeListsEveryMetric(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	at := strings.Index(readme, "\n## Metrics\n")
	if at < 0 {
		t.Fatal("README has no Metrics section")
	}
	section := readme[at+1:]
	section = section[:strings.Index(section[3:], "\n## ")+3]
	documented := map[string]bool{}
	for _, name := range regexp.MustCompile("`(sessionmock_[a-z_]+)`").FindAllStringSubmatch(section, -1) {
		documented[name[1]] = true
	}

	m := start(t, nil)
	m.call(t, m.request(t, "GET", "/admin/version", nil, "Accept", "application/json", "Prefer", "code=500"))
	served := scrape(t, m)
	for name := range served {
		if strings.HasPrefix(name, "sessionmock_") && !documented[name] {
			t.Errorf("%s is served but not in the README's Metrics section", name)
		}
	}
	for name := range documented {
		if served[name] == nil {
			t.Errorf("the README lists %s, which is not served", name)
		}
	}
}
