package console_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sessionmock/sessionmock/fixtures"
)

// getJSON reads one admin API answer into v.
func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// apiCounts is how many records of each vendor the mock lists now.
func apiCounts(t *testing.T, base string) (segura, appgate int) {
	t.Helper()
	var body struct {
		Segura  struct{ Total int } `json:"segura"`
		Appgate struct{ Total int } `json:"appgate"`
	}
	getJSON(t, base+"/__mock/sessions?limit=0", &body)
	return body.Segura.Total, body.Appgate.Total
}

func apiNow(t *testing.T, base string) time.Time {
	t.Helper()
	var c struct{ Now, Mode string }
	getJSON(t, base+"/__mock/clock", &c)
	at, err := time.Parse(time.RFC3339Nano, c.Now)
	if err != nil {
		t.Fatalf("the clock says %q: %v", c.Now, err)
	}
	return at
}

// countsText is what the view shows for the counts, with "(was N)" after
// a count the last move changed.
func countsText(segura, appgate, wasSegura, wasAppgate int) string {
	was := func(now, before int) string {
		if now == before {
			return ""
		}
		return fmt.Sprintf(" (was %s)", thousands(before))
	}
	return fmt.Sprintf("Segura sessions: %s%s · Appgate clients: %s%s",
		thousands(segura), was(segura, wasSegura), thousands(appgate), was(appgate, wasAppgate))
}

