package jvmservice

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Instance is a server that a server package's Ensure found or started: a
// local java process that the lifecycle runs, or (External) one that it
// does not run. Server packages embed it in their own Instance, whose
// methods these become.
type Instance struct {
	kind   Kind
	source string
	proc   process // nil unless local
}

// process is a local instance, whatever the server's own state.
type process interface {
	currentPID() int
	folder() string
	exited() <-chan struct{}
	logTail() string
	restart(ctx context.Context) error
	stop(ctx context.Context) error
}

// SourceLocal is the Source of an instance the lifecycle runs.
const SourceLocal = "local"

// External is an instance the lifecycle does not run: a server given by
// address, a container. source says where it came from.
func External(k Kind, source string) *Instance { return &Instance{kind: k, source: source} }

// Source says where the instance came from: SourceLocal or External's source.
func (i *Instance) Source() string { return i.source }

// PID is the local process id, 0 for other sources or when stopped.
func (i *Instance) PID() int {
	if i.proc == nil {
		return 0
	}
	return i.proc.currentPID()
}

// Dir is the local instance's folder, "" for other sources.
func (i *Instance) Dir() string {
	if i.proc == nil {
		return ""
	}
	return i.proc.folder()
}

// Exited is closed when the local process this process started exits; nil
// when none runs (other sources, a reused detached instance, stopped). A
// supervisor restarts the instance with Start when it closes.
func (i *Instance) Exited() <-chan struct{} {
	if i.proc == nil {
		return nil
	}
	return i.proc.exited()
}

// LogTail is the end of the local process's log ("" for other sources),
// for the line that reports a crash.
func (i *Instance) LogTail() string {
	if i.proc == nil {
		return ""
	}
	return i.proc.logTail()
}

// Stop stops the local process if this process started it (SIGTERM, then
// SIGKILL after Kind.StopGrace). Other sources and reused detached
// instances are left running.
func (i *Instance) Stop(ctx context.Context) error {
	if i.proc == nil {
		return nil
	}
	return i.proc.stop(ctx)
}

// Start starts a stopped (or crashed) local instance again on the same
// ports, data and settings, so that clients holding its address reach it,
// and returns once it is ready. It is for supervisors and for tests that
// stop and restart a server.
func (i *Instance) Start(ctx context.Context) error {
	if i.proc == nil {
		return fmt.Errorf("%s: only local instances can be restarted (this one is %s)", i.kind.Package, i.source)
	}
	return i.proc.restart(ctx)
}

// State is the server's own part of the state of a local instance i (zero
// for other sources), as the lifecycle holds it now.
func State[S comparable](i *Instance) S {
	if l, ok := i.proc.(*local[S]); ok {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.rec.Own
	}
	var zero S
	return zero
}

// Ensure reuses the local instance that service names when it runs and
// answers, else starts it, first finding a JDK and Maven and assembling
// the runtime if needed. Without a JDK, or without Maven for a runtime not
// yet assembled, its error is a *MissingTools.
func Ensure[S comparable](ctx context.Context, service func() (Service[S], error)) (*Instance, error) {
	s, err := open(service)
	if err != nil {
		return nil, err
	}
	java, mvn, err := s.tools(ctx)
	if err != nil {
		return nil, err
	}
	if a, ok := s.Server.(Assembler); ok {
		if err := a.Assemble(ctx, mvn); err != nil {
			return nil, s.Kind.wrap(err)
		}
	}
	l, err := s.ensure(ctx, java)
	if err != nil {
		return nil, err
	}
	return &Instance{kind: s.Kind, source: SourceLocal, proc: l}, nil
}

func open[S comparable](service func() (Service[S], error)) (Service[S], error) {
	s, err := service()
	if err != nil {
		return s, err
	}
	s.Options, err = s.Options.WithDefaults(s.Kind)
	return s, err
}

// local is a java process of the lifecycle, run from the cache.
type local[S comparable] struct {
	svc  Service[S]
	java string
	dir  string

	mu    sync.Mutex
	rec   record[S]
	owned bool            // this process started it: Stop stops it
	done  <-chan struct{} // closed when the process this one started has exited
}

