package main

import (
	"fmt"
	"slices"
	"strings"
)

// The parts of a harness run that -only can pick, in the order they run.
const (
	partThroughput = "throughput" // session-info and active-sessions load at every core count
	partList       = "list"       // long and short list, hang-up, golden comparison
	partStartup    = "startup"    // start-up times
)

// allParts are the parts a run measures unless -only says otherwise.
var allParts = partNames{partThroughput, partList, partStartup}

// partNames is the -only flag: the parts to run.
type partNames []string

func (p *partNames) String() string {
	if p == nil {
		return ""
	}
	return strings.Join(*p, ",")
}

// Set parses a comma-separated list of parts.
func (p *partNames) Set(v string) error {
	var out partNames
	for f := range strings.SplitSeq(v, ",") {
		f = strings.TrimSpace(f)
		if !slices.Contains(allParts, f) {
			return fmt.Errorf("part %q is not one of %s", f, strings.Join(allParts, ", "))
		}
		if slices.Contains(out, f) {
			return fmt.Errorf("part %s is listed twice", f)
		}
		out = append(out, f)
	}
	*p = out
	return nil
}

// has reports whether part is to run.
func (p partNames) has(part string) bool { return slices.Contains(p, part) }
