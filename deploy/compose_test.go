package deploy

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type composeFile struct {
	Services map[string]*composeService `yaml:"services"`
	// Extension fields (x-...), where the shared parts are anchored.
	Extensions map[string]any `yaml:",inline"`
}

// composeService has the fields the compose file uses; they are decoded
// strictly, so a misspelt one is an error.
type composeService struct {
	Build       any               `yaml:"build"`
	Image       string            `yaml:"image"`
	Command     []string          `yaml:"command"`
	Environment map[string]string `yaml:"environment"`
	Ports       []string          `yaml:"ports"`
	Volumes     []string          `yaml:"volumes"`
	User        string            `yaml:"user"`
	Restart     string            `yaml:"restart"`
	DependsOn   map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Healthcheck *struct {
		Test        []string `yaml:"test"`
		Interval    string   `yaml:"interval"`
		Timeout     string   `yaml:"timeout"`
		Retries     int      `yaml:"retries"`
		StartPeriod string   `yaml:"start_period"`
		Disable     bool     `yaml:"disable"`
	} `yaml:"healthcheck"`
}

// decodeStrict decodes one YAML document, refusing fields that into does
// not have.
func decodeStrict(text string, into any) error {
	dec := yaml.NewDecoder(strings.NewReader(text))
	dec.KnownFields(true)
	return dec.Decode(into)
}

func loadCompose(t *testing.T) *composeFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := decodeStrict(string(data), &c); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	for k := range c.Extensions {
		if !strings.HasPrefix(k, "x-") {
			t.Errorf("docker-compose.yml: top-level %q is no compose key", k)
		}
	}
	return &c
}

// builder is the one service that builds the image.
func (c *composeFile) builder(t *testing.T) (string, *composeService) {
	t.Helper()
	var names []string
	for n, s := range c.Services {
		if s.Build != nil {
			names = append(names, n)
		}
	}
	if len(names) != 1 {
		t.Fatalf("services %q build the image: want one, the others reusing its image", names)
	}
	return names[0], c.Services[names[0]]
}

// argv is what a service runs after the image's entrypoint.
func (s *composeService) argv(img image) []string {
	if s.Command != nil {
		return s.Command
	}
	return img.cmd
}

