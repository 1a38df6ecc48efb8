package neo4jserver

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/testcontainers/testcontainers-go"
	tcneo4j "github.com/testcontainers/testcontainers-go/modules/neo4j"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// dockerHost finds a Docker engine that answers /_ping within a second:
// DOCKER_HOST when set, else the usual sockets. Machines without Docker
// pay only a few stat calls.
func dockerHost(ctx context.Context) (string, bool) {
	var candidates []string
	if h := os.Getenv("DOCKER_HOST"); h != "" {
		candidates = []string{h}
	} else {
		candidates = []string{"unix:///var/run/docker.sock"}
		if home, err := os.UserHomeDir(); err == nil {
			candidates = append(candidates, "unix://"+filepath.Join(home, ".docker", "run", "docker.sock"))
		}
		if rt := os.Getenv("XDG_RUNTIME_DIR"); rt != "" {
			candidates = append(candidates, "unix://"+filepath.Join(rt, "docker.sock"))
		}
	}
	for _, h := range candidates {
		if dockerPing(ctx, h) {
			return h, true
		}
	}
	return "", false
}

func dockerPing(ctx context.Context, host string) bool {
	u, err := url.Parse(host)
	if err != nil {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	tr := &http.Transport{}
	base := ""
	switch u.Scheme {
	case "unix":
		if _, err := os.Stat(u.Path); err != nil {
			return false
		}
		tr.DialContext = func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", u.Path)
		}
		base = "http://docker"
	case "tcp":
		if os.Getenv("DOCKER_TLS_VERIFY") != "" {
			// TLS needs the client certificates; a TCP connect is enough to try.
			var d net.Dialer
			c, err := d.DialContext(ctx, "tcp", u.Host)
			if err != nil {
				return false
			}
			c.Close()
			return true
		}
		base = "http://" + u.Host
	default:
		return false
	}
	defer tr.CloseIdleConnections()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/_ping", nil)
	if err != nil {
		return false
	}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// ensureDocker starts (or, with ReuseContainer, finds) a neo4j:5.26-community
// container. Its password is Options.Password or DefaultDevPassword, so that
// a container reused by name keeps working across processes.
func ensureDocker(ctx context.Context, o Options, host string) (*Instance, error) {
	pw := o.Password
	if pw == "" {
		pw = DefaultDevPassword
	}
	settings := map[string]string{
		"server.memory.pagecache.size":    o.PageCache,
		"server.memory.heap.initial_size": o.HeapInitial,
		"server.memory.heap.max_size":     o.HeapMax,
		"dbms.usage_report.enabled":       "false",
	}
	for k, v := range o.ExtraConfig {
		settings[k] = v
	}
	opts := []testcontainers.ContainerCustomizer{
		tcneo4j.WithAdminPassword(pw),
		tcneo4j.WithNeo4jSettings(settings),
	}
	if o.APOC {
		opts = append(opts,
			testcontainers.WithEnv(map[string]string{"NEO4J_PLUGINS": `["apoc"]`}),
			tcneo4j.WithNeo4jSetting("dbms.security.procedures.unrestricted", "apoc.*"))
	}
	if o.ReuseContainer {
		opts = append(opts, testcontainers.WithReuseByName("diplograph-neo4j-"+o.Name))
	}
	fmt.Fprintf(o.Log, "neo4j: starting %s with Docker (%s)\n", DockerImage, host)
	ctx, cancel := context.WithTimeout(ctx, o.StartTimeout+3*time.Minute) // image pull included
	defer cancel()
	ctr, err := tcneo4j.Run(ctx, DockerImage, opts...)
	if err != nil {
		if ctr != nil {
			_ = ctr.Terminate(context.WithoutCancel(ctx))
		}
		return nil, fmt.Errorf("neo4jserver: start %s with Docker: %w", DockerImage, err)
	}
	bolt, err := ctr.PortEndpoint(ctx, "7687/tcp", "bolt")
	if err != nil {
		return nil, fmt.Errorf("neo4jserver: docker bolt port: %w", err)
	}
	httpURL, err := ctr.PortEndpoint(ctx, "7474/tcp", "http")
	if err != nil {
		return nil, fmt.Errorf("neo4jserver: docker http port: %w", err)
	}
	c := Conn{
		URI: bolt, User: "neo4j", Password: pw, Database: "neo4j",
		HTTPURL: strings.TrimSuffix(httpURL, "/"), Source: string(SourceDocker),
	}
	c.BrowserURL = c.HTTPURL + "/browser/"
	if err := c.verify(ctx); err != nil {
		return nil, fmt.Errorf("neo4jserver: docker container at %s: %w", bolt, err)
	}
	inst := &Instance{process: jvmservice.External(kind, string(SourceDocker)), conn: c}
	if !o.ReuseContainer {
		inst.stop = func(ctx context.Context) error { return ctr.Terminate(ctx) }
	}
	fmt.Fprintf(o.Log, "neo4j: ready at %s (browser %s)\n", c.URI, c.BrowserURL)
	return inst, nil
}
