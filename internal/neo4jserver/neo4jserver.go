// Package neo4jserver gives diplograph a Neo4j 5 wherever it runs.
//
// Ensure tries, in order:
//
//  1. the server named by Options.URI (NEO4J_URI): any Neo4j 5, neo4j:// routing too;
//  2. a Docker engine, if one answers: the neo4j:5.26-community image, through testcontainers;
//  3. a JDK 17+ and Maven: Neo4j Community 5.26 and Neo4j Browser assembled once from
//     Maven Central into a cache outside the repository, then run as a child java process.
//
// When none of these is there, the error says what to install or set.
//
// A local instance has a name and a folder of its own under the cache
// (conf/, data/, logs/, plugins/, state.json). Attached instances die with the
// process that started them (diplograph up); detached ones outlive it and are
// found again by name (diplograph neo4j start|stop|status, and the tests).
// Their lifecycle (state file, locks, start, reuse, stop, restart) is
// internal/jvmservice's, shared with corenlpserver; this package gives it
// Neo4j's configuration, ports, password and readiness checks.
package neo4jserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// Version is the Neo4j Community version the local mechanism assembles; the
// Docker image is the matching 5.26 line.
const (
	Version        = "5.26.30"
	BrowserVersion = "5.24.0"
	DockerImage    = "neo4j:5.26-community"
	// APOCVersion is the APOC core release built against Neo4j 5.26.
	APOCVersion = "5.26.0"
)

// Default ports, used when free.
const (
	DefaultBoltPort = 7687
	DefaultHTTPPort = 7474
)

// DefaultDevPassword is the password of Docker-started servers when none is
// given, the same as docker-compose.yml's default.
const DefaultDevPassword = "diplograph-dev"

// Source says where a Neo4j came from.
type Source string

// The mechanisms, in the order Ensure tries them.
const (
	SourceEnv    Source = "env"
	SourceDocker Source = "docker"
	SourceLocal  Source = jvmservice.SourceLocal
)

// ErrUnavailable is wrapped by Ensure's error when no mechanism can give a
// Neo4j: the message says what to install or set.
var ErrUnavailable = errors.New("no Neo4j available")

// Conn is how to reach a Neo4j.
type Conn struct {
	URI        string // bolt://127.0.0.1:7687 or the given NEO4J_URI
	User       string
	Password   string
	Database   string // "neo4j" unless NEO4J_DATABASE says otherwise
	HTTPURL    string // http://127.0.0.1:7474 (a best guess for NEO4J_URI servers)
	BrowserURL string // HTTPURL + "/browser/"
	Source     string // env, docker or local
}

// Options say which Neo4j Ensure should give and how to run it. The zero
// value tries every mechanism with defaults.
type Options struct {
	// URI, when set, is the server to use (NEO4J_URI); User, Password and
	// Database go with it. HTTPURL overrides the guessed HTTP address.
	URI      string
	User     string
	Password string // also the password a started server gets; NEO4J_PASSWORD when empty
	Database string
	HTTPURL  string

	// Sources limits the mechanisms tried (in the order given); nil tries
	// env (when URI is set), then docker, then local.
	Sources []Source

	// Name names the local instance ("default" when empty) and, prefixed
	// with "diplograph-neo4j-", the Docker container.
	Name string
	// Detached keeps a local instance running after this process exits
	// (a running healthy detached instance of that name is reused).
	Detached bool
	// ReuseContainer shares one Docker container by name across processes
	// and leaves it running on Stop (testcontainers' reaper removes it).
	ReuseContainer bool

	// BoltPort and HTTPPort: 0 means the instance's previous port or the
	// default, falling back to a free port when taken. FreePorts never
	// takes the defaults (7687/7474): a free port on first start, then the
	// same one while it stays free.
	BoltPort  int
	HTTPPort  int
	FreePorts bool

	// Heap (java -Xmx) and PageCache sizes, as Neo4j writes them ("1g", "256m").
	HeapInitial string
	HeapMax     string
	PageCache   string

	// ExtraConfig adds or overrides neo4j.conf lines, e.g.
	// browser.post_connect_cmd or browser.remote_content_hostname_whitelist.
	ExtraConfig map[string]string

	// APOC installs APOC core and unrestricts apoc.* procedures.
	APOC bool

	// CacheDir holds the assembled Neo4j and the instances; when empty,
	// $DIPLOGRAPH_CACHE/neo4j or os.UserCacheDir()/diplograph/neo4j.
	CacheDir string
	// InstancesDir overrides CacheDir/<version>/instances (tests use a
	// temporary folder for private instances).
	InstancesDir string

	// StartTimeout bounds the wait for Bolt (default 5 minutes: a busy
	// two-core machine can take over two; a Neo4j that dies is noticed at once).
	StartTimeout time.Duration

	// Log receives progress lines ("assembling Neo4j ...", "started ...");
	// nil discards them.
	Log io.Writer
}

