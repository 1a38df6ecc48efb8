package deploytest

import (
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/intstr"
	"sigs.k8s.io/yaml"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlpserver"
)

// envRead is every environment variable name the binary reads: the
// NEO4J_*, DIPLOGRAPH_* and CORENLP_* string literals of its non-test Go
// files, plus what the Go runtime reads.
func envRead(t *testing.T) map[string]bool {
	t.Helper()
	re := regexp.MustCompile(`"((?:NEO4J|DIPLOGRAPH|CORENLP)_[A-Z0-9_]+)"`)
	names := map[string]bool{"GOMEMLIMIT": true, "GOMAXPROCS": true, "GOGC": true}
	for _, dir := range []string{"cmd", "internal"} {
		err := filepath.WalkDir(filepath.Join(root(t), dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range re.FindAllSubmatch(b, -1) {
				names[string(m[1])] = true
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []string{"NEO4J_URI", "NEO4J_PASSWORD", "DIPLOGRAPH_API_KEYS", "CORENLP_URL"} {
		if !names[n] {
			t.Fatalf("the scan of the Go files missed %s: it is broken", n)
		}
	}
	return names
}

// podSpecs are the pod templates of the workloads, by file and name.
func podSpecs(objs []k8sObject) map[string]corev1.PodSpec {
	out := map[string]corev1.PodSpec{}
	for _, o := range objs {
		switch v := o.obj.(type) {
		case *appsv1.Deployment:
			out[o.file+": Deployment "+o.name] = v.Spec.Template.Spec
		case *batchv1.Job:
			out[o.file+": Job "+o.name] = v.Spec.Template.Spec
		}
	}
	return out
}

func containerPort(c corev1.Container, port intstr.IntOrString) int32 {
	if port.Type == intstr.Int {
		return port.IntVal
	}
	for _, p := range c.Ports {
		if p.Name == port.StrVal {
			return p.ContainerPort
		}
	}
	return -1
}

// httpProbe checks that p is an HTTP GET of path on the container's port want.
func httpProbe(t *testing.T, what string, c corev1.Container, p *corev1.Probe, path string, want int32) {
	t.Helper()
	if p == nil || p.HTTPGet == nil {
		t.Errorf("%s: want an HTTP probe on %s, got %+v", what, path, p)
		return
	}
	if p.HTTPGet.Path != path || containerPort(c, p.HTTPGet.Port) != want {
		t.Errorf("%s: GET %s on port %v (%d), want %s on %d", what, p.HTTPGet.Path, p.HTTPGet.Port.String(),
			containerPort(c, p.HTTPGet.Port), path, want)
	}
}

// TestKubernetesEnvNamesAreRead: every variable the manifests give a
// diplograph container (its env, its ConfigMap, its Secret) is one the
// binary reads, so a misspelt name cannot pass silently; the CoreNLP
// container gets only variables Dockerfile.corenlp declares.
func TestKubernetesEnvNamesAreRead(t *testing.T) {
	objs := loadK8s(t)
	read := envRead(t)
	var coreENV []string
	for _, i := range dockerfileNamed(t, "Dockerfile.corenlp") {
		if strings.HasPrefix(i, "ENV ") {
			for _, kv := range strings.Fields(strings.TrimPrefix(i, "ENV ")) {
				k, _, _ := strings.Cut(kv, "=")
				coreENV = append(coreENV, k)
			}
		}
	}
	for what, spec := range podSpecs(objs) {
		for _, c := range spec.Containers {
			known := func(n string) bool { return read[n] }
			if strings.HasPrefix(c.Image, "diplograph-corenlp:") {
				known = func(n string) bool { return slices.Contains(coreENV, n) }
			}
			for _, e := range c.Env {
				if !known(e.Name) {
					t.Errorf("%s: container %s sets %s, which its program does not read", what, c.Name, e.Name)
				}
				if r := e.ValueFrom; r != nil && r.SecretKeyRef != nil && r.SecretKeyRef.Key != e.Name {
					t.Errorf("%s: %s comes from secret key %s: keep the names equal", what, e.Name, r.SecretKeyRef.Key)
				}
			}
			for _, ef := range c.EnvFrom {
				if ef.ConfigMapRef != nil {
					cm := find[*corev1.ConfigMap](t, objs, "ConfigMap", ef.ConfigMapRef.Name)
					for k := range cm.Data {
						if !known(k) {
							t.Errorf("ConfigMap %s sets %s, which %s does not read", cm.Name, k, c.Name)
						}
					}
				}
			}
		}
	}
	sec := find[*corev1.Secret](t, objs, "Secret", "diplograph")
	for k := range sec.StringData {
		if !read[k] {
			t.Errorf("the example Secret sets %s, which the binary does not read", k)
		}
	}
	for _, key := range strings.Split(sec.StringData["DIPLOGRAPH_API_KEYS"], ",") {
		if name, secret, ok := strings.Cut(key, ":"); !ok || name == "" || secret == "" {
			t.Errorf("example API key %q: want name:secret", key)
		}
	}
}

// TestKubernetesServe: serve runs as stateless replicas behind a Service,
// on the port DIPLOGRAPH_ADDR names, with liveness on /healthz, readiness
// on /readyz, resources, the Neo4j password and API keys from the Secret.
func TestKubernetesServe(t *testing.T) {
	objs := loadK8s(t)
	d := find[*appsv1.Deployment](t, objs, "Deployment", "diplograph")
	cm := find[*corev1.ConfigMap](t, objs, "ConfigMap", "diplograph")
	if d.Spec.Replicas == nil || *d.Spec.Replicas < 2 {
		t.Errorf("diplograph replicas %v, want 2 or more", d.Spec.Replicas)
	}
	if !labelsMatch(d.Spec.Selector.MatchLabels, d.Spec.Template.Labels) {
		t.Errorf("the Deployment's selector %v does not select its pods %v", d.Spec.Selector.MatchLabels, d.Spec.Template.Labels)
	}
	spec := d.Spec.Template.Spec
	if len(spec.Containers) != 1 {
		t.Fatalf("diplograph pods: %d containers, want 1", len(spec.Containers))
	}
	c := spec.Containers[0]
	if want := service(t, loadCompose(t), "diplograph").Image; c.Image != want {
		t.Errorf("image %q, want %q (docker-compose.yml's)", c.Image, want)
	}
	if !slices.Equal(c.Args, []string{"serve"}) {
		t.Errorf("args %q, want serve", c.Args)
	}
	_, port, err := splitHostPort(cm.Data["DIPLOGRAPH_ADDR"])
	if err != nil || cm.Data["DIPLOGRAPH_ADDR"] != ":"+port {
		t.Fatalf("DIPLOGRAPH_ADDR %q: want :PORT, every interface", cm.Data["DIPLOGRAPH_ADDR"])
	}
	want := int32(atoi(t, port))
	if containerPort(c, intstr.FromString("http")) != want {
		t.Errorf("container port http %d, want %d (DIPLOGRAPH_ADDR)", containerPort(c, intstr.FromString("http")), want)
	}
	httpProbe(t, "liveness", c, c.LivenessProbe, "/healthz", want)
	httpProbe(t, "readiness", c, c.ReadinessProbe, "/readyz", want)
	if c.StartupProbe != nil {
		httpProbe(t, "startup", c, c.StartupProbe, "/healthz", want)
	}
	if c.ReadinessProbe != nil && c.ReadinessProbe.TimeoutSeconds <= 5 {
		t.Errorf("readiness timeout %ds: /readyz may take up to 5s to answer", c.ReadinessProbe.TimeoutSeconds)
	}
	checkResources(t, "diplograph", c)
	for _, key := range []string{"NEO4J_PASSWORD", "DIPLOGRAPH_API_KEYS"} {
		i := slices.IndexFunc(c.Env, func(e corev1.EnvVar) bool { return e.Name == key })
		if i < 0 || c.Env[i].ValueFrom == nil || c.Env[i].ValueFrom.SecretKeyRef == nil || c.Env[i].ValueFrom.SecretKeyRef.Name != "diplograph" {
			t.Errorf("%s is not read from the Secret diplograph", key)
		}
		if _, ok := cm.Data[key]; ok {
			t.Errorf("ConfigMap holds %s: secrets belong in the Secret", key)
		}
	}
	if !slices.ContainsFunc(c.EnvFrom, func(e corev1.EnvFromSource) bool { return e.ConfigMapRef != nil && e.ConfigMapRef.Name == cm.Name }) {
		t.Error("diplograph does not read the ConfigMap")
	}
	u, err := url.Parse(cm.Data["NEO4J_URI"])
	if err != nil || !slices.Contains([]string{"neo4j", "neo4j+s", "bolt", "bolt+s"}, u.Scheme) || u.Hostname() == "" {
		t.Errorf("NEO4J_URI %q: want neo4j://, neo4j+s://, bolt:// or bolt+s:// with a host", cm.Data["NEO4J_URI"])
	}
	svc := find[*corev1.Service](t, objs, "Service", "diplograph")
	if !labelsMatch(svc.Spec.Selector, d.Spec.Template.Labels) {
		t.Errorf("Service diplograph selects %v, not the pods %v", svc.Spec.Selector, d.Spec.Template.Labels)
	}
	for _, p := range svc.Spec.Ports {
		if containerPort(c, p.TargetPort) != want {
			t.Errorf("Service port %d targets %s, not the container's %d", p.Port, p.TargetPort.String(), want)
		}
	}
}

// TestKubernetesCoreNLP: CoreNLP runs as a Deployment behind a headless
// Service (its name resolves to every pod, which CORENLP_URL's dns+ entry
// reads), sized by a CPU autoscaler, with the image, heap, threads and
// port of Dockerfile.corenlp, and probes that a busy server passes.
func TestKubernetesCoreNLP(t *testing.T) {
	objs := loadK8s(t)
	d := find[*appsv1.Deployment](t, objs, "Deployment", "corenlp")
	svc := find[*corev1.Service](t, objs, "Service", "corenlp")
	cm := find[*corev1.ConfigMap](t, objs, "ConfigMap", "diplograph")
	c := d.Spec.Template.Spec.Containers[0]
	if want := "diplograph-corenlp:" + corenlpserver.Version; c.Image != want || service(t, loadCompose(t), "corenlp").Image != want {
		t.Errorf("image %q, want %q as docker-compose.yml", c.Image, want)
	}
	const port = 9000 // Dockerfile.corenlp's -port
	if containerPort(c, intstr.FromString("http")) != port {
		t.Errorf("container port http %d, want %d", containerPort(c, intstr.FromString("http")), port)
	}
	env := map[string]string{}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	if env["CORENLP_HEAP"] != corenlpserver.DefaultHeap {
		t.Errorf("CORENLP_HEAP %q, want the measured %s", env["CORENLP_HEAP"], corenlpserver.DefaultHeap)
	}
	if env["CORENLP_THREADS"] == "" || env["CORENLP_THREADS"] != cm.Data["CORENLP_THREADS"] {
		t.Errorf("CORENLP_THREADS %q, diplograph's %q: want equal, so that each pod gets as many pieces as it has threads",
			env["CORENLP_THREADS"], cm.Data["CORENLP_THREADS"])
	}
	checkResources(t, "corenlp", c)
	heap := resource.MustParse(strings.ToUpper(strings.TrimSuffix(env["CORENLP_HEAP"], "g")) + "Gi")
	if req := c.Resources.Requests[corev1.ResourceMemory]; req.Cmp(heap) <= 0 {
		t.Errorf("memory request %s does not exceed the heap %s (the JVM needs more than its heap)", req.String(), heap.String())
	}
	httpProbe(t, "startup", c, c.StartupProbe, "/ready", port)
	for what, p := range map[string]*corev1.Probe{"readiness": c.ReadinessProbe, "liveness": c.LivenessProbe} {
		if p == nil || p.HTTPGet != nil || p.TCPSocket == nil || containerPort(c, p.TCPSocket.Port) != port {
			t.Errorf("CoreNLP %s probe %+v: want a TCP probe on %d (CoreNLP answers /ready and /live in turn with annotation, seconds late when busy)",
				what, p, port)
		}
	}
	if svc.Spec.ClusterIP != corev1.ClusterIPNone {
		t.Errorf("Service corenlp clusterIP %q, want None (headless: DNS answers with every pod)", svc.Spec.ClusterIP)
	}
	if !labelsMatch(svc.Spec.Selector, d.Spec.Template.Labels) || !labelsMatch(d.Spec.Selector.MatchLabels, d.Spec.Template.Labels) {
		t.Errorf("corenlp selectors %v / %v do not select the pods %v", svc.Spec.Selector, d.Spec.Selector.MatchLabels, d.Spec.Template.Labels)
	}
	eps, err := corenlp.ParseEndpoints(cm.Data["CORENLP_URL"])
	if err != nil || len(eps) != 1 || !eps[0].Discover {
		t.Fatalf("CORENLP_URL %q (%v): want one dns+ entry", cm.Data["CORENLP_URL"], err)
	}
	u, _ := url.Parse(eps[0].URL)
	if u.Hostname() != svc.Name || len(svc.Spec.Ports) != 1 || u.Port() != itoa(svc.Spec.Ports[0].Port) ||
		containerPort(c, svc.Spec.Ports[0].TargetPort) != port {
		t.Errorf("CORENLP_URL %q does not name the Service %s on its port %+v", cm.Data["CORENLP_URL"], svc.Name, svc.Spec.Ports)
	}
	hpa := find[*autoscalingv2.HorizontalPodAutoscaler](t, objs, "HorizontalPodAutoscaler", "corenlp")
	ref := hpa.Spec.ScaleTargetRef
	if ref.Kind != "Deployment" || ref.Name != d.Name || ref.APIVersion != "apps/v1" {
		t.Errorf("the autoscaler targets %+v, want the Deployment corenlp", ref)
	}
	if hpa.Spec.MinReplicas == nil || *hpa.Spec.MinReplicas < 1 || hpa.Spec.MaxReplicas < *hpa.Spec.MinReplicas {
		t.Errorf("autoscaler replicas %v..%d", hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas)
	}
	cpu := slices.IndexFunc(hpa.Spec.Metrics, func(m autoscalingv2.MetricSpec) bool {
		return m.Type == autoscalingv2.ResourceMetricSourceType && m.Resource != nil && m.Resource.Name == corev1.ResourceCPU &&
			m.Resource.Target.Type == autoscalingv2.UtilizationMetricType && m.Resource.Target.AverageUtilization != nil
	})
	if cpu < 0 {
		t.Errorf("the autoscaler has no CPU utilization target: %+v", hpa.Spec.Metrics)
	}
	if d.Spec.Replicas != nil {
		t.Errorf("Deployment corenlp sets replicas %d: every kubectl apply would reset what the autoscaler chose", *d.Spec.Replicas)
	}
}

// TestKubernetesJobs: the jobs run commands the binary has, with serve's
// image and settings.
func TestKubernetesJobs(t *testing.T) {
	objs := loadK8s(t)
	main := string(mustRead(t, filepath.Join(root(t), "cmd", "diplograph", "main.go")))
	serve := find[*appsv1.Deployment](t, objs, "Deployment", "diplograph").Spec.Template.Spec.Containers[0]
	for what, spec := range podSpecs(objs) {
		for _, c := range spec.Containers {
			if !strings.HasPrefix(c.Image, "diplograph:") {
				continue
			}
			if len(c.Args) == 0 || !strings.Contains(main, `{"`+c.Args[0]+`",`) {
				t.Errorf("%s: args %q: not a diplograph command", what, c.Args)
			}
			if c.Image != serve.Image {
				t.Errorf("%s: image %q, serve's %q", what, c.Image, serve.Image)
			}
			checkResources(t, what, c)
		}
	}
	m := find[*batchv1.Job](t, objs, "Job", "diplograph-migrate")
	c := m.Spec.Template.Spec.Containers[0]
	if !slices.Equal(c.Args, []string{"migrate"}) {
		t.Errorf("migration job args %q, want migrate", c.Args)
	}
	if p := m.Spec.Template.Spec.RestartPolicy; p != corev1.RestartPolicyOnFailure && p != corev1.RestartPolicyNever {
		t.Errorf("migration job restartPolicy %q", p)
	}
	if !slices.EqualFunc(c.EnvFrom, serve.EnvFrom, func(a, b corev1.EnvFromSource) bool { return a.String() == b.String() }) {
		t.Errorf("the migration job reads %+v, serve %+v: want the same settings", c.EnvFrom, serve.EnvFrom)
	}
}

// TestKubernetesNeo4jHelmValues: the values for the official Neo4j chart
// take the password from a Secret and open no LoadBalancer.
func TestKubernetesNeo4jHelmValues(t *testing.T) {
	var v struct {
		Neo4j struct {
			Name               string `json:"name"`
			Edition            string `json:"edition"`
			PasswordFromSecret string `json:"passwordFromSecret"`
		} `json:"neo4j"`
		Services struct {
			Neo4j struct {
				Enabled *bool `json:"enabled"`
			} `json:"neo4j"`
		} `json:"services"`
	}
	b := mustRead(t, filepath.Join(k8sDir(t), "helm", "neo4j-values.yaml"))
	if err := yaml.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if v.Neo4j.Name == "" || v.Neo4j.PasswordFromSecret == "" || v.Neo4j.Edition != "community" {
		t.Errorf("neo4j values %+v: want a name, community, the password from a secret", v.Neo4j)
	}
	if e := v.Services.Neo4j.Enabled; e == nil || *e {
		t.Error("the chart's LoadBalancer service is left on: Neo4j would be reachable from outside")
	}
	cm := find[*corev1.ConfigMap](t, loadK8s(t), "ConfigMap", "diplograph")
	u, _ := url.Parse(cm.Data["NEO4J_URI"])
	if !strings.Contains(string(b), "helm install "+u.Hostname()+" ") {
		t.Errorf("NEO4J_URI host %q is not the release name the values' helm install uses", u.Hostname())
	}
}

// checkResources: requests of CPU and memory, and a memory limit.
func checkResources(t *testing.T, what string, c corev1.Container) {
	t.Helper()
	r := c.Resources
	_, cpu := r.Requests[corev1.ResourceCPU]
	_, mem := r.Requests[corev1.ResourceMemory]
	lim, ok := r.Limits[corev1.ResourceMemory]
	if !cpu || !mem || !ok {
		t.Errorf("%s: container %s needs CPU and memory requests and a memory limit: %+v", what, c.Name, r)
		return
	}
	if req := r.Requests[corev1.ResourceMemory]; lim.Cmp(req) < 0 {
		t.Errorf("%s: memory limit %s below the request %s", what, lim.String(), req.String())
	}
}

// labelsMatch says whether selector selects labels.
func labelsMatch(selector, labels map[string]string) bool {
	if len(selector) == 0 {
		return false
	}
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}

func splitHostPort(addr string) (string, string, error) { return net.SplitHostPort(addr) }

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }
