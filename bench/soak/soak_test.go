package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestSoakShortRun runs the whole soak, small: every answer is what its
// request must get, and the report has its figures.
func TestSoakShortRun(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"-n", "3100", "-c", "4", "-samples", "4"}, &out, &errOut); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	report := out.String()
	for _, want := range []string{"- run: 3,100 requests", "| 3,100 |", "): flat;", "- answers: 0 unexpected of 3,100",
		"| admin: add a rule | 40 | 0 |", "| fault=reset |"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	if n := strings.Count(report, " MB | "); n < 5*4 {
		t.Errorf("%d memory figures in the report, want the 5 samples' rows:\n%s", n, report)
	}
}

func TestParseOptions(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-n", "0"}, "-n 0: want 1 to 100000000 requests"},
		{[]string{"-n", "100000001"}, "-n 100000001: want 1 to 100000000 requests"},
		{[]string{"-c", "0"}, "-c 0: want 1 to 256 workers"},
		{[]string{"-samples", "101"}, "-samples 101: want 1 to 100"},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"-n", "x"}, `invalid value "x" for flag -n`},
	} {
		if _, err := parseOptions(tt.args, io.Discard); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: error %v, want %q", tt.args, err, tt.want)
		}
	}
	o, err := parseOptions(nil, io.Discard)
	if err != nil || o.N != 1_000_000 || o.Concurrency != 16 || o.Samples != 10 {
		t.Errorf("defaults: %+v, %v", o, err)
	}
}

// TestVerdictCatchesDefects feeds the verdict a run with exactly the
// defects it is there to catch.
func TestVerdictCatchesDefects(t *testing.T) {
	t.Parallel()
	heap := func(mb ...uint64) []sample {
		out := []sample{{}}
		for i, m := range mb {
			out = append(out, sample{Done: uint64(i + 1), HeapLive: m << 20})
		}
		return out
	}
	flat := &result{samples: heap(4, 5, 4, 5, 4, 5)}
	if err := flat.verdict(); err != nil {
		t.Errorf("flat heap: %v", err)
	}
	leak := &result{samples: heap(4, 5, 6, 9, 12, 15)}
	if err := leak.verdict(); err == nil || !strings.Contains(err.Error(), "grew") {
		t.Errorf("growing heap: %v", err)
	}
	kr := &kindResult{kind: kind{name: "fault=reset", check: dropped}}
	msg := "answered 200, want the connection dropped"
	kr.unexpected.Add(1)
	kr.first.Store(&msg)
	wrong := &result{samples: flat.samples, kinds: []*kindResult{kr}}
	if err := wrong.verdict(); err == nil || !strings.Contains(err.Error(), "fault=reset: 1 unexpected") {
		t.Errorf("an unexpected answer: %v", err)
	}
}

func TestChecks(t *testing.T) {
	t.Parallel()
	cut := []byte(`{"peerVersion":2`)
	for _, tt := range []struct {
		name  string
		check func(answer) error
		a     answer
		ok    bool
	}{
		{"json 200", jsonStatus(200), answer{status: 200, body: []byte(`{}`)}, true},
		{"json, other status", jsonStatus(200), answer{status: 500, body: []byte(`{}`)}, false},
		{"json, body not JSON", jsonStatus(404), answer{status: 404, body: []byte("404 page not found")}, false},
		{"json, transport error", jsonStatus(200), answer{err: errors.New("reset")}, false},
		{"empty 204", emptyStatus(204), answer{status: 204}, true},
		{"dropped", dropped, answer{err: io.ErrUnexpectedEOF}, true},
		{"not dropped", dropped, answer{status: 200, body: []byte(`{}`)}, false},
		{"cut short", cutShort, answer{status: 200, body: cut}, true},
		{"whole", cutShort, answer{status: 200, body: []byte(`{}`)}, false},
	} {
		if err := tt.check(tt.a); (err == nil) != tt.ok {
			t.Errorf("%s: %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}
