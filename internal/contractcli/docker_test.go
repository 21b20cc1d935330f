package contractcli

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The repository root, where the Dockerfile and docker-compose.yml live.
const root = "../.."

type composeFile struct {
	Services map[string]composeService `yaml:"services"`
}

type composeService struct {
	Build       any               `yaml:"build"`
	Image       string            `yaml:"image"`
	Command     []string          `yaml:"command"`
	Environment map[string]string `yaml:"environment"`
	Ports       []string          `yaml:"ports"`
	Volumes     []string          `yaml:"volumes"`
	User        string            `yaml:"user"`
	DependsOn   map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Healthcheck struct {
		Test    []string `yaml:"test"`
		Disable bool     `yaml:"disable"`
	} `yaml:"healthcheck"`
}

// The compose file runs the mock, then the suite of each vendor against it,
// with settings the contract command accepts.
func TestComposeFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	mock, ok := c.Services["mock"]
	if !ok {
		t.Fatal("no mock service")
	}
	if mock.Build != "." || !slices.Contains(mock.Ports, "127.0.0.1:8080:8080") {
		t.Errorf("mock: build %v, ports %v", mock.Build, mock.Ports)
	}
	if !slices.Equal(mock.Healthcheck.Test, []string{"CMD", "/sessionmock", "health"}) {
		t.Errorf("mock health check %v", mock.Healthcheck.Test)
	}
	for _, vendor := range []string{"segura", "appgate"} {
		name := "contract-" + vendor
		t.Run(name, func(t *testing.T) {
			svc, ok := c.Services[name]
			if !ok {
				t.Fatalf("no %s service", name)
			}
			if svc.Image != mock.Image || svc.Build != mock.Build {
				t.Errorf("image %q build %v, want the mock's %q %v", svc.Image, svc.Build, mock.Image, mock.Build)
			}
			if svc.DependsOn["mock"].Condition != "service_healthy" {
				t.Errorf("depends_on %+v: the suite must wait for a healthy mock", svc.DependsOn)
			}
			if !slices.Contains(svc.Volumes, "./reports:/reports") {
				t.Errorf("volumes %v: want ./reports mounted on /reports", svc.Volumes)
			}
			if !svc.Healthcheck.Disable {
				t.Error("the image's health check, which probes a mock, is not disabled")
			}
			if svc.User == "" {
				t.Error("no user: the reports would belong to the image's user")
			}
			if len(svc.Command) == 0 || svc.Command[0] != "contract" {
				t.Fatalf("command %v", svc.Command)
			}
			s, err := parseArgs(svc.Command[1:], func(k string) string { return svc.Environment[k] })
			if err != nil {
				t.Fatalf("the contract command refuses %v: %v", svc.Command, err)
			}
			if s.target.Vendor != vendor || !strings.HasPrefix(s.target.BaseURL, "http://mock:8080") {
				t.Errorf("target %s at %s", s.target.Vendor, s.target.BaseURL)
			}
			if vendor == "appgate" && !strings.HasSuffix(s.target.BaseURL, "/admin") {
				t.Errorf("appgate base URL %s does not end in /admin", s.target.BaseURL)
			}
			if !strings.HasPrefix(s.junit, "/reports/") || !strings.HasPrefix(s.json, "/reports/") {
				t.Errorf("reports written to %q and %q, outside the mounted folder", s.junit, s.json)
			}
			// The credentials are the ones the mock is given.
			for k, v := range svc.Environment {
				if mock.Environment[k] != v {
					t.Errorf("%s=%q, but the mock has %q", k, v, mock.Environment[k])
				}
			}
		})
	}
}

// The Dockerfile builds the binary the way the project builds it: static,
// with the go.mod toolchain, into a small image that runs as a non-root user
// and probes its own health.
func TestDockerfile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	df := string(data)
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goLine := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(string(mod))
	if goLine == nil {
		t.Fatal("no go directive in go.mod")
	}
	for _, want := range []string{
		"ARG GO_VERSION=" + goLine[1] + "\n",
		"FROM golang:${GO_VERSION} AS build",
		"CGO_ENABLED=0 go build -trimpath -ldflags \"-s -w",
		"./cmd/sessionmock",
		"FROM gcr.io/distroless/static-debian12:nonroot",
		"COPY --from=build /out/sessionmock /sessionmock",
		"USER nonroot:nonroot",
		"ENV SESSIONMOCK_ADDR=0.0.0.0:8080",
		`CMD ["/sessionmock", "health"]`,
		`ENTRYPOINT ["/sessionmock"]`,
		`CMD ["serve"]`,
	} {
		if !strings.Contains(df, want) {
			t.Errorf("the Dockerfile lacks %q", want)
		}
	}
	if strings.Count(df, "\nFROM ") != 2 {
		t.Error("want two stages: build and run")
	}
}

// .dockerignore leaves out nothing the build needs.
func TestDockerignore(t *testing.T) {
	t.Parallel()
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
	needed := []string{"go.mod", "go.sum", "cmd/sessionmock/main.go", "openapi/segura.yaml", "openapi/appgate.yaml",
		"server/server.go", "fixtures/dn.go", "contracttest/run.go", "internal/contractcli/main.go"}
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