// thousands writes n as the page's en-US number format does.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// The clock view against the mock's own clock: the time it shows is the
// API's, +1 hour moves both by an hour, and the record counts follow the
// world as the API lists it.
func TestConsoleRealClockMoves(t *testing.T) {
	m := startMock(t, nil, nil)
	p := openPage(t)
	p.load(m.URL, "#clock")
	start := apiNow(t, m.URL)
	p.waitFor("the time", fmt.Sprintf(`document.querySelector("#clock-now").textContent === %q`, start.UTC().Format(time.RFC3339Nano)), manyTries)
	if got := p.text("#clock-mode"); !strings.Contains(got, "fixed clock") {
		t.Errorf("mode %q", got)
	}
	seg0, app0 := apiCounts(t, m.URL)
	p.waitFor("the counts", fmt.Sprintf(`document.querySelector("#clock-counts").textContent === %q`, countsText(seg0, app0, seg0, app0)), manyTries)

	p.click(`[data-advance="1h"]`)
	want := start.Add(time.Hour)
	p.waitFor("an hour on", fmt.Sprintf(`document.querySelector("#clock-now").textContent === %q`, want.UTC().Format(time.RFC3339Nano)), manyTries)
	if now := apiNow(t, m.URL); !now.Equal(want) {
		t.Fatalf("the API's clock says %s after +1 hour from %s", now, start)
	}
	seg1, app1 := apiCounts(t, m.URL)
	if seg1 == seg0 && app1 == app0 {
		t.Fatalf("an hour changed no count (Segura %d, Appgate %d): the test proves nothing", seg0, app0)
	}
	p.waitFor("the new counts", fmt.Sprintf(`document.querySelector("#clock-counts").textContent === %q`, countsText(seg1, app1, seg0, app0)), manyTries)

	// The smaller steps move it too.
	p.click(`[data-advance="1m"]`)
	want = want.Add(time.Minute)
	p.waitFor("a minute on", fmt.Sprintf(`document.querySelector("#clock-now").textContent === %q`, want.UTC().Format(time.RFC3339Nano)), manyTries)
	p.click(`[data-advance="5m"]`)
	want = want.Add(5 * time.Minute)
	p.waitFor("five minutes on", fmt.Sprintf(`document.querySelector("#clock-now").textContent === %q`, want.UTC().Format(time.RFC3339Nano)), manyTries)
	if now := apiNow(t, m.URL); !now.Equal(want) {
		t.Fatalf("the API's clock says %s, the page %s", now, want)
	}

	// Back is refused with the mock's reason; forward is taken.
	p.do(chromedp.SendKeys(chromedp.CSS("#clock-set-value"), start.UTC().Format(time.RFC3339)+"\r"))
	p.waitFor("the refusal", `document.querySelector("#clock-error").textContent.includes("cannot move back")`, manyTries)
	if now := apiNow(t, m.URL); !now.Equal(want) {
		t.Fatalf("a refused set moved the clock to %s", now)
	}
	later := want.Add(24 * time.Hour).Truncate(time.Second)
	p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("#clock-set-value").value = ""`),
		chromedp.SendKeys(chromedp.CSS("#clock-set-value"), later.UTC().Format(time.RFC3339)+"\r"))
	p.waitFor("set", fmt.Sprintf(`document.querySelector("#clock-now").textContent === %q`, later.UTC().Format(time.RFC3339Nano)), manyTries)
	if now := apiNow(t, m.URL); !now.Equal(later) {
		t.Fatalf("the API's clock says %s after a set to %s", now, later)
	}
}

// A record's details show its lifecycle, listed or found, while its JSON
// stays the vendor's.
func TestConsoleShowsLifecycle(t *testing.T) {
	m := startMock(t, nil, nil)
	p := openPage(t)
	p.load(m.URL, "#sessions")
	p.waitFor("sessions listed", `document.querySelectorAll("#sessions-table tbody tr").length > 0`, manyTries)
	lifecycleShown := func(what, wantTerm string) {
		t.Helper()
		p.waitFor(what+" open", `!document.querySelector("#session-detail").hidden`, manyTries)
		p.waitFor(what+": lifecycle", `document.querySelector("#session-detail-body .lifecycle")`, manyTries)
		got := p.text("#session-detail-body .lifecycle")
		if !strings.Contains(got, "State") || !strings.Contains(got, wantTerm) {
			t.Errorf("%s: lifecycle %q, want its state and %q", what, got, wantTerm)
		}
		if strings.Contains(p.text("#session-detail-json"), "lifecycle") {
			t.Errorf("%s: the vendor's JSON shows the lifecycle", what)
		}
	}
	p.click(`#sessions-table tbody tr button`)
	lifecycleShown("a Segura session", "Ends")
	p.do(chromedp.SendKeys(chromedp.CSS("#session-query"), "ssh\r"))
	p.waitFor("matches", `document.querySelector("#sessions-range").textContent.startsWith("Matches")`, manyTries)
	p.click(`#sessions-table tbody tr button`)
	lifecycleShown("a Segura match", "Ends")

	p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("#session-query").value = ""`),
		chromedp.SendKeys(chromedp.CSS("#session-query"), "\r"))
	p.do(chromedp.Evaluate[chromedp.Void](`location.hash = "#sessions?vendor=appgate"`))
	p.waitFor("appgate listed", `(document.querySelector("#sessions-table tbody tr td") || {textContent: ""}).textContent.startsWith("CN=")`, manyTries)
	p.click(`#sessions-table tbody tr button`)
	lifecycleShown("an Appgate client", "Connected")
}

// A reload that restarts the world reaches an open clock view through the
// event stream: it shows the new clock without being asked, and says why.
func TestConsoleFollowsAWorldRestart(t *testing.T) {
	m := startMock(t, nil, nil)
	p := openPage(t)
	p.load(m.URL, "#clock")
	start := apiNow(t, m.URL)
	p.waitFor("the time", fmt.Sprintf(`document.querySelector("#clock-now").textContent === %q`, start.UTC().Format(time.RFC3339Nano)), manyTries)
	p.waitFor("the stream", `document.querySelector("#live").dataset.state === "on"`, manyTries)

	later := time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC)
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 1, SeguraSessions: 120, AppgateClients: 30,
		Timeline: fixtures.Timeline{Start: later}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := m.srv.Config()
	cfg.World, cfg.Clock = world, nil
	if err := m.srv.Reload(cfg); err != nil {
		t.Fatal(err)
	}
	p.waitFor("the new clock", fmt.Sprintf(`document.querySelector("#clock-now").textContent === %q`, later.Format(time.RFC3339Nano)), manyTries)
	if got := p.text("#status-line"); !strings.Contains(got, "world restarted") {
		t.Errorf("the status line says %q, want the restart", got)
	}
	p.checkErrors()
}
