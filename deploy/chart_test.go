package deploy

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

const allValues = "testdata/values-all.yaml"

// The chart with its default values renders objects that pass every check,
// and the pod they describe answers its probes.
func TestChartDefaults(t *testing.T) {
	out := renderChart(t, "")
	set, pr := checkedPod(t, manifests(out), nil)
	runPod(t, pr)

	d := set.deployments[0]
	c := d.Spec.Template.Spec.Containers[0]
	for _, a := range c.Args {
		if name, _, _ := strings.Cut(strings.TrimPrefix(a, "--"), "="); clockFlags[name] {
			t.Errorf("%s: the clock flags are only given when a clock value is set", a)
		}
	}
	if pr.settings.TLS || len(d.Spec.Template.Spec.Volumes) != 1 {
		t.Errorf("TLS %t, volumes %+v: by default plain HTTP and the config file alone", pr.settings.TLS, d.Spec.Template.Spec.Volumes)
	}
	if c.Image != readmeImage(t)+":latest" {
		t.Errorf("image %s: want the one the README builds, %s", c.Image, readmeImage(t))
	}
	if _, ok := d.Spec.Template.Metadata.Annotations["checksum/config"]; ok {
		t.Error("pods restart on config changes by default")
	}
	notes := out["sessionmock/templates/NOTES.txt"]
	for _, want := range []string{"http://demo-sessionmock.test.svc:8080/admin", "port-forward service/demo-sessionmock 8080:8080"} {
		if !strings.Contains(notes, want) {
			t.Errorf("NOTES.txt lacks %q:\n%s", want, notes)
		}
	}
}

// A values file that sets every value: each one reaches the objects, the
// objects pass every check, and the pod (HTTPS with the Secret's
// certificate, an admin token from a Secret) answers its probes.
func TestChartAllValues(t *testing.T) {
	sec := secrets{
		"sessionmock-tls":   tlsSecret(t),
		"sessionmock-admin": {"admin-token": "admin-token-from-a-secret"},
	}
	out := renderChart(t, allValues)
	set, pr := checkedPod(t, manifests(out), sec)
	base := runPod(t, pr)

	// The admin token came from the Secret: the admin API wants it, health
	// does not.
	if resp, _ := get(t, base+"/__mock/faults", ""); resp.StatusCode != 401 {
		t.Errorf("admin API without the token: %d, want 401", resp.StatusCode)
	}
	if resp, body := get(t, base+"/__mock/faults", "admin-token-from-a-secret"); resp.StatusCode != 200 {
		t.Errorf("admin API with the token: %d %s", resp.StatusCode, body)
	}

	s := pr.settings
	// The short forms (latency, error rate) first, then the file's rules.
	wantRules := []string{"latency", "error-rate", "flaky-session-info", "slow-list"}
	var gotRules []string
	for _, r := range s.Faults {
		gotRules = append(gotRules, r.ID)
	}
	for _, tt := range []struct {
		what      string
		got, want any
	}{
		{"seed", s.Seed, int64(20261125123456)},
		{"segura sessions", s.SeguraSessions, 5000},
		{"appgate sessions", s.AppgateClients, 200},
		{"addr", s.Addr, "0.0.0.0:9443"},
		{"TLS certificate", s.TLSCert != "" && s.TLSKey != "", true},
		{"admin token", s.AdminToken, "admin-token-from-a-secret"},
		{"latency", s.Latency, "20ms-200ms"},
		{"error rate", s.ErrorRate, 0.05},
		{"error status", s.ErrorStatus, 503},
		{"fault rules", gotRules, wantRules},
		{"log format", s.LogFormat, "text"},
		{"log level", s.LogLevel.String(), "DEBUG"},
		{"token TTL", s.TokenTTL, 90 * time.Minute},
		{"tenant", s.SeguraTenant, "senhasegura"},
		{"segura client", s.SeguraClients[0].ID, "ci"},
		{"appgate provider", s.AppgateUsers[0].Provider, "ldap"},
	} {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.what, tt.got, tt.want)
		}
	}

	d := set.deployments[0]
	pod := d.Spec.Template.Spec
	c := pod.Containers[0]
	for _, want := range []string{"--clock=live", "--clock-start=2026-11-25T09:00:00Z"} {
		if !slices.Contains(c.Args, want) {
			t.Errorf("args %q lack %s", c.Args, want)
		}
	}
	svc := set.services[0]
	for _, tt := range []struct {
		what      string
		got, want any
	}{
		{"replicas", *d.Spec.Replicas, 3},
		{"image", c.Image, "registry.example/team/sessionmock:v1.2.3"},
		{"pull policy", c.ImagePullPolicy, "Always"},
		{"pull secret", len(pod.ImagePullSecrets) == 1 && pod.ImagePullSecrets[0].Name == "registry-credentials", true},
		{"requests", c.Resources.Requests, map[string]string{"cpu": "100m", "memory": "64Mi"}},
		{"limits", c.Resources.Limits, map[string]string{"cpu": "1", "memory": "256Mi"}},
		{"annotation", d.Spec.Template.Metadata.Annotations["prometheus.io/scrape"], "true"},
		{"config checksum", len(d.Spec.Template.Metadata.Annotations["checksum/config"]), 64},
		{"node selector", pod.NodeSelector, map[string]string{"kubernetes.io/os": "linux"}},
		{"tolerations", len(pod.Tolerations), 1},
		{"affinity", pod.Affinity["podAntiAffinity"] != nil, true},
		{"service type", svc.Spec.Type, "NodePort"},
		{"service port", svc.Spec.Ports[0].Port, 443},
		{"service port name", svc.Spec.Ports[0].Name, "https"},
	} {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.what, tt.got, tt.want)
		}
	}
}

