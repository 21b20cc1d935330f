package openapi

import (
	"net/url"
	"testing"
)

// pathSpellings are request targets whose paths EscapedPath treats in
// different ways: plain, with escapes RawPath keeps, with escapes it
// drops, malformed ones, and characters a path may not hold raw.
var pathSpellings = []string{
	"/admin/session-info/CN=a,CN=b,OU=c",
	"/admin/session-info/CN%3Da%2CCN%3Db%2COU%3Dc",
	"/admin/session-info/CN=a%2CCN=b%2COU=c",
	"/admin/session-info/CN=a%2cCN=b",
	"/admin/session-info/a%20b",
	"/admin/session-info/a b",
	"/admin/session-info/%41%42",
	"/admin/session-info/%2F%2f",
	"/admin/session-info/%zz",
	"/admin/session-info/%4",
	"/admin/session-info/%",
	"/admin/session-info/é%C3%A9",
	"/admin/session-info/[x]",
	"/a/%5B%5D",
	"/",
	"",
}

func TestEscapedPathIsEscapedPaths(t *testing.T) {
	t.Parallel()
	for _, target := range pathSpellings {
		u, err := url.Parse(target)
		if err != nil {
			continue
		}
		if got, want := escapedPath(u), u.EscapedPath(); got != want {
			t.Errorf("escapedPath(%q) = %q; EscapedPath says %q", target, got, want)
		}
	}
	// A URL whose Path was changed after parsing: RawPath no longer
	// fits, and EscapedPath's own spelling must win.
	u, _ := url.Parse("/a/b%2Cc")
	u.Path = "/a/other"
	if got, want := escapedPath(u), u.EscapedPath(); got != want {
		t.Errorf("escapedPath after a Path change = %q; want %q", got, want)
	}
}

func TestValidEscapesIsWhatPathUnescapeAccepts(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "a", "%41", "%4", "%", "%%41", "%zz", "a%2Cb", "%2c%2C", "100%", "%C3%A9"} {
		_, err := url.PathUnescape(s)
		if got, want := validEscapes(s), err == nil; got != want {
			t.Errorf("validEscapes(%q) = %v; PathUnescape's error is %v", s, got, err)
		}
	}
}

func FuzzEscapedPath(f *testing.F) {
	for _, s := range pathSpellings {
		f.Add(s, "")
	}
	f.Add("/a/b%2Cc", "/a/other")
	f.Fuzz(func(t *testing.T, target, newPath string) {
		u, err := url.Parse(target)
		if err != nil {
			return
		}
		if newPath != "" {
			u.Path = newPath
		}
		if got, want := escapedPath(u), u.EscapedPath(); got != want {
			t.Fatalf("escapedPath = %q; EscapedPath = %q (RawPath %q, Path %q)", got, want, u.RawPath, u.Path)
		}
		_, perr := url.PathUnescape(target)
		if got := validEscapes(target); got != (perr == nil) {
			t.Fatalf("validEscapes(%q) = %v; PathUnescape's error is %v", target, got, perr)
		}
	})
}
