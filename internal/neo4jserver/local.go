package neo4jserver

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// localInstance is a Neo4j java process run from the cache.
type localInstance struct {
	o     Options
	tools tools
	dist  string
	dir   string

	mu    sync.Mutex
	st    state
	owned bool            // this process started it: Stop stops it
	done  <-chan struct{} // closed when the process this one started has exited
}

func instancesDir(o Options) string {
	if o.InstancesDir != "" {
		return o.InstancesDir
	}
	return filepath.Join(versionDir(o.CacheDir), "instances")
}

func instanceDir(o Options) string { return filepath.Join(instancesDir(o), o.Name) }

// ensureLocal reuses the named detached instance when it runs and answers,
// else starts it (assembling the runtime first if needed).
func ensureLocal(ctx context.Context, o Options, t tools) (*Instance, error) {
	dist, err := assembleDist(ctx, o, t)
	if err != nil {
		return nil, err
	}
	var apoc string
	if o.APOC {
		if apoc, err = assembleAPOC(ctx, o, t); err != nil {
			return nil, err
		}
	}
	dir := instanceDir(o)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("neo4jserver: instance folder: %w", err)
	}
	// One process at a time decides whether to reuse or start an instance.
	unlock, err := Lock(ctx, filepath.Join(dir, "instance.lock"), func() {
		fmt.Fprintf(o.Log, "neo4j: waiting for another process starting instance %q\n", o.Name)
	})
	if err != nil {
		return nil, err
	}
	defer unlock()

	st, err := readState(dir)
	if err != nil {
		return nil, err
	}
	li := &localInstance{o: o, tools: t, dist: dist, dir: dir, st: st}
	if alive(st.PID, dir) {
		if !st.Detached && st.Owner != os.Getpid() && pidAlive(st.Owner) {
			return nil, fmt.Errorf("neo4jserver: instance %q is in use by process %d; choose another name", o.Name, st.Owner)
		}
		if (o.BoltPort != 0 && o.BoltPort != st.BoltPort) || (o.HTTPPort != 0 && o.HTTPPort != st.HTTPPort) {
			return nil, fmt.Errorf("neo4jserver: instance %q already runs on bolt %d / http %d; stop it to change ports",
				o.Name, st.BoltPort, st.HTTPPort)
		}
		reused, err := li.reuse(ctx)
		if err == nil {
			return reused, nil
		}
		if hasCode(err, "Neo.ClientError.Security.Unauthorized") || hasCode(err, "Neo.ClientError.Security.AuthenticationRateLimit") {
			// It runs and answers: not ours to kill over a password.
			return nil, fmt.Errorf("neo4jserver: instance %q (pid %d) refuses the password in %s: %w",
				o.Name, st.PID, statePath(dir), err)
		}
		fmt.Fprintf(o.Log, "neo4j: instance %q (pid %d) does not answer (%v); restarting it\n", o.Name, st.PID, err)
		if err := terminate(ctx, st.PID, dir, nil); err != nil {
			return nil, err
		}
	}
	if err := li.start(ctx, o.BoltPort, o.HTTPPort, apoc); err != nil {
		return nil, err
	}
	return &Instance{conn: li.conn(), local: li, source: SourceLocal}, nil
}

