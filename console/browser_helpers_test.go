package console_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/server"
)

// The browser the tests drive: Debian's chromium package, headless, with
// a fresh profile and the background traffic of a desktop browser off.
var browser struct {
	ctx    context.Context // nil when no browser was found
	reason string
}

func TestMain(m *testing.M) {
	code := func() int {
		path := chromiumPath()
		if path == "" {
			browser.reason = "no headless Chromium found: install the Debian package chromium (apt-get install chromium) or set CHROMIUM to its path"
			return m.Run()
		}
		profile, err := os.MkdirTemp("", "console-browser-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(profile)
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(path),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.UserDataDir(profile),
			chromedp.WindowSize(1280, 800),
		)
		defer cancelAlloc()
		ctx, cancel := chromedp.NewContext(alloc)
		defer cancel()
		if err := chromedp.Do(ctx); err != nil { // starts the browser
			browser.reason = "Chromium at " + path + " did not start: " + err.Error()
			return m.Run()
		}
		browser.ctx = ctx
		return m.Run()
	}()
	os.Exit(code)
}

func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// mock is a sessionmock on a loopback port, as users run it.
type mock struct {
	*httptest.Server
	srv   *server.Server
	world *fixtures.World
}

// startMock runs a mock with seed 1, 120 Segura sessions and 30 Appgate
// clients; edit changes the config, wrap the handler.
func startMock(t *testing.T, edit func(*server.Config), wrap func(http.Handler) http.Handler) *mock {
	t.Helper()
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 1, SeguraSessions: 120, AppgateClients: 30})
	if err != nil {
		t.Fatal(err)
	}
	cfg := server.DefaultConfig()
	cfg.World = world
	if edit != nil {
		edit(&cfg)
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = srv
	if wrap != nil {
		h = wrap(srv)
	}
	ts := httptest.NewUnstartedServer(h)
	ts.Config.RegisterOnShutdown(srv.CloseStreams)
	ts.Start()
	t.Cleanup(func() {
		srv.CloseStreams() // an open page's event stream must not hold Close
		ts.Close()
	})
	return &mock{Server: ts, srv: srv, world: world}
}

// page is one browser tab, with every request it made and every error it
// logged.
type page struct {
	t    *testing.T
	ctx  context.Context
	mu   sync.Mutex
	urls []string
	errs []string
}

// guard bounds one browser action, so that a broken page fails the test
// instead of hanging it; it measures nothing.
const guard = 2 * time.Minute

func openPage(t *testing.T) *page {
	t.Helper()
	if browser.ctx == nil {
		t.Skip(browser.reason)
	}
	p := &page{t: t}
	ctx, cancel := chromedp.NewContext(browser.ctx, chromedp.WithListener(p.listen))
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatal(err)
	}
	p.ctx = ctx
	t.Cleanup(p.checkErrors)
	return p
}

func (p *page) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		p.urls = append(p.urls, e.Request.URL)
	case *runtime.EventExceptionThrown:
		d := e.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		p.errs = append(p.errs, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			p.errs = append(p.errs, "console."+string(e.Type)+": "+strings.Join(parts, " "))
		}
	case *cdplog.EventEntryAdded:
		// A 4xx the page expects (the clock's 404, a refused token) is
		// logged by the network source; everything else is a defect,
		// a Content-Security-Policy violation most of all.
		if e.Entry.Level == cdplog.EntryLevelError && e.Entry.Source != cdplog.EntrySourceNetwork {
			p.errs = append(p.errs, "log: "+string(e.Entry.Source)+": "+e.Entry.Text)
		}
	}
}

func (p *page) checkErrors() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.errs {
		p.t.Errorf("the page logged %s", e)
	}
}

func (p *page) requested() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.urls...)
}

func (p *page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, guard)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatal(err)
	}
}

func eval[T any](p *page, js string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, guard)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// The page is polled a bounded number of times, a short pause apart.
const (
	pollPause = 10 * time.Millisecond
	manyTries = 500 // for what takes a page load or a few requests
)

// waitFor polls the JavaScript condition until it holds, at most tries
// times; it returns how many it took.
func (p *page) waitFor(what, cond string, tries int) int {
	p.t.Helper()
	for i := 1; i <= tries; i++ {
		if eval[bool](p, "!!("+cond+")") {
			return i
		}
		time.Sleep(pollPause)
	}
	p.t.Fatalf("%s: still not so after %d tries; the page says:\n%s", what, tries, eval[string](p, "document.body.innerText"))
	return 0
}

// load opens the console at the given view and waits until it started.
func (p *page) load(base, hash string) {
	p.t.Helper()
	p.do(chromedp.Navigate(base + "/__mock/ui/" + hash))
	p.waitFor("the console started", `document.documentElement.dataset.ready === "true"`, manyTries)
}

func (p *page) click(css string) {
	p.t.Helper()
	p.do(chromedp.Click(chromedp.CSS(css)))
}

func (p *page) text(css string) string {
	p.t.Helper()
	return eval[string](p, fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, css))
}

func (p *page) rows(css string) int {
	p.t.Helper()
	return eval[int](p, fmt.Sprintf(`document.querySelectorAll(%q).length`, css))
}
