package deploy

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/internal/config"
	"github.com/sessionmock/sessionmock/internal/healthcheck"
)

// clockFlags are the flags the chart gives only when its clock values are
// set.
var clockFlags = map[string]bool{"clock": true, "clock-start": true}

// secrets are the Secrets a cluster holds for the manifests: name → key →
// value.
type secrets map[string]map[string]string

// podRun is the container of a Deployment as it would run: its command
// line and environment, with the files mounted in it moved under a local
// folder, and what serve makes of them.
type podRun struct {
	container *container
	argv      []string // after the entrypoint
	env       []string // the image's, then the container's
	settings  config.Settings
}

// checkPod holds the Deployment's container to the binary and to the
// image: it runs the image's entrypoint with "serve" and flags that serve
// accepts, its settings load (config file included) with the project's own
// loader, it listens on every interface on the port the container
// declares, and its readiness and liveness probes ask GET /__mock/health
// on that port with the scheme it serves. dir receives the mounted files.
func checkPod(t *testing.T, set *objects, img image, sec secrets, dir string) (*podRun, []string) {
	t.Helper()
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if len(set.deployments) != 1 || len(set.deployments[0].Spec.Template.Spec.Containers) != 1 {
		return nil, []string{"want one Deployment with one container"}
	}
	pod := &set.deployments[0].Spec.Template.Spec
	c := &pod.Containers[0]
	pr := &podRun{container: c}

	// What the container runs, as Kubernetes combines it with the image.
	entry, args := img.entrypoint, img.cmd
	if c.Command != nil {
		entry, args = c.Command, c.Args
	} else if c.Args != nil {
		args = c.Args
	}
	if !slices.Equal(entry, img.entrypoint) {
		bad("command %q: want the image's entrypoint %q", entry, img.entrypoint)
	}
	if len(args) == 0 || args[0] != "serve" {
		return nil, append(problems, fmt.Sprintf("args %q: want serve and its flags", args))
	}
	serveFlags := flagsOf(t, "serve")
	pr.argv = []string{"serve"}
	for _, a := range args[1:] {
		name, _, _ := strings.Cut(strings.TrimPrefix(a, "--"), "=")
		switch {
		case !strings.HasPrefix(a, "--"):
			bad("argument %q: want --flag=value", a)
		case serveFlags[name]:
		default:
			bad("%s: sessionmock serve has no flag --%s", a, name)
		}
		pr.argv = append(pr.argv, a)
	}

	// The mounted files, under dir.
	mounts := map[string]string{} // mount path → local folder
	for _, m := range c.VolumeMounts {
		i := slices.IndexFunc(pod.Volumes, func(v volume) bool { return v.Name == m.Name })
		if i < 0 {
			bad("mount %s: no such volume", m.Name)
			continue
		}
		v := pod.Volumes[i]
		local := filepath.Join(dir, filepath.FromSlash(m.MountPath))
		mounts[m.MountPath] = local
		var data map[string]string
		var items []keyToPath
		switch {
		case v.ConfigMap != nil:
			if m.SubPath != "" {
				bad("mount %s uses subPath %q: a ConfigMap update never reaches it", m.Name, m.SubPath)
			}
			if cm := set.configMap(v.ConfigMap.Name); cm != nil {
				data, items = cm.Data, v.ConfigMap.Items
			}
		case v.Secret != nil:
			var ok bool
			if data, ok = sec[v.Secret.SecretName]; !ok {
				bad("volume %s: Secret %q is not one the test knows", v.Name, v.Secret.SecretName)
			}
			items = v.Secret.Items
		}
		if items == nil {
			for k := range data {
				items = append(items, keyToPath{Key: k, Path: k})
			}
		}
		for _, it := range items {
			p := filepath.Join(local, filepath.FromSlash(it.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data[it.Key]), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	local := func(s string) string {
		for mp, l := range mounts {
			if s == mp || strings.HasPrefix(s, mp+"/") {
				return l + filepath.FromSlash(s[len(mp):])
			}
		}
		return s
	}
	for i, a := range pr.argv {
		if k, v, ok := strings.Cut(a, "="); ok {
			pr.argv[i] = k + "=" + local(v)
		}
	}

	pr.env = append(pr.env, img.env...)
	for _, e := range c.Env {
		v := e.Value
		if e.ValueFrom != nil {
			switch ref := e.ValueFrom; {
			case ref.SecretKeyRef != nil:
				s, ok := sec[ref.SecretKeyRef.Name][ref.SecretKeyRef.Key]
				if !ok {
					bad("env %s: Secret %s has no key %s the test knows", e.Name, ref.SecretKeyRef.Name, ref.SecretKeyRef.Key)
				}
				v = s
			case ref.ConfigMapKeyRef != nil:
				if cm := set.configMap(ref.ConfigMapKeyRef.Name); cm != nil {
					v = cm.Data[ref.ConfigMapKeyRef.Key]
				}
			}
		}
		pr.env = append(pr.env, e.Name+"="+local(v))
	}

	s, err := config.Load(pr.argv[1:], func(k string) string { return envOf(pr.env, k) })
	if err != nil {
		return nil, append(problems, fmt.Sprintf("sessionmock serve refuses the container's settings: %v", err))
	}
	pr.settings = s
	if s.ConfigFile == "" {
		bad("no --config: the settings every replica shares belong in a config file (a ConfigMap)")
	} else if !slices.ContainsFunc(c.VolumeMounts, func(m volumeMount) bool {
		i := slices.IndexFunc(pod.Volumes, func(v volume) bool { return v.Name == m.Name })
		return i >= 0 && pod.Volumes[i].ConfigMap != nil && strings.HasPrefix(s.ConfigFile, mounts[m.MountPath]+string(filepath.Separator))
	}) {
		bad("config file %s is not in a mounted ConfigMap", s.ConfigFile)
	}

	host, port, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return nil, append(problems, fmt.Sprintf("listen address %q: %v", s.Addr, err))
	}
	if host != "0.0.0.0" && host != "" && host != "::" {
		bad("listen address %s: only reachable from inside the pod; want 0.0.0.0", s.Addr)
	}
	if len(c.Ports) != 1 || fmt.Sprint(c.Ports[0].ContainerPort) != port {
		bad("container ports %+v, but the mock listens on port %s", c.Ports, port)
	}
	scheme := "HTTP"
	if s.TLS {
		scheme = "HTTPS"
	}
	for name, p := range map[string]*probe{"readiness": c.ReadinessProbe, "liveness": c.LivenessProbe} {
		switch {
		case p == nil || p.HTTPGet == nil:
			bad("no HTTP %s probe", name)
			continue
		case p.HTTPGet.Path != healthcheck.Path:
			bad("%s probe asks %s; the mock reports its health at %s", name, p.HTTPGet.Path, healthcheck.Path)
		case cmpOr(strings.ToUpper(p.HTTPGet.Scheme), "HTTP") != scheme:
			bad("%s probe scheme %q, but the mock serves %s", name, p.HTTPGet.Scheme, scheme)
		}
		if n, ok := resolvePort(pod.Containers, p.HTTPGet.Port); !ok || fmt.Sprint(n) != port {
			bad("%s probe port %s is not the port the mock listens on (%s)", name, p.HTTPGet.Port, port)
		}
	}

	if sc := pod.SecurityContext; sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot || sc.RunAsUser == nil || *sc.RunAsUser == 0 {
		bad("pod securityContext: want runAsNonRoot with a non-zero runAsUser")
	} else if uid, _, _ := strings.Cut(img.user, ":"); uid != fmt.Sprint(*sc.RunAsUser) {
		bad("runAsUser %d, but the image's user is %s", *sc.RunAsUser, img.user)
	}
	return pr, problems
}

// runPod starts the pod's container here, on a loopback port in place of
// its address, and asks its probes as the kubelet would (certificate
// unchecked). It returns the base URL.
func runPod(t *testing.T, pr *podRun) string {
	t.Helper()
	p := start(t, pr.env, append(slices.Clone(pr.argv), "--addr=127.0.0.1:0"))
	u, err := url.Parse(p.url)
	if err != nil {
		t.Fatal(err)
	}
	c := pr.container
	for name, pb := range map[string]*probe{"readiness": c.ReadinessProbe, "liveness": c.LivenessProbe} {
		probeURL := strings.ToLower(cmpOr(pb.HTTPGet.Scheme, "http")) + "://" + u.Host + pb.HTTPGet.Path
		resp, body := get(t, probeURL, "")
		var h struct {
			Status string `json:"status"`
			Seed   int64  `json:"seed"`
		}
		if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &h) != nil || h.Status != "ok" {
			t.Errorf("%s probe %s: %d %s", name, probeURL, resp.StatusCode, body)
		}
		if h.Seed != pr.settings.Seed {
			t.Errorf("%s probe: the mock runs seed %d, the manifest asks for %d", name, h.Seed, pr.settings.Seed)
		}
	}
	return p.url
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// kubeletClient skips certificate checks, as the kubelet's probes do.
var kubeletClient = &http.Client{
	Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, Proxy: nil}, //nolint:gosec // as the kubelet
}

func get(t *testing.T, u, token string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := kubeletClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	return resp, body
}

// tlsSecret is a kubernetes.io/tls Secret's data: a fresh self-signed
// certificate and its key.
func tlsSecret(t *testing.T) map[string]string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "sessionmock.test.svc"},
		DNSNames:     []string{"sessionmock.test.svc", "localhost"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"tls.crt": string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		"tls.key": string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})),
	}
}