// checkCompose holds the compose file to the image and the binary: one
// service builds the image and every other one runs that image after the
// mock is healthy; only the mock, which serves, has a health check, and it
// runs a health command with flags the binary has; the contract services
// run the suite with flags it has, against the mock, and write their
// reports into the mounted folder.
func checkCompose(t *testing.T, c *composeFile, img image) []string {
	t.Helper()
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	var builders []string
	for n, s := range c.Services {
		if s.Build != nil {
			builders = append(builders, n)
		}
	}
	if len(builders) != 1 {
		return []string{fmt.Sprintf("services %q build the image: want one, the others reusing its image", builders)}
	}
	name, mock := builders[0], c.Services[builders[0]]
	if mock.Build != "." {
		bad("%s builds %v: want the repository root, where the Dockerfile is", name, mock.Build)
	}
	if mock.Image != readmeImage(t) {
		bad("%s tags the image %q; the README builds and runs %q", name, mock.Image, readmeImage(t))
	}
	if argv := mock.argv(img); len(argv) == 0 || argv[0] != "serve" {
		bad("%s runs %q: want serve", name, argv)
	}
	hc := mock.Healthcheck
	if hc == nil || hc.Disable || len(hc.Test) < 3 || hc.Test[0] != "CMD" || hc.Test[1] != img.entrypoint[0] || hc.Test[2] != "health" {
		bad("%s health check %+v: want [CMD %s health ...]", name, hc, img.entrypoint[0])
	} else {
		healthFlags := flagsOf(t, "health")
		for _, a := range hc.Test[3:] {
			if n, _, _ := strings.Cut(strings.TrimPrefix(a, "--"), "="); !strings.HasPrefix(a, "--") || !healthFlags[n] {
				bad("health check argument %q: sessionmock health has no flag --%s", a, n)
			}
		}
	}
	_, imagePort, _ := net.SplitHostPort(envOf(img.env, "SESSIONMOCK_ADDR"))
	if len(mock.Ports) != 1 || mock.Ports[0] != "127.0.0.1:"+imagePort+":"+imagePort {
		bad("%s ports %q: want 127.0.0.1:%s:%s, on loopback only (the mock accepts well-known credentials)", name, mock.Ports, imagePort, imagePort)
	}

	contractFlags := flagsOf(t, "contract")
	contracts := 0
	var names []string
	for n := range c.Services {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		s := c.Services[n]
		if n == name {
			continue
		}
		if s.Image != mock.Image {
			bad("%s: image %q, want the one %s builds, %q", n, s.Image, name, mock.Image)
		}
		if dep, ok := s.DependsOn[name]; !ok || dep.Condition != "service_healthy" {
			bad("%s: depends_on %+v: want %s with condition service_healthy", n, s.DependsOn, name)
		}
		if s.Healthcheck != nil && !s.Healthcheck.Disable {
			bad("%s: health check %v on a service that does not serve", n, s.Healthcheck.Test)
		}
		argv := s.argv(img)
		if len(argv) == 0 || argv[0] != "contract" {
			bad("%s: command %q: want contract", n, argv)
			continue
		}
		contracts++
		for _, a := range argv[1:] {
			if f, _, _ := strings.Cut(strings.TrimPrefix(a, "--"), "="); !strings.HasPrefix(a, "--") || !contractFlags[f] {
				bad("%s: argument %q: sessionmock contract has no flag --%s", n, a, f)
			}
		}
		base := flagValue(argv, "base-url")
		if u, err := url.Parse(base); err != nil || u.Host != name+":"+imagePort {
			bad("%s: --base-url %q: want the %s service on port %s", n, base, name, imagePort)
		}
		if !slices.Contains(s.Volumes, "./reports:/reports") {
			bad("%s: volumes %q: want ./reports on /reports", n, s.Volumes)
		}
		for _, f := range []string{"junit", "json"} {
			if !strings.HasPrefix(flagValue(argv, f), "/reports/") {
				bad("%s: --%s %q: outside the mounted folder", n, f, flagValue(argv, f))
			}
		}
		if s.User == "" {
			bad("%s: no user: the reports would belong to the image's user", n)
		}
		for k, v := range s.Environment {
			if mock.Environment[k] != v {
				bad("%s: %s=%q, but the mock has %q", n, k, v, mock.Environment[k])
			}
		}
	}
	if contracts != 2 {
		bad("%d contract services: want one per vendor", contracts)
	}
	return problems
}

func TestComposeFile(t *testing.T) {
	for _, p := range checkCompose(t, loadCompose(t), loadImage(t)) {
		t.Error(p)
	}
}

