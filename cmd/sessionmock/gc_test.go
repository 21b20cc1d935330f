package main

import (
	"runtime/debug"
	"testing"
)

// Not parallel: the garbage collector's target is the process's.
func TestTuneGCSetsTheTargetUnlessGOGCIsSet(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	if got := tuneGC(func(string) string { return "" }); got != "400" {
		t.Fatalf("tuneGC without GOGC reports %q; want 400", got)
	}
	if now := debug.SetGCPercent(100); now != serveGCPercent {
		t.Fatalf("without GOGC the target is %d; want %d", now, serveGCPercent)
	}
	env := map[string]string{"GOGC": "150"}
	if got := tuneGC(func(k string) string { return env[k] }); got != "150" {
		t.Fatalf("tuneGC with GOGC=150 reports %q; want the environment's", got)
	}
	if now := debug.SetGCPercent(100); now != 100 {
		t.Fatalf("with GOGC set, tuneGC changed the target to %d; want it left alone", now)
	}
}
