package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"
)

// The heap after collection varies with how full the journal happens to
// be, so the verdict compares highs: the highest in the second half of
// the run may exceed the highest in the first (past the sample at the
// start) by this factor plus this slack, and no more.
const (
	heapGrowthFactor = 1.25
	heapGrowthSlack  = 2 << 20
)

// write prints the report in markdown.
func (r *result) write(w io.Writer) error {
	var b strings.Builder
	total := uint64(0)
	unexpected := uint64(0)
	for _, k := range r.kinds {
		total += k.sent.Load()
		unexpected += k.unexpected.Load()
	}
	fmt.Fprintf(&b, "sessionmock soak, %s\n\n", time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(&b, "- run: %s requests (%d%% to the admin API: fault rules added and removed, the journal read and cleared, resets), "+
		"%d workers, %.1f s, %s req/s\n", group(total), 100*r.admin/r.cycle, r.opts.Concurrency, r.elapsed.Seconds(),
		group(uint64(float64(total)/r.elapsed.Seconds())))
	fmt.Fprintf(&b, "- mock: seed 1, 50 Segura sessions, 20 Appgate clients, the settings of `sessionmock serve` with no flags, "+
		"in this process on loopback; RSS is the whole process's, the load generator's included\n")
	fmt.Fprintf(&b, "- machine: %d CPUs, %s, GOMAXPROCS %d\n\n", runtime.NumCPU(), runtime.Version(), runtime.GOMAXPROCS(0))

	fmt.Fprintln(&b, "| requests | elapsed | RSS | peak RSS | heap after GC | Go memory | goroutines | rules | journal |")
	fmt.Fprintln(&b, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, s := range r.samples {
		fmt.Fprintf(&b, "| %s | %.1f s | %s | %s | %s | %s | %d | %d | %d |\n", group(s.Done), s.Elapsed.Seconds(),
			mb(s.RSS), mb(s.PeakRSS), mb(int64(s.HeapLive)), mb(int64(s.GoMemory)), s.Goroutines, s.Rules, s.Journal)
	}
	fmt.Fprintf(&b, "\n- memory: %s\n", r.memoryLine())
	fmt.Fprintf(&b, "- answers: %s unexpected of %s\n\n", group(unexpected), group(total))

	fmt.Fprintln(&b, "| request | sent | unexpected | first unexpected answer |")
	fmt.Fprintln(&b, "|---|---:|---:|---|")
	for _, k := range r.kinds {
		first := ""
		if p := k.first.Load(); p != nil {
			first = strings.ReplaceAll(*p, "|", `\|`)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", k.kind.name, group(k.sent.Load()), group(k.unexpected.Load()), first)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// halves returns the samples of the highest heap after GC in the first
// and in the second half of the run, leaving out the one at the start.
func (r *result) halves() (first, second sample, ok bool) {
	run := r.samples[min(1, len(r.samples)):]
	if len(run) < 2 {
		return sample{}, sample{}, false
	}
	highest := func(ss []sample) sample {
		return slices.MaxFunc(ss, func(a, b sample) int { return cmp.Compare(a.HeapLive, b.HeapLive) })
	}
	mid := len(run) / 2
	return highest(run[:mid]), highest(run[mid:]), true
}

func heapBound(first sample) uint64 {
	return uint64(float64(first.HeapLive)*heapGrowthFactor) + heapGrowthSlack
}

func (r *result) memoryLine() string {
	first, second, ok := r.halves()
	if !ok {
		return "too few samples to compare (use -samples 2 or more)"
	}
	verdict := "flat"
	if second.HeapLive > heapBound(first) {
		verdict = "GROWS"
	}
	last := r.samples[len(r.samples)-1]
	return fmt.Sprintf("highest heap after GC %s in the first half of the run (at %s requests), %s in the second (at %s; %+.1f%%, "+
		"bound %.2f× + %s): %s; RSS %s after %s requests, %s at the end, peak %s",
		mb(int64(first.HeapLive)), group(first.Done), mb(int64(second.HeapLive)), group(second.Done),
		100*(float64(second.HeapLive)/float64(first.HeapLive)-1), heapGrowthFactor, mb(heapGrowthSlack), verdict,
		mb(r.samples[1].RSS), group(r.samples[1].Done), mb(last.RSS), mb(last.PeakRSS))
}

// verdict fails the run on an unexpected answer or a growing heap.
func (r *result) verdict() error {
	var errs []error
	for _, k := range r.kinds {
		if n := k.unexpected.Load(); n > 0 {
			errs = append(errs, fmt.Errorf("%s: %d unexpected answers, the first: %s", k.kind.name, n, *k.first.Load()))
		}
	}
	if first, second, ok := r.halves(); ok && second.HeapLive > heapBound(first) {
		errs = append(errs, fmt.Errorf("the heap after GC grew from %s to %s", mb(int64(first.HeapLive)), mb(int64(second.HeapLive))))
	}
	return errors.Join(errs...)
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// group writes n with thousands separators: 1,000,000.
func group(n uint64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
