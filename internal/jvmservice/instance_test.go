package jvmservice

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// shState is the own state of shServer's instances.
type shState struct {
	Port  int    `json:"port"`
	Note  string `json:"note,omitempty"`
	Again bool   `json:"again,omitempty"`
}

// shServer runs sh in place of java: a process that says "started" in its
// log and runs until SIGTERM, so that the lifecycle can be tested without
// the minutes a real server takes. The server packages' integration tests
// run it with Neo4j and CoreNLP.
type shServer struct {
	reuse    func(st shState) (shState, error) // nil: answers
	notReady bool                              // Ready fails
	// takenPorts: a start on a port up to this one finds it taken (as a
	// port chosen free and taken before the server binds it).
	takenPorts int
}

var shKind = Kind{
	Package:     "shserver",
	Tag:         "sh",
	Version:     "1.0",
	Who:         "sh",
	Fetches:     "sh",
	Unavailable: errors.New("no sh available"),
	Install:     "Install sh.",
	LogFile:     "out.log",
	Marker:      func(dir string) string { return "--instance=" + dir },
	StopGrace:   5 * time.Second,
	DirMode:     0o700,
}

func (s shServer) Prepare(_ context.Context, dir string, prev shState, again bool) (shState, Launch, error) {
	st := shState{Port: prev.Port + 1, Note: prev.Note, Again: again}
	script := `trap 'exit 0' TERM; echo started; while :; do sleep 0.1; done`
	if st.Port <= s.takenPorts {
		script = `echo "bind(..) failed: Address already in use"; exit 1`
	}
	return st, Launch{Args: []string{"-c", script, shKind.Marker(dir)}, About: fmt.Sprintf("port %d", st.Port)}, nil
}

func (s shServer) Ready(ctx context.Context, p Started[shState]) error {
	err := Poll(ctx, p.Done, 20*time.Millisecond, func() (bool, error) {
		b, _ := os.ReadFile(p.Log)
		return strings.Contains(string(b), "started"), nil
	})
	if err == nil && s.notReady {
		return errors.New("is not ready")
	}
	return err
}

func (s shServer) Reuse(_ context.Context, _ string, st shState) (shState, error) {
	if s.reuse != nil {
		return s.reuse(st)
	}
	return st, nil
}

func (s shServer) Healthy(context.Context, shState) bool { return true }
func (s shServer) Address(st shState) string             { return fmt.Sprintf("sh:%d", st.Port) }

// shEnsure is Ensure for shServer: it skips the JDK, Maven and assembly.
func shEnsure(ctx context.Context, svc Service[shState]) (*Instance, error) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		return nil, err
	}
	svc, err = open(func() (Service[shState], error) { return svc, nil })
	if err != nil {
		return nil, err
	}
	l, err := svc.ensure(ctx, sh)
	if err != nil {
		return nil, err
	}
	return &Instance{kind: svc.Kind, source: SourceLocal, proc: l}, nil
}

func shService(t *testing.T, name string, detached bool, srv shServer) Service[shState] {
	return Service[shState]{Kind: shKind, Server: srv,
		Options: Options{Name: name, CacheDir: t.TempDir(), Detached: detached, StartTimeout: 10 * time.Second}}
}

// shStart starts the instance name of srv; whatever runs in its folder is
// stopped when the test ends.
func shStart(t *testing.T, name string, detached bool, srv shServer) (Service[shState], *Instance) {
	t.Helper()
	svc := shService(t, name, detached, srv)
	inst, err := shEnsure(context.Background(), svc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shStopLocal(svc) })
	return svc, inst
}

func shStopLocal(svc Service[shState]) (Status, error) {
	return StopLocal(context.Background(), func() (Service[shState], error) { return svc, nil },
		func(s Status, _ shState) Status { return s })
}

func shLookup(t *testing.T, svc Service[shState]) (Status, shState) {
	t.Helper()
	type result struct {
		s  Status
		st shState
	}
	r, err := Lookup(context.Background(), func() (Service[shState], error) { return svc, nil },
		func(s Status, st shState) result { return result{s, st} })
	if err != nil {
		t.Fatal(err)
	}
	return r.s, r.st
}