// checkedPod parses and lints docs, checks the pod and fails the test on
// any problem.
func checkedPod(t *testing.T, docs []document, sec secrets) (*objects, *podRun) {
	t.Helper()
	set, err := parseObjects(docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range lint(set) {
		t.Error(p)
	}
	pr, problems := checkPod(t, set, loadImage(t), sec, t.TempDir())
	for _, p := range problems {
		t.Error(p)
	}
	if t.Failed() {
		t.FailNow()
	}
	return set, pr
}

// TestCheckPodCatches feeds checkPod a Deployment with one defect each.
func TestCheckPodCatches(t *testing.T) {
	img := loadImage(t)
	flagsOf(t, "serve") // build once, before the subtests
	for _, tt := range []struct {
		name, want string
		spoil      func(*container, *podSpec)
	}{
		{"unknown flag", "has no flag --sead", func(c *container, _ *podSpec) { c.Args = append(c.Args, "--sead=2") }},
		{"bad value", "refuses the container's settings", func(c *container, _ *podSpec) { c.Args = append(c.Args, "--seed=lots") }},
		{"no serve", "want serve", func(c *container, _ *podSpec) { c.Args = c.Args[1:] }},
		{"entrypoint", "want the image's entrypoint", func(c *container, _ *podSpec) { c.Command = []string{"/bin/sh", "-c"} }},
		{"loopback", "only reachable from inside the pod", func(c *container, _ *podSpec) { c.Args = append(c.Args, "--addr=127.0.0.1:8080") }},
		{"port", "but the mock listens on port 8080", func(c *container, _ *podSpec) { c.Ports[0].ContainerPort = 8081 }},
		{"probe path", "readiness probe asks /healthz", func(c *container, _ *podSpec) { c.ReadinessProbe.HTTPGet.Path = "/healthz" }},
		{"probe port", "liveness probe port 9090", func(c *container, _ *podSpec) { c.LivenessProbe.HTTPGet.Port = intOrString{s: "9090", isInt: true} }},
		{"no probe", "no HTTP liveness probe", func(c *container, _ *podSpec) { c.LivenessProbe = nil }},
		{"TLS scheme", "but the mock serves HTTPS", func(c *container, _ *podSpec) { c.Args = append(c.Args, "--tls") }},
		{"subPath", "a ConfigMap update never reaches it", func(c *container, _ *podSpec) {
			c.VolumeMounts[0].SubPath = "config.yaml"
			c.VolumeMounts[0].MountPath += "/config.yaml"
		}},
		{"no config", "no --config", func(c *container, _ *podSpec) {
			c.Args = slices.DeleteFunc(c.Args, func(a string) bool { return strings.HasPrefix(a, "--config=") })
		}},
		{"broken config", "refuses the container's settings", func(c *container, _ *podSpec) {
			c.Args = append(c.Args, "--config=/etc/sessionmock/config/missing.yaml")
		}},
		{"root", "want runAsNonRoot", func(_ *container, p *podSpec) { p.SecurityContext.RunAsUser = nil }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set, err := parseObjects(kubernetesDocs(t))
			if err != nil {
				t.Fatal(err)
			}
			pod := &set.deployments[0].Spec.Template.Spec
			if _, p := checkPod(t, set, img, nil, t.TempDir()); len(p) > 0 {
				t.Fatalf("the manifests themselves: %q", p)
			}
			tt.spoil(&pod.Containers[0], pod)
			_, p := checkPod(t, set, img, nil, t.TempDir())
			if got := strings.Join(p, "\n"); !strings.Contains(got, tt.want) {
				t.Errorf("problems %q, want one with %q", got, tt.want)
			}
		})
	}
}

// The plain manifests run as they are: every check holds, and the
// container, started as they say, answers its probes.
func TestKubernetesManifests(t *testing.T) {
	set, pr := checkedPod(t, kubernetesDocs(t), nil)
	runPod(t, pr)
	d := set.deployments[0]
	if !strings.HasPrefix(set.deployments[0].Spec.Template.Spec.Containers[0].Image, readmeImage(t)+":") {
		t.Errorf("image %s: want the one the README builds, %s", d.Spec.Template.Spec.Containers[0].Image, readmeImage(t))
	}
	if *d.Spec.Replicas < 2 {
		t.Errorf("%d replicas: the manifests show running at scale", *d.Spec.Replicas)
	}
}
