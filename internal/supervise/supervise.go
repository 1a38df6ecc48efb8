// Package supervise keeps the services a command depends on in view, and
// the ones it started running.
//
// A Service is one dependency (Neo4j, the CoreNLP server). It always has a
// health watcher: Ready is asked every Interval (500 ms by default) and
// whenever Recheck is called (a request just failed with an unavailability
// error), so the service's state follows reality within a poll. When the
// command started the service itself, the Service is also given its
// Process: it then watches the child's exit and restarts it through the
// service's own start path, with exponential backoff (Backoff: 1 s doubling
// to 30 s; a process that ran longer than StableAfter starts again from
// 1 s) and a crash-loop limit (Limit restarts within Window: 5 in 10
// minutes), after which it gives up, says so in the log and stays failed.
// Every exit is logged with the tail of the child's log.
//
// Services given by URL (NEO4J_URI, CORENLP_URL) have no Process: they are
// never restarted, only watched.
//
// # States
//
// A Service is starting until its first check answers, then up or down by
// its checks (a check that fails outright, such as a refused connection,
// takes an up service down at once; one that only runs out of time must
// do so twice in a row, so that a busy moment is not an outage). A service
// with an Alive probe whose check runs out of time while the probe answers
// is busy, not down: it is working, slowly, and requests still go to it
// (Err is nil), while /readyz and the log say "busy". A supervised one is
// down from its child's exit until the
// restart begins, restarting while its start path runs, and failed when the
// crash-loop limit is reached. Err answers at once (no I/O) with an error
// while the service is known to be down, restarting or failed, so callers
// fail fast instead of spending their deadline on retries; it answers nil
// while starting (nothing is known yet) and up.
package supervise

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"
)

// State is where a service stands.
type State string

// The states (see the package documentation).
const (
	Starting   State = "starting"
	Up         State = "up"
	Down       State = "down"
	Restarting State = "restarting"
	Failed     State = "failed"
	Busy       State = "busy"
)

// States lists every state, for metrics.
var States = []State{Starting, Up, Busy, Down, Restarting, Failed}

// Unavailable reports whether requests that need the service should fail now.
func (s State) Unavailable() bool { return s == Down || s == Restarting || s == Failed }

// Process is a child process a command started and can start again.
type Process interface {
	// Exited is closed when the running process exits; nil when no process
	// of ours runs (never started by us, or stopped).
	Exited() <-chan struct{}
	// Start starts the process again after it exited, on its ports and data,
	// and returns once it serves (or fails).
	Start(ctx context.Context) error
	// LogTail is the end of the child's log, for the restart's log line.
	LogTail() string
}

// Backoff is the wait before the n-th consecutive restart: Initial, doubled
// each time, at most Max.
type Backoff struct {
	Initial, Max time.Duration
}

// Delay is the wait before consecutive restart n (1 for the first).
func (b Backoff) Delay(n int) time.Duration {
	if n < 1 {
		n = 1
	}
	d := b.Initial
	for i := 1; i < n && d < b.Max; i++ {
		d *= 2
	}
	return min(d, b.Max)
}

// Config says how a Service is watched and, with a Process, supervised.
// Zero values take the defaults.
type Config struct {
	Name string
	// Ready reports whether the service can serve now; nil: always.
	Ready func(ctx context.Context) error
	// Alive, when not nil, is a cheap probe that does not queue behind the
	// service's work (a TCP connect to its port): when Ready runs out of
	// time but Alive answers, the service is Busy rather than Down.
	Alive func(ctx context.Context) error
	// Process, when not nil, is restarted when it exits.
	Process Process

	Interval     time.Duration // between checks; default 500 ms
	CheckTimeout time.Duration // one check's limit; default 2 s
	Backoff      Backoff       // default 1 s doubling to 30 s
	StableAfter  time.Duration // a run this long resets the backoff; default 1 min
	Limit        int           // restarts allowed within Window; default 5
	Window       time.Duration // default 10 min

	Log *slog.Logger // default slog.Default()
}

