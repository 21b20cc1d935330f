package server

import (
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/clock"
)

// The parsers of the new admin bodies and of the one-session id read
// outside input: they return a value or an error, never panic, and what
// they accept is well formed.

func FuzzParseSessionID(f *testing.F) {
	for _, s := range []string{"1", "%31", "0001", "abc", "-1", "", "%", "%zz", "99999999999999999999", "1%00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		id, kind := parseSessionID(raw)
		switch kind {
		case idNumeric:
			if id == "" || id[0] == '0' || len(id) > 19 || strings.Trim(id, "0123456789") != "" {
				t.Fatalf("%q gave the id %q", raw, id)
			}
		case idNotNumeric, idTooLong:
			if id != "" {
				t.Fatalf("%q: kind %d with an id %q", raw, kind, id)
			}
		default:
			t.Fatalf("kind %d", kind)
		}
	})
}

func FuzzParseClockMove(f *testing.F) {
	for _, s := range []string{`{"advance":"90m"}`, `{"set":"2025-03-03T09:00:00Z"}`, `{"advance":"1h","set":"x"}`, `{}`, ``, `[`, `{"advance":null}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		m, err := parseClockMove([]byte(body))
		if err != nil {
			return
		}
		if m.isSet && (m.set.Before(clock.Min) || !m.set.Before(clock.Max)) {
			t.Fatalf("%q: instant %v out of range", body, m.set)
		}
		if !m.isSet && m.advance < 0 {
			t.Fatalf("%q: negative advance", body)
		}
		c, _ := clock.NewFixed(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
		if m.isSet {
			c.Set(m.set)
		} else {
			c.Advance(m.advance)
		}
	})
}

func FuzzParseClientChange(f *testing.F) {
	for _, s := range []string{`{"dn":"CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=alice,OU=ldap"}`, `{"dn":""}`, `{"dn":1}`, `{}`, `{"dn":"CN=,CN=,OU="}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		dn, err := parseClientChange([]byte(body))
		if err == nil && (len(dn.DeviceID) != 32 || dn.Username == "" || dn.Provider == "") {
			t.Fatalf("%q gave %+v", body, dn)
		}
	})
}
