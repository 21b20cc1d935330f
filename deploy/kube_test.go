package deploy

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The Kubernetes objects the manifests use, with the API's field names.
// They are decoded strictly, so a misspelt or misplaced field is an error
// here as it is for the API server.

type typeMeta struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
}

type objectMeta struct {
	Name        string            `yaml:"name"`
	Namespace   string            `yaml:"namespace"`
	Labels      map[string]string `yaml:"labels"`
	Annotations map[string]string `yaml:"annotations"`
}

type deployment struct {
	typeMeta `yaml:",inline"`
	Metadata objectMeta `yaml:"metadata"`
	Spec     struct {
		Replicas *int `yaml:"replicas"`
		Selector struct {
			MatchLabels map[string]string `yaml:"matchLabels"`
		} `yaml:"selector"`
		Template struct {
			Metadata objectMeta `yaml:"metadata"`
			Spec     podSpec    `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

type podSpec struct {
	AutomountServiceAccountToken *bool `yaml:"automountServiceAccountToken"`
	ImagePullSecrets             []struct {
		Name string `yaml:"name"`
	} `yaml:"imagePullSecrets"`
	SecurityContext struct {
		RunAsNonRoot   *bool  `yaml:"runAsNonRoot"`
		RunAsUser      *int64 `yaml:"runAsUser"`
		RunAsGroup     *int64 `yaml:"runAsGroup"`
		SeccompProfile struct {
			Type string `yaml:"type"`
		} `yaml:"seccompProfile"`
	} `yaml:"securityContext"`
	Containers   []container       `yaml:"containers"`
	Volumes      []volume          `yaml:"volumes"`
	NodeSelector map[string]string `yaml:"nodeSelector"`
	// Passed through from the values as they are.
	Affinity    map[string]any   `yaml:"affinity"`
	Tolerations []map[string]any `yaml:"tolerations"`
}

type container struct {
	Name            string          `yaml:"name"`
	Image           string          `yaml:"image"`
	ImagePullPolicy string          `yaml:"imagePullPolicy"`
	Command         []string        `yaml:"command"`
	Args            []string        `yaml:"args"`
	Env             []envVar        `yaml:"env"`
	Ports           []containerPort `yaml:"ports"`
	ReadinessProbe  *probe          `yaml:"readinessProbe"`
	LivenessProbe   *probe          `yaml:"livenessProbe"`
	StartupProbe    *probe          `yaml:"startupProbe"`
	Resources       struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
	SecurityContext struct {
		AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
		ReadOnlyRootFilesystem   *bool `yaml:"readOnlyRootFilesystem"`
		Capabilities             struct {
			Drop []string `yaml:"drop"`
			Add  []string `yaml:"add"`
		} `yaml:"capabilities"`
	} `yaml:"securityContext"`
	VolumeMounts []volumeMount `yaml:"volumeMounts"`
}

type envVar struct {
	Name      string `yaml:"name"`
	Value     string `yaml:"value"`
	ValueFrom *struct {
		SecretKeyRef    *keyRef `yaml:"secretKeyRef"`
		ConfigMapKeyRef *keyRef `yaml:"configMapKeyRef"`
	} `yaml:"valueFrom"`
}

type keyRef struct {
	Name     string `yaml:"name"`
	Key      string `yaml:"key"`
	Optional *bool  `yaml:"optional"`
}

type containerPort struct {
	Name          string `yaml:"name"`
	ContainerPort int    `yaml:"containerPort"`
	Protocol      string `yaml:"protocol"`
}

type probe struct {
	HTTPGet *struct {
		Path   string      `yaml:"path"`
		Port   intOrString `yaml:"port"`
		Scheme string      `yaml:"scheme"`
	} `yaml:"httpGet"`
	InitialDelaySeconds int `yaml:"initialDelaySeconds"`
	PeriodSeconds       int `yaml:"periodSeconds"`
	TimeoutSeconds      int `yaml:"timeoutSeconds"`
	FailureThreshold    int `yaml:"failureThreshold"`
	SuccessThreshold    int `yaml:"successThreshold"`
}

type volumeMount struct {
	Name      string `yaml:"name"`
	MountPath string `yaml:"mountPath"`
	SubPath   string `yaml:"subPath"`
	ReadOnly  bool   `yaml:"readOnly"`
}

type keyToPath struct {
	Key  string `yaml:"key"`
	Path string `yaml:"path"`
}

type volume struct {
	Name      string `yaml:"name"`
	ConfigMap *struct {
		Name  string      `yaml:"name"`
		Items []keyToPath `yaml:"items"`
	} `yaml:"configMap"`
	Secret *struct {
		SecretName string      `yaml:"secretName"`
		Items      []keyToPath `yaml:"items"`
	} `yaml:"secret"`
}

type service struct {
	typeMeta `yaml:",inline"`
	Metadata objectMeta `yaml:"metadata"`
	Spec     struct {
		Type     string            `yaml:"type"`
		Selector map[string]string `yaml:"selector"`
		Ports    []struct {
			Name       string      `yaml:"name"`
			Port       int         `yaml:"port"`
			TargetPort intOrString `yaml:"targetPort"`
			NodePort   int         `yaml:"nodePort"`
			Protocol   string      `yaml:"protocol"`
		} `yaml:"ports"`
	} `yaml:"spec"`
}

type configMap struct {
	typeMeta `yaml:",inline"`
	Metadata objectMeta        `yaml:"metadata"`
	Data     map[string]string `yaml:"data"`
}

// intOrString is a port given by number or by name.
type intOrString struct {
	s     string
	isInt bool
}

func (p *intOrString) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: want a port number or name", n.Line)
	}
	p.s, p.isInt = n.Value, n.ShortTag() == "!!int"
	return nil
}

func (p intOrString) String() string { return p.s }

// document is one YAML document and where it came from.
type document struct {
	source string
	text   string
}

// objects are the objects of a set of manifests, by kind.
type objects struct {
	deployments []*deployment
	services    []*service
	configMaps  []*configMap
}

func (o *objects) configMap(name string) *configMap {
	for _, c := range o.configMaps {
		if c.Metadata.Name == name {
			return c
		}
	}
	return nil
}

// parseObjects decodes every document, strictly, by its kind.
func parseObjects(docs []document) (*objects, error) {
	set := &objects{}
	for _, d := range docs {
		var tm typeMeta
		if err := yaml.Unmarshal([]byte(d.text), &tm); err != nil {
			return nil, fmt.Errorf("%s: %w", d.source, err)
		}
		var err error
		switch want := map[string]string{"Deployment": "apps/v1", "Service": "v1", "ConfigMap": "v1"}[tm.Kind]; {
		case want == "":
			err = fmt.Errorf("kind %q: the tests know Deployment, Service and ConfigMap", tm.Kind)
		case tm.APIVersion != want:
			err = fmt.Errorf("%s with apiVersion %q: want %s", tm.Kind, tm.APIVersion, want)
		case tm.Kind == "Deployment":
			o := &deployment{}
			err = decodeStrict(d.text, o)
			set.deployments = append(set.deployments, o)
		case tm.Kind == "Service":
			o := &service{}
			err = decodeStrict(d.text, o)
			set.services = append(set.services, o)
		case tm.Kind == "ConfigMap":
			o := &configMap{}
			err = decodeStrict(d.text, o)
			set.configMaps = append(set.configMaps, o)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.source, err)
		}
	}
	return set, nil
}

const kubernetesDir = "kubernetes"

// kubernetesDocs are the documents of the plain manifests.
func kubernetesDocs(t *testing.T) []document {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(kubernetesDir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests in %s (%v)", kubernetesDir, err)
	}
	rendered := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rendered[f] = string(data)
	}
	return manifests(rendered)
}

var (
	dnsLabel     = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	labelValue   = regexp.MustCompile(`^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$`)
	labelKey     = regexp.MustCompile(`^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$`)
	ianaSvcName  = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$`)
	validProtos  = []string{"", "TCP", "UDP", "SCTP"}
	validSchemes = []string{"", "HTTP", "HTTPS"}
)

// lint is what "helm lint" and the API server would refuse, and what would
// leave the objects disconnected from each other: names, labels, selectors,
// port names and references.
func lint(set *objects) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	checkMeta := func(kind string, m objectMeta) {
		if m.Name == "" || len(m.Name) > 63 || !dnsLabel.MatchString(m.Name) {
			bad("%s name %q: want a DNS label", kind, m.Name)
		}
		for k, v := range m.Labels {
			if !labelKey.MatchString(k) || len(v) > 63 || !labelValue.MatchString(v) {
				bad("%s %s: label %s=%q is not a valid label", kind, m.Name, k, v)
			}
		}
	}
	if len(set.deployments) != 1 || len(set.services) != 1 || len(set.configMaps) != 1 {
		bad("%d Deployments, %d Services and %d ConfigMaps: want one of each",
			len(set.deployments), len(set.services), len(set.configMaps))
	}
	for _, c := range set.configMaps {
		checkMeta("ConfigMap", c.Metadata)
	}
	for _, d := range set.deployments {
		checkMeta("Deployment", d.Metadata)
		sel := d.Spec.Selector.MatchLabels
		if len(sel) == 0 {
			bad("Deployment %s: no selector", d.Metadata.Name)
		}
		if !selects(sel, d.Spec.Template.Metadata.Labels) {
			bad("Deployment %s: selector %v does not select its pods' labels %v", d.Metadata.Name, sel, d.Spec.Template.Metadata.Labels)
		}
		if d.Spec.Replicas == nil || *d.Spec.Replicas < 1 {
			bad("Deployment %s: replicas %v", d.Metadata.Name, d.Spec.Replicas)
		}
		pod := d.Spec.Template.Spec
		if len(pod.Containers) == 0 {
			bad("Deployment %s: no containers", d.Metadata.Name)
		}
		vols := map[string]volume{}
		for _, v := range pod.Volumes {
			vols[v.Name] = v
			if v.ConfigMap != nil && set.configMap(v.ConfigMap.Name) == nil {
				bad("volume %s: no ConfigMap %q among the manifests", v.Name, v.ConfigMap.Name)
			}
			if (v.ConfigMap == nil) == (v.Secret == nil) {
				bad("volume %s: want a configMap or a secret", v.Name)
			}
		}
		for _, c := range pod.Containers {
			if c.Name == "" || c.Image == "" {
				bad("container %q: no name or image", c.Name)
			}
			for _, p := range c.Ports {
				if p.Name != "" && !ianaSvcName.MatchString(p.Name) {
					bad("container %s: port name %q: at most 15 lower-case letters, digits and dashes", c.Name, p.Name)
				}
				if p.ContainerPort < 1 || p.ContainerPort > 65535 || !slices.Contains(validProtos, p.Protocol) {
					bad("container %s: port %d/%s", c.Name, p.ContainerPort, p.Protocol)
				}
			}
			for _, p := range []*probe{c.ReadinessProbe, c.LivenessProbe, c.StartupProbe} {
				if p != nil && p.HTTPGet != nil && !slices.Contains(validSchemes, p.HTTPGet.Scheme) {
					bad("container %s: probe scheme %q", c.Name, p.HTTPGet.Scheme)
				}
			}
			for _, m := range c.VolumeMounts {
				if _, ok := vols[m.Name]; !ok {
					bad("container %s mounts volume %q, which the pod does not have", c.Name, m.Name)
				}
				if !strings.HasPrefix(m.MountPath, "/") {
					bad("container %s: mount path %q is not absolute", c.Name, m.MountPath)
				}
			}
			for _, e := range c.Env {
				if e.Value != "" && e.ValueFrom != nil {
					bad("container %s: env %s has both value and valueFrom", c.Name, e.Name)
				}
			}
		}
		for _, s := range set.services {
			checkMeta("Service", s.Metadata)
			if len(s.Spec.Selector) == 0 || !selects(s.Spec.Selector, d.Spec.Template.Metadata.Labels) {
				bad("Service %s: selector %v does not select the pods' labels %v", s.Metadata.Name, s.Spec.Selector, d.Spec.Template.Metadata.Labels)
			}
			for _, p := range s.Spec.Ports {
				if _, ok := resolvePort(pod.Containers, p.TargetPort); !ok {
					bad("Service %s: targetPort %s is no container port", s.Metadata.Name, p.TargetPort)
				}
				if p.Port < 1 || p.Port > 65535 {
					bad("Service %s: port %d", s.Metadata.Name, p.Port)
				}
			}
		}
	}
	return problems
}