func (c Config) withDefaults() Config {
	if c.Interval <= 0 {
		c.Interval = 500 * time.Millisecond
	}
	if c.CheckTimeout <= 0 {
		c.CheckTimeout = 2 * time.Second
	}
	if c.Backoff.Initial <= 0 {
		c.Backoff.Initial = time.Second
	}
	if c.Backoff.Max < c.Backoff.Initial {
		c.Backoff.Max = max(30*time.Second, c.Backoff.Initial)
	}
	if c.StableAfter <= 0 {
		c.StableAfter = time.Minute
	}
	if c.Limit <= 0 {
		c.Limit = 5
	}
	if c.Window <= 0 {
		c.Window = 10 * time.Minute
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	return c
}

// Status is a service's state as /readyz and /metrics show it.
type Status struct {
	Name       string
	State      State
	Supervised bool   // a process of ours, restarted when it exits
	Restarts   int    // restarts begun since the command started
	LastExit   string // when and how the child last exited; "" if never
	Reason     string // why it is not up (the last check's error, ...)
}

// RetryAfter is how long a client had better wait before trying again.
func (s Status) RetryAfter() time.Duration {
	switch s.State {
	case Restarting:
		return 5 * time.Second
	case Failed:
		return 30 * time.Second
	}
	return time.Second
}

// Service watches (and with a Process, supervises) one dependency.
type Service struct {
	cfg     Config
	recheck chan struct{}

	mu     sync.Mutex
	status Status
	down   chan struct{} // closed while the state is unavailable
	// slowOnce: the last check of an up service ran out of time.
	slowOnce bool
	started  []time.Time // when restarts began, for the crash-loop limit

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New returns a Service; Start begins watching.
func New(cfg Config) *Service {
	cfg = cfg.withDefaults()
	return &Service{cfg: cfg, recheck: make(chan struct{}, 1), down: make(chan struct{}),
		status: Status{Name: cfg.Name, State: Starting, Supervised: cfg.Process != nil}}
}

// Name is the service's name.
func (s *Service) Name() string { return s.cfg.Name }

// Start begins the health watcher and, with a Process, the supervisor; they
// run until Stop.
// A Process with no child of ours running (a reused detached instance) is
// only watched.
func (s *Service) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	supervised := s.cfg.Process != nil && s.cfg.Process.Exited() != nil
	s.mu.Lock()
	s.status.Supervised = supervised
	s.mu.Unlock()
	s.wg.Go(func() { s.watch(ctx) })
	if supervised {
		s.wg.Go(func() { s.supervise(ctx) })
	}
}

// Stop ends watching and supervising (before the process is stopped on
// purpose, so that its exit is not taken for a crash) and waits for them.
func (s *Service) Stop() {
	if s.cancel != nil {
		s.cancel()
	}
	s.wg.Wait()
}

// Status is the service's current state.
func (s *Service) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.status
}

// Err is nil unless the service is known to be unavailable; it does no I/O.
func (s *Service) Err() error {
	st := s.Status()
	if !st.State.Unavailable() {
		return nil
	}
	return &DownError{Status: st}
}

// Recheck asks the watcher to check now (coalesced with a pending one):
// callers whose request failed as if the service were down say so here.
func (s *Service) Recheck() {
	select {
	case s.recheck <- struct{}{}:
	default:
	}
}

// DownError says a service is known to be unavailable.
type DownError struct{ Status Status }

func (e *DownError) Error() string {
	msg := fmt.Sprintf("%s is %s", e.Status.Name, e.Status.State)
	if e.Status.Reason != "" {
		msg += ": " + e.Status.Reason
	}
	return msg
}

// RetryAfter is when to try again.
func (e *DownError) RetryAfter() time.Duration { return e.Status.RetryAfter() }

// watch checks the service every Interval and on Recheck.
func (s *Service) watch(ctx context.Context) {
	t := time.NewTicker(s.cfg.Interval)
	defer t.Stop()
	for {
		s.check(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.recheck:
		}
	}
}

