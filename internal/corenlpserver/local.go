package corenlpserver

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// The cache holds, per CoreNLP version:
//
//	<cache>/<version>/dist/lib/*.jar     CoreNLP, its English models and dependencies
//	<cache>/<version>/dist/COMPLETE      written last: the folder is whole
//	<cache>/<version>/instances/<name>/  state.json and server.log of one instance

// kind is CoreNLP to the lifecycle of local instances.
var kind = jvmservice.Kind{
	Package: "corenlpserver",
	Tag:     "corenlp",
	Version: Version,
	Who:     "diplograph's CoreNLP server",
	Dist: jvmservice.Assembly{
		POM:  POM,
		What: "Stanford CoreNLP " + Version + " with its English models (about 470 MB)",
		Want: []string{"stanford-corenlp-" + Version + ".jar", "stanford-corenlp-" + Version + "-models.jar"},
	},
	Fetches:     "Stanford CoreNLP",
	Unavailable: ErrUnavailable,
	Install: "Install a JDK 17+ and Maven (e.g. apt-get install openjdk-17-jdk-headless maven), " +
		"or set CORENLP_URL to a running CoreNLP server (e.g. http://localhost:9000 from docker compose up corenlp)",
	LogFile:   "server.log",
	Marker:    marker,
	StopGrace: 15 * time.Second,
	DirMode:   0o755,
	Words: jvmservice.Words{
		About: `Runs Stanford CoreNLP ` + Version + ` (GPL v3+, always as a separate server
process) for machines without Docker. The first start fetches it and its
English models (about 470 MB) from Maven Central with Maven into the cache
(needs a JDK 17+ and mvn); later starts reuse it. Each instance (--name) has
its own port and log under the cache, and keeps running after this command
exits, until "diplograph corenlp stop".`,
		Prints:    "its URL",
		Shows:     "URL, settings and pid",
		Healthy:   "ready",
		Unhealthy: "NOT answering /ready",
	},
}

// marker is the java argument that tells the instance in dir's process from
// any other (CoreNLP ignores the system property).
func marker(dir string) string { return "-Ddiplograph.corenlp.instance=" + dir }

// serverArgs is the java command line of a local instance.
func serverArgs(o Options, dist, dir string, port int) []string {
	args := []string{
		"-Xmx" + o.Heap,
		"-XX:+ExitOnOutOfMemoryError",
		marker(dir),
		"-cp", filepath.Join(dist, "lib", "*"),
		"edu.stanford.nlp.pipeline.StanfordCoreNLPServer",
		"-port", strconv.Itoa(port),
		"-threads", strconv.Itoa(o.Threads),
		"-timeout", strconv.FormatInt(o.RequestTimeout.Milliseconds(), 10),
		"-quiet",
	}
	if o.Preload != "" {
		args = append(args, "-preload", o.Preload)
	}
	return args
}

// local is CoreNLP's part in the lifecycle of the local instance that o
// names (a jvmservice.Server).
type local struct{ o Options }

// local is what the options say of the local instance, for the lifecycle.
func (o Options) local() jvmservice.Options {
	return jvmservice.Options{Name: o.Name, CacheDir: o.CacheDir, InstancesDir: o.InstancesDir,
		Detached: o.Detached, StartTimeout: o.StartTimeout, Log: o.Log}
}

// service is the local instance that o names, for the lifecycle.
func (o Options) service() (jvmservice.Service[state], error) {
	o, err := o.withDefaults()
	return jvmservice.Service[state]{Kind: kind, Options: o.local(), Server: local{o}}, err
}

// Prepare chooses the port (a restart keeps it: clients hold the URL).
func (l local) Prepare(_ context.Context, dir string, prev state, again bool) (state, jvmservice.Launch, error) {
	o := l.o
	ask := o.Port
	if again && prev.Port != 0 {
		ask = prev.Port
	}
	port, err := choosePort(ask, prev.Port)
	if err != nil {
		return prev, jvmservice.Launch{}, err
	}
	return state{Port: port, Heap: o.Heap, Threads: o.Threads, Preload: o.Preload}, jvmservice.Launch{
		Args:  serverArgs(o, kind.DistDir(o.CacheDir), dir, port),
		About: fmt.Sprintf("port %d, heap %s, %d threads, preload %q", port, o.Heap, o.Threads, o.Preload),
	}, nil
}

