package corenlpserver

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/jvmservice/jvmtest"
)

func TestOptionsValidation(t *testing.T) {
	cache := t.TempDir()
	tests := []struct {
		name    string
		o       Options
		wantErr string // "" = valid
		check   func(t *testing.T, o Options)
	}{
		{"defaults", Options{CacheDir: cache}, "", func(t *testing.T, o Options) {
			if o.Name != "default" || o.Heap != DefaultHeap || o.Threads != DefaultThreads ||
				o.RequestTimeout != DefaultRequestTimeout || o.StartTimeout != DefaultStartTimeout || o.Log == nil {
				t.Errorf("defaults not applied: %+v", o)
			}
		}},
		{"url trailing slash dropped", Options{CacheDir: cache, URL: "http://corenlp:9000/"}, "", func(t *testing.T, o Options) {
			if o.URL != "http://corenlp:9000" {
				t.Errorf("URL %q", o.URL)
			}
		}},
		{"preload spaces dropped", Options{CacheDir: cache, Preload: "tokenize, ssplit,pos"}, "", func(t *testing.T, o Options) {
			if o.Preload != "tokenize,ssplit,pos" {
				t.Errorf("Preload %q", o.Preload)
			}
		}},
		{"bad name", Options{CacheDir: cache, Name: "../x"}, "instance name", nil},
		{"bad url", Options{CacheDir: cache, URL: "corenlp:9000"}, "CORENLP_URL", nil},
		{"url with a query", Options{CacheDir: cache, URL: "http://x:9000/?properties=x"}, "CORENLP_URL", nil},
		{"bad heap", Options{CacheDir: cache, Heap: "3 GB"}, "CORENLP_HEAP", nil},
		{"negative threads", Options{CacheDir: cache, Threads: -1}, "CORENLP_THREADS", nil},
		{"port out of range", Options{CacheDir: cache, Port: 70000}, "out of range", nil},
		{"bad preload", Options{CacheDir: cache, Preload: "tokenize;rm -rf"}, "preload", nil},
		{"negative request timeout", Options{CacheDir: cache, RequestTimeout: -time.Second}, "negative", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := tc.o.withDefaults()
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("error: %v", err)
				}
				if tc.check != nil {
					tc.check(t, o)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got %v, want an error saying %q", err, tc.wantErr)
			}
		})
	}
}

func TestFromEnv(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want Options
	}{
		{map[string]string{}, Options{}},
		{map[string]string{"CORENLP_URL": "http://c:9000", "CORENLP_HEAP": "4g", "CORENLP_THREADS": "3", "DIPLOGRAPH_CACHE": "/c"},
			Options{URL: "http://c:9000", Heap: "4g", Threads: 3, CacheDir: filepath.Join("/c", "corenlp")}},
		{map[string]string{"CORENLP_THREADS": "many"}, Options{Threads: -1}},
	}
	for _, tc := range tests {
		for _, k := range []string{"CORENLP_URL", "CORENLP_HEAP", "CORENLP_THREADS", "DIPLOGRAPH_CACHE"} {
			t.Setenv(k, tc.env[k])
		}
		got := FromEnv()
		if got.URL != tc.want.URL || got.Heap != tc.want.Heap || got.Threads != tc.want.Threads || got.CacheDir != tc.want.CacheDir {
			t.Errorf("env %v: got %+v, want %+v", tc.env, got, tc.want)
		}
	}
}

func TestServerArgs(t *testing.T) {
	base := Options{Heap: "3g", Threads: 2, RequestTimeout: 2 * time.Minute}
	tests := []struct {
		name   string
		o      func(Options) Options
		want   []string // in this order
		absent []string
	}{
		{"without preload", func(o Options) Options { return o },
			[]string{"-Xmx3g", "-cp", "/dist/lib/*", "edu.stanford.nlp.pipeline.StanfordCoreNLPServer",
				"-port", "9123", "-threads", "2", "-timeout", "120000", "-quiet"},
			[]string{"-preload"}},
		{"with preload", func(o Options) Options { o.Preload = corenlp.Annotators; o.Heap = "4g"; o.Threads = 4; return o },
			[]string{"-Xmx4g", "-threads", "4", "-preload", corenlp.Annotators}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := serverArgs(tc.o(base), "/dist", "/inst/x", 9123)
			joined := "\x00" + strings.Join(args, "\x00") + "\x00"
			if !slices.Contains(args, marker("/inst/x")) {
				t.Errorf("args %q lack the instance marker", args)
			}
			at := 0
			for _, w := range tc.want {
				i := strings.Index(joined[at:], "\x00"+w+"\x00")
				if i < 0 {
					t.Fatalf("args %q lack %q (in order)", args, w)
				}
				at += i + 1
			}
			for _, a := range tc.absent {
				if slices.Contains(args, a) {
					t.Errorf("args %q have %q", args, a)
				}
			}
			// The JVM options come before the main class.
			if slices.Index(args, marker("/inst/x")) > slices.Index(args, "edu.stanford.nlp.pipeline.StanfordCoreNLPServer") {
				t.Errorf("marker after the main class: %q", args)
			}
		})
	}
}

