package corenlpserver

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// Version is the Stanford CoreNLP release the local mechanism assembles
// (pom.xml must name the same).
const Version = "4.5.10"

// Defaults, chosen by the measurements in the package documentation.
const (
	DefaultHeap           = "3g"
	DefaultThreads        = 2
	DefaultPort           = 9000 // CoreNLP's own default, used by docker-compose.yml
	DefaultRequestTimeout = 2 * time.Minute
	DefaultStartTimeout   = 5 * time.Minute
)

// POM is the Maven project whose runtime dependencies are Stanford CoreNLP
// and its English models. Dockerfile.corenlp builds the docker-compose
// service from the same file.
//
//go:embed pom.xml
var POM string

// Source says where a CoreNLP came from.
type Source string

// The mechanisms, in the order Ensure tries them.
const (
	SourceEnv   Source = "env"   // CORENLP_URL: only watched, never started or stopped
	SourceLocal Source = "local" // assembled with Maven and run as a java child process
)

// ErrUnavailable is wrapped by Ensure's error when no CoreNLP can be had:
// the message says what to install or set.
var ErrUnavailable = errors.New("no Stanford CoreNLP available")

// Options say which CoreNLP Ensure should give and how to run it. The zero
// value runs a local instance named "default" with the defaults.
type Options struct {
	// URL, when set, is a running CoreNLP server to use (CORENLP_URL):
	// Ensure only checks that it answers /ready, and never starts or stops it.
	URL string

	// CacheDir holds the assembled CoreNLP and the instances; when empty,
	// $DIPLOGRAPH_CACHE/corenlp or os.UserCacheDir()/diplograph/corenlp.
	CacheDir string
	// InstancesDir overrides CacheDir/<Version>/instances (tests use a
	// temporary folder for private instances).
	InstancesDir string

	// Name names the local instance ("default" when empty): "test" for the tests.
	Name string
	// Port: 0 means the instance's previous port when free, else a free
	// one (never 9000, CoreNLP's default, which other tools knock on).
	Port int
	// Heap is java's -Xmx (CORENLP_HEAP, default DefaultHeap).
	Heap string
	// Threads is the number of requests the server annotates at once
	// (CORENLP_THREADS, default DefaultThreads).
	Threads int
	// RequestTimeout is the server's -timeout for one annotation request.
	RequestTimeout time.Duration
	// Detached keeps a local instance running after this process exits; a
	// running detached instance of that name that answers is reused.
	// Attached instances are stopped with their parent.
	Detached bool
	// Preload is the annotators the server loads before it says it is
	// ready (-preload), e.g. corenlp.Annotators; "" loads them on first use.
	Preload string
	// Warmup, when not nil, is called after /ready answers (for a started,
	// reused or CORENLP_URL server), e.g. to send one request with the exact
	// pipeline properties so that it is loaded before real work arrives.
	Warmup func(ctx context.Context, baseURL string) error

	// StartTimeout bounds the wait for /ready and Warmup (default 5 minutes).
	StartTimeout time.Duration

	// Log receives progress lines; nil discards them.
	Log io.Writer
}

// FromEnv returns Options read from CORENLP_URL, CORENLP_HEAP,
// CORENLP_THREADS and DIPLOGRAPH_CACHE. A CORENLP_THREADS that is not a
// number is left for Ensure to reject.
func FromEnv() Options {
	o := Options{
		URL:  os.Getenv("CORENLP_URL"),
		Heap: os.Getenv("CORENLP_HEAP"),
	}
	if s := os.Getenv("CORENLP_THREADS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			n = -1 // rejected by Ensure with the variable's name
		}
		o.Threads = n
	}
	if c := os.Getenv("DIPLOGRAPH_CACHE"); c != "" {
		o.CacheDir = filepath.Join(c, "corenlp")
	}
	return o
}

var (
	namePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$`)
	sizePattern = regexp.MustCompile(`^[0-9]+[kmgKMG]?$`)
	// annotatorsPattern: comma-separated annotator names, as -preload takes them.
	annotatorsPattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_.]*(,[a-zA-Z][a-zA-Z0-9_.]*)*$`)
)