// The all-values file really sets every value of values.yaml, each to
// something else than its default, so a value added to the chart is
// tested only once it is added there too.
func TestAllValuesFileSetsEveryValue(t *testing.T) {
	t.Parallel()
	ch, err := loadChart(chartDir)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(allValues)
	if err != nil {
		t.Fatal(err)
	}
	given, err := readValues(data)
	if err != nil {
		t.Fatal(err)
	}
	defaults := leaves("", ch.values)
	set := leaves("", given)
	var paths []string
	for p := range defaults {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		g, ok := set[p]
		switch {
		case !ok && !hasPrefixKey(set, p+"."):
			t.Errorf("%s: not set in %s", p, allValues)
		case ok && reflect.DeepEqual(g, defaults[p]):
			t.Errorf("%s: set to its default %v in %s", p, g, allValues)
		}
	}
	for p := range set {
		if _, ok := defaults[p]; !ok && !underOpenMap(p) {
			t.Errorf("%s in %s is not a value of the chart", p, allValues)
		}
	}
}

// leaves flattens values to dotted paths; lists, scalars and empty maps
// are leaves.
func leaves(prefix string, v any) map[string]any {
	out := map[string]any{}
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		out[prefix] = v
		return out
	}
	for k, sub := range m {
		p := k
		if prefix != "" {
			p = prefix + "." + k
		}
		for lp, lv := range leaves(p, sub) {
			out[lp] = lv
		}
	}
	return out
}

func hasPrefixKey(m map[string]any, prefix string) bool {
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// underOpenMap says whether p is inside a value that takes any keys:
// config, resources, podAnnotations, nodeSelector, affinity.
func underOpenMap(p string) bool {
	for _, open := range []string{"config.", "resources.", "podAnnotations.", "nodeSelector.", "affinity."} {
		if strings.HasPrefix(p, open) {
			return true
		}
	}
	return false
}

// The chart's files are what Helm reads: every template renders to YAML
// documents or to the notes, and nothing but templates is under templates/.
func TestChartFiles(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir(filepath.Join(chartDir, "templates"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		switch ext := filepath.Ext(e.Name()); {
		case e.Name() == "NOTES.txt", ext == ".yaml", ext == ".tpl":
		default:
			t.Errorf("templates/%s: Helm renders every file here as a manifest", e.Name())
		}
	}
	for _, f := range []string{"Chart.yaml", "values.yaml", ".helmignore"} {
		if _, err := os.Stat(filepath.Join(chartDir, f)); err != nil {
			t.Error(err)
		}
	}
	out := renderChart(t, "")
	for name, text := range out {
		if strings.Contains(text, "\t") {
			t.Errorf("%s: a tab in the output, which YAML refuses for indentation", name)
		}
	}
}

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// What the chart renders, byte for byte, with the default values and with
// every value set. The files were also produced by Helm 3.22's own engine
// (helm template demo deploy/helm/sessionmock --namespace test), byte for
// byte the same; a change here is a change of what users get.
func TestChartGolden(t *testing.T) {
	t.Parallel()
	for name, values := range map[string]string{"defaults": "", "all-values": allValues} {
		out := renderChart(t, values)
		names := make([]string, 0, len(out))
		for n := range out {
			names = append(names, n)
		}
		sort.Strings(names)
		var b strings.Builder
		for _, n := range names {
			fmt.Fprintf(&b, "# Source: %s\n%s\n", n, out[n])
		}
		golden := filepath.Join("testdata", "chart-"+name+".golden")
		if *update {
			if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./deploy -update)", err)
		}
		if b.String() != string(want) {
			t.Errorf("the chart with %s renders differently from %s (go test ./deploy -update after checking the change)", name, golden)
		}
	}
}