// selects says whether a selector matches labels.
func selects(selector, labels map[string]string) bool {
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// resolvePort is the number of a container port given by number or name.
func resolvePort(cs []container, p intOrString) (int, bool) {
	for _, c := range cs {
		for _, cp := range c.Ports {
			if (p.isInt && strconv.Itoa(cp.ContainerPort) == p.s) || (!p.isInt && cp.Name == p.s && p.s != "") {
				return cp.ContainerPort, true
			}
		}
	}
	return 0, false
}

// TestLintCatches feeds lint manifests with one defect each.
func TestLintCatches(t *testing.T) {
	for _, tt := range []struct {
		name, want string
		spoil      func(*objects)
	}{
		{"selector", "does not select its pods' labels", func(o *objects) {
			o.deployments[0].Spec.Selector.MatchLabels["app.kubernetes.io/name"] = "other"
		}},
		{"service selector", "Service sessionmock: selector", func(o *objects) {
			o.services[0].Spec.Selector = map[string]string{"app": "sessionmock"}
		}},
		{"target port", "targetPort web is no container port", func(o *objects) {
			o.services[0].Spec.Ports[0].TargetPort = intOrString{s: "web"}
		}},
		{"port name", "port name \"the-http-port-of-it\"", func(o *objects) {
			o.deployments[0].Spec.Template.Spec.Containers[0].Ports[0].Name = "the-http-port-of-it"
		}},
		{"missing ConfigMap", "no ConfigMap \"sessionmock-conf\"", func(o *objects) {
			o.deployments[0].Spec.Template.Spec.Volumes[0].ConfigMap.Name = "sessionmock-conf"
		}},
		{"mount", "mounts volume \"cfg\"", func(o *objects) {
			o.deployments[0].Spec.Template.Spec.Containers[0].VolumeMounts[0].Name = "cfg"
		}},
		{"label", "is not a valid label", func(o *objects) {
			o.deployments[0].Metadata.Labels["app.kubernetes.io/name"] = "session mock"
		}},
		{"name", "want a DNS label", func(o *objects) { o.services[0].Metadata.Name = "Session_Mock" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set, err := parseObjects(kubernetesDocs(t))
			if err != nil {
				t.Fatal(err)
			}
			if p := lint(set); len(p) > 0 {
				t.Fatalf("the manifests themselves: %q", p)
			}
			tt.spoil(set)
			if p := strings.Join(lint(set), "\n"); !strings.Contains(p, tt.want) {
				t.Errorf("problems %q, want one with %q", p, tt.want)
			}
		})
	}
}

// A misspelt field is refused, as the API server refuses it.
func TestStrictDecoding(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join(kubernetesDir, "deployment.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	spoilt := bytes.Replace(data, []byte("readinessProbe:"), []byte("readynessProbe:"), 1)
	_, err = parseObjects([]document{{source: "deployment.yaml", text: string(spoilt)}})
	if err == nil || !strings.Contains(err.Error(), "readynessProbe") {
		t.Errorf("a misspelt field: %v", err)
	}
	quoted := bytes.Replace(data, []byte("containerPort: 8080"), []byte(`containerPort: "8080"`), 1)
	if _, err = parseObjects([]document{{source: "deployment.yaml", text: string(quoted)}}); err == nil {
		t.Error("a port given as a string was accepted")
	}
}