func TestLifecycleAttached(t *testing.T) {
	ctx := context.Background()
	svc, inst := shStart(t, "attached", false, shServer{})
	pid := inst.PID()
	if pid == 0 || inst.Source() != SourceLocal || inst.Exited() == nil || !strings.Contains(inst.LogTail(), "started") {
		t.Fatalf("pid %d, source %s, exited %v, log %q", pid, inst.Source(), inst.Exited(), inst.LogTail())
	}
	if st := State[shState](inst); st.Port != 1 || st.Again {
		t.Fatalf("own state %+v after the first start", st)
	}
	s, _ := shLookup(t, svc)
	if !s.Running || !s.Healthy || s.Detached || s.PID != pid || s.Dir != inst.Dir() {
		t.Fatalf("status %+v", s)
	}

	// The same process asks again: it reuses its instance, which is not
	// the second Instance's to stop.
	again, err := shEnsure(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	if again.PID() != pid || again.Exited() != nil {
		t.Fatalf("second Ensure: pid %d (want %d), exited %v", again.PID(), pid, again.Exited())
	}
	if err := again.Stop(ctx); err != nil || !Alive(pid, shKind.Marker(inst.Dir())) {
		t.Fatalf("Stop of a reused instance: %v, or it stopped", err)
	}

	if err := inst.Start(ctx); err == nil || !strings.Contains(err.Error(), "stop it first") {
		t.Fatalf("Start of a running instance: %v", err)
	}
	if err := inst.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if Alive(pid, shKind.Marker(inst.Dir())) || inst.PID() != 0 || inst.Exited() != nil {
		t.Fatalf("after Stop: alive %v, pid %d", Alive(pid, shKind.Marker(inst.Dir())), inst.PID())
	}
	if s, _ := shLookup(t, svc); s.Running || s.PID != 0 {
		t.Fatalf("status after Stop %+v", s)
	}
	if err := inst.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if st := State[shState](inst); st.Port != 2 || !st.Again || inst.PID() == 0 || inst.PID() == pid {
		t.Fatalf("after Start: own state %+v, pid %d", st, inst.PID())
	}
}

func TestLifecycleDetachedStopLocal(t *testing.T) {
	ctx := context.Background()
	noted := func(st shState) (shState, error) { st.Note = "reused"; return st, nil }
	svc, inst := shStart(t, "detached", true, shServer{reuse: noted})
	pid := inst.PID()

	// A reuse that changes the own state records it.
	if _, err := shEnsure(ctx, svc); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(StatePath(inst.Dir()))
	if err != nil {
		t.Fatal(err)
	}
	var file map[string]any
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"name": "detached", "version": "1.0", "pid": float64(pid), "detached": true, "port": float64(1), "note": "reused"}
	for k, v := range want {
		if file[k] != v {
			t.Errorf("state.json %s = %v, want %v (one object: the lifecycle's fields and the server's):\n%s", k, file[k], v, b)
		}
	}
	if fi, err := os.Stat(StatePath(inst.Dir())); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("state.json mode %v, %v; want 0600", fi.Mode(), err)
	}

	if s, err := shStopLocal(svc); err != nil || !s.Running || s.PID != pid {
		t.Fatalf("StopLocal: %+v, %v; want the status from before", s, err)
	}
	if Alive(pid, shKind.Marker(inst.Dir())) {
		t.Fatal("alive after StopLocal")
	}
	if s, err := shStopLocal(svc); err != nil || s.Running {
		t.Fatalf("StopLocal of a stopped instance: %+v, %v", s, err)
	}
}

