package corenlpserver

import (
	"context"
	"errors"
	"fmt"
	"os"
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

func versionDir(cache string) string { return filepath.Join(cache, Version) }
func distDir(cache string) string    { return filepath.Join(versionDir(cache), "dist") }

func instancesDir(o Options) string {
	if o.InstancesDir != "" {
		return o.InstancesDir
	}
	return filepath.Join(versionDir(o.CacheDir), "instances")
}

func instanceDir(o Options) string { return filepath.Join(instancesDir(o), o.Name) }

func logPath(dir string) string { return filepath.Join(dir, "server.log") }

// stopGrace is how long CoreNLP gets after SIGTERM before SIGKILL.
const stopGrace = 15 * time.Second

// findTools looks for a JDK 17+ and, unless CoreNLP is already assembled, Maven.
func findTools(ctx context.Context, o Options) (tools, string) {
	var t tools
	java, why := jvmservice.FindJava(ctx, 17, "diplograph's CoreNLP server")
	if why != "" {
		return t, why
	}
	t.java = java
	if t.mvn = jvmservice.FindMaven(); t.mvn == "" && !jvmservice.Assembled(distDir(o.CacheDir)) {
		return t, "no mvn (Maven) on PATH to fetch Stanford CoreNLP from Maven Central"
	}
	return t, ""
}

// assemble makes sure CoreNLP is in the cache and returns its folder.
func assemble(ctx context.Context, o Options, t tools) (string, error) {
	dir := distDir(o.CacheDir)
	err := jvmservice.Assemble(ctx, jvmservice.Assembly{
		Dir:  dir,
		POM:  POM,
		What: "Stanford CoreNLP " + Version + " with its English models (about 470 MB)",
		Want: []string{"stanford-corenlp-" + Version + ".jar", "stanford-corenlp-" + Version + "-models.jar"},
		Mvn:  t.mvn,
		Log:  o.Log,
		Tag:  "corenlp",
	})
	if err != nil {
		return "", fmt.Errorf("corenlpserver: %w", err)
	}
	return dir, nil
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

// ensureLocal reuses the named detached instance when it runs and answers,
// else starts it (assembling CoreNLP first if needed).
func ensureLocal(ctx context.Context, o Options, t tools) (*Instance, error) {
	dist, err := assemble(ctx, o, t)
	if err != nil {
		return nil, err
	}
	dir := instanceDir(o)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("corenlpserver: instance folder: %w", err)
	}
	// One process at a time decides whether to reuse or start an instance.
	unlock, err := jvmservice.Lock(ctx, filepath.Join(dir, "instance.lock"), func() {
		fmt.Fprintf(o.Log, "corenlp: waiting for another process starting instance %q\n", o.Name)
	})
	if err != nil {
		return nil, fmt.Errorf("corenlpserver: %w", err)
	}
	defer unlock()

	st, err := readState(dir)
	if err != nil {
		return nil, err
	}
	li := &localInstance{o: o, tools: t, dist: dist, dir: dir, st: st}
	if jvmservice.Alive(st.PID, marker(dir)) {
		if !st.Detached && st.Owner != os.Getpid() && jvmservice.PIDAlive(st.Owner) {
			return nil, fmt.Errorf("corenlpserver: instance %q is in use by process %d; choose another name", o.Name, st.Owner)
		}
		if o.Port != 0 && o.Port != st.Port {
			return nil, fmt.Errorf("corenlpserver: instance %q already runs on port %d; stop it to change ports", o.Name, st.Port)
		}
		inst, err := li.reuse(ctx)
		if err == nil {
			return inst, nil
		}
		if errors.Is(err, errWarmup) {
			// It answers: a failing warm-up is the caller's to fix, and
			// others may be using the server.
			return nil, fmt.Errorf("corenlpserver: instance %q (pid %d): %w", o.Name, st.PID, err)
		}
		fmt.Fprintf(o.Log, "corenlp: instance %q (pid %d) does not answer (%v); restarting it\n", o.Name, st.PID, err)
		if err := terminate(ctx, st.PID, dir, nil); err != nil {
			return nil, err
		}
	}
	if err := li.start(ctx); err != nil {
		return nil, err
	}
	return &Instance{url: li.url(), source: SourceLocal, local: li}, nil
}

// errWarmup marks a failed warm-up of a running server.
var errWarmup = errors.New("warm-up failed")

// reuse checks that the running instance answers and warms it up.
func (li *localInstance) reuse(ctx context.Context) (*Instance, error) {
	o, st := li.o, li.st
	// Generous: a busy machine can make a healthy server slow to answer,
	// and the alternative is a restart that reloads every model.
	rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	u := baseURL(st.Port)
	if err := waitReady(rctx, u, nil); err != nil {
		return nil, err
	}
	if st.Heap != o.Heap || st.Threads != o.Threads || !covers(st.Preload, o.Preload) {
		fmt.Fprintf(o.Log, "corenlp: instance %q runs with heap %s, %d threads, preload %q (asked: %s, %d, %q); "+
			"stop it to change them\n", o.Name, st.Heap, st.Threads, st.Preload, o.Heap, o.Threads, o.Preload)
	}
	if o.Warmup != nil {
		wctx, cancel := context.WithTimeout(ctx, o.StartTimeout)
		defer cancel()
		if err := o.Warmup(wctx, u); err != nil {
			return nil, fmt.Errorf("%w: %w", errWarmup, err)
		}
	}
	fmt.Fprintf(o.Log, "corenlp: reusing instance %q (pid %d) at %s\n", o.Name, st.PID, u)
	return &Instance{url: u, source: SourceLocal, local: li}, nil
}

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

func (li *localInstance) url() string {
	li.mu.Lock()
	defer li.mu.Unlock()
	return baseURL(li.st.Port)
}

func (li *localInstance) exited() <-chan struct{} {
	li.mu.Lock()
	defer li.mu.Unlock()
	if !li.owned {
		return nil
	}
	return li.done
}

func (li *localInstance) currentPID() int {
	li.mu.Lock()
	defer li.mu.Unlock()
	return li.st.PID
}

// choosePort picks the port of a start: the asked one (taken is an error),
// else the previous one when free, else a free one; never DefaultPort
// unless asked for.
func choosePort(ask, prev int) (int, error) {
	var p jvmservice.PortPicker
	defer p.Close()
	if prev == DefaultPort {
		prev = 0
	}
	port, err := p.Pick("CoreNLP", ask, prev)
	if err != nil {
		return 0, fmt.Errorf("corenlpserver: %w", err)
	}
	return port, nil
}

// start starts java and waits until the server answers /ready, then warms it up.
func (li *localInstance) start(ctx context.Context) error {
	o, dir := li.o, li.dir
	li.mu.Lock()
	st, samePort := li.st, li.samePort
	li.mu.Unlock()

	ask := o.Port
	if samePort && st.Port != 0 {
		ask = st.Port
	}
	port, err := choosePort(ask, st.Port)
	if err != nil {
		return err
	}
	st = state{
		Name: o.Name, Version: Version, Port: port, Heap: o.Heap, Threads: o.Threads, Preload: o.Preload,
		Detached: o.Detached,
	}
	fmt.Fprintf(o.Log, "corenlp: starting instance %q (port %d, heap %s, %d threads, preload %q) in %s\n",
		o.Name, port, o.Heap, o.Threads, o.Preload, dir)
	begin := time.Now()
	cmd, done, err := jvmservice.StartJava(li.tools.java, serverArgs(o, li.dist, dir, port), dir, logPath(dir), o.Detached)
	if err != nil {
		return fmt.Errorf("corenlpserver: %w", err)
	}
	st.PID, st.StartedAt = cmd.Process.Pid, time.Now().UTC()
	if !o.Detached {
		st.Owner = os.Getpid()
	}
	if err := writeState(dir, st); err != nil {
		_ = terminate(ctx, st.PID, dir, done)
		return err
	}
	li.mu.Lock()
	li.st, li.owned, li.done = st, true, done
	li.mu.Unlock()

	fail := func(what string, err error) error {
		_ = terminate(context.WithoutCancel(ctx), st.PID, dir, done)
		li.setStopped()
		return fmt.Errorf("corenlpserver: instance %q %s: %w\n--- %s:\n%s",
			o.Name, what, err, logPath(dir), jvmservice.LogTail(logPath(dir), 25))
	}
	wctx, cancel := context.WithTimeout(ctx, o.StartTimeout)
	defer cancel()
	if err := waitListening(wctx, dir, port, done); err != nil {
		return fail("did not start", err)
	}
	u := baseURL(port)
	if err := waitReady(wctx, u, done); err != nil {
		return fail("did not become ready", err)
	}
	fmt.Fprintf(o.Log, "corenlp: instance %q ready in %s at %s\n", o.Name, time.Since(begin).Round(100*time.Millisecond), u)
	if o.Warmup != nil {
		wbegin := time.Now()
		if err := o.Warmup(wctx, u); err != nil {
			return fail("failed its warm-up", err)
		}
		fmt.Fprintf(o.Log, "corenlp: instance %q warmed up in %s\n", o.Name, time.Since(wbegin).Round(100*time.Millisecond))
	}
	return nil
}

// waitListening waits until the server's log says it listens on port,
// failing early when the process exits. /ready alone is not enough: on a
// shared machine another server may have taken the port first, and we must
// not take its answers for ours.
func waitListening(ctx context.Context, dir string, port int, done <-chan struct{}) error {
	suffix := ":" + strconv.Itoa(port)
	for {
		if b, err := os.ReadFile(logPath(dir)); err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				if _, addr, ok := strings.Cut(line, "StanfordCoreNLPServer listening at "); ok {
					if !strings.HasSuffix(strings.TrimSpace(addr), suffix) {
						return fmt.Errorf("the server says %q, not port %d", strings.TrimSpace(line), port)
					}
					return nil
				}
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("no \"listening at\" in %s: %w", logPath(dir), ctx.Err())
		case <-done:
			return errors.New("the java process exited")
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (li *localInstance) setStopped() {
	li.mu.Lock()
	li.st.PID, li.st.Owner, li.owned = 0, 0, false
	st := li.st
	li.mu.Unlock()
	_ = writeState(li.dir, st)
}

// stop stops the process if this process started it.
func (li *localInstance) stop(ctx context.Context) error {
	li.mu.Lock()
	pid, owned, done := li.st.PID, li.owned, li.done
	li.mu.Unlock()
	if !owned || pid == 0 {
		return nil
	}
	if err := terminate(ctx, pid, li.dir, done); err != nil {
		return err
	}
	li.setStopped()
	fmt.Fprintf(li.o.Log, "corenlp: instance %q stopped\n", li.o.Name)
	return nil
}

// restart starts a stopped instance again on its port (clients keep its URL).
func (li *localInstance) restart(ctx context.Context) error {
	li.mu.Lock()
	pid := li.st.PID
	li.samePort = true
	li.mu.Unlock()
	if jvmservice.Alive(pid, marker(li.dir)) {
		return fmt.Errorf("corenlpserver: instance %q is running (pid %d); stop it first", li.o.Name, pid)
	}
	return li.start(ctx)
}

func terminate(ctx context.Context, pid int, dir string, done <-chan struct{}) error {
	if err := jvmservice.Terminate(ctx, pid, marker(dir), done, stopGrace); err != nil {
		return fmt.Errorf("corenlpserver: %w", err)
	}
	return nil
}

// Status describes a named local instance.
type Status struct {
	Name     string
	Dir      string
	Running  bool // its process is alive
	Healthy  bool // and /ready answers
	PID      int
	Detached bool
	URL      string // from its state file; "" when it never started
	Heap     string
	Threads  int
	Preload  string
}

// Lookup reports on the local instance o.Name without starting anything.
func Lookup(ctx context.Context, o Options) (Status, error) {
	o, err := o.withDefaults()
	if err != nil {
		return Status{}, err
	}
	dir := instanceDir(o)
	st, err := readState(dir)
	if err != nil {
		return Status{}, err
	}
	s := Status{Name: o.Name, Dir: dir, Detached: st.Detached, Heap: st.Heap, Threads: st.Threads, Preload: st.Preload}
	if st.Port != 0 {
		s.URL = baseURL(st.Port)
	}
	if jvmservice.Alive(st.PID, marker(dir)) {
		s.Running, s.PID = true, st.PID
		s.Healthy = ready(ctx, s.URL) == nil
	}
	return s, nil
}

// StopLocal stops the local instance o.Name, whoever started it, and
// returns its status from before. Stopping an instance that does not run is
// not an error.
func StopLocal(ctx context.Context, o Options) (Status, error) {
	s, err := Lookup(ctx, o)
	if err != nil || !s.Running {
		return s, err
	}
	unlock, err := jvmservice.Lock(ctx, filepath.Join(s.Dir, "instance.lock"), nil)
	if err != nil {
		return s, fmt.Errorf("corenlpserver: %w", err)
	}
	defer unlock()
	if err := terminate(ctx, s.PID, s.Dir, nil); err != nil {
		return s, err
	}
	st, err := readState(s.Dir)
	if err != nil {
		return s, err
	}
	st.PID, st.Owner = 0, 0
	return s, writeState(s.Dir, st)
}
