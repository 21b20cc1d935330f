package deploy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"go.yaml.in/yaml/v3"
)

// This file renders a chart the way Helm 3 does, without Helm's module
// (which brings the Kubernetes client libraries, and more than doubles the
// time a cold build of this module takes):
//   - values are read as Helm reads them, through JSON, so numbers are
//     float64, and the install's values are merged over the chart's (maps
//     key by key; a null removes a key);
//   - every file under templates/ is parsed into one template set, with
//     missingkey=zero, and each one not starting with "_" is executed with
//     .Values, .Release, .Chart, .Capabilities and .Template, "<no value>"
//     being removed from the output;
//   - the functions are sprig's without env and expandenv, plus Helm's
//     toYaml, fromYaml, toJson, fromJson, include, tpl, required, fail and
//     an empty lookup.

// chart is a chart read from its folder.
type chart struct {
	meta      chartMeta
	values    map[string]any
	templates map[string]string // "sessionmock/templates/x.yaml" → text
}

// chartMeta is Chart.yaml as templates see it (.Chart.Name...).
type chartMeta struct {
	APIVersion  string   `yaml:"apiVersion"`
	Name        string   `yaml:"name"`
	Version     string   `yaml:"version"`
	AppVersion  string   `yaml:"appVersion"`
	Description string   `yaml:"description"`
	Type        string   `yaml:"type"`
	Keywords    []string `yaml:"keywords"`
	Home        string   `yaml:"home"`
	Icon        string   `yaml:"icon"`
	KubeVersion string   `yaml:"kubeVersion"`
}

func loadChart(dir string) (*chart, error) {
	data, err := os.ReadFile(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	ch := &chart{templates: map[string]string{}}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&ch.meta); err != nil {
		return nil, fmt.Errorf("Chart.yaml: %w", err)
	}
	if ch.meta.APIVersion != "v2" || ch.meta.Name == "" || ch.meta.Version == "" {
		return nil, fmt.Errorf("Chart.yaml: apiVersion %q, name %q, version %q: Helm 3 needs apiVersion v2, a name and a version",
			ch.meta.APIVersion, ch.meta.Name, ch.meta.Version)
	}
	if ch.meta.Name != filepath.Base(dir) {
		return nil, fmt.Errorf("Chart.yaml: name %q differs from the folder's %q", ch.meta.Name, filepath.Base(dir))
	}
	if data, err = os.ReadFile(filepath.Join(dir, "values.yaml")); err != nil {
		return nil, err
	}
	if ch.values, err = readValues(data); err != nil {
		return nil, fmt.Errorf("values.yaml: %w", err)
	}
	tdir := filepath.Join(dir, "templates")
	err = filepath.WalkDir(tdir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		text, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		ch.templates[path.Join(ch.meta.Name, filepath.ToSlash(rel))] = string(text)
		return nil
	})
	return ch, err
}

// readValues reads a values file as Helm does: YAML turned into JSON, so
// that numbers are float64 and maps map[string]any.
func readValues(data []byte) (map[string]any, error) {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	if v == nil {
		return map[string]any{}, nil
	}
	j, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	if err := json.Unmarshal(j, &out); err != nil {
		return nil, fmt.Errorf("not a map of values: %w", err)
	}
	return out, nil
}

// coalesce merges the values given at install over the chart's defaults,
// as Helm does: maps key by key, anything else replaced, null deleting.
func coalesce(defaults, given map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range defaults {
		out[k] = v
	}
	for k, v := range given {
		d, isMap := out[k].(map[string]any)
		g, givenMap := v.(map[string]any)
		switch {
		case v == nil:
			delete(out, k)
		case isMap && givenMap:
			out[k] = coalesce(d, g)
		default:
			out[k] = v
		}
	}
	return out
}

type release struct{ name, namespace string }

// render renders every template of the chart with the given values over
// the defaults and returns the output of each non-partial one.
func (ch *chart) render(given map[string]any, rel release) (map[string]string, error) {
	top := map[string]any{
		"Values": coalesce(ch.values, given),
		"Release": map[string]any{
			"Name": rel.name, "Namespace": rel.namespace, "Service": "Helm",
			"Revision": 1, "IsInstall": true, "IsUpgrade": false,
		},
		"Chart": ch.meta,
		"Capabilities": map[string]any{
			"KubeVersion": map[string]any{"Version": "v1.31.0", "Major": "1", "Minor": "31"},
			"APIVersions": []string{"v1", "apps/v1"},
		},
	}
	root := template.New("gotpl").Option("missingkey=zero")
	includes := map[string]int{}
	root.Funcs(helmFuncs(root, includes))
	names := make([]string, 0, len(ch.templates))
	for n := range ch.templates {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if _, err := root.New(n).Parse(ch.templates[n]); err != nil {
			return nil, fmt.Errorf("parse %s: %w", n, err)
		}
	}
	out := map[string]string{}
	for _, n := range names {
		if strings.HasPrefix(path.Base(n), "_") {
			continue
		}
		top["Template"] = map[string]any{"Name": n, "BasePath": path.Join(ch.meta.Name, "templates")}
		var b strings.Builder
		if err := root.ExecuteTemplate(&b, n, top); err != nil {
			return nil, fmt.Errorf("render %s: %w", n, err)
		}
		out[n] = strings.ReplaceAll(b.String(), "<no value>", "")
	}
	return out, nil
}

// maxIncludeDepth is Helm's bound on a template that includes itself.
const maxIncludeDepth = 1000

