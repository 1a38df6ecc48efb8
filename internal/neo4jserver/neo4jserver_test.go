package neo4jserver

import (
	"context"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/jvmservice"
	"github.com/diplograph/diplograph/internal/jvmservice/jvmtest"
)

func TestRenderConf(t *testing.T) {
	base := Options{HeapInitial: "512m", HeapMax: "1g", PageCache: "256m"}
	tests := []struct {
		name    string
		opts    func(Options) Options
		want    []string
		notWant []string
	}{
		{
			name: "defaults",
			opts: func(o Options) Options { return o },
			want: []string{
				"server.default_listen_address=127.0.0.1\n",
				"server.bolt.listen_address=:7001\n",
				"server.bolt.advertised_address=:7001\n",
				"server.http.listen_address=:7002\n",
				"server.https.enabled=false\n",
				"server.memory.pagecache.size=256m\n",
				"server.memory.heap.max_size=1g\n",
				"dbms.usage_report.enabled=false\n",
				"server.directories.data=/inst/data\n",
				"server.directories.logs=/inst/logs\n",
				"server.directories.plugins=/inst/plugins\n",
			},
			notWant: []string{"apoc", "browser."},
		},
		{
			name: "extra config adds and overrides",
			opts: func(o Options) Options {
				o.ExtraConfig = map[string]string{
					"browser.post_connect_cmd":                  "play http://127.0.0.1:8080/guide",
					"server.memory.pagecache.size":              "64m",
					"browser.remote_content_hostname_whitelist": "127.0.0.1",
				}
				return o
			},
			want: []string{
				"browser.post_connect_cmd=play http://127.0.0.1:8080/guide\n",
				"browser.remote_content_hostname_whitelist=127.0.0.1\n",
				"server.memory.pagecache.size=64m\n",
			},
			notWant: []string{"server.memory.pagecache.size=256m"},
		},
		{
			name: "apoc unrestricted",
			opts: func(o Options) Options { o.APOC = true; return o },
			want: []string{"dbms.security.procedures.unrestricted=apoc.*\n"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := renderConf(confSettings(tc.opts(base), "/inst", 7001, 7002))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("neo4j.conf lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("neo4j.conf has %q:\n%s", w, got)
				}
			}
			if again := renderConf(confSettings(tc.opts(base), "/inst", 7001, 7002)); again != got {
				t.Error("rendering is not stable")
			}
		})
	}
}

func TestOptionsValidation(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string // "" = valid
	}{
		{"zero value", Options{}, ""},
		{"bad name", Options{Name: "../x"}, "instance name"},
		{"short password", Options{Password: "abc"}, "at least 8"},
		{"short password is fine for a given server", Options{URI: "bolt://h:7687", Password: "abc"}, ""},
		{"bad config key", Options{ExtraConfig: map[string]string{"x=y": "1"}}, "config key"},
		{"config value with a line break", Options{ExtraConfig: map[string]string{"browser.x": "a\nb=c"}}, "line break"},
		{"bad size", Options{HeapMax: "lots"}, "memory size"},
		{"bad port", Options{BoltPort: 70000}, "out of range"},
		{"same ports", Options{BoltPort: 7999, HTTPPort: 7999}, "both"},
	}
	t.Setenv("NEO4J_PASSWORD", "")
	t.Setenv("DIPLOGRAPH_CACHE", t.TempDir())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := tc.opts.withDefaults()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			case tc.want == "" && (o.Name == "" || o.CacheDir == "" || o.Log == nil):
				t.Fatalf("defaults not filled: %+v", o)
			}
		})
	}
}

