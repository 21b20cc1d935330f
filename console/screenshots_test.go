package console_test

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/server"
)

var update = flag.Bool("update", false, "write the console's screenshots to docs/console/")

// TestScreenshots writes a PNG of each view, at 1280×800 and at phone
// width, for the docs:
//
//	go test ./console -run Screenshots -update
func TestScreenshots(t *testing.T) {
	if !*update {
		t.Skip("writes docs/console/*.png with -update")
	}
	dir := filepath.Join("..", "docs", "console")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	m := startMock(t, func(c *server.Config) {
		w, err := fixtures.NewWorld(fixtures.Options{Seed: 1, SeguraSessions: 1_000_000, AppgateClients: 20})
		if err != nil {
			t.Fatal(err)
		}
		c.World = w
	}, nil)
	p := openPage(t)
	// Still pictures: no row is caught flashing.
	p.do(func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
		})
		return chromedp.Void{}, err
	})
	shot := func(name string) {
		t.Helper()
		ctxShot, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), ctxShot, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	p.load(m.URL, "#sessions")
	s := m.world.Segura().At(2)
	p.waitFor("the list", fmt.Sprintf(`document.querySelector('#sessions-table tr[data-key=%q] button')`, s.ID), manyTries)
	p.click(fmt.Sprintf(`#sessions-table tr[data-key=%q] button`, s.ID))
	p.click("#copy-curl")
	p.waitFor("the command", `document.querySelector("#curl-text").textContent.startsWith("curl ")`, manyTries)
	p.do(chromedp.Evaluate[chromedp.Void](`scrollTo(0, 0)`))
	shot("sessions")

	c := m.world.Appgate().At(3)
	p.do(chromedp.Evaluate[chromedp.Void](`location.hash = "#sessions?vendor=appgate"`))
	p.waitFor("the DNs", `document.querySelector("#sessions-table tbody tr td").textContent.startsWith("CN=")`, manyTries)
	p.click(fmt.Sprintf(`#sessions-table tr[data-key=%q] button`, c.DN.String()))
	p.waitFor("the session-info", `!document.querySelector("#session-detail").hidden`, manyTries)
	shot("sessions-appgate")

	p.do(chromedp.Evaluate[chromedp.Void](`location.hash = "#faults"`))
	p.waitFor("the presets", `document.querySelectorAll("[data-preset]").length === 5`, manyTries)
	p.click(`[data-preset="Every 3rd request answers 500"]`)
	p.click(`[data-preset="Time-out on session-info"]`)
	p.waitFor("two rules", `document.querySelectorAll("#faults-table tbody tr").length === 2`, manyTries)
	p.click(`#faults-table tbody tr:last-child button[aria-label^="Disable"]`)
	p.waitFor("one disabled", `document.querySelector("#faults-table .state.off")`, manyTries)
	p.click("#rule-form-box summary")
	shot("faults")

	traffic(t, m)
	p.do(chromedp.Evaluate[chromedp.Void](`location.hash = "#requests"`))
	p.waitFor("the requests", `document.querySelectorAll("#requests-table tbody tr").length >= 8`, manyTries)
	p.click(`#requests-table tbody tr:nth-child(2) td button`)
	p.waitFor("the details", `!document.querySelector("#request-detail").hidden`, manyTries)
	shot("requests")

	// The clock view on the mock's own clock, an hour on.
	p.do(chromedp.Evaluate[chromedp.Void](`location.hash = "#clock"`))
	p.waitFor("the time", `document.querySelector("#clock-now").textContent`, manyTries)
	p.click(`[data-advance="1h"]`)
	p.waitFor("moved", `document.querySelector("#clock-counts").textContent.includes("(was")`, manyTries)
	shot("clock")

	p.do(chromedp.EmulateViewport(390, 844))
	p.do(chromedp.Evaluate[chromedp.Void](`location.hash = "#requests"`))
	p.waitFor("the requests", `!document.querySelector("#view-requests").hidden`, manyTries)
	p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("#request-detail [data-close]").click(); scrollTo(0, 0)`))
	shot("phone-requests")
	p.do(chromedp.Evaluate[chromedp.Void](`location.hash = "#sessions?vendor=segura"`))
	p.waitFor("the list", `document.querySelector("#sessions-table tbody tr td")`, manyTries)
	p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("#session-detail [data-close]").click(); scrollTo(0, 0)`))
	shot("phone-sessions")
	p.do(chromedp.EmulateViewport(1280, 800))
}

// traffic makes a few vendor requests of both kinds, some of them faulted.
func traffic(t *testing.T, m *mock) {
	t.Helper()
	do := func(method, path, body string, header ...string) {
		req, _ := http.NewRequest(method, m.URL+path, strings.NewReader(body))
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"sessionmock"}, "client_secret": {"sessionmock-secret"}}.Encode()
	for range 3 {
		do("POST", "/iso/oauth2/token", form, "Content-Type", "application/x-www-form-urlencoded")
	}
	do("GET", "/api/session/remotesessions/3", "")
	do("GET", "/admin/version", "", "Accept", "application/json")
	login := `{"providerName":"local","username":"admin","password":"admin","deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc"}`
	do("POST", "/admin/login", login, "Accept", "application/vnd.appgate.peer-v23+json", "Content-Type", "application/json")
	do("GET", "/admin/session-info/CN=nobody", "", "Accept", "application/vnd.appgate.peer-v23+json", "Authorization", "Bearer x")
	do("GET", "/api/session/remotesessions/3?__code=503", "", "Authorization", "Bearer y")
}
