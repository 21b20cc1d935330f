package main

import "runtime/debug"

// serveGCPercent is the garbage collector's target that serve sets when
// the environment sets none (GOGC): a new collection when the heap has
// grown by four times what is live, instead of Go's once.
//
// The mock holds little live data (a few megabytes: its OpenAPI
// documents, caches and journal) and allocates a few kilobytes per
// request, most of them in net/http. With Go's default target, which is
// never below 4 MB, a busy mock collects about 35 times a second and
// spends around 7% of its time doing so; at 400 it collects a quarter as
// often, for a heap a few megabytes larger. GOGC in the environment wins,
// as everywhere in Go.
const serveGCPercent = 400

// tuneGC applies serveGCPercent unless GOGC is set; it returns the target
// in effect, for the log.
func tuneGC(getenv func(string) string) string {
	if v := getenv("GOGC"); v != "" {
		return v
	}
	debug.SetGCPercent(serveGCPercent)
	return "400"
}
