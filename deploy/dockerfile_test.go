package deploy

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction, its continuation lines joined.
type instruction struct {
	cmd  string // upper case: FROM, RUN, ...
	args string
	line int
}

// parseDockerfile splits a Dockerfile into instructions, dropping comments
// (parser directives included) and joining lines that end in a backslash.
func parseDockerfile(text string) ([]instruction, error) {
	var out []instruction
	var cur strings.Builder
	start := 0
	for i, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if cur.Len() == 0 {
			start = i + 1
		}
		cont := strings.HasSuffix(trimmed, `\`)
		cur.WriteString(strings.TrimSuffix(trimmed, `\`))
		if cont {
			cur.WriteByte(' ')
			continue
		}
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{cmd: strings.ToUpper(cmd), args: strings.TrimSpace(args), line: start})
		cur.Reset()
	}
	if cur.Len() > 0 {
		return nil, fmt.Errorf("line %d: the last instruction ends in a backslash", start)
	}
	return out, nil
}

// image is what the Dockerfile's last stage gives a container.
type image struct {
	stages      []string // the FROM lines
	entrypoint  []string
	cmd         []string
	env         []string // KEY=VALUE, in order
	expose      []string
	user        string
	healthcheck string // the HEALTHCHECK instruction, "" for none
	args        map[string]string
	// build is the RUN command that runs go build, and copies the COPY
	// --from instructions of the last stage.
	build  string
	copies []string
}

func loadImage(t *testing.T) image {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := parseImage(string(data))
	if err != nil {
		t.Fatalf("Dockerfile: %v", err)
	}
	return img
}

func parseImage(text string) (image, error) {
	ins, err := parseDockerfile(text)
	if err != nil {
		return image{}, err
	}
	img := image{args: map[string]string{}}
	for _, in := range ins {
		switch in.cmd {
		case "ARG":
			k, v, _ := strings.Cut(in.args, "=")
			img.args[k] = v
		case "FROM":
			img.stages = append(img.stages, in.args)
			// What a stage sets is not inherited by the next one.
			img.entrypoint, img.cmd, img.env, img.expose, img.user, img.healthcheck = nil, nil, nil, nil, "", ""
			img.copies = nil
		case "RUN":
			if strings.Contains(in.args, "go build") {
				img.build = in.args
			}
		case "COPY":
			if strings.HasPrefix(in.args, "--from=") {
				img.copies = append(img.copies, in.args)
			}
		case "ENTRYPOINT", "CMD":
			var argv []string
			if err := json.Unmarshal([]byte(in.args), &argv); err != nil {
				return image{}, fmt.Errorf("line %d: %s must be in exec form (a JSON array): %v", in.line, in.cmd, err)
			}
			if in.cmd == "ENTRYPOINT" {
				img.entrypoint = argv
			} else {
				img.cmd = argv
			}
		case "ENV":
			for _, kv := range strings.Fields(in.args) {
				if !strings.Contains(kv, "=") {
					return image{}, fmt.Errorf("line %d: ENV %q: want KEY=VALUE", in.line, kv)
				}
				img.env = append(img.env, kv)
			}
		case "EXPOSE":
			img.expose = append(img.expose, strings.Fields(in.args)...)
		case "USER":
			img.user = in.args
		case "HEALTHCHECK":
			img.healthcheck = in.args
		}
	}
	return img, nil
}

// envOf is the value of key in KEY=VALUE pairs, the last one winning.
func envOf(env []string, key string) string {
	v := ""
	for _, kv := range env {
		if k, val, _ := strings.Cut(kv, "="); k == key {
			v = val
		}
	}
	return v
}

// buildCommand is the image's go build command: the variables it sets and
// its arguments after "go build", with ${NAME} replaced from vars.
type buildCommand struct {
	env  []string
	args []string
}

func (img image) buildCommand(vars map[string]string) (buildCommand, error) {
	words, err := shellWords(img.build)
	if err != nil {
		return buildCommand{}, err
	}
	var bc buildCommand
	i := 0
	for ; i < len(words) && strings.HasPrefix(words[i], "--mount="); i++ {
	}
	for ; i < len(words) && regexp.MustCompile(`^[A-Z_][A-Z0-9_]*=`).MatchString(words[i]); i++ {
		bc.env = append(bc.env, words[i])
	}
	if i+1 >= len(words) || words[i] != "go" || words[i+1] != "build" {
		return buildCommand{}, fmt.Errorf("RUN %s: want [VAR=value...] go build ...", img.build)
	}
	expand := func(s string) string {
		return os.Expand(s, func(name string) string {
			if v, ok := vars[name]; ok {
				return v
			}
			return img.args[name]
		})
	}
	for _, w := range words[i+2:] {
		bc.args = append(bc.args, expand(w))
	}
	return bc, nil
}

// pkg is the package built: the last argument.
func (bc buildCommand) pkg() string {
	if len(bc.args) == 0 {
		return ""
	}
	return bc.args[len(bc.args)-1]
}

// flag is the value of a "-name value" argument, "" when absent.
func (bc buildCommand) flag(name string) string {
	for i, a := range bc.args {
		if a == name && i+1 < len(bc.args) {
			return bc.args[i+1]
		}
	}
	return ""
}

// shellWords splits a command the way sh does for the plain cases a
// Dockerfile uses: blanks separate words, quotes group them.
func shellWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case r == ';' || r == '&' || r == '|':
			return nil, fmt.Errorf("%q: one command only", s)
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("%q: unclosed quote", s)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

func TestShellWords(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want []string
		err  bool
	}{
		{in: `CGO_ENABLED=0 go build -ldflags "-s -w -X main.version=${VERSION}" -o /out/x ./cmd/x`,
			want: []string{"CGO_ENABLED=0", "go", "build", "-ldflags", "-s -w -X main.version=${VERSION}", "-o", "/out/x", "./cmd/x"}},
		{in: `a 'b c'  d`, want: []string{"a", "b c", "d"}},
		{in: `a ""`, want: []string{"a", ""}},
		{in: `go build && rm -rf /`, err: true},
		{in: `a "b`, err: true},
	} {
		got, err := shellWords(tt.in)
		if (err != nil) != tt.err || strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("shellWords(%q) = %q, %v", tt.in, got, err)
		}
	}
}