// TestStateFileOfEarlierVersions: an instance's state.json as earlier
// versions wrote it is still read, so existing instances are found again
// on their port.
func TestStateFileOfEarlierVersions(t *testing.T) {
	instances, dir := jvmtest.Instances(t, "old", `{"name": "old", "version": "4.5.10", "pid": 1, "detached": true, "port": 9123, `+
		`"heap": "3g", "threads": 2, "preload": "tokenize,ssplit,pos,lemma,ner,depparse", "started_at": "2026-12-01T10:00:00Z"}`)
	o := Options{Name: "old", InstancesDir: instances, CacheDir: t.TempDir()}
	s, err := Lookup(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "old" || s.Dir != dir || !s.Detached || s.Running || s.URL != "http://127.0.0.1:9123" ||
		s.Heap != "3g" || s.Threads != 2 || s.Preload != corenlp.Annotators {
		t.Fatalf("status %+v, want the instance of the file (not running: pid 1 is not CoreNLP)", s)
	}
	os.WriteFile(filepath.Join(dir, "state.json"), []byte("not json"), 0o600)
	if _, err := Lookup(context.Background(), o); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("damaged state: %v", err)
	}
}

func TestChoosePort(t *testing.T) {
	taken := jvmtest.TakenPort(t)
	if _, err := choosePort(taken, 0); err == nil || !strings.Contains(err.Error(), "taken") {
		t.Errorf("asked-for taken port: %v", err)
	}
	if p, err := choosePort(0, taken); err != nil || p == taken || p == 0 {
		t.Errorf("previous port taken: got %d, %v", p, err)
	}
	if p, err := choosePort(0, DefaultPort); err != nil || p == DefaultPort {
		t.Errorf("previous port %d: got %d, %v; want another", DefaultPort, p, err)
	}
	free, _ := choosePort(0, 0)
	if p, err := choosePort(0, free); err != nil || p != free {
		t.Errorf("free previous port %d: got %d, %v", free, p, err)
	}
}

func TestCovers(t *testing.T) {
	for _, tc := range []struct {
		have, want string
		ok         bool
	}{
		{corenlp.Annotators, "tokenize,ssplit", true},
		{corenlp.Annotators, "", true},
		{"", "", true},
		{"tokenize,ssplit", corenlp.Annotators, false},
	} {
		if got := covers(tc.have, tc.want); got != tc.ok {
			t.Errorf("covers(%q, %q) = %v", tc.have, tc.want, got)
		}
	}
}

// TestPOMMatchesVersion: the embedded POM (also Dockerfile.corenlp's) names Version.
func TestPOMMatchesVersion(t *testing.T) {
	m := regexp.MustCompile(`<corenlp.version>([^<]+)</corenlp.version>`).FindStringSubmatch(POM)
	if m == nil || m[1] != Version {
		t.Fatalf("pom.xml's corenlp.version %v, want %s", m, Version)
	}
	if !strings.Contains(POM, "<classifier>models</classifier>") {
		t.Error("pom.xml lacks the models jar")
	}
}

func TestEnsureSaysWhatToInstall(t *testing.T) {
	jvmtest.WithoutTools(t)
	_, err := Ensure(context.Background(), Options{CacheDir: t.TempDir()})
	jvmtest.WantError(t, err, ErrUnavailable, "no java", "JDK 17+", "Maven", "CORENLP_URL")
}

func TestEnsureURLThatDoesNotAnswer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	_, err = Ensure(context.Background(), Options{URL: "http://" + addr, StartTimeout: time.Second, CacheDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "CORENLP_URL=http://"+addr) || !strings.Contains(err.Error(), "/ready") {
		t.Fatalf("got %v, want an error naming CORENLP_URL and /ready", err)
	}
}

func TestLookupAndStopOfAnInstanceNeverStarted(t *testing.T) {
	o := Options{CacheDir: t.TempDir(), Name: "nothing"}
	s, err := Lookup(context.Background(), o)
	if err != nil || s.Running || s.URL != "" {
		t.Fatalf("Lookup: %+v, %v", s, err)
	}
	if s, err := StopLocal(context.Background(), o); err != nil || s.Running {
		t.Fatalf("StopLocal: %+v, %v", s, err)
	}
}
