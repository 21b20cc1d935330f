package contractcli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sessionmock/sessionmock/contracttest"
	"github.com/sessionmock/sessionmock/internal/cli"
)

// Main runs "sessionmock contract" with args, the arguments after the
// subcommand. It returns nil when every check passed or was skipped, and
// otherwise a *cli.Error with the status to exit with: cli.ExitFailed when a
// check failed, cli.ExitUsage for a usage mistake or a server that could not be
// checked at all. Its message is one line.
func Main(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	s, err := parseArgs(args, getenv)
	if errors.Is(err, flag.ErrHelp) {
		Usage(stdout)
		return nil
	}
	if err != nil {
		return usageError(err)
	}
	if s.listChecks {
		listChecks(stdout, s.target.Vendor)
		return nil
	}
	for _, n := range s.notes {
		fmt.Fprintf(stderr, "sessionmock: contract: note: %s\n", n)
	}
	term := newTerminal(stdout)
	term.header(s.target)
	s.opts.Progress = term.progress
	rep, err := contracttest.Run(ctx, s.target, s.opts)
	if err != nil {
		return usageError(err)
	}
	if ctx.Err() != nil {
		return usageError(errors.New("interrupted before the checks were done; no report was written"))
	}
	term.summary(rep)
	if err := writeReports(s, rep, stdout); err != nil {
		return usageError(err)
	}
	if rep.Failed() {
		var ids []string
		for _, r := range rep.Checks {
			if r.Status == contracttest.Failed {
				ids = append(ids, r.ID)
			}
		}
		return cli.Failed(fmt.Errorf("%d of %d checks failed: %s",
			rep.Summary.Failed, rep.Summary.Total, strings.Join(ids, ", ")))
	}
	return nil
}

func usageError(err error) error { return cli.Usage(err) }

// writeReports writes the files asked for, creating their folders.
func writeReports(s settings, rep contracttest.Report, stdout io.Writer) error {
	type file struct {
		name, kind string
		write      func(io.Writer) error
	}
	files := []file{
		{s.json, "JSON", func(w io.Writer) error { return writeJSON(w, rep) }},
		{s.junit, "JUnit XML", func(w io.Writer) error { return writeJUnit(w, rep) }},
	}
	sep := "\n"
	for _, f := range files {
		if f.name == "" {
			continue
		}
		if err := writeFile(f.name, f.write); err != nil {
			return fmt.Errorf("write the %s report: %w", f.kind, err)
		}
		fmt.Fprintf(stdout, "%swrote the %s report to %s\n", sep, f.kind, f.name)
		sep = ""
	}
	return nil
}

// writeFile writes through a temporary file in the same folder, so that a
// CI step never reads half a report.
func writeFile(name string, write func(io.Writer) error) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