// check asks Ready once and records the answer, unless the supervisor owns
// the state (restarting, failed) and the answer does not say it is up.
func (s *Service) check(ctx context.Context) {
	var err error
	slow := false
	if s.cfg.Ready != nil {
		cctx, cancel := context.WithTimeout(ctx, s.cfg.CheckTimeout)
		err = s.cfg.Ready(cctx)
		slow = err != nil && cctx.Err() != nil
		cancel()
	}
	if ctx.Err() != nil {
		return
	}
	alive := false
	if slow && s.cfg.Alive != nil {
		actx, cancel := context.WithTimeout(ctx, s.cfg.CheckTimeout)
		alive = s.cfg.Alive(actx) == nil
		cancel()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	prev := s.status.State
	if alive && (prev == Up || prev == Busy || prev == Starting) {
		// Working, slowly: a slow answer is not no answer.
		s.slowOnce = false
		s.setLocked(Busy, "answers slowly: "+err.Error())
		if prev != Busy {
			s.cfg.Log.Info("service is busy", "service", s.cfg.Name, "was", string(prev), "reason", s.status.Reason)
		}
		return
	}
	// A check that only ran out of time is not enough to call a service
	// that was up down (a busy machine, a GC pause): two in a row are. A
	// refused connection is.
	if slow && prev == Up && !s.slowOnce {
		s.slowOnce = true
		return
	}
	s.slowOnce = false
	switch {
	case err == nil && (prev == Restarting || prev == Failed && s.cfg.Ready == nil):
		// the supervisor owns these; without a Ready check nothing says
		// a service it gave up on is back
	case err == nil:
		s.setLocked(Up, "")
	case prev == Restarting || prev == Failed:
	default:
		s.setLocked(Down, err.Error())
	}
	if now := s.status.State; now != prev {
		if now == Up {
			s.cfg.Log.Info("service is up", "service", s.cfg.Name, "was", string(prev))
		} else {
			s.cfg.Log.Warn("service is "+string(now), "service", s.cfg.Name, "reason", s.status.Reason, "cause", errors.Unwrap(err))
		}
	}
}

func (s *Service) set(state State, reason string) {
	s.mu.Lock()
	s.setLocked(state, reason)
	s.mu.Unlock()
}

// setLocked changes the state (s.mu held), closing the Down channel when
// the service becomes unavailable and opening a fresh one when it is back.
func (s *Service) setLocked(state State, reason string) {
	was := s.status.State.Unavailable()
	s.status.State, s.status.Reason = state, reason
	switch now := state.Unavailable(); {
	case now && !was:
		close(s.down)
	case !now && was:
		s.down = make(chan struct{})
	}
}

// Down is closed when the service becomes unavailable (already closed
// while it is): requests in flight can give up at once instead of waiting
// for their deadline.
func (s *Service) Down() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.down
}

// supervise waits for the child's exit and restarts it.
func (s *Service) supervise(ctx context.Context) {
	p := s.cfg.Process
	consecutive := 0
	runningSince := time.Now()
	for {
		exited := p.Exited()
		if exited == nil {
			// Nothing of ours runs (a failed start stops what it began).
			consecutive++
		} else {
			select {
			case <-ctx.Done():
				return
			case <-exited:
			}
			ran := time.Since(runningSince)
			if ran >= s.cfg.StableAfter {
				consecutive = 0
			}
			consecutive++
			exit := fmt.Sprintf("%s after %s up", time.Now().UTC().Format(time.RFC3339), ran.Round(time.Second))
			s.mu.Lock()
			s.status.LastExit = exit
			s.setLocked(Down, "the process exited")
			s.mu.Unlock()
			s.cfg.Log.Error("service process exited", "service", s.cfg.Name, "ran", ran.Round(time.Second).String(),
				"log_tail", p.LogTail())
		}
		now := time.Now()
		if !s.allow(now) {
			msg := fmt.Sprintf("gave up: %d restarts within %s", s.cfg.Limit, s.cfg.Window)
			s.set(Failed, msg)
			s.cfg.Log.Error("service keeps crashing; not restarting it again", "service", s.cfg.Name,
				"restarts", s.Status().Restarts, "limit", s.cfg.Limit, "window", s.cfg.Window.String())
			return
		}
		delay := s.cfg.Backoff.Delay(consecutive)
		s.cfg.Log.Warn("restarting service", "service", s.cfg.Name, "in", delay.String(), "attempt", consecutive)
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		s.mu.Lock()
		s.setLocked(Restarting, "being restarted")
		s.status.Restarts++
		s.started = append(s.started, time.Now())
		s.mu.Unlock()
		begin := time.Now()
		err := p.Start(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			s.set(Down, "restart failed")
			s.cfg.Log.Error("service restart failed", "service", s.cfg.Name, "err", err)
			continue
		}
		runningSince = time.Now()
		s.set(Up, "")
		s.cfg.Log.Info("service restarted", "service", s.cfg.Name, "took", time.Since(begin).Round(100*time.Millisecond).String(),
			"restarts", s.Status().Restarts)
		s.Recheck()
	}
}

// allow reports whether one more restart stays within the crash-loop limit
// at now, forgetting restarts older than Window.
func (s *Service) allow(now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.started = recent(s.started, now, s.cfg.Window)
	return len(s.started) < s.cfg.Limit
}

// recent keeps the times within window before now.
func recent(ts []time.Time, now time.Time, window time.Duration) []time.Time {
	out := ts[:0]
	for _, t := range ts {
		if now.Sub(t) < window {
			out = append(out, t)
		}
	}
	return out
}

// DialAlive is an Alive probe for a service listening at addr (host:port):
// a TCP connect, which the operating system answers however busy the
// service is.
func DialAlive(addr string) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		var d net.Dialer
		c, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			return err
		}
		return c.Close()
	}
}
