package deploy

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func readme(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// section is the text of the README section with that heading.
func section(t *testing.T, heading string) string {
	t.Helper()
	text := readme(t)
	i := strings.Index(text, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README has no %q section", heading)
	}
	rest := text[i+len(heading)+2:]
	if j := strings.Index(rest, "\n## "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

var dockerBuild = regexp.MustCompile(`docker build -t (\S+) \.`)

// readmeImage is the image name the README's docker build step gives.
func readmeImage(t *testing.T) string {
	t.Helper()
	m := dockerBuild.FindStringSubmatch(section(t, "## Docker"))
	if m == nil {
		t.Fatal(`the README's Docker section has no "docker build -t NAME ." step`)
	}
	return m[1]
}

// Every docker run in the README and the docs runs the image a README
// step builds.
func TestReadmeDockerRun(t *testing.T) {
	t.Parallel()
	name := readmeImage(t)
	docs, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	image := regexp.MustCompile(`(?:^|\s)` + regexp.QuoteMeta(name) + `(?::latest)?(?:\s|$)`)
	n := 0
	for _, f := range append([]string{filepath.Join(root, "README.md")}, docs...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// A run's arguments may go on over lines ending in a backslash.
		text := strings.ReplaceAll(string(data), "\\\n", " ")
		for _, r := range regexp.MustCompile(`docker run [^\n`+"`"+`]*`).FindAllString(text, -1) {
			n++
			if !image.MatchString(strings.TrimPrefix(r, "docker run")) {
				t.Errorf("%s: %q does not run %s, the image the README builds", filepath.Base(f), r, name)
			}
		}
	}
	if n == 0 {
		t.Fatal("no docker run in the README or the docs")
	}
}

// The README's first screen: the two commands of a fresh checkout are the
// mock and the test command CI runs, and the Go version is go.mod's.
func TestReadmeFirstScreen(t *testing.T) {
	t.Parallel()
	text := readme(t)
	top, _, _ := strings.Cut(text, "\n## ")
	blocks := regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(top, -1)
	if len(blocks) == 0 {
		t.Fatal("no commands on the README's first screen")
	}
	var cmds []string
	for _, line := range strings.Split(blocks[0][1], "\n") {
		if cmd, _, _ := strings.Cut(line, "#"); strings.TrimSpace(cmd) != "" {
			cmds = append(cmds, strings.TrimSpace(cmd))
		}
	}
	ci, err := os.ReadFile(filepath.Join(root, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) != 2 || cmds[0] != "go run "+mainPackage || !strings.Contains(string(ci), "\n"+cmds[1]+"\n") {
		t.Errorf("first commands %q: want go run %s and the test command .ci/run runs", cmds, mainPackage)
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\S+)`).FindStringSubmatch(string(mod))
	if goVersion == nil || !strings.Contains(top, "Go "+goVersion[1]) {
		t.Errorf("the first screen does not name go.mod's Go %v", goVersion)
	}
	if !strings.Contains(top, "go install "+mainPackage) {
		t.Errorf("the first screen does not say how to install the binary (go install %s)", mainPackage)
	}
}
