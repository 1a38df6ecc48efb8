package neo4jserver

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// kind is Neo4j to the lifecycle of local instances.
var kind = jvmservice.Kind{
	Package: "neo4jserver",
	Tag:     "neo4j",
	Version: Version,
	Who:     "Neo4j 5",
	Dist: jvmservice.Assembly{
		POM:  distPOM,
		What: "Neo4j Community " + Version + " and Neo4j Browser " + BrowserVersion + " (about 140 MB)",
		Want: []string{"neo4j-server-" + Version + ".jar", "neo4j-browser-" + BrowserVersion + ".jar"},
	},
	Fetches:     "Neo4j",
	Unavailable: ErrUnavailable,
	Install:     install,
	LogFile:     filepath.Join("logs", "console.log"),
	Marker:      marker,
	StopGrace:   30 * time.Second, // Neo4j checkpoints on the way down
	DirMode:     0o700,            // state.json holds the password
	Words: jvmservice.Words{
		About: `Runs Neo4j Community ` + Version + ` (with Neo4j Browser) as a local
process, for machines without Docker. The first start fetches it from Maven
Central with Maven into the cache (needs a JDK 17+ and mvn); later starts reuse
it. Each instance (--name) has its own data, ports and password under the cache,
and keeps running after this command exits, until "diplograph neo4j stop".`,
		Prints:    "how to reach it",
		Shows:     "URLs, credentials and pid",
		Healthy:   "answering",
		Unhealthy: "NOT answering on Bolt",
	},
}

// local is Neo4j's part in the lifecycle of the local instance that o
// names (a jvmservice.Server).
type local struct{ o Options }

// service is the local instance that o names, for the lifecycle.
func (o Options) service() (jvmservice.Service[state], error) {
	o, err := o.withDefaults()
	return jvmservice.Service[state]{Kind: kind, Options: o.local(), Server: local{o}}, err
}

// Prepare chooses the ports, writes neo4j.conf, installs or removes APOC,
// and chooses the password of a first start.
func (l local) Prepare(_ context.Context, dir string, prev state, again bool) (state, jvmservice.Launch, error) {
	o := l.o
	askBolt, askHTTP := o.BoltPort, o.HTTPPort
	if again {
		askBolt, askHTTP = prev.BoltPort, prev.HTTPPort
	}
	bolt, http, err := choosePorts(askBolt, askHTTP, prev.BoltPort, prev.HTTPPort, o.FreePorts)
	if err != nil {
		return prev, jvmservice.Launch{}, err
	}
	for _, sub := range []string{"conf", "data", "logs", "plugins", "import", "run", "licenses"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			return prev, jvmservice.Launch{}, fmt.Errorf("instance folder: %w", err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "conf", "neo4j.conf"),
		[]byte(renderConf(confSettings(o, dir, bolt, http))), 0o600); err != nil {
		return prev, jvmservice.Launch{}, fmt.Errorf("write neo4j.conf: %w", err)
	}
	apoc := ""
	if o.APOC {
		apoc = apocDir(o.CacheDir)
	}
	if err := installPlugins(apoc, filepath.Join(dir, "plugins")); err != nil {
		return prev, jvmservice.Launch{}, err
	}
	st := prev
	st.BoltPort, st.HTTPPort, st.APOC = bolt, http, o.APOC
	if !st.PasswordSet {
		// remembered before the first start, in case we die half-way
		if st.Password = l.password(prev); st.Password == "" {
			st.Password = rand.Text()
		}
	}
	return st, jvmservice.Launch{
		Args:  javaArgs(o, kind.DistDir(o.CacheDir), dir),
		About: fmt.Sprintf("bolt %d, http %d", bolt, http),
	}, nil
}

// password is the password the instance should have: Options.Password,
// else the one in its state.
func (l local) password(st state) string {
	if l.o.Password != "" {
		return l.o.Password
	}
	return st.Password
}

