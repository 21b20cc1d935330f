package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

func TestFixtures(t *testing.T) {
	t.Parallel()
	t.Run("segura", func(t *testing.T) {
		out, _, err := runCmd(t, "fixtures", "--vendor", "segura", "--seed", "5", "--count", "7")
		if err != nil {
			t.Fatal(err)
		}
		var recs []fixtures.SeguraSession
		if err := json.Unmarshal([]byte(out), &recs); err != nil {
			t.Fatal(err)
		}
		if len(recs) != 7 {
			t.Fatalf("%d records, want 7", len(recs))
		}
		if !strings.HasPrefix(out, "[\n  {\n    \"id\": ") {
			t.Errorf("not indented, or not starting with the id: %.40q", out)
		}
		again, _, _ := runCmd(t, "fixtures", "--vendor", "segura", "--seed", "5", "--count", "7")
		other, _, _ := runCmd(t, "fixtures", "--vendor", "segura", "--seed", "6", "--count", "7")
		if again != out || other == out {
			t.Error("output is not a function of the seed")
		}
	})
	t.Run("appgate", func(t *testing.T) {
		out, _, err := runCmd(t, "fixtures", "--vendor", "appgate", "--count", "3")
		if err != nil {
			t.Fatal(err)
		}
		var recs []struct {
			DN          string         `json:"dn"`
			SessionInfo map[string]any `json:"sessionInfo"`
		}
		if err := json.Unmarshal([]byte(out), &recs); err != nil {
			t.Fatal(err)
		}
		if len(recs) != 3 {
			t.Fatalf("%d records, want 3", len(recs))
		}
		for _, r := range recs {
			dn, err := appgate.ParseDN(r.DN)
			if err != nil {
				t.Fatal(err)
			}
			if r.SessionInfo["deviceId"] != dn.DeviceUUID() {
				t.Errorf("record %s has deviceId %v", r.DN, r.SessionInfo["deviceId"])
			}
		}
	})
	t.Run("empty", func(t *testing.T) {
		out, _, err := runCmd(t, "fixtures", "--vendor", "appgate", "--count", "0")
		if err != nil || out != "[]\n" {
			t.Fatalf("got %q, %v", out, err)
		}
	})
	t.Run("errors", func(t *testing.T) {
		for _, args := range [][]string{{"fixtures"}, {"fixtures", "--vendor", "x"}, {"fixtures", "--vendor", "segura", "--fixtures", "testdata/bad-pinned.yaml"}} {
			out, _, err := runCmd(t, args...)
			if exitCode(err) != 2 || out != "" {
				t.Errorf("%v: exit %d (%v), output %q", args, exitCode(err), err, out)
			}
		}
	})
}
