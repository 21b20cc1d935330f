package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// readmeSection returns the shell blocks of the README section whose
// heading starts with heading, in order, up to the next section.
func readmeSection(t *testing.T, heading string) []string {
	t.Helper()
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	start := strings.Index(text, "\n## "+heading)
	if start < 0 {
		t.Fatalf("README has no section %q", heading)
	}
	text = text[start+1:]
	if end := strings.Index(text[3:], "\n## "); end >= 0 {
		text = text[:end+3]
	}
	var blocks []string
	for {
		open := strings.Index(text, "```sh\n")
		if open < 0 {
			return blocks
		}
		text = text[open+len("```sh\n"):]
		end := strings.Index(text, "```")
		blocks = append(blocks, text[:end])
		text = text[end+3:]
	}
}

// expectation is a "# 200 {...}" comment under a command: the status, and
// pieces of the body (split at "...") that must appear in it.
type expectation struct {
	command string
	status  int
	pieces  []string
}

var expectLine = regexp.MustCompile(`^# (\d{3})(?: (.*))?$`)

// readmeScript turns the blocks into one bash script that marks the output
// of every command followed by an expectation, and returns the
// expectations in order.
func readmeScript(blocks []string, base string) (string, []expectation) {
	var lines []string
	for _, b := range blocks {
		// Continuation lines make one command.
		for _, l := range strings.Split(strings.ReplaceAll(b, "\\\n", " "), "\n") {
			lines = append(lines, strings.ReplaceAll(l, "http://127.0.0.1:8080", base))
		}
	}
	script := []string{"set -eu -o pipefail"}
	var want []expectation
	assign := regexp.MustCompile(`^([A-Z]+)=\$\(`)
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "curl ") && i+1 < len(lines) && expectLine.MatchString(lines[i+1]):
			m := expectLine.FindStringSubmatch(lines[i+1])
			status, _ := strconv.Atoi(m[1])
			e := expectation{command: l, status: status}
			for _, p := range strings.Split(m[2], "...") {
				if p = strings.Trim(p, ","); strings.Trim(p, "{}[],") != "" {
					e.pieces = append(e.pieces, p)
				}
			}
			script = append(script, fmt.Sprintf("echo '@@ %d'", len(want)), l+` -w '\n@@status %{http_code}\n'`)
			want = append(want, e)
		case assign.MatchString(l):
			v := assign.FindStringSubmatch(l)[1]
			script = append(script, l, fmt.Sprintf(`[ -n "$%s" ] || { echo "%s is empty after line %d" >&2; exit 1; }`, v, v, i+1))
		default:
			script = append(script, l)
		}
	}
	return strings.Join(script, "\n") + "\n", want
}

// The Appgate section's shell blocks work as pasted against a mock started
// with the defaults: each command gets the status and the body its comment
// promises.
func TestReadmeAppgateFlowsRun(t *testing.T) {
	runReadmeSection(t, "Appgate: discover sessions", 4, 10)
}

// So do the Segura section's and the poller recipe's.
func TestReadmeSeguraFlowsRun(t *testing.T) {
	runReadmeSection(t, "Segura: one session, ending it", 3, 10)
}

func TestReadmePollerRecipeRuns(t *testing.T) {
	runReadmeSection(t, "Test that your poller notices", 1, 6)
}

// runReadmeSection runs the shell blocks of a README section against a
// fresh mock with the defaults; the section must have at least minBlocks
// blocks and minChecks commands with an expected answer.
func runReadmeSection(t *testing.T, heading string, minBlocks, minChecks int) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not on PATH; the README's shell blocks cannot be run")
	}
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not on PATH; the README's shell blocks cannot be run")
	}
	blocks := readmeSection(t, heading)
	if len(blocks) < minBlocks {
		t.Fatalf("%d shell blocks in the section", len(blocks))
	}
	m := startServe(t, nil, "--addr", "127.0.0.1:0")
	script, want := readmeScript(blocks, m.base)
	if len(want) < minChecks {
		t.Fatalf("only %d commands with an expected answer", len(want))
	}
	out, err := exec.Command(bash, "-c", script).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s\nscript:\n%s", err, out, script)
	}
	parts := strings.Split(string(out), "@@ ")[1:]
	if len(parts) != len(want) {
		t.Fatalf("%d answers for %d commands:\n%s", len(parts), len(want), out)
	}
	for i, p := range parts {
		e := want[i]
		_, rest, _ := strings.Cut(p, "\n")
		body, status, ok := strings.Cut(rest, "\n@@status ")
		if !ok || strings.TrimSpace(status) != strconv.Itoa(e.status) {
			t.Errorf("%s\nstatus %q, want %d; body %.300s", e.command, strings.TrimSpace(status), e.status, body)
			continue
		}
		for _, piece := range e.pieces {
			if !strings.Contains(body, piece) {
				t.Errorf("%s\nbody lacks %q:\n%.500s", e.command, piece, body)
			}
		}
	}
}
