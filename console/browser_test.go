package console_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/server"
)

func TestConsoleLoadsNothingFromAnotherHost(t *testing.T) {
	m := startMock(t, nil, nil)
	p := openPage(t)
	p.load(m.URL, "#sessions")
	p.waitFor("sessions listed", `document.querySelectorAll("#sessions-table tbody tr").length > 0`, manyTries)
	for _, view := range []string{"requests", "faults", "clock", "sessions?vendor=appgate"} {
		p.do(chromedp.Evaluate[chromedp.Void](`location.hash = "#` + view + `"`))
		p.waitFor(view+" shown", `!document.querySelector("#view-`+strings.Split(view, "?")[0]+`").hidden`, manyTries)
	}
	p.waitFor("appgate listed", `document.querySelector("#sessions-table tbody tr td").textContent.startsWith("CN=")`, manyTries)
	urls := p.requested()
	if len(urls) < 10 {
		t.Fatalf("only %d requests recorded: %q", len(urls), urls)
	}
	for _, u := range urls {
		if !strings.HasPrefix(u, m.URL+"/") {
			t.Errorf("the page requested %s, outside the mock's origin %s", u, m.URL)
		}
	}
	// The browser saw the policy that enforces it.
	resp, err := http.Get(m.URL + "/__mock/ui/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "connect-src 'self'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
}

func TestConsoleListsSessionsOfBothVendors(t *testing.T) {
	m := startMock(t, nil, nil)
	p := openPage(t)
	p.load(m.URL, "#sessions")
	segura := m.world.Segura()
	p.waitFor("the first Segura page", fmt.Sprintf(`document.querySelectorAll("#sessions-table tbody tr").length === 50 &&
		document.querySelector("#sessions-table tbody tr").dataset.key === %q`, segura.At(0).ID), manyTries)
	if got := p.text("#sessions-range"); got != "Records 1–50 of 120" {
		t.Errorf("range %q", got)
	}
	p.click("#sessions-next")
	p.waitFor("the second page", fmt.Sprintf(`document.querySelector("#sessions-table tbody tr").dataset.key === %q`, segura.At(50).ID), manyTries)

	// Appgate: the DNs, and one client's session-info.
	p.click(`[data-vendor="appgate"]`)
	appgate := m.world.Appgate()
	p.waitFor("the Appgate DNs", fmt.Sprintf(`document.querySelectorAll("#sessions-table tbody tr").length === 30 &&
		document.querySelector("#sessions-table tbody tr").dataset.key === %q`, appgate.At(0).DN.String()), manyTries)
	c := appgate.At(4)
	p.click(fmt.Sprintf(`#sessions-table tr[data-key=%q] button`, c.DN.String()))
	p.waitFor("the session-info", `!document.querySelector("#session-detail").hidden`, manyTries)
	if got := eval[string](p, `document.activeElement.id`); got != "session-detail-title" {
		t.Errorf("after opening a record the focus is on %q, want its title", got)
	}
	var shown map[string]any
	if err := json.Unmarshal([]byte(p.text("#session-detail-json pre")), &shown); err != nil {
		t.Fatal(err)
	}
	if shown["deviceId"] != c.Info.DeviceID || shown["username"] != c.Info.Username {
		t.Errorf("session-info shown for %s: %.200v", c.DN, shown)
	}
	// Closed from the keyboard, the focus goes back to the record's row;
	// Enter on a row opens it again.
	p.do(chromedp.Focus(chromedp.CSS(`#session-detail [data-close]`)), chromedp.KeyEvent("\r"))
	p.waitFor("the detail closed", `document.querySelector("#session-detail").hidden`, manyTries)
	if got := eval[string](p, `document.activeElement.closest("tr") ? document.activeElement.closest("tr").dataset.key : ""`); got != c.DN.String() {
		t.Errorf("after closing, the focus is in the row of %q", got)
	}
	p.do(chromedp.KeyEvent("\r"))
	p.waitFor("opened by Enter", `!document.querySelector("#session-detail").hidden`, manyTries)
	if !strings.HasPrefix(location(p), "#sessions?vendor=appgate") {
		t.Errorf("address %q does not name the vendor", location(p))
	}

	// Searched by the server, from the keyboard: "/" focuses the box.
	p.do(chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), chromedp.KeyEvent("/"))
	if id := eval[string](p, `document.activeElement.id`); id != "session-query" {
		t.Fatalf("/ focused %q", id)
	}
	// CDP sends the key's character apart from its keydown, so the "/"
	// the page cancelled may still land in the box: start it empty.
	p.do(chromedp.Evaluate[chromedp.Void](`document.activeElement.value = ""`), chromedp.KeyEvent(c.DN.Username+"\r"))
	p.waitFor("the search result", fmt.Sprintf(`[...document.querySelectorAll("#sessions-table tbody tr")].some(r => r.dataset.key === %q) &&
		[...document.querySelectorAll("#sessions-table tbody tr td:nth-child(2)")].every(td => td.textContent.includes(%q))`,
		c.DN.String(), c.DN.Username), manyTries)
	if !strings.Contains(p.text("#sessions-range"), "Matches 1–") {
		t.Errorf("range of a search %q", p.text("#sessions-range"))
	}
}

