package server

import (
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/wire"
)

// The metrics GET /__mock/metrics serves, in the Prometheus text format.
const (
	metricRequests    = "sessionmock_requests_total"
	metricDuration    = "sessionmock_request_duration_seconds"
	metricFaults      = "sessionmock_faults_injected_total"
	metricRulesFired  = "sessionmock_fault_rules_fired_total"
	metricHeld        = "sessionmock_held_requests"
	metricConnections = "sessionmock_open_connections"
	metricJournal     = "sessionmock_journal_entries"
	metricJournalCap  = "sessionmock_journal_capacity"
	metricReloads     = "sessionmock_config_reloads_total"
)

// noRoute is the route label of the requests no route serves (the
// fallbacks); "other" stands for the rules past maxRuleLabels.
const (
	noRoute        = "none"
	otherRule      = "other"
	maxRuleLabels  = 1000
	maxStatusLabel = 599
)

// The kinds of the held-requests gauge: requests waiting out an injected
// delay, and requests a lasting fault holds.
const heldDelay = "delay"

var heldKinds = []string{heldDelay, string(fault.Timeout), string(fault.GatewayTimeout), string(fault.Slow)}

// durationBuckets reach from a fast local answer to the minute a held or
// delayed one may take.
var durationBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}

// metrics are the Prometheus metrics of one Server, in a registry of its
// own, so that servers in the same process (tests, the Go API) never mix
// their counts.
//
// The per-request cost is a few atomic adds: the children of every route's
// labels are resolved when the server is built (the route table is known
// then), a status counter the first time that status is answered on the
// route, and a rule's the first time the rule fires.
type metrics struct {
	reg     *prometheus.Registry
	handler http.Handler

	requests *prometheus.CounterVec   // vendor, route, status
	duration *prometheus.HistogramVec // vendor, route
	faults   *prometheus.CounterVec   // kind, rule
	fired    *prometheus.CounterVec   // rule
	held     map[string]prometheus.Gauge
	conns    prometheus.Gauge

	routes map[routeKey]*routeMetrics // written only in newMetrics

	// Rule ids are the users' to choose, so their labels are bounded.
	ruleMu     sync.RWMutex
	faultsBy   map[[2]string]prometheus.Counter // kind, rule
	firedBy    map[string]prometheus.Counter
	ruleLabels map[string]bool
}

type routeKey struct{ vendor, route string }

// routeMetrics are the children of one route's labels.
type routeMetrics struct {
	vendor, route string
	duration      prometheus.Observer
	// status[code] is made on first use; 0 is a connection dropped
	// without an answer.
	status [maxStatusLabel + 1]atomic.Pointer[prometheus.Counter]
}

func newMetrics(s *Server) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: metricRequests,
			Help: "Vendor requests answered, by vendor, route (none: no route serves the path) and status (0: dropped without an answer).",
		}, []string{"vendor", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    metricDuration,
			Help:    "Time from a vendor request's arrival to the end of its answer, injected delays included, by vendor and route.",
			Buckets: durationBuckets,
		}, []string{"vendor", "route"}),
		faults: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: metricFaults,
			Help: "Vendor requests whose answer a fault rule or a preference chose, by kind (status or a fault name) and rule (a rule id, prefer or query).",
		}, []string{"kind", "rule"}),
		fired: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: metricRulesFired,
			Help: "Times each fault rule fired, latency and bandwidth rules included, by rule id.",
		}, []string{"rule"}),
		conns: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: metricConnections,
			Help: "Client connections open now, when the HTTP server reports them through Server.ConnState.",
		}),
		held:       map[string]prometheus.Gauge{},
		routes:     map[routeKey]*routeMetrics{},
		faultsBy:   map[[2]string]prometheus.Counter{},
		firedBy:    map[string]prometheus.Counter{},
		ruleLabels: map[string]bool{},
	}
	heldVec := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: metricHeld,
		Help: "Vendor requests held now, by kind: waiting out an injected delay, or held by a timeout, gateway-timeout or slow fault.",
	}, []string{"kind"})
	for _, k := range heldKinds {
		m.held[k] = heldVec.WithLabelValues(k)
	}
	for _, e := range routeTable {
		m.addRoute(e.Vendor, e.Name)
	}
	for _, v := range []string{wire.Segura, wire.Appgate} {
		m.addRoute(v, "")
	}
	capacity := 0
	if s.journal != nil {
		capacity = len(s.journal.entries)
	}
	m.reg.MustRegister(m.requests, m.duration, m.faults, m.fired, heldVec, m.conns,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: metricJournal, Help: "Requests the journal keeps now (GET /__mock/requests).",
		}, func() float64 { return float64(s.journal.kept()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: metricJournalCap, Help: "Requests the journal can keep (--journal-size).",
		}, func() float64 { return float64(capacity) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: metricReloads, Help: "Configurations applied while running (SIGHUP or a changed --config file).",
		}, func() float64 { return float64(s.live.Load().reloads) }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorLog: slogPrinter{s}})
	return m
}