// checkImage holds the Dockerfile to what the tests build and run: it
// builds the package the tests build, the way the project builds it
// (static, with the toolchain of go.mod), into a small image that runs as
// a numeric non-root user, listens on every interface on the port it
// exposes, and has no health check of its own.
func checkImage(img image, goVersion string) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if len(img.stages) != 2 {
		return []string{fmt.Sprintf("stages %q: want build and run", img.stages)}
	}
	if img.stages[0] != "golang:${GO_VERSION} AS build" || img.args["GO_VERSION"] != goVersion {
		bad("build stage FROM %s with GO_VERSION %q; want golang:${GO_VERSION} and go.mod's %s",
			img.stages[0], img.args["GO_VERSION"], goVersion)
	}
	if img.stages[1] != "gcr.io/distroless/static-debian12:nonroot" {
		bad("run stage FROM %s: want distroless static", img.stages[1])
	}
	bc, err := img.buildCommand(nil)
	if err != nil {
		return append(problems, err.Error())
	}
	if bc.pkg() != mainPackage {
		bad("the image builds %s; the tests build and check %s", bc.pkg(), mainPackage)
	}
	if envOf(bc.env, "CGO_ENABLED") != "0" {
		bad("build environment %q: want CGO_ENABLED=0, a static binary for an image without a C library", bc.env)
	}
	if !slices.Contains(bc.args, "-trimpath") {
		bad("no -trimpath: the binary would carry the build machine's paths")
	}
	if out := bc.flag("-o"); len(img.copies) != 1 || len(img.entrypoint) == 0 ||
		img.copies[0] != "--from=build "+out+" "+img.entrypoint[0] {
		bad("the run stage copies %q and runs %q; want the build's %s copied to the entrypoint", img.copies, img.entrypoint, out)
	}
	if uid, _, _ := strings.Cut(img.user, ":"); uid == "" || uid == "0" {
		bad("USER %q: want a non-root user", img.user)
	} else if _, err := strconv.Atoi(uid); err != nil {
		bad("USER %q: want a numeric user, which Kubernetes can check against runAsNonRoot", img.user)
	}
	addr := envOf(img.env, "SESSIONMOCK_ADDR")
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host != "0.0.0.0" {
		bad("ENV SESSIONMOCK_ADDR=%q: want 0.0.0.0:PORT, reachable from outside the container", addr)
	}
	if strings.Join(img.expose, " ") != port {
		bad("EXPOSE %q, but the mock listens on port %q", img.expose, port)
	}
	if img.healthcheck != "" {
		bad("HEALTHCHECK %s: the image also runs contract, which listens nowhere and would be marked unhealthy; "+
			"health checks belong to the compose service and the Kubernetes probes", img.healthcheck)
	}
	if strings.Join(img.cmd, " ") != "serve" {
		bad("CMD %q: want serve", img.cmd)
	}
	return problems
}

func goModVersion(t *testing.T) string {
	t.Helper()
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(string(mod))
	if m == nil {
		t.Fatal("no go directive in go.mod")
	}
	return m[1]
}