func TestConsoleCopiesAWorkingCurl(t *testing.T) {
	m := startMock(t, nil, nil)
	p := openPage(t)
	s := m.world.Segura().At(3)
	p.load(m.URL, "#sessions")
	p.waitFor("the list", fmt.Sprintf(`document.querySelector('#sessions-table tr[data-key=%q] button')`, s.ID), manyTries)
	p.click(fmt.Sprintf(`#sessions-table tr[data-key=%q] button`, s.ID))
	p.click("#copy-curl")
	p.waitFor("the command", `document.querySelector("#curl-text").textContent.startsWith("curl ")`, manyTries)
	status, body := runCurl(t, p.text("#curl-text"))
	if status != 200 || !strings.Contains(body, `"session_id":"`+s.SessionID+`"`) {
		t.Errorf("the copied command answered %d %.200s", status, body)
	}
	first := p.text("#curl-text")
	p.click("#fresh-token")
	p.waitFor("a fresh token", fmt.Sprintf(`document.querySelector("#curl-text").textContent !== %q`, first), manyTries)
	if status, _ := runCurl(t, p.text("#curl-text")); status != 200 {
		t.Errorf("the command with the fresh token answered %d", status)
	}
	// The console signed in as a client does: twice, in the journal.
	tokens := 0
	entries, _ := m.srv.Requests()
	for _, e := range entries {
		if e.Route == fault.RouteToken && e.Status == 200 {
			tokens++
		}
	}
	if tokens != 2 {
		t.Errorf("%d token requests journaled, want 2", tokens)
	}
}