func TestLifecycleRefusals(t *testing.T) {
	ctx := context.Background()
	svc, inst := shStart(t, "refusing", true, shServer{})
	pid := inst.PID()

	refuse := svc
	refuse.Server = shServer{reuse: func(st shState) (shState, error) {
		return st, &Answered{Err: errors.New("refuses the password")}
	}}
	_, err := shEnsure(ctx, refuse)
	want := fmt.Sprintf(`shserver: instance "refusing" (pid %d) refuses the password`, pid)
	if err == nil || err.Error() != want || !Alive(pid, shKind.Marker(inst.Dir())) {
		t.Fatalf("got %v, want %q and the instance left running", err, want)
	}

	restart := svc
	restart.Server = shServer{reuse: func(st shState) (shState, error) { return st, errors.New("no answer") }}
	again, err := shEnsure(ctx, restart)
	if err != nil {
		t.Fatal(err)
	}
	if again.PID() == pid || Alive(pid, shKind.Marker(inst.Dir())) {
		t.Fatalf("an instance that does not answer was not restarted: pid %d, was %d", again.PID(), pid)
	}
	pid = again.PID()

	broken := shService(t, "broken", false, shServer{notReady: true})
	_, err = shEnsure(ctx, broken)
	if err == nil || !strings.Contains(err.Error(), `instance "broken" is not ready`) || !strings.Contains(err.Error(), "out.log:\nstarted") {
		t.Fatalf("got %v, want the Ready error and the log", err)
	}
	if s, _ := shLookup(t, broken); s.Running || s.PID != 0 {
		t.Fatalf("a start that failed is %+v; want it stopped", s)
	}
}

func TestEnsureMissingTools(t *testing.T) {
	java, err := exec.LookPath("java")
	if err != nil {
		if testing.Short() {
			t.Skip("needs a java binary (skipped under -short)")
		}
		t.Fatal("no java on PATH: install a JDK 17+ (the integration tests need it too)")
	}
	k := shKind
	k.Dist = Assembly{POM: "<project/>", What: "sh 1.0"}
	svc := func() (Service[shState], error) {
		return Service[shState]{Kind: k, Server: shServer{}, Options: Options{CacheDir: t.TempDir()}}, nil
	}
	bin := t.TempDir()
	t.Setenv("PATH", bin)
	t.Setenv("JAVA_HOME", "")
	_, err = Ensure(testContext(t), svc)
	var missing *MissingTools
	if !errors.As(err, &missing) || !errors.Is(err, k.Unavailable) || missing.Why != "no java on PATH or in JAVA_HOME" ||
		err.Error() != "no sh available: no java on PATH or in JAVA_HOME. Install sh." {
		t.Fatalf("without java: %v", err)
	}
	if err := os.Symlink(java, filepath.Join(bin, "java")); err != nil {
		t.Fatal(err)
	}
	_, err = Ensure(testContext(t), svc)
	if !errors.As(err, &missing) || missing.Why != "no mvn (Maven) on PATH to fetch sh from Maven Central" {
		t.Fatalf("without mvn: %v", err)
	}
}

func testContext(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return c
}

func TestOptionsWithDefaults(t *testing.T) {
	t.Setenv("DIPLOGRAPH_CACHE", "/cache")
	o, err := Options{}.WithDefaults(shKind)
	if err != nil || o.Name != "default" || o.CacheDir != "/cache/sh" || o.StartTimeout != DefaultStartTimeout || o.Log == nil {
		t.Fatalf("defaults: %+v, %v", o, err)
	}
	if _, err := (Options{Name: "../x"}).WithDefaults(shKind); err == nil || !strings.HasPrefix(err.Error(), "shserver: instance name") {
		t.Fatalf("bad name: %v", err)
	}
}

// A fresh start that finds its port taken is tried again on other ports, a
// few times at most.
func TestLifecycleRetriesATakenPort(t *testing.T) {
	for _, tt := range []struct {
		taken    int
		wantPort int // 0: the start fails
	}{{0, 1}, {2, 3}, {portAttempts, 0}} {
		svc := shService(t, fmt.Sprintf("taken%d", tt.taken), false, shServer{takenPorts: tt.taken})
		inst, err := shEnsure(context.Background(), svc)
		if tt.wantPort == 0 {
			if err == nil || !errors.Is(err, errPortTaken) {
				t.Errorf("taken %d: %v, want a port-taken error", tt.taken, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("taken %d: %v", tt.taken, err)
		}
		t.Cleanup(func() { shStopLocal(svc) })
		if st := State[shState](inst); st.Port != tt.wantPort {
			t.Errorf("taken %d: started on port %d, want %d", tt.taken, st.Port, tt.wantPort)
		}
	}
}
