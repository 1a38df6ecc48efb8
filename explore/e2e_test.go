package explore_test

// End-to-end tests in a real, headless Chromium: Neo4j Browser with the
// style and guide applied through browser.post_connect_cmd, and the GraphQL
// playground. They start their own private Neo4j (the style and guide URLs
// live in its neo4j.conf) and their own HTTP server, load the seed corpus,
// and drive Debian's chromium with chromedp. Under -short they are skipped;
// otherwise a missing chromium or Neo4j is a failure.

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"

	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/explore"
	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/chromiumtest"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/neo4jserver"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/seed"
)

var updateScreenshots = flag.Bool("update-screenshots", os.Getenv("UPDATE_SCREENSHOTS") != "",
	"also write the end-to-end screenshots into docs/img/ (for the README); env UPDATE_SCREENSHOTS=1 does the same")

// stack is what the end-to-end tests share: one Neo4j, one HTTP server.
type stack struct {
	base     string // the diplograph HTTP server, http://127.0.0.1:<port>
	conn     neo4jserver.Conn
	driver   neo4j.DriverWithContext
	chromium string

	inst    *neo4jserver.Instance
	tmpDir  string
	cleanup []func()
}

var shared struct {
	once sync.Once
	st   *stack
	err  error
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if st := shared.st; st != nil {
		for i := len(st.cleanup) - 1; i >= 0; i-- {
			st.cleanup[i]()
		}
	}
	os.Exit(code)
}

// setup returns the shared stack, starting it on first use. It skips under
// -short and fails the test when chromium or Neo4j cannot be had.
func setup(t *testing.T) *stack {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: needs chromium and Neo4j (skipped under -short)")
	}
	chromium, err := chromiumtest.Find()
	if err != nil {
		t.Fatal(err)
	}
	shared.once.Do(func() {
		shared.st, shared.err = start(chromium)
	})
	if shared.err != nil {
		t.Fatalf("end-to-end setup: %v", shared.err)
	}
	return shared.st
}

func start(chromium string) (st *stack, err error) {
	st = &stack{chromium: chromium}
	defer func() {
		if err != nil {
			for i := len(st.cleanup) - 1; i >= 0; i-- {
				st.cleanup[i]()
			}
			st = nil
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	// The HTTP server's address first: Neo4j's config points at it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return st, fmt.Errorf("listen: %w", err)
	}
	st.cleanup = append(st.cleanup, func() { _ = ln.Close() })
	st.base = "http://" + ln.Addr().String()

	st.tmpDir, err = os.MkdirTemp("", "explore-e2e-")
	if err != nil {
		return st, err
	}
	st.cleanup = append(st.cleanup, func() { _ = os.RemoveAll(st.tmpDir) })

	o := neo4jserver.FromEnv()
	o.URI, o.User, o.Password, o.HTTPURL = "", "", "explore-e2e-password", "" // a private server, never the shared one
	o.Sources = []neo4jserver.Source{neo4jserver.SourceLocal}
	o.Name = "explore-e2e"
	o.FreePorts = true
	o.InstancesDir = filepath.Join(st.tmpDir, "instances")
	o.ExtraConfig = explore.Neo4jConfig(st.base)
	if os.Getenv("EXPLORE_E2E_LOG") != "" {
		o.Log = os.Stderr
	}
	st.inst, err = neo4jserver.Ensure(ctx, o)
	if err != nil {
		return st, fmt.Errorf("start a private Neo4j: %w", err)
	}
	st.cleanup = append(st.cleanup, func() {
		sctx, scancel := context.WithTimeout(context.Background(), time.Minute)
		defer scancel()
		_ = st.inst.Stop(sctx)
	})
	st.conn = st.inst.Conn()
	st.driver, err = st.conn.Driver(ctx)
	if err != nil {
		return st, err
	}
	st.cleanup = append(st.cleanup, func() { _ = st.driver.Close(context.Background()) })
	if err := seedGraph(ctx, st.driver, st.conn.Database); err != nil {
		return st, fmt.Errorf("seed the graph: %w", err)
	}

	// diplograph's HTTP server as up and serve wire it: GraphQL and its
	// playground with the examples at /, the explore handler at /neo4j/.
	cfg := server.Config{
		Addr:     ln.Addr().String(),
		Handlers: map[string]http.Handler{explore.Prefix: explore.Handler()},
		// A loaded test machine can be slow; this tests what is shown, not speed.
		RequestTimeout: time.Minute,
		Logger:         slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}
	for _, e := range explore.Examples() {
		cfg.Examples = append(cfg.Examples, server.Example{Name: e.Title, Query: e.Query})
	}
	srv, err := app.NewServer(cfg, app.Backend{Driver: st.driver, Database: st.conn.Database})
	if err != nil {
		return st, err
	}
	sctx, scancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = srv.Serve(sctx, ln); close(done) }()
	st.cleanup = append(st.cleanup, func() { scancel(); <-done })
	return st, nil
}

// seedGraph loads the schema, the gazetteer and the seed corpus.
func seedGraph(ctx context.Context, d neo4j.DriverWithContext, db string) error {
	s := store.New(d, db)
	if _, err := s.Migrate(ctx); err != nil {
		return err
	}
	g, err := gazetteer.Default()
	if err != nil {
		return err
	}
	if _, err := s.LoadReference(ctx, g); err != nil {
		return err
	}
	sum, err := ingest.New(extract.New(g), s).Run(ctx, ingest.FS(seed.FS, "corpus/*.txt"), ingest.Options{})
	if err != nil {
		return err
	}
	if sum.Docs == 0 || sum.Facts == 0 {
		return fmt.Errorf("the seed corpus gave %d documents and %d facts", sum.Docs, sum.Facts)
	}
	return nil
}

// newBrowser starts a fresh headless Chromium (its own profile, so no style
// is remembered from an earlier run) and returns a tab context.
func newBrowser(t *testing.T, st *stack) context.Context {
	t.Helper()
	return chromiumtest.Tab(t, st.chromium, 1600, 1000, 4*time.Minute)
}

// screenshot saves a PNG of the page (or of the element sel when set) under
// the test's artifact directory and, with -update-screenshots, as
// docs/img/<name>.png.
func screenshot(t *testing.T, ctx context.Context, name, sel string) {
	t.Helper()
	act := chromedp.FullScreenshot(100) // 100: PNG
	if sel != "" {
		act = chromedp.Screenshot(chromedp.CSS(sel))
	}
	png, err := chromedp.Run(ctx, act)
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	out := filepath.Join(t.ArtifactDir(), name+".png")
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Errorf("save screenshot: %v", err)
	}
	t.Logf("screenshot: %s", out)
	if *updateScreenshots {
		dst := filepath.Join("..", "docs", "img", name+".png")
		if err := os.WriteFile(dst, png, 0o644); err != nil {
			t.Errorf("update screenshot: %v", err)
		}
		t.Logf("updated %s", dst)
	}
}

// step runs chromedp actions; on failure it saves a screenshot and fails
// the test with what was being done.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		fail(t, ctx, what, err)
	}
}

// value runs one chromedp action that gives a value, like step.
func value[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		fail(t, ctx, what, err)
	}
	return v
}

func fail(t *testing.T, ctx context.Context, what string, err error) {
	t.Helper()
	screenshot(t, ctx, "failure-"+strings.ReplaceAll(t.Name(), "/", "-"), "")
	t.Fatalf("%s: %v", what, err)
}

// get fetches a URL from the test's HTTP server.
func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	return string(b)
}
