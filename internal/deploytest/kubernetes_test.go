package deploytest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	sigsjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// The Kubernetes manifests in deploy/kubernetes are checked without a
// cluster: every document is decoded strictly into the Kubernetes API type
// its apiVersion and kind name (an unknown or misspelt field fails), and
// the checks in kubernetes_checks_test.go hold them to the code (commands,
// environment variables, ports, probe paths, images).

// k8sDir is deploy/kubernetes.
func k8sDir(t *testing.T) string { return filepath.Join(root(t), "deploy", "kubernetes") }

// k8sObject is one decoded document.
type k8sObject struct {
	file string // relative to deploy/kubernetes
	kind string
	name string
	obj  any
}

// k8sTypes are the kinds the manifests may hold, by apiVersion and kind.
var k8sTypes = map[string]func() any{
	"v1/ConfigMap":                           func() any { return &corev1.ConfigMap{} },
	"v1/Secret":                              func() any { return &corev1.Secret{} },
	"v1/Service":                             func() any { return &corev1.Service{} },
	"apps/v1/Deployment":                     func() any { return &appsv1.Deployment{} },
	"batch/v1/Job":                           func() any { return &batchv1.Job{} },
	"autoscaling/v2/HorizontalPodAutoscaler": func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"policy/v1/PodDisruptionBudget":          func() any { return &policyv1.PodDisruptionBudget{} },
	"kustomize.config.k8s.io/v1beta1/Kustomization": func() any { return &kustomization{} },
}

// kustomization is the part of kustomize's Kustomization the manifests
// use; decoding it strictly refuses any other field.
type kustomization struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace"`
	Labels     []struct {
		Pairs            map[string]string `json:"pairs"`
		IncludeSelectors bool              `json:"includeSelectors,omitempty"`
	} `json:"labels"`
	Resources []string `json:"resources"`
	Images    []struct {
		Name    string `json:"name"`
		NewName string `json:"newName"`
		NewTag  string `json:"newTag"`
	} `json:"images"`
}

var docSeparator = regexp.MustCompile(`(?m)^---[ \t]*$`)

// decodeK8s decodes every document of data strictly into its API type.
func decodeK8s(file string, data []byte) ([]k8sObject, error) {
	var out []k8sObject
	for i, doc := range docSeparator.Split(string(data), -1) {
		var tm metav1.TypeMeta
		if err := yaml.Unmarshal([]byte(doc), &tm); err != nil {
			return nil, fmt.Errorf("%s document %d: %w", file, i+1, err)
		}
		if tm.APIVersion == "" && tm.Kind == "" {
			if strings.TrimSpace(stripComments(doc)) != "" {
				return nil, fmt.Errorf("%s document %d has no apiVersion and kind", file, i+1)
			}
			continue
		}
		mk, ok := k8sTypes[tm.APIVersion+"/"+tm.Kind]
		if !ok {
			return nil, fmt.Errorf("%s document %d: %s %s is not a kind these checks know", file, i+1, tm.APIVersion, tm.Kind)
		}
		obj := mk()
		if err := decodeStrict([]byte(doc), obj); err != nil {
			return nil, fmt.Errorf("%s document %d (%s): %w", file, i+1, tm.Kind, err)
		}
		name := ""
		if m, ok := obj.(interface{ GetName() string }); ok {
			name = m.GetName()
		}
		out = append(out, k8sObject{file: file, kind: tm.Kind, name: name, obj: obj})
	}
	return out, nil
}

// decodeStrict decodes a YAML document into obj as the API server does
// with fieldValidation=Strict: YAML to JSON refusing duplicate keys, then
// JSON field names matched case-sensitively, unknown and duplicate fields
// refused. (yaml.UnmarshalStrict alone matches field names the way
// encoding/json does, ignoring case, so it would take clusterIp for
// clusterIP, which the API server refuses.)
func decodeStrict(doc []byte, obj any) error {
	j, err := yaml.YAMLToJSONStrict(doc)
	if err != nil {
		return err
	}
	strict, err := sigsjson.UnmarshalStrict(j, obj)
	if err != nil {
		return err
	}
	return errors.Join(strict...)
}

