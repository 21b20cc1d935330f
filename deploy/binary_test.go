package deploy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// root is the repository root, where the Dockerfile and go.mod live.
const root = ".."

// mainPackage is the package the tests build and run, and the image must
// build too.
const mainPackage = "./cmd/sessionmock"

// testVersion is the VERSION build argument the tests build with.
const testVersion = "v0.0.0-deploy-test"

var built struct {
	dir  string
	once sync.Once
	bin  string
	err  error
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "sessionmock-deploy-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	built.dir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// sessionmock returns the binary that the Dockerfile's go build command
// makes, built once per test run.
func sessionmock(t *testing.T) string {
	t.Helper()
	built.once.Do(func() { built.bin, built.err = buildLikeDockerfile(built.dir) })
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

// buildLikeDockerfile runs the Dockerfile's go build command here: its
// package and link flags, with VERSION set to testVersion. It compiles the
// way this test binary was compiled (with or without -race, no -trimpath,
// cgo as the toolchain defaults), so that the packages the test run has
// already compiled are reused rather than built a second time;
// TestDockerfile checks the compile flags the image adds.
func buildLikeDockerfile(dir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		return "", err
	}
	img, err := parseImage(string(data))
	if err != nil {
		return "", fmt.Errorf("Dockerfile: %w", err)
	}
	bc, err := img.buildCommand(map[string]string{"VERSION": testVersion})
	if err != nil {
		return "", fmt.Errorf("Dockerfile: %w", err)
	}
	bin := filepath.Join(dir, "sessionmock")
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	for i := 0; i < len(bc.args); i++ {
		switch a := bc.args[i]; a {
		case "-trimpath":
		case "-o":
			i++ // replaced by bin
		default:
			args = append(args, a)
		}
	}
	gocmd, err := goTool()
	if err != nil {
		return "", err
	}
	cmd := exec.Command(gocmd, args...)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return bin, nil
}

// goTool is the go command: the one on PATH, or the one of the toolchain
// that built this test.
func goTool() (string, error) {
	if p, err := exec.LookPath("go"); err == nil {
		return p, nil
	}
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("no go command on PATH or in GOROOT: %w", err)
	}
	return p, nil
}

// goCmd runs the go command in the repository root, in this machine's
// environment.
func goCmd(t *testing.T, args ...string) string {
	t.Helper()
	p, err := goTool()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(p, args...)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("go %q: %v\n%s", args, err, exit.Stderr)
		}
		t.Fatalf("go %q: %v", args, err)
	}
	return string(out)
}

// run runs a command to its end with exactly env, and returns what it
// wrote and its exit status.
func run(t *testing.T, env []string, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append([]string{}, env...) // a container's, nothing of this machine's
	cmd.Dir = root
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %q: %v", name, args, err)
	}
	return out.String(), errOut.String(), code
}

// flagLine is a flag in a help text: "  --name ...".
var flagLine = regexp.MustCompile(`(?m)^\s+(?:-[a-z], )?--([a-z][a-z0-9-]*)`)

var helpFlags sync.Map // subcommand → map[string]bool

// flagsOf is the set of flags that "sessionmock help sub" lists.
func flagsOf(t *testing.T, sub string) map[string]bool {
	t.Helper()
	if f, ok := helpFlags.Load(sub); ok {
		return f.(map[string]bool)
	}
	out, errOut, code := run(t, nil, sessionmock(t), "help", sub)
	if code != 0 {
		t.Fatalf("sessionmock help %s: exit %d: %s", sub, code, errOut)
	}
	flags := map[string]bool{}
	for _, m := range flagLine.FindAllStringSubmatch(out, -1) {
		flags[m[1]] = true
	}
	if len(flags) == 0 {
		t.Fatalf("no flags found in the help of %s; has its layout changed?\n%s", sub, out)
	}
	helpFlags.Store(sub, flags)
	return flags
}

// process is a running sessionmock serve.
type process struct {
	url    string // as the banner says, e.g. http://127.0.0.1:41234
	cmd    *exec.Cmd
	stderr *bytes.Buffer
}

// start starts the binary with argv (the container's arguments, without
// the entrypoint) and exactly env, and waits for its banner. It is
// stopped, with SIGINT, when the test ends.
func start(t *testing.T, env, argv []string) *process {
	t.Helper()
	cmd := exec.Command(sessionmock(t), argv...)
	cmd.Env = append([]string{}, env...)
	banner := &bannerWriter{found: make(chan string, 1)}
	p := &process{cmd: cmd, stderr: &bytes.Buffer{}}
	cmd.Stdout, cmd.Stderr = banner, p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case p.url = <-banner.found:
	case err := <-done:
		t.Fatalf("sessionmock %q stopped before it listened (%v):\n%s", argv, err, p.stderr)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		if err := <-done; err != nil {
			t.Errorf("sessionmock %q: %v after SIGINT:\n%s", argv, err, p.stderr)
		}
	})
	return p
}

// bannerWriter watches stdout for the line that says where the mock
// listens.
type bannerWriter struct {
	line  []byte
	sent  bool
	found chan string
}

var listening = regexp.MustCompile(`listening on (\S+)`)

func (b *bannerWriter) Write(p []byte) (int, error) {
	if b.sent {
		return len(p), nil
	}
	b.line = append(b.line, p...)
	for {
		i := bytes.IndexByte(b.line, '\n')
		if i < 0 {
			return len(p), nil
		}
		if m := listening.FindSubmatch(b.line[:i]); m != nil {
			b.found <- string(m[1])
			b.sent, b.line = true, nil
			return len(p), nil
		}
		b.line = b.line[i+1:]
	}
}

var _ io.Writer = (*bannerWriter)(nil)
