package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

const numColumns = 8

// tableHeader names the columns of the table, in the order of cells.
func tableHeader() [numColumns]string {
	return [...]string{"scenario", "result", "p50", "p99", "peak RSS", "vs baseline", "target", "verdict"}
}

func (r row) cells() [numColumns]string {
	return [...]string{r.Scenario, r.Result, r.P50, r.P99, r.PeakRSS, r.Share, r.Target, r.Verdict}
}

// writeTable writes rows as a GitHub-flavoured markdown table, columns
// padded so that it also reads well as plain text in a terminal.
func writeTable(w io.Writer, rows []row) error {
	widths := make([]int, numColumns)
	all := [][numColumns]string{tableHeader()}
	for _, r := range rows {
		c := r.cells()
		for i := range c {
			c[i] = escapeCell(c[i])
		}
		all = append(all, c)
	}
	for _, c := range all {
		for i, s := range c {
			widths[i] = max(widths[i], len([]rune(s)))
		}
	}
	var b strings.Builder
	line := func(c [numColumns]string) {
		b.WriteString("|")
		for i, s := range c {
			b.WriteString(" " + s + strings.Repeat(" ", widths[i]-len([]rune(s))) + " |")
		}
		b.WriteString("\n")
	}
	line(all[0])
	b.WriteString("|")
	for _, n := range widths {
		b.WriteString(strings.Repeat("-", n+2) + "|")
	}
	b.WriteString("\n")
	for _, c := range all[1:] {
		line(c)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeCell keeps a cell on its line and inside its column.
func escapeCell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// writeMarkdown writes the whole report: what was run where, the table,
// and notes on anything that went wrong.
func writeMarkdown(w io.Writer, rep report) error {
	m := rep.Machine
	var b strings.Builder
	fmt.Fprintf(&b, "sessionmock benchmark, %s\n\n", rep.Date.Format(time.DateOnly))
	fmt.Fprintf(&b, "- command: `%s`\n", rep.Command)
	fmt.Fprintf(&b, "- machine: %d CPUs, %s, Linux %s, %s, GOMAXPROCS %s; load average %s before, %s after\n",
		m.CPUs, m.CPUModel, m.Kernel, m.GoVersion, m.GOMAXPROCS, m.LoadBefore, m.LoadAfter)
	if rep.Parts.has(partThroughput) {
		fmt.Fprintf(&b, "- cores: %s, each server's GOMAXPROCS; %s\n", rep.Cores.String(), m.Pinning)
		fmt.Fprintf(&b, "- load: %d keep-alive workers, %s warm-up + %s counted per server in %s, each workload a round of its own\n",
			rep.Concurrency, rep.Warmup, rep.Duration, slicesNote(rep.Slices))
		for _, w := range rep.Workloads {
			fmt.Fprintf(&b, "- %s: cycling %s, answers of %s bytes on average\n", workloadLabel(w.Name), w.cycleNote(), withCommas(int64(w.MeanBytes)))
		}
	}
	fmt.Fprintf(&b, "- parts: %s; %s\n\n", strings.Join(rep.Parts, ", "), runsNote(rep.Runs))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	if err := writeTable(w, rep.Rows); err != nil {
		return err
	}
	if err := writeRatios(w, rep.Summary.Throughput); err != nil {
		return err
	}
	var notes strings.Builder
	for _, t := range rep.Summary.Throughput {
		if t.Errors > 0 {
			fmt.Fprintf(&notes, "- %s: %s of %s requests failed; first: %s\n",
				throughputLabel(t), withCommas(int64(t.Errors)), withCommas(int64(t.Errors+t.Requests)), t.FirstError)
		}
	}
	if notes.Len() > 0 {
		_, err := io.WriteString(w, "\n"+notes.String())
		return err
	}
	return nil
}

func runsNote(n int) string {
	if n == 1 {
		return "one run"
	}
	return fmt.Sprintf("medians of %d runs", n)
}

func slicesNote(n int) string {
	if n == 1 {
		return "one slice"
	}
	return fmt.Sprintf("%d slices taken in turn with the other servers", n)
}

// writeRatios writes, per workload and core count, the two ratios the
// throughput is judged by: validation on and validation off over the bare
// baseline, taken side by side in the same run.
func writeRatios(w io.Writer, ts []throughputResult) error {
	var b strings.Builder
	b.WriteString("\n| workload | cores | validation on / bare | validation off / bare |\n|---|---|---|---|\n")
	n := 0
	for _, t := range ts {
		if t.Scenario != scenarioBaseline {
			continue
		}
		on, off := "", ""
		for _, u := range ts {
			if u.Workload != t.Workload || u.Cores != t.Cores {
				continue
			}
			switch u.Scenario {
			case scenarioValidated:
				on = fmt.Sprintf("%.2f", u.Share)
			case scenarioUnvalidated:
				off = fmt.Sprintf("%.2f", u.Share)
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", workloadLabel(t.Workload), t.placement().label(), on, off)
		n++
	}
	if n == 0 {
		return nil
	}
	_, err := io.WriteString(w, b.String())
	return err
}
