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
	DefaultStartTimeout   = jvmservice.DefaultStartTimeout
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
	SourceEnv   Source = "env"                  // CORENLP_URL: only watched, never started or stopped
	SourceLocal Source = jvmservice.SourceLocal // assembled with Maven and run as a java child process
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
	sizePattern = regexp.MustCompile(`^[0-9]+[kmgKMG]?$`)
	// annotatorsPattern: comma-separated annotator names, as -preload takes them.
	annotatorsPattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_.]*(,[a-zA-Z][a-zA-Z0-9_.]*)*$`)
)

func (o Options) withDefaults() (Options, error) {
	l, err := o.local().WithDefaults(kind)
	if err != nil {
		return o, err
	}
	o.Name, o.CacheDir, o.StartTimeout, o.Log = l.Name, l.CacheDir, l.StartTimeout, l.Log
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
	return o, nil
}

// Instance is a CoreNLP server that Ensure found or started. A local one
// is run by the lifecycle, whose methods (PID, Dir, Stop, Start, Exited,
// LogTail) it has: Stop leaves a CORENLP_URL server and a reused detached
// instance running, and Start starts a stopped or crashed local one again
// on the same port, so that clients holding its URL reach it, returning
// once it is ready and warmed up.
type Instance struct {
	*process
	url string // a CORENLP_URL server's
}

// process is the lifecycle's instance, embedded under a name of ours.
type process = jvmservice.Instance

// URL is the server's base URL, e.g. http://127.0.0.1:9123 (no trailing slash).
func (i *Instance) URL() string {
	if i.url != "" {
		return i.url
	}
	return baseURL(jvmservice.State[state](i.process).Port)
}

// Source says where the instance came from: "env" or "local".
func (i *Instance) Source() Source { return Source(i.process.Source()) }

// Ready asks the server's /ready with a short timeout, for health checks.
func (i *Instance) Ready(ctx context.Context) error {
	return ready(ctx, i.URL())
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
	p, err := jvmservice.Ensure(ctx, o.service)
	if err != nil {
		return nil, err
	}
	return &Instance{process: p}, nil
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
	return &Instance{process: jvmservice.External(kind, string(SourceEnv)), url: o.URL}, nil
}
