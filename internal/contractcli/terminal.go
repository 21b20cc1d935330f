package contractcli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sessionmock/sessionmock/contracttest"
)

// Limits of what the terminal shows; the reports have everything.
const (
	maxShownEvidence = 5
	maxShownBody     = 240
	maxShownReason   = 90
)

// terminal writes what a person reads: a line per check as it completes, then
// a table of the results and the failures with their evidence. On a terminal
// the marks are symbols; anywhere else (a CI log, a file) they are words, so
// that grep finds them.
type terminal struct {
	w   io.Writer
	tty bool
}

func newTerminal(w io.Writer) terminal {
	return terminal{w: w, tty: isTerminal(w)}
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (t terminal) mark(s contracttest.Status) string {
	if t.tty {
		switch s {
		case contracttest.Passed:
			return "✓"
		case contracttest.Failed:
			return "✗"
		}
		return "-"
	}
	switch s {
	case contracttest.Passed:
		return "PASS"
	case contracttest.Failed:
		return "FAIL"
	}
	return "SKIP"
}

func (t terminal) header(target contracttest.Target) {
	fmt.Fprintf(t.w, "Checking %s against the %s contract\n\n", target.BaseURL, target.Vendor)
}

// progress is the line of one completed check.
func (t terminal) progress(r contracttest.Result) {
	line := fmt.Sprintf("%s %s  %s", t.mark(r.Status), r.ID, r.Title)
	if r.Status != contracttest.Passed {
		line += ": " + clip(r.Reason, maxShownReason)
	}
	fmt.Fprintln(t.w, line)
}

// summary is the table of results, the notes and the failures.
func (t terminal) summary(rep contracttest.Report) {
	fmt.Fprintln(t.w)
	for _, n := range rep.Notes {
		fmt.Fprintf(t.w, "note: %s\n", n)
	}
	if len(rep.Notes) > 0 {
		fmt.Fprintln(t.w)
	}
	tw := tabwriter.NewWriter(t.w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CHECK\tRESULT\tTIME\tDETAIL")
	for _, r := range rep.Checks {
		if r.Status == contracttest.Passed {
			// No trailing tab: tabwriter would pad the empty cell with spaces.
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Status, millis(r.Duration.Std()))
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Status, millis(r.Duration.Std()), clip(r.Reason, maxShownReason))
	}
	_ = tw.Flush()
	s := rep.Summary
	fmt.Fprintf(t.w, "\n%s: %d passed, %d failed, %d skipped (%s in %s)\n",
		plural(s.Total, "check", "checks"), s.Passed, s.Failed, s.Skipped,
		plural(rep.Requests, "request", "requests"), millis(rep.Duration.Std()))
	for _, r := range rep.Checks {
		if r.Status == contracttest.Failed {
			t.failure(r)
		}
	}
}

func (t terminal) failure(r contracttest.Result) {
	fmt.Fprintf(t.w, "\n%s %s: %s\n  %s\n", t.mark(r.Status), r.ID, r.Title, r.Reason)
	shown := 0
	for _, e := range r.Evidence {
		if e.OK {
			continue
		}
		if shown == maxShownEvidence {
			fmt.Fprintf(t.w, "  ... and more in the JSON and JUnit reports\n")
			break
		}
		shown++
		writeEvidence(t.w, e, "  ", maxShownBody)
	}
}

// writeEvidence renders one exchange in a few indented lines.
func writeEvidence(w io.Writer, e contracttest.Evidence, indent string, bodyLimit int) {
	fmt.Fprintf(w, "%s%s %s (%s)\n", indent, e.Request.Method, e.Request.URL, e.Purpose)
	switch {
	case e.Error != "":
		fmt.Fprintf(w, "%s  no answer: %s\n", indent, e.Error)
	default:
		ct := e.ContentType
		if ct == "" {
			ct = "no Content-Type"
		}
		fmt.Fprintf(w, "%s  -> %d %s, %s, %s\n", indent, e.Status, ct, plural(e.BodyBytes, "byte", "bytes"), millis(e.Duration.Std()))
	}
	if e.Note != "" {
		fmt.Fprintf(w, "%s  note: %s\n", indent, e.Note)
	}
	for _, v := range e.Violations {
		fmt.Fprintf(w, "%s  %s\n", indent, v)
	}
	if e.Body != "" {
		fmt.Fprintf(w, "%s  body: %s\n", indent, clip(oneLine(e.Body), bodyLimit))
	}
}

// listChecks prints the catalogue, of one vendor when vendor is set.
func listChecks(w io.Writer, vendor string) {
	for i, c := range contracttest.Checks(vendor) {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s (%s)\n  %s\n", c.ID, strings.Join(c.Vendors, ", "), c.Title)
		for _, line := range wrap(c.Description, 76) {
			fmt.Fprintf(w, "  %s\n", line)
		}
	}
}

func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-3]) + "..."
}

func millis(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return "<1ms"
	case d < 10*time.Second:
		return d.Round(time.Millisecond).String()
	}
	return d.Round(100 * time.Millisecond).String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