func TestDockerfile(t *testing.T) {
	t.Parallel()
	for _, p := range checkImage(loadImage(t), goModVersion(t)) {
		t.Error(p)
	}
}

// TestImageCheckCatches feeds checkImage a Dockerfile with one defect
// each.
func TestImageCheckCatches(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := goModVersion(t)
	for _, tt := range []struct{ name, old, new, want string }{
		{"health check", "ENTRYPOINT [", "HEALTHCHECK CMD [\"/sessionmock\", \"health\"]\nENTRYPOINT [", "HEALTHCHECK"},
		{"named user", "USER 65532:65532", "USER nonroot:nonroot", "want a numeric user"},
		{"root", "USER 65532:65532", "USER 0", "want a non-root user"},
		{"other package", " ./cmd/sessionmock\n", " ./bench\n", "the image builds ./bench"},
		{"cgo", "CGO_ENABLED=0 ", "", "want CGO_ENABLED=0"},
		{"loopback", "SESSIONMOCK_ADDR=0.0.0.0:8080", "SESSIONMOCK_ADDR=127.0.0.1:8080", "reachable from outside"},
		{"expose", "EXPOSE 8080", "EXPOSE 80", "EXPOSE [\"80\"]"},
		{"go version", "ARG GO_VERSION=" + goVersion, "ARG GO_VERSION=1.21", "go.mod's"},
		{"entrypoint", `ENTRYPOINT ["/sessionmock"]`, `ENTRYPOINT ["/bin/sessionmock"]`, "copied to the entrypoint"},
	} {
		if !strings.Contains(string(data), tt.old) {
			t.Fatalf("%s: the Dockerfile has no %q to spoil", tt.name, tt.old)
		}
		img, err := parseImage(strings.Replace(string(data), tt.old, tt.new, 1))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := strings.Join(checkImage(img, goVersion), "\n"); !strings.Contains(got, tt.want) {
			t.Errorf("%s: problems %q, want one with %q", tt.name, got, tt.want)
		}
	}
}

// The binary built by the Dockerfile's own command reports the version the
// image is built with, and its default command is one it has.
func TestDockerfileBuild(t *testing.T) {
	bin := sessionmock(t)
	out, _, code := run(t, nil, bin, "version")
	if code != 0 || !strings.Contains(out, testVersion) {
		t.Errorf("sessionmock version = %q (exit %d): the Dockerfile's -X main.version=${VERSION} does not set it", out, code)
	}
	img := loadImage(t)
	if _, errOut, code := run(t, nil, bin, append([]string{"help"}, img.cmd...)...); code != 0 {
		t.Errorf("CMD %q is not a subcommand: %s", img.cmd, errOut)
	}
}

// .dockerignore leaves out nothing the build needs.
func TestDockerignore(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			patterns = append(patterns, line)
		}
	}
	for _, tt := range []struct {
		pattern, path string
		want          bool
	}{
		{".git", ".git/config", true}, {"**/testdata", "fixtures/testdata/pins.yaml", true},
		{"**/*.test", "cmd/sessionmock/sessionmock.test", true}, {"docs", "go.mod", false},
	} {
		if ignored(tt.pattern, tt.path) != tt.want {
			t.Fatalf("ignored(%q, %q) != %t: the check itself is broken", tt.pattern, tt.path, tt.want)
		}
	}
	// Every Go file of the package the image builds, and what it embeds.
	listed := goCmd(t, "list", "-deps", "-f",
		`{{if not .Standard}}{{range .GoFiles}}{{$.Dir}}/{{.}}{{"\n"}}{{end}}{{range .EmbedFiles}}{{$.Dir}}/{{.}}{{"\n"}}{{end}}{{end}}`,
		mainPackage)
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	needed := []string{"go.mod", "go.sum"}
	for _, f := range strings.Fields(listed) {
		if rel, err := filepath.Rel(abs, f); err == nil && !strings.HasPrefix(rel, "..") {
			needed = append(needed, filepath.ToSlash(rel))
		}
	}
	if len(needed) < 10 {
		t.Fatalf("go list found only %q", needed)
	}
	for _, p := range patterns {
		for _, n := range needed {
			if ignored(p, n) {
				t.Errorf("pattern %q leaves %s out of the build context", p, n)
			}
		}
	}
}

// ignored approximates Docker's matching: a pattern matches a path or any
// of its parent folders, and **/ matches any number of folders.
func ignored(pattern, path string) bool {
	pattern = strings.TrimPrefix(pattern, "**/")
	parts := strings.Split(path, "/")
	for i := range parts {
		for j := i + 1; j <= len(parts); j++ {
			if ok, _ := filepath.Match(pattern, strings.Join(parts[i:j], "/")); ok {
				return true
			}
		}
	}
	return false
}
