package deploytest

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/types"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlpserver"
	"github.com/diplograph/diplograph/internal/jvmservice"
)

// TestDockerfileCoreNLPUsesTheEmbeddedPOM: the image gets its jars from the
// pom.xml corenlpserver embeds, with the same Maven command, so Docker and
// the local mechanism run the same CoreNLP.
func TestDockerfileCoreNLPUsesTheEmbeddedPOM(t *testing.T) {
	ins := dockerfileNamed(t, "Dockerfile.corenlp")
	mvn := "mvn " + strings.Join(jvmservice.MavenArgs(), " ")
	var fetchStage, jreStage, copyPOM, run, copyLib, health, cmd bool
	for _, i := range ins {
		switch {
		case strings.HasPrefix(i, "FROM maven:3-eclipse-temurin-17 AS "):
			fetchStage = true
		case strings.HasPrefix(i, "FROM eclipse-temurin:17-jre"):
			jreStage = true
		case strings.HasPrefix(i, "COPY internal/corenlpserver/pom.xml "):
			copyPOM = true
		case strings.HasPrefix(i, "RUN ") && strings.Contains(i, mvn):
			run = true
		case strings.HasPrefix(i, "COPY --from=fetch /build/lib "):
			copyLib = true
		case strings.HasPrefix(i, "HEALTHCHECK ") && strings.Contains(i, "/ready"):
			health = true
		case strings.HasPrefix(i, "CMD ") && strings.Contains(i, "edu.stanford.nlp.pipeline.StanfordCoreNLPServer") &&
			strings.Contains(i, "-port 9000") && strings.Contains(i, `-Xmx"$CORENLP_HEAP"`):
			cmd = true
		}
	}
	for what, ok := range map[string]bool{
		"a maven:3-eclipse-temurin-17 stage": fetchStage, "an eclipse-temurin:17-jre stage": jreStage,
		"COPY internal/corenlpserver/pom.xml": copyPOM, "RUN " + mvn: run, "COPY --from=fetch /build/lib": copyLib,
		"a HEALTHCHECK on /ready": health, "a CMD running StanfordCoreNLPServer on 9000 with CORENLP_HEAP": cmd,
	} {
		if !ok {
			t.Errorf("Dockerfile.corenlp lacks %s", what)
		}
	}
	pom, err := os.ReadFile(filepath.Join(root(t), "internal", "corenlpserver", "pom.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if string(pom) != corenlpserver.POM {
		t.Error("internal/corenlpserver/pom.xml differs from the POM corenlpserver embeds")
	}
	for _, i := range ins {
		if strings.HasPrefix(i, "ENV ") && strings.Contains(i, "CORENLP_HEAP=") && !strings.Contains(i, "CORENLP_HEAP="+corenlpserver.DefaultHeap+" ") {
			t.Errorf("Dockerfile.corenlp %q: want the measured default heap %s", i, corenlpserver.DefaultHeap)
		}
	}
}

func TestComposeCoreNLP(t *testing.T) {
	p := loadCompose(t)
	c := service(t, p, "corenlp")
	if c.Build == nil || c.Build.Dockerfile != "Dockerfile.corenlp" {
		t.Errorf("corenlp build %+v, want Dockerfile.corenlp", c.Build)
	}
	if got := env(c, "CORENLP_HEAP"); got != corenlpserver.DefaultHeap {
		t.Errorf("corenlp CORENLP_HEAP %q, want %s by default", got, corenlpserver.DefaultHeap)
	}
	hc := c.HealthCheck
	if hc == nil || hc.Disable || !strings.Contains(strings.Join(hc.Test, " "), "/ready") {
		t.Errorf("corenlp healthcheck %+v, want one on /ready", hc)
	} else if hc.Retries == nil || *hc.Retries < 10 || hc.StartPeriod == nil {
		t.Errorf("corenlp healthcheck needs retries and a start period (loading models takes a while): %+v", hc)
	}
	app := service(t, p, "diplograph")
	if got := env(app, "CORENLP_URL"); got != "dns+http://corenlp:9000" {
		t.Errorf("diplograph CORENLP_URL %q, want dns+http://corenlp:9000 (every replica of the corenlp service)", got)
	}
	dep, ok := app.DependsOn["corenlp"]
	if !ok || dep.Condition != types.ServiceConditionHealthy {
		t.Errorf("diplograph depends_on %+v, want corenlp with condition service_healthy", app.DependsOn)
	}
	if got := env(loadCompose(t, "CORENLP_HEAP=6g").Services["corenlp"], "CORENLP_HEAP"); got != "6g" {
		t.Errorf("CORENLP_HEAP from the shell: %q, want 6g", got)
	}
}

// TestComposeCoreNLPScales: docker compose up --scale corenlp=N runs N
// replicas and diplograph uses every one. Nothing on the corenlp service
// may be one per machine (a container name, a published port, a fixed
// address), and diplograph's CORENLP_URL must be a dns+ entry that the
// client reads as every address of the service's name, on the port the
// service exposes, with the replicas' threads.
func TestComposeCoreNLPScales(t *testing.T) {
	p := loadCompose(t)
	c := service(t, p, "corenlp")
	if c.ContainerName != "" {
		t.Errorf("corenlp has container_name %q: a second replica could not start", c.ContainerName)
	}
	if len(c.Ports) != 0 {
		t.Errorf("corenlp publishes %+v: a second replica could not bind the host port", c.Ports)
	}
	for name, n := range c.Networks {
		if n != nil && (n.Ipv4Address != "" || n.Ipv6Address != "" || n.MacAddress != "") {
			t.Errorf("corenlp has a fixed address on network %s: %+v", name, n)
		}
	}
	if c.MacAddress != "" {
		t.Errorf("corenlp has a fixed MAC address %q", c.MacAddress)
	}
	app := service(t, p, "diplograph")
	eps, err := corenlp.ParseEndpoints(env(app, "CORENLP_URL"))
	if err != nil {
		t.Fatalf("diplograph CORENLP_URL: %v", err)
	}
	if len(eps) != 1 || !eps[0].Discover {
		t.Fatalf("diplograph CORENLP_URL %q: want one dns+ entry, which follows every replica", env(app, "CORENLP_URL"))
	}
	u, err := url.Parse(eps[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p.Services[u.Hostname()]; !ok || u.Hostname() != "corenlp" {
		t.Errorf("CORENLP_URL names host %q, want the corenlp service", u.Hostname())
	}
	if !slices.Contains([]string(c.Expose), u.Port()) {
		t.Errorf("CORENLP_URL port %q is not one the corenlp service exposes (%v)", u.Port(), c.Expose)
	}
	for _, e := range [][]string{nil, {"CORENLP_THREADS=1"}} {
		p := loadCompose(t, e...)
		if a, b := env(p.Services["diplograph"], "CORENLP_THREADS"), env(p.Services["corenlp"], "CORENLP_THREADS"); a == "" || a != b {
			t.Errorf("with %v: diplograph CORENLP_THREADS %q, corenlp %q: want the same, so that each replica gets as many requests as it has threads", e, a, b)
		}
	}
}