func TestChoosePorts(t *testing.T) {
	takenPort := jvmtest.TakenPort(t)

	t.Run("taken previous port falls back to a free one", func(t *testing.T) {
		bolt, http, err := choosePorts(0, 0, takenPort, takenPort, false)
		if err != nil {
			t.Fatal(err)
		}
		if bolt == takenPort || http == takenPort || bolt == http {
			t.Fatalf("got bolt %d http %d with %d taken", bolt, http, takenPort)
		}
		if !jvmservice.PortFree(bolt) || !jvmservice.PortFree(http) {
			t.Fatalf("chosen ports %d, %d are not free", bolt, http)
		}
	})
	t.Run("asked-for taken port is an error", func(t *testing.T) {
		if _, _, err := choosePorts(takenPort, 0, 0, 0, false); err == nil || !strings.Contains(err.Error(), "taken") {
			t.Fatalf("got %v, want a 'taken' error", err)
		}
	})
	t.Run("free previous ports are kept", func(t *testing.T) {
		l1, _ := net.Listen("tcp", "127.0.0.1:0")
		l2, _ := net.Listen("tcp", "127.0.0.1:0")
		p1, p2 := l1.Addr().(*net.TCPAddr).Port, l2.Addr().(*net.TCPAddr).Port
		l1.Close()
		l2.Close()
		bolt, http, err := choosePorts(0, 0, p1, p2, false)
		if err != nil {
			t.Fatal(err)
		}
		if bolt != p1 || http != p2 {
			t.Fatalf("got %d/%d, want the previous %d/%d", bolt, http, p1, p2)
		}
	})
	t.Run("avoiding the defaults", func(t *testing.T) {
		bolt, http, err := choosePorts(0, 0, DefaultBoltPort, DefaultHTTPPort, true)
		if err != nil {
			t.Fatal(err)
		}
		if bolt == DefaultBoltPort || http == DefaultHTTPPort || bolt == http {
			t.Fatalf("got bolt %d http %d", bolt, http)
		}
	})
}

// TestStateFileOfEarlierVersions: an instance's state.json as earlier
// versions wrote it is still read, so existing instances are found again
// with their ports and password.
func TestStateFileOfEarlierVersions(t *testing.T) {
	instances, dir := jvmtest.Instances(t, "old", `{"name": "old", "version": "5.26.30", "pid": 1, "detached": true, `+
		`"bolt_port": 7001, "http_port": 7002, "password": "secret-password", "password_set": true, "apoc": true, `+
		`"started_at": "2026-01-02T03:04:05Z"}`)
	o := Options{Name: "old", InstancesDir: instances, CacheDir: t.TempDir()}
	s, err := Lookup(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	want := localConn(7001, 7002, "secret-password")
	if s.Name != "old" || s.Dir != dir || !s.Detached || s.Running || s.Conn != want {
		t.Fatalf("status %+v, want the instance of the file (not running: pid 1 is not Neo4j) with conn %+v", s, want)
	}
	if s, err := StopLocal(context.Background(), o); err != nil || s.Running {
		t.Fatalf("StopLocal of an instance that does not run: %+v, %v", s, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "state.json"), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Lookup(context.Background(), o); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("damaged state: got %v", err)
	}
}

// withoutTools leaves the test no java, no mvn and no Docker engine.
func withoutTools(t *testing.T) {
	jvmtest.WithoutTools(t)
	t.Setenv("DOCKER_HOST", "unix://"+filepath.Join(t.TempDir(), "no-docker.sock"))
	t.Setenv("NEO4J_PASSWORD", "")
	t.Setenv("DIPLOGRAPH_CACHE", t.TempDir())
}

func TestEnsureSaysWhatToInstall(t *testing.T) {
	withoutTools(t)
	_, err := Ensure(context.Background(), Options{})
	jvmtest.WantError(t, err, ErrUnavailable, "no Docker engine answers", "no java", "JDK 17+", "Maven", "Docker", "NEO4J_URI")
}

func TestEnsureBadURI(t *testing.T) {
	_, err := Ensure(context.Background(), Options{URI: "not a uri"})
	if err == nil || !strings.Contains(err.Error(), "NEO4J_URI") {
		t.Fatalf("got %v, want an error naming NEO4J_URI", err)
	}
}

func TestGuessHTTPURL(t *testing.T) {
	tests := []struct{ uri, want string }{
		{"bolt://db.example:7687", "http://db.example:7474"},
		{"neo4j://db.example", "http://db.example:7474"},
		{"neo4j+s://db.example", "https://db.example:7473"},
		{"bolt://[::1]:7687", "http://[::1]:7474"},
	}
	for _, tc := range tests {
		t.Run(tc.uri, func(t *testing.T) {
			o, err := Options{URI: tc.uri}.withDefaults()
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(o.URI)
			if got := guessHTTPURL(u); got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
}
