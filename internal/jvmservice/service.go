package jvmservice

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// Kind is what the lifecycle knows of one kind of server, the same for
// every instance of it. A server package declares one.
type Kind struct {
	// Package begins the lifecycle's errors ("neo4jserver: ..."): the
	// lifecycle speaks for the server package that called it.
	Package string
	// Tag begins progress lines ("neo4j: ...") and names the server's
	// folder in the cache ($DIPLOGRAPH_CACHE/<Tag>).
	Tag string
	// Version is the release the cache holds, a folder of its own:
	// <cache>/<Version>/dist and <cache>/<Version>/instances.
	Version string
	// Who needs the JDK, for the message when it is too old ("Neo4j 5").
	Who string
	// Dist is what Maven assembles into <cache>/<Version>/dist (POM, What
	// and Want; the lifecycle fills in the rest).
	Dist Assembly
	// Fetches names what Maven would fetch, for the message when there is
	// no Maven ("Stanford CoreNLP").
	Fetches string
	// Unavailable is wrapped by Ensure's error when the JDK, or Maven for
	// a runtime not yet assembled, is missing; Install follows the reason
	// and says what to install or set instead.
	Unavailable error
	Install     string
	// LogFile is the process's output, relative to the instance folder.
	LogFile string
	// Marker is the java argument that tells the process of the instance
	// in dir from any other (the lifecycle checks /proc/<pid>/cmdline).
	Marker func(dir string) string
	// StopGrace is how long the process gets after SIGTERM before SIGKILL.
	StopGrace time.Duration
	// DirMode is the instance folder's mode: 0o700 when it holds a password.
	DirMode os.FileMode
	// Words are what `diplograph <Tag> start|stop|status` says of it.
	Words Words
}

// VersionDir is the folder of this kind's Version in the cache.
func (k Kind) VersionDir(cache string) string { return filepath.Join(cache, k.Version) }

// DistDir is the folder of the assembled runtime; its jars are in lib/.
func (k Kind) DistDir(cache string) string { return filepath.Join(k.VersionDir(cache), "dist") }

// CacheDir is the default cache folder of the servers tagged tag:
// $DIPLOGRAPH_CACHE/<tag>, else os.UserCacheDir()/diplograph/<tag>.
func CacheDir(tag string) (string, error) {
	if c := os.Getenv("DIPLOGRAPH_CACHE"); c != "" {
		return filepath.Join(c, tag), nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache folder (set DIPLOGRAPH_CACHE): %w", err)
	}
	return filepath.Join(base, "diplograph", tag), nil
}

func (k Kind) wrap(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", k.Package, err)
}

// Options are what every server's options say about its local instance.
type Options struct {
	// Name names the instance ("default" when empty).
	Name string
	// CacheDir holds the runtime and the instances; Kind.CacheDir when empty.
	CacheDir string
	// InstancesDir overrides <CacheDir>/<Version>/instances (tests use a
	// temporary folder for private instances).
	InstancesDir string
	// Detached keeps the instance running after this process exits; a
	// running detached instance of that name that answers is reused.
	// Attached instances are stopped with their parent.
	Detached bool
	// StartTimeout bounds the wait until the server is ready (default 5
	// minutes: a busy two-core machine can take over two; a process that
	// dies is noticed at once).
	StartTimeout time.Duration
	// Log receives progress lines; nil discards them.
	Log io.Writer
}

// DefaultStartTimeout is Options.StartTimeout when none is given.
const DefaultStartTimeout = 5 * time.Minute

var namePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$`)

// WithDefaults checks o and fills in what is left empty.
func (o Options) WithDefaults(k Kind) (Options, error) {
	if o.Name == "" {
		o.Name = "default"
	}
	if !namePattern.MatchString(o.Name) {
		return o, fmt.Errorf("%s: instance name %q: use letters, digits, - and _ (at most 63)", k.Package, o.Name)
	}
	if o.CacheDir == "" {
		dir, err := CacheDir(k.Tag)
		if err != nil {
			return o, k.wrap(err)
		}
		o.CacheDir = dir
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = DefaultStartTimeout
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	return o, nil
}

// Service is one kind of server, one of its instances, and the server's
// part in starting and checking it. S is the server's own part of the
// instance's state file (ports, settings, a password): a struct whose JSON
// fields are not among State's.
type Service[S comparable] struct {
	Kind    Kind
	Options Options
	Server  Server[S]
}

// Server is what a server package does in the lifecycle of its local
// instances: the lifecycle locks, reads and writes the state, starts,
// watches and stops the java process; the server configures and checks it.
// Its errors need no package prefix: the lifecycle adds Kind.Package.
type Server[S comparable] interface {
	// Prepare readies a start of the instance in dir, whose own state was
	// prev (zero before the first start): it chooses ports, writes the
	// configuration, and returns the own state to record from now on and
	// the java command line. again is set when Instance.Start starts a
	// stopped instance, which must keep its ports (clients hold them).
	Prepare(ctx context.Context, dir string, prev S, again bool) (S, Launch, error)
	// Ready waits until the process p serves, failing early when p.Done
	// closes, and says so in the log. Its error completes "instance %q ...".
	Ready(ctx context.Context, p Started[S]) error
	// Reuse checks that the running instance with state st answers, and
	// returns its state (it may change it, as a new password). An error
	// wrapped in *Answered is final; any other restarts the instance.
	Reuse(ctx context.Context, dir string, st S) (S, error)
	// Healthy reports whether the running instance answers, for Lookup.
	Healthy(ctx context.Context, st S) bool
	// Address is where the instance serves, for progress lines.
	Address(st S) string
}

// Launch is a start that Server.Prepare readied.
type Launch struct {
	Args  []string // java's arguments
	About string   // for the progress line: "bolt 7687, http 7474"
}

// Started is a process the lifecycle has just started, for Server.Ready.
type Started[S comparable] struct {
	Dir   string
	Log   string // the process's output (Kind.LogFile)
	State S
	Done  <-chan struct{} // closes when the process exits
	Begin time.Time
	// Save records a change of the own state (e.g. a password now set) at
	// once, so that a start that fails later does not forget it.
	Save func(S) error
}

// Answered wraps an error of Server.Reuse from an instance that runs and
// answers but cannot be used as asked (other ports, a password it
// refuses, a failed warm-up): it is not the lifecycle's to kill, so it is
// left running and Ensure returns the error.
type Answered struct{ Err error }

func (e *Answered) Error() string { return e.Err.Error() }
func (e *Answered) Unwrap() error { return e.Err }

// MissingTools is Ensure's error when there is no suitable JDK, or no
// Maven for a runtime not yet in the cache. It wraps Kind.Unavailable.
type MissingTools struct {
	Why  string // "no java on PATH or in JAVA_HOME"
	kind Kind
}

func (e *MissingTools) Error() string {
	return fmt.Sprintf("%v: %s. %s", e.kind.Unavailable, e.Why, e.kind.Install)
}

func (e *MissingTools) Unwrap() error { return e.kind.Unavailable }

// tools finds java and, unless the runtime is already assembled, Maven,
// then assembles the runtime if needed.
func (s Service[S]) tools(ctx context.Context) (java, mvn string, err error) {
	k := s.Kind
	java, why := FindJava(ctx, 17, k.Who)
	if why != "" {
		return "", "", &MissingTools{Why: why, kind: k}
	}
	dist := k.DistDir(s.Options.CacheDir)
	if mvn = FindMaven(); mvn == "" && !Assembled(dist) {
		return "", "", &MissingTools{Why: "no mvn (Maven) on PATH to fetch " + k.Fetches + " from Maven Central", kind: k}
	}
	a := k.Dist
	a.Dir, a.Mvn, a.Log, a.Tag = dist, mvn, s.Options.Log, k.Tag
	if err := Assemble(ctx, a); err != nil {
		return "", "", k.wrap(err)
	}
	return java, mvn, nil
}

// Assembler is a Server with more to assemble than Kind.Dist (a plugin
// asked for), which it does with the Maven Ensure found ("" when none).
type Assembler interface {
	Assemble(ctx context.Context, mvn string) error
}

func (s Service[S]) instanceDir() string {
	dir := s.Options.InstancesDir
	if dir == "" {
		dir = filepath.Join(s.Kind.VersionDir(s.Options.CacheDir), "instances")
	}
	return filepath.Join(dir, s.Options.Name)
}

func (s Service[S]) logPath(dir string) string { return filepath.Join(dir, s.Kind.LogFile) }