// FromEnv returns Options read from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
// NEO4J_DATABASE, NEO4J_HTTP_URL and DIPLOGRAPH_CACHE.
func FromEnv() Options {
	o := Options{
		URI:      os.Getenv("NEO4J_URI"),
		User:     os.Getenv("NEO4J_USER"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
		HTTPURL:  os.Getenv("NEO4J_HTTP_URL"),
	}
	if c := os.Getenv("DIPLOGRAPH_CACHE"); c != "" {
		o.CacheDir = filepath.Join(c, "neo4j")
	}
	return o
}

// Instance is a Neo4j that Ensure found or started. A local one is run by
// the lifecycle, whose methods (PID, Dir, Exited, LogTail, Start) it has:
// Start starts a stopped local instance again on the same ports, data and
// password, for tests and supervisors that stop and restart Neo4j.
type Instance struct {
	*process
	conn Conn                            // of a server given by URI or a container
	stop func(ctx context.Context) error // a container's, when Stop ends it
}

// process is the lifecycle's instance, embedded under a name of ours.
type process = jvmservice.Instance

// Conn says how to reach the instance.
func (i *Instance) Conn() Conn {
	if i.Source() == SourceLocal {
		return jvmservice.State[state](i.process).conn()
	}
	return i.conn
}

// Source says which mechanism gave the instance.
func (i *Instance) Source() Source { return Source(i.process.Source()) }

// Stop stops what Ensure started: the local process (SIGTERM, then SIGKILL
// after a grace period) or the Docker container. Servers given by URI,
// reused detached instances and reused containers are left running.
func (i *Instance) Stop(ctx context.Context) error {
	if i.stop != nil {
		return i.stop(ctx)
	}
	return i.process.Stop(ctx)
}

// Ensure gives a Neo4j: the one at o.URI, a Docker container, or a local
// instance, trying them in that order (see Options.Sources). Its error wraps
// ErrUnavailable and says what to install or set when none can be had.
func Ensure(ctx context.Context, o Options) (*Instance, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	sources := o.Sources
	if sources == nil {
		sources = []Source{SourceEnv, SourceDocker, SourceLocal}
	}
	var reasons []string
	for _, s := range sources {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("neo4jserver: %w", err)
		}
		switch s {
		case SourceEnv:
			if o.URI == "" {
				if len(o.Sources) > 0 {
					reasons = append(reasons, "NEO4J_URI is not set")
				}
				continue
			}
			// A given server is the user's choice: its failure is final.
			return ensureEnv(ctx, o)
		case SourceDocker:
			host, ok := dockerHost(ctx)
			if !ok {
				reasons = append(reasons, "no Docker engine answers")
				continue
			}
			return ensureDocker(ctx, o, host)
		case SourceLocal:
			p, err := jvmservice.Ensure(ctx, o.service)
			var missing *jvmservice.MissingTools
			if errors.As(err, &missing) {
				reasons = append(reasons, missing.Why)
				continue
			}
			if err != nil {
				return nil, err
			}
			return &Instance{process: p}, nil
		default:
			return nil, fmt.Errorf("neo4jserver: unknown source %q (want env, docker or local)", s)
		}
	}
	return nil, fmt.Errorf("%w: %s. %s", ErrUnavailable, strings.Join(reasons, "; "), install)
}

// install says what to install or set when no mechanism can give a Neo4j.
const install = "Install a JDK 17+ and Maven (e.g. apt-get install openjdk-17-jdk-headless maven), " +
	"or start Docker, or set NEO4J_URI (with NEO4J_USER/NEO4J_PASSWORD) to a running Neo4j 5"