func (s Service[S]) ensure(ctx context.Context, java string) (*local[S], error) {
	k, o := s.Kind, s.Options
	dir := s.instanceDir()
	if err := os.MkdirAll(dir, k.DirMode); err != nil {
		return nil, k.wrap(fmt.Errorf("instance folder: %w", err))
	}
	// One process at a time decides whether to reuse or start an instance.
	unlock, err := Lock(ctx, filepath.Join(dir, "instance.lock"), func() {
		fmt.Fprintf(o.Log, "%s: waiting for another process starting instance %q\n", k.Tag, o.Name)
	})
	if err != nil {
		return nil, k.wrap(err)
	}
	defer unlock()
	rec, err := readRecord[S](dir)
	if err != nil {
		return nil, k.wrap(err)
	}
	l := &local[S]{svc: s, java: java, dir: dir, rec: rec}
	if Alive(rec.PID, k.Marker(dir)) {
		if reused, err := l.reuse(ctx); reused || err != nil {
			return l, err
		}
	}
	if err := l.start(ctx, false); err != nil {
		return nil, err
	}
	return l, nil
}

// reuse takes over the running instance if it answers. When it does not,
// reuse stops it for a new start and returns false.
func (l *local[S]) reuse(ctx context.Context) (bool, error) {
	k, o, rec := l.svc.Kind, l.svc.Options, l.rec
	if !rec.Detached && rec.Owner != os.Getpid() && PIDAlive(rec.Owner) {
		return false, k.wrap(fmt.Errorf("instance %q is in use by process %d; choose another name", o.Name, rec.Owner))
	}
	own, err := l.svc.Server.Reuse(ctx, l.dir, rec.Own)
	var answered *Answered
	if errors.As(err, &answered) {
		return false, k.wrap(fmt.Errorf("instance %q (pid %d) %w", o.Name, rec.PID, err))
	}
	if err != nil {
		fmt.Fprintf(o.Log, "%s: instance %q (pid %d) does not answer (%v); restarting it\n", k.Tag, o.Name, rec.PID, err)
		return false, l.terminate(ctx, rec.PID, nil)
	}
	if own != rec.Own {
		l.rec.Own = own
		if err := writeRecord(l.dir, l.rec); err != nil {
			return false, k.wrap(err)
		}
	}
	fmt.Fprintf(o.Log, "%s: reusing instance %q (pid %d) at %s\n", k.Tag, o.Name, rec.PID, l.svc.Server.Address(own))
	return true, nil
}

// start has the server prepare a start, starts java and waits until the
// server says it is ready; a start that fails is stopped and its error
// ends with the process's log.
// portAttempts bounds the starts of a fresh instance whose port another
// process took between being chosen and being bound.
const portAttempts = 3

// errPortTaken marks a start that failed because a port was taken.
var errPortTaken = errors.New("a port was taken before the server bound it")

// start starts the instance; a fresh start that lost a race for its port
// (chosen free, taken before the server bound it) is tried again on ports
// chosen anew.
func (l *local[S]) start(ctx context.Context, again bool) error {
	for attempt := 1; ; attempt++ {
		err := l.startOnce(ctx, again)
		if err == nil || again || attempt == portAttempts || !errors.Is(err, errPortTaken) || ctx.Err() != nil {
			return err
		}
		fmt.Fprintf(l.svc.Options.Log, "%s: a port of instance %q was taken as it started; trying other ports\n",
			l.svc.Kind.Tag, l.svc.Options.Name)
	}
}

func (l *local[S]) startOnce(ctx context.Context, again bool) error {
	s := l.svc
	k, o := s.Kind, s.Options
	l.mu.Lock()
	prev := l.rec.Own
	l.mu.Unlock()
	own, launch, err := s.Server.Prepare(ctx, l.dir, prev, again)
	if err != nil {
		return k.wrap(err)
	}
	fmt.Fprintf(o.Log, "%s: starting instance %q (%s) in %s\n", k.Tag, o.Name, launch.About, l.dir)
	begin := time.Now()
	logPath := s.logPath(l.dir)
	cmd, done, err := StartJava(l.java, launch.Args, l.dir, logPath, o.Detached)
	if err != nil {
		return k.wrap(err)
	}
	rec := record[S]{Own: own}
	rec.Name, rec.Version, rec.Detached = o.Name, k.Version, o.Detached
	rec.PID, rec.StartedAt = cmd.Process.Pid, time.Now().UTC()
	if !o.Detached {
		rec.Owner = os.Getpid()
	}
	if err := writeRecord(l.dir, rec); err != nil {
		_ = l.terminate(ctx, rec.PID, done)
		return k.wrap(err)
	}
	l.mu.Lock()
	l.rec, l.owned, l.done = rec, true, done
	l.mu.Unlock()

	wctx, cancel := context.WithTimeout(ctx, o.StartTimeout)
	defer cancel()
	p := Started[S]{Dir: l.dir, Log: logPath, State: own, Done: done, Begin: begin, Save: l.save}
	if err := s.Server.Ready(wctx, p); err != nil {
		_ = l.terminate(context.WithoutCancel(ctx), rec.PID, done)
		l.setStopped()
		if strings.Contains(LogTail(logPath, 200), "Address already in use") {
			err = fmt.Errorf("%w: %w", errPortTaken, err)
		}
		return k.wrap(fmt.Errorf("instance %q %w\n--- %s:\n%s", o.Name, err, logPath, LogTail(logPath, 25)))
	}
	return nil
}