// Ready waits until Neo4j has started on its Bolt port, sets its password
// (on the first start, or when Options.Password changed it) and answers a
// query with it.
func (l local) Ready(ctx context.Context, p jvmservice.Started[state]) error {
	st := p.State
	if err := waitStarted(ctx, p.Log, st.BoltPort, p.Done); err != nil {
		return fmt.Errorf("did not start: %w", err)
	}
	// The password the server has now, and the one it should have.
	current := "neo4j"
	if st.PasswordSet {
		current = st.Password
	}
	want := l.password(st)
	c := localConn(st.BoltPort, st.HTTPPort, want)
	if err := settlePassword(ctx, c, []string{current, want, "neo4j"}, want); err != nil {
		return fmt.Errorf("did not take its password: %w", err)
	}
	st.Password, st.PasswordSet = want, true
	if err := p.Save(st); err != nil {
		return fmt.Errorf("took its password, but %w", err)
	}
	if err := waitQuery(ctx, c, p.Done); err != nil {
		return fmt.Errorf("does not answer queries: %w", err)
	}
	fmt.Fprintf(l.o.Log, "neo4j: instance %q ready in %s at %s (browser %s)\n",
		l.o.Name, time.Since(p.Begin).Round(100*time.Millisecond), c.URI, c.BrowserURL)
	return nil
}

// Reuse checks that the running instance answers with its password
// (changed to Options.Password when that differs).
func (l local) Reuse(ctx context.Context, dir string, st state) (state, error) {
	o := l.o
	if (o.BoltPort != 0 && o.BoltPort != st.BoltPort) || (o.HTTPPort != 0 && o.HTTPPort != st.HTTPPort) {
		return st, &jvmservice.Answered{Err: fmt.Errorf("already runs on bolt %d / http %d; stop it to change ports",
			st.BoltPort, st.HTTPPort)}
	}
	// Generous: a busy machine can make a healthy Neo4j slow to answer,
	// and the alternative is restarting it.
	vctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	c := st.conn()
	err := c.verify(vctx)
	if err == nil && o.Password != "" && o.Password != st.Password {
		if err = changePassword(vctx, c, o.Password); err == nil {
			st.Password = o.Password
		}
	}
	if hasCode(err, "Neo.ClientError.Security.Unauthorized") || hasCode(err, "Neo.ClientError.Security.AuthenticationRateLimit") {
		// It runs and answers: not ours to kill over a password.
		return st, &jvmservice.Answered{Err: fmt.Errorf("refuses the password in %s: %w", jvmservice.StatePath(dir), err)}
	}
	return st, err
}

// Healthy reports whether Bolt answers with the instance's password.
func (l local) Healthy(ctx context.Context, st state) bool {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return st.conn().verify(ctx) == nil
}

// Address is the instance's Bolt URI.
func (l local) Address(st state) string { return st.conn().URI }

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

// Status describes a named local instance: Healthy says that Bolt answers
// with its password.
type Status struct {
	jvmservice.Status
	Conn Conn // from its state file; zero when it never started
}

func status(s jvmservice.Status, st state) Status {
	out := Status{Status: s}
	if st.BoltPort != 0 {
		out.Conn = st.conn()
	}
	return out
}

// details are what `diplograph neo4j status` says of a running instance.
func details(s Status) []jvmservice.Detail {
	c := s.Conn
	return []jvmservice.Detail{
		{Label: "bolt", Value: c.URI}, {Label: "browser", Value: c.BrowserURL},
		{Label: "user", Value: c.User}, {Label: "password", Value: c.Password}, {Label: "folder", Value: s.Dir},
		{Label: "env", Value: "NEO4J_URI=" + c.URI + " NEO4J_USER=" + c.User + " NEO4J_PASSWORD=" + c.Password},
	}
}

// Command is `diplograph neo4j start|stop|status`: it starts, stops and
// shows detached local instances; the command line gives it its flags and
// the Options they make.
func Command() jvmservice.Command[Options, Status] {
	return jvmservice.NewCommand(kind, Ensure, Lookup, StopLocal, details)
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
