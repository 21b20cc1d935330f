package server

import (
	"testing"

	"github.com/sessionmock/sessionmock/fault"
)

func TestGoControl(t *testing.T) {
	m := start(t, nil)
	s := m.Config.Handler.(*Server)
	if _, err := s.Faults().Add(fault.Rule{ID: "x", Match: fault.Match{Route: "version"}, Action: fault.Action{Status: 503}}); err != nil {
		t.Fatal(err)
	}
	if resp, _ := m.call(t, m.request(t, "GET", "/admin/version", nil)); resp.StatusCode != 503 {
		t.Errorf("rule added in Go: %d", resp.StatusCode)
	}
	entries, seen := s.Requests()
	if seen != 1 || len(entries) != 1 || entries[0].Status != 503 || entries[0].Rules[0] != "x" {
		t.Errorf("journal: %d %+v", seen, entries)
	}
	s.Reset()
	if entries, seen := s.Requests(); seen != 0 || len(entries) != 0 || len(s.Faults().Rules()) != 0 {
		t.Errorf("after reset: %d entries, %d rules", len(entries), len(s.Faults().Rules()))
	}
	if s.Config().PeerVersion != DefaultPeerVersion {
		t.Errorf("config defaults not filled: %+v", s.Config())
	}
}