// TestComposeCheckCatches feeds checkCompose a compose file with one
// defect each.
func TestComposeCheckCatches(t *testing.T) {
	img := loadImage(t)
	for _, tt := range []struct {
		name, want string
		spoil      func(c *composeFile)
	}{
		{"built twice", "build the image: want one", func(c *composeFile) { c.Services["contract-segura"].Build = "." }},
		{"other image", `contract-appgate: image "sessionmock:local"`, func(c *composeFile) { c.Services["contract-appgate"].Image = "sessionmock:local" }},
		{"no wait", "condition service_healthy", func(c *composeFile) { c.Services["contract-segura"].DependsOn = nil }},
		{"health on contract", "on a service that does not serve", func(c *composeFile) {
			c.Services["contract-segura"].Healthcheck = c.Services["mock"].Healthcheck
		}},
		{"no health", "mock health check", func(c *composeFile) { c.Services["mock"].Healthcheck = nil }},
		{"health flag", "sessionmock health has no flag --port", func(c *composeFile) {
			h := *c.Services["mock"].Healthcheck
			h.Test = append(slices.Clone(h.Test), "--port=8080")
			c.Services["mock"].Healthcheck = &h
		}},
		{"contract flag", "sessionmock contract has no flag --report", func(c *composeFile) {
			s := c.Services["contract-appgate"]
			s.Command = append(slices.Clone(s.Command), "--report=/reports/x")
		}},
		{"public port", "on loopback only", func(c *composeFile) { c.Services["mock"].Ports = []string{"8080:8080"} }},
		{"base URL", "want the mock service on port 8080", func(c *composeFile) {
			s := c.Services["contract-segura"]
			s.Command = append(slices.Clone(s.Command), "--base-url=http://localhost:8080")
		}},
		{"reports", "outside the mounted folder", func(c *composeFile) {
			s := c.Services["contract-segura"]
			s.Command = append(slices.Clone(s.Command), "--junit=segura.xml")
		}},
		{"image name", "the README builds and runs", func(c *composeFile) {
			for _, s := range c.Services {
				s.Image = "mock"
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := loadCompose(t)
			tt.spoil(c)
			if got := strings.Join(checkCompose(t, c, img), "\n"); !strings.Contains(got, tt.want) {
				t.Errorf("problems %q, want one with %q", got, tt.want)
			}
		})
	}
}

// flagValue is the value of --name=value in argv: the last one, as for
// the flag package.
func flagValue(argv []string, name string) string {
	v := ""
	for _, a := range argv {
		if val, ok := strings.CutPrefix(a, "--"+name+"="); ok {
			v = val
		}
	}
	return v
}

// The compose services run here as compose runs them: the mock with the
// image's environment and its own, its health check with the same
// environment, then each contract service against it, which must pass and
// write its reports.
func TestComposeRun(t *testing.T) {
	c := loadCompose(t)
	img := loadImage(t)
	name, mock := c.builder(t)
	env := append(slices.Clone(img.env), mapEnv(mock.Environment)...)
	p := start(t, env, append(slices.Clone(mock.argv(img)), "--addr=127.0.0.1:0"))
	u, err := url.Parse(p.url)
	if err != nil {
		t.Fatal(err)
	}

	// The health check sees the container's environment; only the port
	// differs, since the mock here listens on a free one.
	host, _, _ := net.SplitHostPort(envOf(env, "SESSIONMOCK_ADDR"))
	healthEnv := append(slices.Clone(env), "SESSIONMOCK_ADDR="+net.JoinHostPort(host, u.Port()))
	if out, errOut, code := run(t, healthEnv, sessionmock(t), mock.Healthcheck.Test[2:]...); code != 0 {
		t.Fatalf("health check %q: exit %d\n%s%s", mock.Healthcheck.Test, code, out, errOut)
	}

	_, imagePort, _ := net.SplitHostPort(envOf(img.env, "SESSIONMOCK_ADDR"))
	for n, s := range c.Services {
		if n == name {
			continue
		}
		t.Run(n, func(t *testing.T) {
			reports := t.TempDir()
			var argv []string
			for _, a := range s.argv(img) {
				a = strings.Replace(a, "http://"+name+":"+imagePort, p.url, 1)
				a = strings.Replace(a, "=/reports/", "="+reports+"/", 1)
				argv = append(argv, a)
			}
			env := append(slices.Clone(img.env), mapEnv(s.Environment)...)
			out, errOut, code := run(t, env, sessionmock(t), argv...)
			if code != 0 {
				t.Fatalf("%q: exit %d\n%s%s", argv, code, out, errOut)
			}
			for _, f := range []string{"junit", "json"} {
				local := strings.Replace(flagValue(s.argv(img), f), "/reports/", reports+"/", 1)
				if info, err := os.Stat(local); err != nil || info.Size() == 0 {
					t.Errorf("--%s report: %v", f, err)
				}
			}
		})
	}
}

func mapEnv(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	slices.Sort(out)
	return out
}
