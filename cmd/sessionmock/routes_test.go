package main

import (
	"net"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/config"
	"github.com/sessionmock/sessionmock/server"
	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// served reports whether the server's route table has a route whose
// pattern matches path, a parameter standing for one segment.
func served(path string) (wire.Route, bool) {
	for _, rt := range server.Routes() {
		re := "^" + regexp.MustCompile(`\\\{[^}]*\\\}`).ReplaceAllString(regexp.QuoteMeta(rt.Pattern), `[^/]+`) + "$"
		if regexp.MustCompile(re).MatchString(path) {
			return rt, true
		}
	}
	return wire.Route{}, false
}

// Every vendor URL the banner prints is one the route table serves, the
// Appgate base URL aside; the others are the admin API's.
func TestBannerMentionsOnlyTableRoutes(t *testing.T) {
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 4, SeguraSessions: 3, AppgateClients: 2})
	if err != nil {
		t.Fatal(err)
	}
	s := config.Defaults()
	s.ErrorRate = 0.1
	bound, _ := net.ResolveTCPAddr("tcp", "127.0.0.1:7000")
	s.Addr = "127.0.0.1:0"
	out := banner{settings: s, world: world, listen: bound, version: "v9"}.String()
	const base = "http://127.0.0.1:7000"
	urls := regexp.MustCompile(regexp.QuoteMeta(base)+`[^\s']*`).FindAllString(out, -1)
	names := map[string]bool{}
	for _, u := range urls {
		parsed, err := url.Parse(u)
		if err != nil {
			t.Fatalf("banner URL %q: %v", u, err)
		}
		path := parsed.Path
		switch rt, ok := served(path); {
		case ok:
			names[rt.Name] = true
		case path == "" || path == appgate.BasePath || path == mockapi.Prefix+"/" || strings.HasPrefix(path, mockapi.Prefix+"/"):
		default:
			t.Errorf("the banner prints %s, which no route of the table serves", u)
		}
	}
	for _, want := range []string{"token", "remotesessions", "login", "session-info"} {
		if !names[want] {
			t.Errorf("the banner has no URL of route %s:\n%s", want, out)
		}
	}
}

// The routes the help names are routes of the table.
func TestHelpMentionsOnlyTableRoutes(t *testing.T) {
	out, _, err := runCmd(t, "help")
	if err != nil {
		t.Fatal(err)
	}
	mentioned := regexp.MustCompile(`(GET|POST|DELETE|PUT|PATCH) (/\S*?)\)?(\s|$)`).FindAllStringSubmatch(out, -1)
	if len(mentioned) == 0 {
		t.Fatalf("the help names no route:\n%s", out)
	}
	for _, m := range mentioned {
		found := false
		for _, rt := range server.Routes() {
			if rt.Method == m[1] && rt.Pattern == m[2] {
				found = true
			}
		}
		if !found {
			t.Errorf("the help names %s %s, which is not a route of the table", m[1], m[2])
		}
	}
}