func (o Options) withDefaults() (Options, error) {
	if o.Name == "" {
		o.Name = "default"
	}
	if !namePattern.MatchString(o.Name) {
		return o, fmt.Errorf("corenlpserver: instance name %q: use letters, digits, - and _ (at most 63)", o.Name)
	}
	if o.URL != "" {
		u, err := parseBaseURL(o.URL)
		if err != nil {
			return o, err
		}
		o.URL = u
	}
	if o.Heap == "" {
		o.Heap = DefaultHeap
	}
	if !sizePattern.MatchString(o.Heap) {
		return o, fmt.Errorf("corenlpserver: heap %q (CORENLP_HEAP): want a number with k, m or g, e.g. 3g", o.Heap)
	}
	if o.Threads < 0 {
		return o, fmt.Errorf("corenlpserver: threads %d (CORENLP_THREADS): want a positive number", o.Threads)
	}
	if o.Threads == 0 {
		o.Threads = DefaultThreads
	}
	if o.Port < 0 || o.Port > 65535 {
		return o, fmt.Errorf("corenlpserver: port %d out of range", o.Port)
	}
	if o.RequestTimeout < 0 {
		return o, fmt.Errorf("corenlpserver: request timeout %s is negative", o.RequestTimeout)
	}
	if o.RequestTimeout == 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	o.Preload = strings.ReplaceAll(o.Preload, " ", "")
	if o.Preload != "" && !annotatorsPattern.MatchString(o.Preload) {
		return o, fmt.Errorf("corenlpserver: preload %q: want annotator names separated by commas, e.g. tokenize,ssplit,pos", o.Preload)
	}
	if o.CacheDir == "" {
		dir, err := DefaultCacheDir()
		if err != nil {
			return o, err
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

// DefaultCacheDir is $DIPLOGRAPH_CACHE/corenlp, else
// os.UserCacheDir()/diplograph/corenlp.
func DefaultCacheDir() (string, error) {
	if c := os.Getenv("DIPLOGRAPH_CACHE"); c != "" {
		return filepath.Join(c, "corenlp"), nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("corenlpserver: no cache folder (set DIPLOGRAPH_CACHE): %w", err)
	}
	return filepath.Join(base, "diplograph", "corenlp"), nil
}

// Instance is a CoreNLP server that Ensure found or started.
type Instance struct {
	url    string
	source Source
	local  *localInstance // nil unless Source is local
}

// URL is the server's base URL, e.g. http://127.0.0.1:9123 (no trailing slash).
func (i *Instance) URL() string { return i.url }

// Source says where the instance came from: "env" or "local".
func (i *Instance) Source() Source { return i.source }

// PID is the local server's process id, 0 for CORENLP_URL or when stopped.
func (i *Instance) PID() int {
	if i.local == nil {
		return 0
	}
	return i.local.currentPID()
}

// Dir is the local instance's folder (state.json, server.log), "" for CORENLP_URL.
func (i *Instance) Dir() string {
	if i.local == nil {
		return ""
	}
	return i.local.dir
}

// Stop stops the server if this process started it (SIGTERM, then SIGKILL
// after a grace period). A CORENLP_URL server and a reused detached
// instance are left running.
func (i *Instance) Stop(ctx context.Context) error {
	if i.local == nil {
		return nil
	}
	return i.local.stop(ctx)
}

// Start starts a stopped (or crashed) local instance again on the same
// port, so that clients holding its URL reach it, and returns once it is
// ready and warmed up. A CORENLP_URL server cannot be started.
func (i *Instance) Start(ctx context.Context) error {
	if i.local == nil {
		return fmt.Errorf("corenlpserver: only local instances can be restarted (this one is %s)", i.source)
	}
	return i.local.restart(ctx)
}

// Exited is closed when the local process this process started exits; nil
// when none runs (CORENLP_URL, a reused detached instance, stopped). A
// supervisor restarts the instance with Start when it closes.
func (i *Instance) Exited() <-chan struct{} {
	if i.local == nil {
		return nil
	}
	return i.local.exited()
}

// LogTail is the end of the local server's log ("" for CORENLP_URL), for
// the line that reports a crash.
func (i *Instance) LogTail() string {
	if i.local == nil {
		return ""
	}
	return jvmservice.LogTail(logPath(i.local.dir), 25)
}

// Ready asks the server's /ready with a short timeout, for health checks.
func (i *Instance) Ready(ctx context.Context) error {
	return ready(ctx, i.url)
}

// Ensure gives a CoreNLP server: the one at o.URL (CORENLP_URL) when set,
// else a local instance (reused when a detached one of that name runs and
// answers, else started, assembling CoreNLP with Maven first if needed).
// Its error wraps ErrUnavailable and says what to install or set when the
// local mechanism lacks a JDK or Maven.
func Ensure(ctx context.Context, o Options) (*Instance, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if o.URL != "" {
		return ensureEnv(ctx, o)
	}
	t, why := findTools(ctx, o)
	if why != "" {
		return nil, fmt.Errorf("%w: %s. Install a JDK 17+ and Maven (e.g. apt-get install openjdk-17-jdk-headless maven), "+
			"or set CORENLP_URL to a running CoreNLP server (e.g. http://localhost:9000 from docker compose up corenlp)",
			ErrUnavailable, why)
	}
	return ensureLocal(ctx, o, t)
}

// ensureEnv waits (up to StartTimeout) for the server the user named to
// answer /ready, then warms it up.
func ensureEnv(ctx context.Context, o Options) (*Instance, error) {
	wctx, cancel := context.WithTimeout(ctx, o.StartTimeout)
	defer cancel()
	if err := waitReady(wctx, o.URL, nil); err != nil {
		return nil, fmt.Errorf("corenlpserver: CORENLP_URL=%s does not answer /ready: %w", o.URL, err)
	}
	if o.Warmup != nil {
		if err := o.Warmup(wctx, o.URL); err != nil {
			return nil, fmt.Errorf("corenlpserver: warm-up of CORENLP_URL=%s: %w", o.URL, err)
		}
	}
	fmt.Fprintf(o.Log, "corenlp: using %s (CORENLP_URL)\n", o.URL)
	return &Instance{url: o.URL, source: SourceEnv}, nil
}

// tools are the programs the local mechanism runs.
type tools struct {
	java string
	mvn  string // "" when CoreNLP is already assembled and Maven is absent
}

// localInstance is a CoreNLP java process run from the cache.
type localInstance struct {
	o     Options
	tools tools
	dist  string
	dir   string

	mu    sync.Mutex
	st    state
	owned bool            // this process started it: Stop stops it
	done  <-chan struct{} // closed when the process this one started has exited
	// samePort makes a start take the previous port or fail (a restart:
	// clients hold the instance's URL).
	samePort bool
}