func helmFuncs(t *template.Template, includes map[string]int) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	f["toYaml"] = func(v any) string {
		// Helm's goes through JSON (sigs.k8s.io/yaml): do the same, so
		// that what reaches the YAML encoder has the same types.
		j, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		var plain any
		if err := json.Unmarshal(j, &plain); err != nil {
			return ""
		}
		var b bytes.Buffer
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		enc.CompactSeqIndent() // "- " under its key, as sigs.k8s.io/yaml writes
		if err := enc.Encode(plain); err != nil {
			return ""
		}
		return strings.TrimSuffix(b.String(), "\n")
	}
	f["fromYaml"] = func(s string) map[string]any {
		m, err := readValues([]byte(s))
		if err != nil {
			return map[string]any{"Error": err.Error()}
		}
		return m
	}
	f["toJson"] = func(v any) string {
		j, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(j)
	}
	f["fromJson"] = func(s string) map[string]any {
		m := map[string]any{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	f["required"] = func(warn string, v any) (any, error) {
		if s, ok := v.(string); v == nil || ok && s == "" {
			return v, errors.New(warn)
		}
		return v, nil
	}
	f["fail"] = func(msg string) (string, error) { return "", errors.New(msg) }
	f["lookup"] = func(string, string, string, string) (map[string]any, error) { return map[string]any{}, nil }
	f["include"] = func(name string, data any) (string, error) {
		if includes[name] > maxIncludeDepth {
			return "", fmt.Errorf("template %s includes itself more than %d times", name, maxIncludeDepth)
		}
		includes[name]++
		defer func() { includes[name]-- }()
		var b strings.Builder
		err := t.ExecuteTemplate(&b, name, data)
		return b.String(), err
	}
	f["tpl"] = func(text string, data any) (string, error) {
		c, err := t.Clone()
		if err != nil {
			return "", err
		}
		// The clone's include and tpl see the templates the text defines.
		c.Option("missingkey=zero").Funcs(helmFuncs(c, includes))
		if c, err = c.New(t.Name()).Parse(text); err != nil {
			return "", fmt.Errorf("tpl %q: %w", text, err)
		}
		var b strings.Builder
		if err := c.Execute(&b, data); err != nil {
			return "", fmt.Errorf("tpl %q: %w", text, err)
		}
		return strings.ReplaceAll(b.String(), "<no value>", ""), nil
	}
	return f
}

// docSeparator splits a rendered file into YAML documents, as Helm's
// release utilities do.
var docSeparator = regexp.MustCompile(`(?:^|\s*\n)---\s*`)

// manifests are the non-empty YAML documents of rendered files, with the
// file each came from, in file order. NOTES.txt is not a manifest.
func manifests(files map[string]string) []document {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var docs []document
	for _, n := range names {
		if path.Base(n) == "NOTES.txt" {
			continue
		}
		for _, d := range docSeparator.Split(files[n], -1) {
			if strings.TrimSpace(d) != "" {
				docs = append(docs, document{source: n, text: d})
			}
		}
	}
	return docs
}

const chartDir = "helm/sessionmock"

func renderChart(t *testing.T, valuesFile string) map[string]string {
	t.Helper()
	ch, err := loadChart(chartDir)
	if err != nil {
		t.Fatal(err)
	}
	given := map[string]any{}
	if valuesFile != "" {
		data, err := os.ReadFile(valuesFile)
		if err != nil {
			t.Fatal(err)
		}
		if given, err = readValues(data); err != nil {
			t.Fatalf("%s: %v", valuesFile, err)
		}
	}
	out, err := ch.render(given, release{name: "demo", namespace: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The renderer does what Helm does where the chart relies on it.
func TestRendererIsHelmLike(t *testing.T) {
	t.Parallel()
	ch := &chart{
		meta:   chartMeta{APIVersion: "v2", Name: "c", Version: "1.0.0"},
		values: map[string]any{"a": map[string]any{"b": 1.0, "c": "x"}, "big": 20261125123456.0, "gone": "y"},
		templates: map[string]string{
			"c/templates/_h.tpl":   `{{ define "c.name" }}{{ .Chart.Name }}-{{ .Release.Name }}{{ end }}`,
			"c/templates/one.yaml": `n: {{ include "c.name" . }} b: {{ .Values.a.b }} c: {{ .Values.a.c }} big: {{ .Values.big }} missing: {{ .Values.nope }}|{{ .Values.gone }} t: {{ tpl "{{ .Values.a.c }}{{ .Template.Name }}" . }}` + "\n---\nsecond: {{ .Values.a | toYaml | nindent 2 }}",
		},
	}
	out, err := ch.render(map[string]any{"a": map[string]any{"c": "z"}, "gone": nil}, release{name: "r", namespace: "ns"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 {
		t.Fatalf("rendered %q: partials are not output", out)
	}
	want := "n: c-r b: 1 c: z big: 2.0261125123456e+13 missing: | t: zc/templates/one.yaml\n---\nsecond: \n  b: 1\n  c: z"
	if got := out["c/templates/one.yaml"]; got != want {
		t.Errorf("rendered\n%s\nwant\n%s", got, want)
	}
	docs := manifests(out)
	if len(docs) != 2 || !strings.HasPrefix(docs[1].text, "second:") {
		t.Errorf("documents %q", docs)
	}
	ch.templates["c/templates/two.yaml"] = `{{ required "x is required" .Values.x }}`
	if _, err := ch.render(nil, release{name: "r"}); err == nil || !strings.Contains(err.Error(), "x is required") {
		t.Errorf("required: %v", err)
	}
	delete(ch.templates, "c/templates/two.yaml")
	ch.templates["c/templates/three.yaml"] = `{{ env "HOME" }}`
	if _, err := ch.render(nil, release{name: "r"}); err == nil {
		t.Error("env is available; Helm removes it")
	}
}
