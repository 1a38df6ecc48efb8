package supervise

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"os/exec"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestBackoffDelay(t *testing.T) {
	b := Backoff{Initial: time.Second, Max: 30 * time.Second}
	for _, tc := range []struct {
		n    int
		want time.Duration
	}{
		{0, time.Second}, {1, time.Second}, {2, 2 * time.Second}, {3, 4 * time.Second}, {4, 8 * time.Second},
		{5, 16 * time.Second}, {6, 30 * time.Second}, {7, 30 * time.Second}, {100, 30 * time.Second},
	} {
		if got := b.Delay(tc.n); got != tc.want {
			t.Errorf("Delay(%d) = %s, want %s", tc.n, got, tc.want)
		}
	}
}

func TestCrashLoopLimit(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	for _, tc := range []struct {
		name    string
		started []time.Time
		allowed bool
	}{
		{"none", nil, true},
		{"four recent", []time.Time{ago(9 * time.Minute), ago(5 * time.Minute), ago(time.Minute), ago(time.Second)}, true},
		{"five recent", []time.Time{ago(9 * time.Minute), ago(5 * time.Minute), ago(2 * time.Minute), ago(time.Minute), ago(time.Second)}, false},
		{"five, one old", []time.Time{ago(11 * time.Minute), ago(5 * time.Minute), ago(2 * time.Minute), ago(time.Minute), ago(time.Second)}, true},
		{"old ones forgotten", []time.Time{ago(time.Hour), ago(30 * time.Minute), ago(20 * time.Minute), ago(15 * time.Minute), ago(10 * time.Minute)}, true},
	} {
		s := New(Config{Name: "x"})
		s.started = tc.started
		if got := s.allow(now); got != tc.allowed {
			t.Errorf("%s: allow = %v, want %v", tc.name, got, tc.allowed)
		}
	}
}

// child is a real OS process started from a shell command line.
type child struct {
	script string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
	runs atomic.Int32
	fail atomic.Bool // Start fails without starting anything
}

func (c *child) Start(ctx context.Context) error {
	if c.fail.Load() {
		return errors.New("cannot start")
	}
	cmd := exec.Command("sh", "-c", c.script)
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	c.mu.Lock()
	c.cmd, c.done = cmd, done
	c.mu.Unlock()
	c.runs.Add(1)
	return nil
}

func (c *child) Exited() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done == nil {
		return nil
	}
	return c.done
}

func (c *child) LogTail() string { return "last words of " + c.script }

func (c *child) pid() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cmd.Process.Pid
}