// runCurl runs a "curl -sS -H 'a: b' ... 'url'" command as the page wrote it.
func runCurl(t *testing.T, cmd string) (int, string) {
	t.Helper()
	words := regexp.MustCompile(`'((?:[^']|'\\'')*)'`).FindAllStringSubmatch(cmd, -1)
	if len(words) < 2 {
		t.Fatalf("command %q", cmd)
	}
	req, err := http.NewRequest("GET", strings.ReplaceAll(words[len(words)-1][1], `'\''`, "'"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range words[:len(words)-1] {
		k, v, _ := strings.Cut(w[1], ": ")
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestConsolePresetCreatesARule(t *testing.T) {
	m := startMock(t, nil, nil)
	p := openPage(t)
	p.load(m.URL, "#faults")
	p.waitFor("the presets", `document.querySelectorAll("[data-preset]").length === 5`, manyTries)
	p.click(`[data-preset="Every 3rd request answers 500"]`)
	var rule fault.Rule
	p.waitForAPI("the rule in the API", func() bool {
		rules := m.srv.Faults().Rules()
		if len(rules) == 1 {
			rule = rules[0]
		}
		return len(rules) == 1
	})
	if rule.When.Every != 3 || rule.Action.Status != 500 || rule.Disabled {
		t.Fatalf("the preset made %+v", rule)
	}
	p.waitFor("the rule listed", fmt.Sprintf(`document.querySelector('#faults-table tr[data-id=%q]')`, rule.ID), manyTries)

	// Switched off and deleted from the page...
	p.click(fmt.Sprintf(`#faults-table tr[data-id=%q] button[aria-label^="Disable"]`, rule.ID))
	p.waitForAPI("the rule disabled", func() bool { r := m.srv.Faults().Rules(); return len(r) == 1 && r[0].Disabled })
	p.waitFor("shown disabled", fmt.Sprintf(`document.querySelector('#faults-table tr[data-id=%q] .state').textContent === "disabled"`, rule.ID), manyTries)

	// ...and a change by someone else shows without a reload.
	resp, err := http.Post(m.URL+"/__mock/faults", "application/json",
		strings.NewReader(`{"id":"from-elsewhere","match":{"route":"token"},"action":{"fault":"reset"}}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	p.waitFor("a rule added through the API", `document.querySelector('#faults-table tr[data-id="from-elsewhere"]')`, manyTries)
	if _, err := m.srv.Faults().Add(fault.Rule{ID: "in-process", Action: fault.Action{Status: 503}}); err != nil {
		t.Fatal(err)
	}
	p.waitFor("a rule added in process", `document.querySelector('#faults-table tr[data-id="in-process"]')`, manyTries)
	p.click(`#faults-table tr[data-id="from-elsewhere"] button[aria-label^="Delete"]`)
	p.waitForAPI("the rule deleted", func() bool { return len(m.srv.Faults().Rules()) == 2 })

	// The form takes any rule; the mock's own message shows for a bad one.
	p.click("#rule-form-box summary")
	p.do(chromedp.SendKeys(chromedp.CSS("#f-id"), "slow-dn"),
		chromedp.SendKeys(chromedp.CSS("#f-probability"), "1.5"),
		chromedp.SendKeys(chromedp.CSS("#f-latency"), "20ms-200ms"))
	p.click(`#rule-form button[type="submit"]`)
	p.waitFor("the error", `document.querySelector("#rule-form-error").textContent.includes("probability")`, manyTries)
	p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("#f-probability").value = "0.5"`))
	p.click(`#rule-form button[type="submit"]`)
	p.waitForAPI("the form's rule", func() bool {
		for _, r := range m.srv.Faults().Rules() {
			if r.ID == "slow-dn" && r.When.Probability != nil && *r.When.Probability == 0.5 && r.Action.Latency.String() == "20ms-200ms" {
				return true
			}
		}
		return false
	})
}

// waitForAPI polls a condition on the mock a bounded number of times.
func (p *page) waitForAPI(what string, cond func() bool) {
	p.t.Helper()
	for range manyTries {
		if cond() {
			return
		}
		time.Sleep(pollPause)
	}
	p.t.Fatalf("%s: still not so after %d tries; the page says:\n%s", what, manyTries, eval[string](p, "document.body.innerText"))
}

func TestConsoleShowsRequestsAsTheyHappen(t *testing.T) {
	m := startMock(t, func(c *server.Config) {
		c.Faults = []fault.Rule{{ID: "every-2nd", Match: fault.Match{Route: fault.RouteToken}, When: fault.When{Every: 2}, Action: fault.Action{Status: 503}}}
	}, nil)
	p := openPage(t)
	p.load(m.URL, "#requests")
	p.waitFor("the stream", `document.querySelector("#live").dataset.state === "on"`, manyTries)

	token := func(secret string) {
		req, _ := http.NewRequest("POST", m.URL+"/iso/oauth2/token", strings.NewReader("grant_type=client_credentials"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth("sessionmock", secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	token("sessionmock-secret")
	// Within a second: 100 looks 10 ms apart.
	tries := p.waitFor("the request in the view", `document.querySelectorAll("#requests-table tbody tr").length === 1`, 100)
	t.Logf("the request showed after %d tries", tries)
	token("sessionmock-secret") // the rule answers this one 503
	p.waitFor("the second request, on top", `document.querySelectorAll("#requests-table tbody tr").length === 2 &&
		document.querySelector("#requests-table tbody tr td.status").textContent === "503"`, 100)

	// Filtered by status, then by route, in the address too.
	p.do(chromedp.SetValue(chromedp.CSS(`#request-filters [name="status"]`), "5xx"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#request-filters").dispatchEvent(new Event("change"))`))
	p.waitFor("one 5xx", `document.querySelectorAll("#requests-table tbody tr").length === 1`, manyTries)
	if got := location(p); got != "#requests?status=5xx" {
		t.Errorf("address %q", got)
	}
	http.Get(m.URL + "/admin/version")
	p.waitFor("a 200 left out", `document.querySelector("#requests-summary").textContent.startsWith("1 shown of 3")`, manyTries)

	// The details: the rule that fired, and no secret.
	p.click("#requests-table tbody tr td button")
	p.waitFor("the details", `!document.querySelector("#request-detail").hidden`, manyTries)
	details := p.text("#request-detail-body")
	if !strings.Contains(details, "every-2nd") || !strings.Contains(details, "Basic [redacted]") {
		t.Errorf("details %.400s", details)
	}
	if strings.Contains(details, "sessionmock-secret") || strings.Contains(eval[string](p, "document.body.innerHTML"), "c2Vzc2lvbm1vY2s6c2Vzc2lvbm1vY2stc2VjcmV0") {
		t.Error("the page shows the client secret")
	}

	// Cleared elsewhere, cleared here.
	req, _ := http.NewRequest("DELETE", m.URL+"/__mock/requests", nil)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
	p.waitFor("the journal emptied", `document.querySelectorAll("#requests-table tbody tr").length === 0`, manyTries)
}

// A server without the clock API (an older sessionmock) answers its path
// with the admin API's 404.
func TestConsoleClockMissing(t *testing.T) {
	noClock := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/__mock/clock" {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusNotFound)
				fmt.Fprint(w, `{"error":"no admin route GET /__mock/clock"}`)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	m := startMock(t, nil, noClock)
	p := openPage(t)
	p.load(m.URL, "#clock")
	p.waitFor("the message", `!document.querySelector("#clock-missing").hidden`, manyTries)
	if got := p.text("#clock-missing"); got != "The clock is not available on this server." {
		t.Errorf("message %q", got)
	}
	if eval[bool](p, `!document.querySelector("#clock-panel").hidden`) {
		t.Error("the clock's buttons show without a clock")
	}
}

// fakeClock answers the clock API as the mock documents it
// (GET and POST /__mock/clock), so that the view is proven against it.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/__mock/clock" {
			next.ServeHTTP(w, r)
			return
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.Method == "POST" {
			var body struct{ Advance, Set string }
			json.NewDecoder(r.Body).Decode(&body)
			next := c.now
			if d, err := time.ParseDuration(body.Advance); err == nil {
				next = c.now.Add(d)
			} else if at, err := time.Parse(time.RFC3339, body.Set); err == nil {
				next = at
			}
			if next.Before(c.now) {
				w.WriteHeader(400)
				fmt.Fprint(w, `{"error":"set: the clock does not go back"}`)
				return
			}
			c.now = next
		}
		fmt.Fprintf(w, `{"now":%q,"mode":"fixed"}`, c.now.Format(time.RFC3339))
	})
}

func TestConsoleClockMoves(t *testing.T) {
	c := &fakeClock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	m := startMock(t, nil, c.wrap)
	p := openPage(t)
	p.load(m.URL, "#clock")
	p.waitFor("the time", `document.querySelector("#clock-now").textContent === "2026-01-02T03:04:05Z"`, manyTries)
	p.click(`[data-advance="5m"]`)
	p.waitFor("five minutes on", `document.querySelector("#clock-now").textContent === "2026-01-02T03:09:05Z"`, manyTries)
	p.click(`[data-advance="1h"]`)
	p.waitFor("an hour on", `document.querySelector("#clock-now").textContent === "2026-01-02T04:09:05Z"`, manyTries)
	p.do(chromedp.SendKeys(chromedp.CSS("#clock-set-value"), "2026-01-01T00:00:00Z\r"))
	p.waitFor("the refusal", `document.querySelector("#clock-error").textContent.includes("does not go back")`, manyTries)
	p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("#clock-set-value").value = ""`),
		chromedp.SendKeys(chromedp.CSS("#clock-set-value"), "2026-02-01T00:00:00Z\r"))
	p.waitFor("set", `document.querySelector("#clock-now").textContent === "2026-02-01T00:00:00Z"`, manyTries)
	if got := p.text("#clock-counts"); !strings.Contains(got, "Segura sessions: 120") {
		t.Errorf("counts %q", got)
	}
}

func TestConsoleAsksForTheAdminToken(t *testing.T) {
	m := startMock(t, func(c *server.Config) { c.AdminToken = "letmein" }, nil)
	p := openPage(t)
	p.do(chromedp.Navigate(m.URL + "/__mock/ui/#faults"))
	p.waitFor("the token dialog", `document.querySelector("#token-dialog").open`, manyTries)
	p.do(chromedp.SendKeys(chromedp.CSS("#token-input"), "wrong\r"))
	p.waitFor("the refusal", `document.querySelector("#token-dialog").open && document.querySelector("#token-error").textContent.includes("refused")`, manyTries)
	p.do(chromedp.SendKeys(chromedp.CSS("#token-input"), "letmein\r"))
	p.waitFor("the console started", `document.documentElement.dataset.ready === "true"`, manyTries)
	p.waitFor("the stream, with the token", `document.querySelector("#live").dataset.state === "on"`, manyTries)
	p.click(`[data-preset="2 s latency"]`)
	p.waitForAPI("the rule", func() bool { return len(m.srv.Faults().Rules()) == 1 })
}

func TestConsoleFitsAPhone(t *testing.T) {
	m := startMock(t, nil, nil)
	p := openPage(t)
	p.do(chromedp.EmulateViewport(390, 844))
	defer p.do(chromedp.EmulateViewport(1280, 800))
	p.load(m.URL, "#sessions")
	p.waitFor("sessions listed", `document.querySelectorAll("#sessions-table tbody tr").length > 0`, manyTries)
	for _, view := range []string{"sessions", "requests", "faults", "clock"} {
		p.do(chromedp.Evaluate[chromedp.Void](`location.hash = "#` + view + `"`))
		p.waitFor(view+" shown", `!document.querySelector("#view-`+view+`").hidden`, manyTries)
		if w := eval[int](p, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s is %d px wide on a 390 px screen", view, w)
		}
	}
}

func location(p *page) string {
	return eval[string](p, `location.hash`)
}