func (l *local[S]) save(own S) error {
	l.mu.Lock()
	l.rec.Own = own
	rec := l.rec
	l.mu.Unlock()
	return writeRecord(l.dir, rec)
}

func (l *local[S]) setStopped() {
	l.mu.Lock()
	l.rec.PID, l.rec.Owner, l.owned = 0, 0, false
	rec := l.rec
	l.mu.Unlock()
	_ = writeRecord(l.dir, rec)
}

func (l *local[S]) terminate(ctx context.Context, pid int, done <-chan struct{}) error {
	k := l.svc.Kind
	return k.wrap(Terminate(ctx, pid, k.Marker(l.dir), done, k.StopGrace))
}

func (l *local[S]) stop(ctx context.Context) error {
	l.mu.Lock()
	pid, owned, done := l.rec.PID, l.owned, l.done
	l.mu.Unlock()
	if !owned || pid == 0 {
		return nil
	}
	if err := l.terminate(ctx, pid, done); err != nil {
		return err
	}
	l.setStopped()
	fmt.Fprintf(l.svc.Options.Log, "%s: instance %q stopped\n", l.svc.Kind.Tag, l.svc.Options.Name)
	return nil
}

func (l *local[S]) restart(ctx context.Context) error {
	l.mu.Lock()
	pid := l.rec.PID
	l.mu.Unlock()
	if Alive(pid, l.svc.Kind.Marker(l.dir)) {
		return l.svc.Kind.wrap(fmt.Errorf("instance %q is running (pid %d); stop it first", l.svc.Options.Name, pid))
	}
	return l.start(ctx, true)
}

func (l *local[S]) currentPID() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.rec.PID
}

func (l *local[S]) exited() <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.owned {
		return nil
	}
	return l.done
}

func (l *local[S]) folder() string  { return l.dir }
func (l *local[S]) logTail() string { return LogTail(l.svc.logPath(l.dir), 25) }

// Status describes a named local instance.
type Status struct {
	Name     string
	Dir      string
	Running  bool // its process is alive
	Healthy  bool // and it answers (Server.Healthy)
	PID      int
	Detached bool
}

// Lookup reports on the local instance that service names without
// starting anything: report makes the server's status of the lifecycle's
// and the server's own state from the state file.
func Lookup[S comparable, T any](ctx context.Context, service func() (Service[S], error), report func(Status, S) T) (T, error) {
	_, st, own, err := find(ctx, service)
	return report(st, own), err
}

// StopLocal stops the local instance that service names, whoever started
// it, and reports on it as Lookup did before. Stopping an instance that
// does not run is not an error.
func StopLocal[S comparable, T any](ctx context.Context, service func() (Service[S], error), report func(Status, S) T) (T, error) {
	s, st, own, err := find(ctx, service)
	if err == nil && st.Running {
		err = s.Kind.wrap(s.stop(ctx, st))
	}
	return report(st, own), err
}

// find reads the state of the instance that service names and checks
// whether it runs and answers.
func find[S comparable](ctx context.Context, service func() (Service[S], error)) (Service[S], Status, S, error) {
	s, err := open(service)
	if err != nil {
		var zero S
		return s, Status{}, zero, err
	}
	dir := s.instanceDir()
	rec, err := readRecord[S](dir)
	if err != nil {
		return s, Status{}, rec.Own, s.Kind.wrap(err)
	}
	st := Status{Name: s.Options.Name, Dir: dir, Detached: rec.Detached}
	if Alive(rec.PID, s.Kind.Marker(dir)) {
		st.Running, st.PID = true, rec.PID
		st.Healthy = s.Server.Healthy(ctx, rec.Own)
	}
	return s, st, rec.Own, nil
}

func (s Service[S]) stop(ctx context.Context, st Status) error {
	unlock, err := Lock(ctx, filepath.Join(st.Dir, "instance.lock"), nil)
	if err != nil {
		return err
	}
	defer unlock()
	if err := Terminate(ctx, st.PID, s.Kind.Marker(st.Dir), nil, s.Kind.StopGrace); err != nil {
		return err
	}
	rec, err := readRecord[S](st.Dir)
	if err != nil {
		return err
	}
	rec.PID, rec.Owner = 0, 0
	return writeRecord(st.Dir, rec)
}