func (m *metrics) addRoute(vendor, route string) {
	label := route
	if label == "" {
		label = noRoute
	}
	m.routes[routeKey{vendor, route}] = &routeMetrics{
		vendor: vendor, route: label,
		duration: m.duration.WithLabelValues(vendor, label),
	}
}

// route returns the children of a route's labels; nil when metrics are
// off.
func (m *metrics) route(vendor, route string) *routeMetrics {
	if m == nil {
		return nil
	}
	return m.routes[routeKey{vendor, route}]
}

// observe counts one finished vendor request.
func (m *metrics) observe(rm *routeMetrics, rec *exchange, status int, took time.Duration) {
	if m == nil || rm == nil {
		return
	}
	rm.duration.Observe(took.Seconds())
	if status < 0 || status > maxStatusLabel {
		status = 0
	}
	c := rm.status[status].Load()
	if c == nil {
		made := m.requests.WithLabelValues(rm.vendor, rm.route, strconv.Itoa(status))
		rm.status[status].CompareAndSwap(nil, &made)
		c = rm.status[status].Load()
	}
	(*c).Inc()
	for _, id := range rec.rules {
		m.ruleCounter(id).Inc()
	}
	if rec.answeredBy != "" {
		m.faultCounter(rec.injected, rec.answeredBy).Inc()
	}
}

// ruleLabel is the label of a rule id: the id itself for the first
// maxRuleLabels ids seen, otherLabel after. Called under ruleMu.
func (m *metrics) ruleLabel(id string) string {
	if m.ruleLabels[id] {
		return id
	}
	if len(m.ruleLabels) >= maxRuleLabels {
		return otherRule
	}
	m.ruleLabels[id] = true
	return id
}

func (m *metrics) ruleCounter(id string) prometheus.Counter {
	return ruleChild(m, m.firedBy, id, func() prometheus.Counter { return m.fired.WithLabelValues(m.ruleLabel(id)) })
}

func (m *metrics) faultCounter(kind, id string) prometheus.Counter {
	return ruleChild(m, m.faultsBy, [2]string{kind, id}, func() prometheus.Counter {
		return m.faults.WithLabelValues(kind, m.ruleLabel(id))
	})
}

// ruleChild returns the counter of key in cache, made (under ruleMu) the
// first time. The cache is bounded too: past the bound, a counter is
// looked up in its vector each time, which costs a lock and no memory.
func ruleChild[K comparable](m *metrics, cache map[K]prometheus.Counter, key K, made func() prometheus.Counter) prometheus.Counter {
	m.ruleMu.RLock()
	c, ok := cache[key]
	m.ruleMu.RUnlock()
	if ok {
		return c
	}
	m.ruleMu.Lock()
	defer m.ruleMu.Unlock()
	if c, ok := cache[key]; ok {
		return c
	}
	c = made()
	if len(cache) < 2*maxRuleLabels {
		cache[key] = c
	}
	return c
}

// heldAdd counts a request held now, of one of heldKinds, by delta (1 when
// it starts, -1 when it ends).
func (m *metrics) heldAdd(kind string, delta float64) {
	if m == nil {
		return
	}
	if g, ok := m.held[kind]; ok {
		g.Add(delta)
	}
}

// heldKind is what the held-requests gauge counts a request under while
// its decision holds it: its lasting fault, else its delay; "" when
// nothing holds it.
func heldKind(d fault.Decision) string {
	switch {
	case d.Fault.UsesHold():
		return string(d.Fault)
	case d.Delay > 0:
		return heldDelay
	}
	return ""
}

// injectedKind is the kind of answer a decision injects: "status" or the
// fault's name; "" for the normal answer.
func injectedKind(d fault.Decision) string {
	switch {
	case d.Status != 0:
		return "status"
	case d.Fault != "":
		return string(d.Fault)
	}
	return ""
}

// ConnState counts the open client connections for the metrics; set it
// as the http.Server's ConnState (serve and package sessionmocktest do).
func (s *Server) ConnState(_ net.Conn, state http.ConnState) {
	if s.metrics == nil {
		return
	}
	switch state {
	case http.StateNew:
		s.metrics.conns.Inc()
	case http.StateHijacked, http.StateClosed:
		s.metrics.conns.Dec()
	}
}

// adminMetrics serves the metrics in the Prometheus text format.
func (s *Server) adminMetrics(w http.ResponseWriter, r *http.Request) {
	if s.metrics == nil {
		writeAdminError(w, http.StatusNotFound, "metrics are off (--metrics=false)")
		return
	}
	s.metrics.handler.ServeHTTP(w, r)
}

// kept is how many entries the journal holds; 0 when there is none.
func (j *journal) kept() int {
	if j == nil {
		return 0
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.full {
		return len(j.entries)
	}
	return j.next
}

// slogPrinter hands promhttp's errors (a metric that failed to gather) to
// the server's logger.
type slogPrinter struct{ s *Server }

func (p slogPrinter) Println(v ...any) { p.s.log.Warn("metrics", "error", fmt.Sprint(v...)) }