// reuse checks that the running instance answers with its password (changed
// to Options.Password when that differs) and returns it, not owned.
func (li *localInstance) reuse(ctx context.Context) (*Instance, error) {
	o, st := li.o, li.st
	// Generous: a busy machine can make a healthy Neo4j slow to answer,
	// and the alternative is restarting it.
	vctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	c := localConn(st.BoltPort, st.HTTPPort, st.Password)
	if err := c.verify(vctx); err != nil {
		return nil, err
	}
	if o.Password != "" && o.Password != st.Password {
		if err := changePassword(vctx, c, o.Password); err != nil {
			return nil, err
		}
		li.st.Password = o.Password
		if err := writeState(li.dir, li.st); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(o.Log, "neo4j: reusing instance %q (pid %d) at %s\n", o.Name, st.PID, c.URI)
	return &Instance{conn: li.conn(), local: li, source: SourceLocal}, nil
}

func (li *localInstance) conn() Conn {
	li.mu.Lock()
	defer li.mu.Unlock()
	return localConn(li.st.BoltPort, li.st.HTTPPort, li.st.Password)
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

// start writes the configuration, starts java and waits until Bolt answers
// with the instance's password (setting it on the first start).
func (li *localInstance) start(ctx context.Context, askBolt, askHTTP int, apoc string) error {
	o, dir := li.o, li.dir
	li.mu.Lock()
	st := li.st
	li.mu.Unlock()

	bolt, http, err := choosePorts(askBolt, askHTTP, st.BoltPort, st.HTTPPort, o.FreePorts)
	if err != nil {
		return err
	}
	for _, sub := range []string{"conf", "data", "logs", "plugins", "import", "run", "licenses"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			return fmt.Errorf("neo4jserver: instance folder: %w", err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "conf", "neo4j.conf"),
		[]byte(renderConf(confSettings(o, dir, bolt, http))), 0o600); err != nil {
		return fmt.Errorf("neo4jserver: write neo4j.conf: %w", err)
	}
	if err := installPlugins(apoc, filepath.Join(dir, "plugins")); err != nil {
		return err
	}

	// The password the server has now, and the one it should have.
	current := "neo4j"
	if st.PasswordSet {
		current = st.Password
	}
	want := o.Password
	if want == "" {
		want = st.Password
	}
	if want == "" {
		want = rand.Text()
	}
	st.Name, st.Version, st.BoltPort, st.HTTPPort, st.APOC = o.Name, Version, bolt, http, o.APOC
	if !st.PasswordSet {
		st.Password = want // remembered before the first start, in case we die half-way
	}

	fmt.Fprintf(o.Log, "neo4j: starting instance %q (bolt %d, http %d) in %s\n", o.Name, bolt, http, dir)
	begin := time.Now()
	cmd, done, err := startJava(li.tools.java, javaArgs(o, li.dist, dir), dir, o.Detached)
	if err != nil {
		return err
	}
	st.PID, st.Detached, st.StartedAt = cmd.Process.Pid, o.Detached, time.Now().UTC()
	st.Owner = 0
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

	fail := func(err error) error {
		_ = terminate(context.WithoutCancel(ctx), st.PID, dir, done)
		li.setStopped()
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, o.StartTimeout)
	defer cancel()
	if err := waitStarted(wctx, dir, bolt, done); err != nil {
		return fail(fmt.Errorf("neo4jserver: instance %q did not start: %w\n--- %s:\n%s",
			o.Name, err, filepath.Join(dir, "logs", "console.log"), logTail(dir)))
	}
	c := localConn(bolt, http, want)
	if err := settlePassword(wctx, c, []string{current, want, "neo4j"}, want); err != nil {
		return fail(fmt.Errorf("neo4jserver: set the password of instance %q: %w", o.Name, err))
	}
	st.Password, st.PasswordSet = want, true
	if err := writeState(dir, st); err != nil {
		return fail(err)
	}
	li.mu.Lock()
	li.st = st
	li.mu.Unlock()
	if err := waitQuery(wctx, c, done); err != nil {
		return fail(fmt.Errorf("neo4jserver: instance %q does not answer queries: %w\n--- %s:\n%s",
			o.Name, err, filepath.Join(dir, "logs", "console.log"), logTail(dir)))
	}
	fmt.Fprintf(o.Log, "neo4j: instance %q ready in %s at %s (browser %s)\n",
		o.Name, time.Since(begin).Round(100*time.Millisecond), c.URI, c.BrowserURL)
	return nil
}

// installPlugins makes plugins/ hold exactly the APOC jars when apoc is a
// folder, and no APOC jar otherwise.
func installPlugins(apoc, plugins string) error {
	old, _ := filepath.Glob(filepath.Join(plugins, "apoc-*.jar"))
	for _, p := range old {
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("neo4jserver: remove old plugin: %w", err)
		}
	}
	if apoc == "" {
		return nil
	}
	jars, _ := filepath.Glob(filepath.Join(apoc, "lib", "apoc-*.jar"))
	for _, j := range jars {
		b, err := os.ReadFile(j)
		if err != nil {
			return fmt.Errorf("neo4jserver: read %s: %w", j, err)
		}
		if err := os.WriteFile(filepath.Join(plugins, filepath.Base(j)), b, 0o644); err != nil {
			return fmt.Errorf("neo4jserver: install plugin: %w", err)
		}
	}
	return nil
}

// waitStarted waits until the instance's own log says Bolt is enabled on
// port and the server has started, failing early when the process exits.
// A TCP check alone is not enough: on a shared machine another Neo4j may
// take the port first, and we must not talk to it.
func waitStarted(ctx context.Context, dir string, port int, done <-chan struct{}) error {
	logPath := filepath.Join(dir, "logs", "console.log")
	bolt := ":" + strconv.Itoa(port) + "."
	for {
		if b, err := os.ReadFile(logPath); err == nil {
			log := string(b)
			i := strings.Index(log, "Bolt enabled on ")
			if i >= 0 && strings.Contains(log[i:], "INFO  Started.") {
				line, _, _ := strings.Cut(log[i:], "\n")
				if !strings.HasSuffix(strings.TrimSpace(line), bolt) {
					return fmt.Errorf("Neo4j says %q, not port %d", line, port)
				}
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("no \"Started.\" in %s: %w", logPath, ctx.Err())
		case <-done:
			return errors.New("the java process exited")
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// waitQuery waits until the neo4j database answers a query.
func waitQuery(ctx context.Context, c Conn, done <-chan struct{}) error {
	for {
		qctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err := c.verify(qctx)
		cancel()
		if err == nil {
			return nil
		}
		if hasCode(err, "Neo.ClientError.Security.Unauthorized") {
			return err // retrying a wrong password only trips the login rate limit
		}
		select {
		case <-ctx.Done():
			return err
		case <-done:
			return errors.New("the java process exited")
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// settlePassword makes the server's password want, trying the candidates
// for its current one in order: the state file can be wrong (a start that
// died half-way), and the initial password neo4j/neo4j is always worth a try.
// Each wrong guess counts towards Neo4j's login rate limit, so there are few.
func settlePassword(ctx context.Context, c Conn, candidates []string, want string) error {
	var last error
	seen := map[string]bool{}
	for _, cand := range candidates {
		if seen[cand] {
			continue
		}
		seen[cand] = true
		var err error
		if cand == want {
			qctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			err = c.verify(qctx)
			cancel()
		} else {
			from := c
			from.Password = cand
			err = changePassword(ctx, from, want)
		}
		if err == nil {
			return nil
		}
		if !hasCode(err, "Neo.ClientError.Security.Unauthorized") && !hasCode(err, "Neo.ClientError.Security.CredentialsExpired") {
			return err
		}
		last = err
	}
	return fmt.Errorf("the server accepts none of the passwords known for it (state.json, neo4j): "+
		"pass the right one with --password or NEO4J_PASSWORD, or delete the instance folder to start afresh: %w", last)
}

func hasCode(err error, code string) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && ne.Code == code
}

// changePassword changes the connected user's password (from c.Password)
// on the system database, retrying while the server finishes starting.
func changePassword(ctx context.Context, c Conn, to string) error {
	d, err := c.Open()
	if err != nil {
		return err
	}
	defer d.Close(context.WithoutCancel(ctx))
	var last error
	for {
		s := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: "system"})
		// Administration commands run in auto-commit transactions.
		res, err := s.Run(ctx, "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
			map[string]any{"old": c.Password, "new": to})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		s.Close(ctx)
		if err == nil {
			return nil
		}
		last = explain(err)
		if hasCode(err, "Neo.ClientError.Security.Unauthorized") {
			return last
		}
		select {
		case <-ctx.Done():
			return last
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func (li *localInstance) setStopped() {
	li.mu.Lock()
	li.st.PID, li.owned = 0, false
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
	fmt.Fprintf(li.o.Log, "neo4j: instance %q stopped\n", li.o.Name)
	return nil
}

// restart starts a stopped instance again on its ports.
func (li *localInstance) restart(ctx context.Context) error {
	li.mu.Lock()
	pid, bolt, http := li.st.PID, li.st.BoltPort, li.st.HTTPPort
	li.mu.Unlock()
	if alive(pid, li.dir) {
		return fmt.Errorf("neo4jserver: instance %q is running (pid %d); stop it first", li.o.Name, pid)
	}
	var apoc string
	if li.o.APOC {
		apoc = apocDir(li.o.CacheDir)
	}
	return li.start(ctx, bolt, http, apoc)
}

func pidAlive(pid int) bool { return jvmservice.PIDAlive(pid) }

// Status describes a named local instance.
type Status struct {
	Name     string
	Dir      string
	Running  bool // its process is alive
	Healthy  bool // and Bolt answers with its password
	PID      int
	Detached bool
	Conn     Conn // from its state file; zero when it never started
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
	s := Status{Name: o.Name, Dir: dir, Detached: st.Detached}
	if st.BoltPort != 0 {
		s.Conn = localConn(st.BoltPort, st.HTTPPort, st.Password)
	}
	if alive(st.PID, dir) {
		s.Running, s.PID = true, st.PID
		vctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		s.Healthy = s.Conn.verify(vctx) == nil
		cancel()
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
	o, _ = o.withDefaults()
	unlock, err := Lock(ctx, filepath.Join(s.Dir, "instance.lock"), nil)
	if err != nil {
		return s, err
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
	if err := writeState(s.Dir, st); err != nil {
		return s, err
	}
	return s, nil
}
