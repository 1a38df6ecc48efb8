package deploytest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/diplograph/diplograph/explore"
)

// root is the repository root, two folders up from this file.
func root(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// loadCompose loads docker-compose.yml as `docker compose` would, with env
// as the whole environment.
func loadCompose(t *testing.T, env ...string) *types.Project {
	t.Helper()
	dir := root(t)
	opts, err := cli.NewProjectOptions([]string{filepath.Join(dir, "docker-compose.yml")},
		cli.WithWorkingDirectory(dir), cli.WithEnv(env), cli.WithInterpolation(true))
	if err != nil {
		t.Fatal(err)
	}
	p, err := opts.LoadProject(context.Background())
	if err != nil {
		t.Fatalf("docker-compose.yml does not load: %v", err)
	}
	return p
}

func service(t *testing.T, p *types.Project, name string) types.ServiceConfig {
	t.Helper()
	s, ok := p.Services[name]
	if !ok {
		t.Fatalf("docker-compose.yml has no %q service (has %v)", name, p.ServiceNames())
	}
	return s
}

func env(s types.ServiceConfig, key string) string {
	if v, ok := s.Environment[key]; ok && v != nil {
		return *v
	}
	return ""
}

func publishes(s types.ServiceConfig, target uint32, published string) bool {
	for _, p := range s.Ports {
		if p.Target == target && p.Published == published {
			return true
		}
	}
	return false
}

func TestComposeNeo4j(t *testing.T) {
	p := loadCompose(t)
	neo := service(t, p, "neo4j")
	if neo.Image != "neo4j:5.26-community" {
		t.Errorf("neo4j image %q, want neo4j:5.26-community (the version the local mechanism assembles)", neo.Image)
	}
	if !publishes(neo, 7474, "7474") || !publishes(neo, 7687, "7687") {
		t.Errorf("neo4j ports %+v, want 7474:7474 and 7687:7687", neo.Ports)
	}
	if got := env(neo, "NEO4J_AUTH"); got != "neo4j/diplograph-dev" {
		t.Errorf("NEO4J_AUTH %q, want neo4j/diplograph-dev by default", got)
	}
	hc := neo.HealthCheck
	if hc == nil || len(hc.Test) < 2 || hc.Disable {
		t.Fatalf("neo4j has no healthcheck: %+v", hc)
	}
	test := strings.Join(hc.Test, " ")
	if !strings.Contains(test, "cypher-shell") || !strings.Contains(test, "RETURN 1") {
		t.Errorf("healthcheck %q does not query Bolt", test)
	}
	if !strings.Contains(test, "${NEO4J_AUTH#neo4j/}") {
		t.Errorf("healthcheck %q should read the password from NEO4J_AUTH inside the container ($$ escaped)", test)
	}
	if hc.Interval == nil || hc.Retries == nil || *hc.Retries < 5 {
		t.Errorf("healthcheck needs an interval and retries: %+v", hc)
	}
	mounted := false
	for _, v := range neo.Volumes {
		if v.Type == types.VolumeTypeVolume && v.Source == "neo4j-data" && v.Target == "/data" {
			mounted = true
		}
	}
	if !mounted {
		t.Errorf("neo4j volumes %+v, want the named volume neo4j-data on /data", neo.Volumes)
	}
	if _, ok := p.Volumes["neo4j-data"]; !ok {
		t.Errorf("volume neo4j-data is not declared at the top level")
	}
}

func TestComposeBrowserSettingsMatchExplore(t *testing.T) {
	neo := service(t, loadCompose(t), "neo4j")
	for k, want := range explore.DockerEnv("http://localhost:8080") {
		if got := env(neo, k); got != want {
			t.Errorf("neo4j %s = %q, want %q (explore.DockerEnv for http://localhost:8080)", k, got, want)
		}
	}
}

func TestComposeDiplograph(t *testing.T) {
	p := loadCompose(t)
	app := service(t, p, "diplograph")
	if app.Build == nil || app.Build.Dockerfile != "Dockerfile" {
		t.Errorf("diplograph build %+v, want the Dockerfile", app.Build)
	}
	dep, ok := app.DependsOn["neo4j"]
	if !ok || dep.Condition != types.ServiceConditionHealthy {
		t.Errorf("diplograph depends_on %+v, want neo4j with condition service_healthy", app.DependsOn)
	}
	if !publishes(app, 8080, "8080") {
		t.Errorf("diplograph ports %+v, want 8080:8080", app.Ports)
	}
	if len(app.Command) == 0 || (app.Command[0] != "up" && app.Command[0] != "serve") {
		t.Errorf("diplograph command %q, want up or serve", app.Command)
	}
	for k, want := range map[string]string{
		"NEO4J_URI":       "bolt://neo4j:7687",
		"NEO4J_USER":      "neo4j",
		"NEO4J_PASSWORD":  "diplograph-dev",
		"NEO4J_DATABASE":  "neo4j",
		"DIPLOGRAPH_ADDR": ":8080",
	} {
		if got := env(app, k); got != want {
			t.Errorf("diplograph %s = %q, want %q", k, got, want)
		}
	}
}

func TestComposePasswordFromEnvironment(t *testing.T) {
	p := loadCompose(t, "NEO4J_PASSWORD=from-the-shell")
	if got := env(service(t, p, "neo4j"), "NEO4J_AUTH"); got != "neo4j/from-the-shell" {
		t.Errorf("NEO4J_AUTH %q, want neo4j/from-the-shell", got)
	}
	if got := env(service(t, p, "diplograph"), "NEO4J_PASSWORD"); got != "from-the-shell" {
		t.Errorf("diplograph NEO4J_PASSWORD %q, want from-the-shell", got)
	}
}

func TestCommandsExist(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root(t), "cmd", "diplograph", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	app := service(t, loadCompose(t), "diplograph")
	for _, c := range []string{app.Command[0], "serve"} {
		if !strings.Contains(string(b), `{"`+c+`",`) {
			t.Errorf("cmd/diplograph has no %q command, which docker-compose.yml or the Dockerfile runs", c)
		}
	}
}