var (
	configKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9_.]*[a-z0-9_]$`)
	sizePattern      = regexp.MustCompile(`^[0-9]+[kmgKMG]?$`)
)

func (o Options) withDefaults() (Options, error) {
	l, err := o.local().WithDefaults(kind)
	if err != nil {
		return o, err
	}
	o.Name, o.CacheDir, o.StartTimeout, o.Log = l.Name, l.CacheDir, l.StartTimeout, l.Log
	if o.User == "" {
		o.User = "neo4j"
	}
	if o.Password == "" {
		o.Password = os.Getenv("NEO4J_PASSWORD")
	}
	if o.Password != "" && o.URI == "" && len(o.Password) < 8 {
		return o, fmt.Errorf("neo4jserver: password must have at least 8 characters (Neo4j's minimum)")
	}
	if o.Database == "" {
		o.Database = "neo4j"
	}
	if o.HeapInitial == "" {
		o.HeapInitial = "512m"
	}
	if o.HeapMax == "" {
		o.HeapMax = "1g"
	}
	if o.PageCache == "" {
		o.PageCache = "256m"
	}
	for _, s := range []string{o.HeapInitial, o.HeapMax, o.PageCache} {
		if !sizePattern.MatchString(s) {
			return o, fmt.Errorf("neo4jserver: memory size %q: want a number with k, m or g", s)
		}
	}
	for _, p := range []int{o.BoltPort, o.HTTPPort} {
		if p < 0 || p > 65535 {
			return o, fmt.Errorf("neo4jserver: port %d out of range", p)
		}
	}
	if o.BoltPort != 0 && o.BoltPort == o.HTTPPort {
		return o, fmt.Errorf("neo4jserver: bolt and http ports are both %d", o.BoltPort)
	}
	for k, v := range o.ExtraConfig {
		if !configKeyPattern.MatchString(k) {
			return o, fmt.Errorf("neo4jserver: config key %q is not a neo4j.conf setting name", k)
		}
		if strings.ContainsAny(v, "\r\n") {
			return o, fmt.Errorf("neo4jserver: config value for %q has a line break", k)
		}
	}
	return o, nil
}

// local is what the options say of the local instance, for the lifecycle.
func (o Options) local() jvmservice.Options {
	return jvmservice.Options{Name: o.Name, CacheDir: o.CacheDir, InstancesDir: o.InstancesDir,
		Detached: o.Detached, StartTimeout: o.StartTimeout, Log: o.Log}
}

// ensureEnv uses the server the user named.
func ensureEnv(ctx context.Context, o Options) (*Instance, error) {
	u, err := url.Parse(o.URI)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("neo4jserver: NEO4J_URI %q is not a URI like bolt://host:7687 or neo4j://host", o.URI)
	}
	httpURL := o.HTTPURL
	if httpURL == "" {
		httpURL = guessHTTPURL(u)
	}
	c := Conn{
		URI: o.URI, User: o.User, Password: o.Password, Database: o.Database,
		HTTPURL: strings.TrimSuffix(httpURL, "/"), Source: string(SourceEnv),
	}
	c.BrowserURL = c.HTTPURL + "/browser/"
	if err := c.verify(ctx); err != nil {
		return nil, fmt.Errorf("neo4jserver: NEO4J_URI=%s: %w", o.URI, err)
	}
	return &Instance{process: jvmservice.External(kind, string(SourceEnv)), conn: c}, nil
}

// guessHTTPURL derives the HTTP address of a server from its Bolt URI:
// the same host on the default HTTP(S) port.
func guessHTTPURL(u *url.URL) string {
	host := u.Hostname()
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if strings.HasSuffix(u.Scheme, "+s") || strings.HasSuffix(u.Scheme, "+ssc") {
		return "https://" + host + ":7473"
	}
	return fmt.Sprintf("http://%s:%d", host, DefaultHTTPPort)
}

func localConn(boltPort, httpPort int, password string) Conn {
	c := Conn{
		URI:      fmt.Sprintf("bolt://127.0.0.1:%d", boltPort),
		User:     "neo4j",
		Password: password,
		Database: "neo4j",
		HTTPURL:  fmt.Sprintf("http://127.0.0.1:%d", httpPort),
		Source:   string(SourceLocal),
	}
	c.BrowserURL = c.HTTPURL + "/browser/"
	return c
}