func stripComments(doc string) string {
	var b strings.Builder
	for _, line := range strings.Split(doc, "\n") {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// loadK8s decodes every manifest under deploy/kubernetes except the Helm
// values (helm/), which are the Neo4j chart's, not Kubernetes objects.
func loadK8s(t *testing.T) []k8sObject {
	t.Helper()
	dir := k8sDir(t)
	var out []k8sObject
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() && rel == "helm" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".yaml") && !strings.HasSuffix(path, ".yml") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		objs, err := decodeK8s(filepath.ToSlash(rel), data)
		if err != nil {
			t.Error(err)
			return nil
		}
		out = append(out, objs...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no manifests in deploy/kubernetes")
	}
	return out
}

// find returns the object of kind and name, failing the test without it.
func find[T any](t *testing.T, objs []k8sObject, kind, name string) T {
	t.Helper()
	for _, o := range objs {
		if o.kind == kind && o.name == name {
			if v, ok := o.obj.(T); ok {
				return v
			}
		}
	}
	t.Fatalf("deploy/kubernetes has no %s %q", kind, name)
	var zero T
	return zero
}

// TestKubernetesManifestsDecodeStrictly: every document is a known kind
// and decodes into its API type with no unknown field; and the decoding is
// strict indeed (a misspelt field fails).
func TestKubernetesManifestsDecodeStrictly(t *testing.T) {
	objs := loadK8s(t)
	kinds := map[string]int{}
	for _, o := range objs {
		kinds[o.kind]++
		if o.kind != "Kustomization" && o.name == "" {
			t.Errorf("%s: a %s without a name", o.file, o.kind)
		}
	}
	for _, k := range []string{"ConfigMap", "Secret", "Service", "Deployment", "Job", "HorizontalPodAutoscaler", "Kustomization"} {
		if kinds[k] == 0 {
			t.Errorf("no %s in deploy/kubernetes", k)
		}
	}
	bad := []struct{ name, doc string }{
		{"a misspelt field", "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  clusterIp: None\n"},
		{"a field at the wrong level", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  image: nginx\n"},
		{"an unknown kind", "apiVersion: v1\nkind: Servic\nmetadata:\n  name: x\n"},
		{"a duplicate field", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n"},
	}
	for _, b := range bad {
		if _, err := decodeK8s("test.yaml", []byte(b.doc)); err == nil {
			t.Errorf("%s decoded without an error: the decoding is not strict", b.name)
		}
	}
}

// TestKubernetesKustomization: kubectl apply -k applies every manifest of
// the folder (the examples and the Helm values stay out), and its images
// are the ones docker-compose.yml builds.
func TestKubernetesKustomization(t *testing.T) {
	objs := loadK8s(t)
	k := find[*kustomization](t, objs, "Kustomization", "")
	entries, err := os.ReadDir(k8sDir(t))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".yaml") && e.Name() != "kustomization.yaml" {
			files = append(files, e.Name())
		}
	}
	got := slices.Sorted(slices.Values(k.Resources))
	if !slices.Equal(got, files) {
		t.Errorf("kustomization resources %v, want the folder's manifests %v", got, files)
	}
	if k.Namespace == "" {
		t.Error("kustomization sets no namespace")
	}
	for _, o := range objs {
		if strings.HasPrefix(o.file, "examples/") {
			if m, ok := o.obj.(interface{ GetNamespace() string }); ok && m.GetNamespace() != k.Namespace {
				t.Errorf("%s: namespace %q, want %q (the kustomization's)", o.file, m.GetNamespace(), k.Namespace)
			}
		}
	}
	p := loadCompose(t)
	for _, svc := range []string{"diplograph", "corenlp"} {
		name, tag, _ := strings.Cut(service(t, p, svc).Image, ":")
		i := slices.IndexFunc(k.Images, func(im struct {
			Name    string `json:"name"`
			NewName string `json:"newName"`
			NewTag  string `json:"newTag"`
		}) bool {
			return im.Name == name
		})
		if i < 0 || k.Images[i].NewTag != tag {
			t.Errorf("kustomization images %+v: want %s:%s, the image docker-compose.yml builds for %s", k.Images, name, tag, svc)
		}
	}
	if !bytes.Contains(mustRead(t, filepath.Join(k8sDir(t), "README.md")), []byte("kubectl apply -k deploy/kubernetes")) {
		t.Error("deploy/kubernetes/README.md does not say how to apply the manifests")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