// Ready waits until the server listens on its port and answers /ready,
// then warms it up.
func (l local) Ready(ctx context.Context, p jvmservice.Started[state]) error {
	o := l.o
	if err := waitListening(ctx, p.Log, p.State.Port, p.Done); err != nil {
		return fmt.Errorf("did not start: %w", err)
	}
	u := baseURL(p.State.Port)
	if err := waitReady(ctx, u, p.Done); err != nil {
		return fmt.Errorf("did not become ready: %w", err)
	}
	fmt.Fprintf(o.Log, "corenlp: instance %q ready in %s at %s\n", o.Name, time.Since(p.Begin).Round(100*time.Millisecond), u)
	if o.Warmup == nil {
		return nil
	}
	begin := time.Now()
	if err := o.Warmup(ctx, u); err != nil {
		return fmt.Errorf("failed its warm-up: %w", err)
	}
	fmt.Fprintf(o.Log, "corenlp: instance %q warmed up in %s\n", o.Name, time.Since(begin).Round(100*time.Millisecond))
	return nil
}

// Reuse checks that the running instance answers and warms it up.
func (l local) Reuse(ctx context.Context, _ string, st state) (state, error) {
	o := l.o
	if o.Port != 0 && o.Port != st.Port {
		return st, &jvmservice.Answered{Err: fmt.Errorf("already runs on port %d; stop it to change ports", st.Port)}
	}
	// Generous: a busy machine can make a healthy server slow to answer,
	// and the alternative is a restart that reloads every model.
	rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	u := baseURL(st.Port)
	if err := waitReady(rctx, u, nil); err != nil {
		return st, err
	}
	if st.Heap != o.Heap || st.Threads != o.Threads || !covers(st.Preload, o.Preload) {
		fmt.Fprintf(o.Log, "corenlp: instance %q runs with heap %s, %d threads, preload %q (asked: %s, %d, %q); "+
			"stop it to change them\n", o.Name, st.Heap, st.Threads, st.Preload, o.Heap, o.Threads, o.Preload)
	}
	if o.Warmup != nil {
		wctx, cancel := context.WithTimeout(ctx, o.StartTimeout)
		defer cancel()
		if err := o.Warmup(wctx, u); err != nil {
			// It answers: a failing warm-up is the caller's to fix, and
			// others may be using the server.
			return st, &jvmservice.Answered{Err: fmt.Errorf("failed its warm-up: %w", err)}
		}
	}
	return st, nil
}

// Healthy reports whether the server answers /ready.
func (l local) Healthy(ctx context.Context, st state) bool {
	return ready(ctx, baseURL(st.Port)) == nil
}

// Address is the server's base URL.
func (l local) Address(st state) string { return baseURL(st.Port) }

// covers reports whether the annotators of have include every one of want.
func covers(have, want string) bool {
	got := map[string]bool{}
	for _, a := range strings.Split(have, ",") {
		got[a] = true
	}
	for _, a := range strings.Split(want, ",") {
		if a != "" && !got[a] {
			return false
		}
	}
	return true
}

func baseURL(port int) string { return "http://127.0.0.1:" + strconv.Itoa(port) }

// choosePort picks the port of a start: the asked one (taken is an error),
// else the previous one when free, else a free one; never DefaultPort
// unless asked for.
func choosePort(ask, prev int) (int, error) {
	var p jvmservice.PortPicker
	defer p.Close()
	if prev == DefaultPort {
		prev = 0
	}
	return p.Pick("CoreNLP", ask, prev)
}

// Status describes a named local instance: Healthy says that /ready answers.
type Status struct {
	jvmservice.Status
	URL     string // from its state file; "" when it never started
	Heap    string
	Threads int
	Preload string
}

func status(s jvmservice.Status, st state) Status {
	out := Status{Status: s, Heap: st.Heap, Threads: st.Threads, Preload: st.Preload}
	if st.Port != 0 {
		out.URL = baseURL(st.Port)
	}
	return out
}

// Command is `diplograph corenlp start|stop|status`: it starts, stops and
// shows detached local instances; the command line gives it its flags and
// the Options they make.
func Command() jvmservice.Command[Options, Status] {
	return jvmservice.NewCommand(kind, Ensure, Lookup, StopLocal, func(s Status) []jvmservice.Detail {
		return []jvmservice.Detail{{Label: "url", Value: s.URL},
			{Label: "heap", Value: fmt.Sprintf("%s, %d threads, preload %q", s.Heap, s.Threads, s.Preload)},
			{Label: "folder", Value: s.Dir}, {Label: "env", Value: "CORENLP_URL=" + s.URL}}
	})
}

// Lookup reports on the local instance o.Name without starting anything.
func Lookup(ctx context.Context, o Options) (Status, error) {
	return jvmservice.Lookup(ctx, o.service, status)
}

// StopLocal stops the local instance o.Name, whoever started it, and
// returns its status from before. Stopping an instance that does not run is
// not an error.
func StopLocal(ctx context.Context, o Options) (Status, error) {
	return jvmservice.StopLocal(ctx, o.service, status)
}