type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.b.Write(p) }
func (l *logBuf) String() string              { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func waitFor(t *testing.T, limit time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("not %s within %s", what, limit)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestSupervisorGivesUpOnCrashLoop(t *testing.T) {
	var log logBuf
	c := &child{script: "exit 1"}
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := New(Config{Name: "crasher", Process: c, Backoff: Backoff{Initial: 5 * time.Millisecond, Max: 20 * time.Millisecond},
		Limit: 3, Window: time.Minute, Log: slog.New(slog.NewTextHandler(&log, nil)), Interval: time.Hour})
	s.Start()
	defer s.Stop()
	waitFor(t, 10*time.Second, "failed", func() bool { return s.Status().State == Failed })
	st := s.Status()
	if st.Restarts != 3 || c.runs.Load() != 4 {
		t.Errorf("restarts = %d, runs = %d; want 3 restarts after the first run", st.Restarts, c.runs.Load())
	}
	if st.LastExit == "" || !st.Supervised {
		t.Errorf("status = %+v", st)
	}
	var de *DownError
	if err := s.Err(); !errors.As(err, &de) || de.RetryAfter() != 30*time.Second {
		t.Errorf("Err = %v, want a DownError saying 30s", err)
	}
	for _, want := range []string{"gave up", "keeps crashing", "last words of exit 1"} {
		if !bytes.Contains([]byte(log.String()+st.Reason), []byte(want)) {
			t.Errorf("log and reason lack %q:\n%s", want, log.String())
		}
	}
}

func TestSupervisorRestartsAKilledProcess(t *testing.T) {
	c := &child{script: "exec sleep 60"}
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := New(Config{Name: "sleeper", Process: c, Backoff: Backoff{Initial: 10 * time.Millisecond, Max: 50 * time.Millisecond},
		Interval: 10 * time.Millisecond, Log: slog.New(slog.DiscardHandler)})
	s.Start()
	defer func() {
		s.Stop()
		_ = syscall.Kill(c.pid(), syscall.SIGKILL)
	}()
	waitFor(t, 5*time.Second, "up", func() bool { return s.Status().State == Up })
	first := c.pid()
	if err := syscall.Kill(first, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "restarted", func() bool { return s.Status().Restarts == 1 && s.Status().State == Up })
	if c.pid() == first || c.runs.Load() != 2 {
		t.Errorf("pid %d (was %d), runs %d", c.pid(), first, c.runs.Load())
	}
	if s.Err() != nil {
		t.Errorf("Err after restart = %v", s.Err())
	}
}

func TestSupervisorRetriesAFailedStart(t *testing.T) {
	c := &child{script: "exec sleep 60"}
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.fail.Store(true)
	s := New(Config{Name: "flaky", Process: c, Backoff: Backoff{Initial: 5 * time.Millisecond, Max: 10 * time.Millisecond},
		Limit: 10, Interval: time.Hour, Log: slog.New(slog.DiscardHandler)})
	s.Start()
	defer func() {
		s.Stop()
		_ = syscall.Kill(c.pid(), syscall.SIGKILL)
	}()
	_ = syscall.Kill(c.pid(), syscall.SIGKILL)
	waitFor(t, 5*time.Second, "two failed restarts", func() bool { return s.Status().Restarts >= 2 })
	if st := s.Status(); !st.State.Unavailable() {
		t.Errorf("state after failed restarts = %s", st.State)
	}
	c.fail.Store(false)
	waitFor(t, 5*time.Second, "up", func() bool { return s.Status().State == Up })
}

func TestWatcherFollowsReady(t *testing.T) {
	var down atomic.Bool
	s := New(Config{Name: "db", Interval: time.Hour, Log: slog.New(slog.DiscardHandler), Ready: func(context.Context) error {
		if down.Load() {
			return errors.New("connection refused")
		}
		return nil
	}})
	if s.Err() != nil || s.Status().State != Starting {
		t.Fatalf("before the first check: %+v", s.Status())
	}
	s.Start()
	defer s.Stop()
	waitFor(t, time.Second, "up", func() bool { return s.Status().State == Up })
	gone := s.Down()
	down.Store(true)
	s.Recheck()
	waitFor(t, time.Second, "down", func() bool { return s.Status().State == Down })
	select {
	case <-gone:
	default:
		t.Error("Down's channel not closed when the service went down")
	}
	if err := s.Err(); err == nil || s.Status().Reason != "connection refused" || s.Status().Supervised {
		t.Errorf("down: Err %v, status %+v", err, s.Status())
	}
	down.Store(false)
	s.Recheck()
	waitFor(t, time.Second, "up again", func() bool { return s.Status().State == Up })
	select {
	case <-s.Down():
		t.Error("Down's channel closed while the service is up")
	default:
	}
}

// A check that runs out of time once does not take an up service down;
// twice in a row does.
func TestWatcherForgivesOneSlowCheck(t *testing.T) {
	var slow atomic.Bool
	s := New(Config{Name: "db", Interval: time.Hour, CheckTimeout: 20 * time.Millisecond, Log: slog.New(slog.DiscardHandler),
		Ready: func(ctx context.Context) error {
			if slow.Load() {
				<-ctx.Done()
				return ctx.Err()
			}
			return nil
		}})
	ctx := context.Background()
	s.check(ctx)
	if s.Status().State != Up {
		t.Fatalf("state %s, want up", s.Status().State)
	}
	slow.Store(true)
	s.check(ctx)
	if s.Status().State != Up {
		t.Errorf("one slow check: state %s, want still up", s.Status().State)
	}
	s.check(ctx)
	if s.Status().State != Down {
		t.Errorf("two slow checks: state %s, want down", s.Status().State)
	}
}

// A check that runs out of time while the Alive probe answers makes the
// service busy, not down, however often; requests still go to it; a fast
// check makes it up again, and a dead probe lets slow checks take it down.
func TestWatcherTellsBusyFromDown(t *testing.T) {
	var slow, dead atomic.Bool
	s := New(Config{Name: "corenlp", Interval: time.Hour, CheckTimeout: 20 * time.Millisecond, Log: slog.New(slog.DiscardHandler),
		Ready: func(ctx context.Context) error {
			if slow.Load() {
				<-ctx.Done()
				return ctx.Err()
			}
			return nil
		},
		Alive: func(context.Context) error {
			if dead.Load() {
				return errors.New("connection refused")
			}
			return nil
		}})
	ctx := context.Background()
	steps := []struct {
		name       string
		slow, dead bool
		want       State
	}{
		{"fast", false, false, Up},
		{"slow but alive", true, false, Busy},
		{"still slow", true, false, Busy},
		{"fast again", false, false, Up},
		{"slow and dead, once", true, true, Up},
		{"slow and dead, twice", true, true, Down},
	}
	for _, st := range steps {
		slow.Store(st.slow)
		dead.Store(st.dead)
		s.check(ctx)
		if got := s.Status().State; got != st.want {
			t.Fatalf("%s: state %s, want %s", st.name, got, st.want)
		}
		if (s.Err() != nil) != st.want.Unavailable() {
			t.Errorf("%s: Err() = %v", st.name, s.Err())
		}
	}
}

func TestDialAlive(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ctx := context.Background()
	if err := DialAlive(addr)(ctx); err != nil {
		t.Errorf("listening: %v", err)
	}
	ln.Close()
	if err := DialAlive(addr)(ctx); err == nil {
		t.Error("closed: no error")
	}
}
