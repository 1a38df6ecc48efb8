// Package corenlptest gives integration tests a real Stanford CoreNLP
// server, shared by every test package and every run.
//
//	func TestX(t *testing.T) {
//		base := corenlptest.URL(t) // e.g. http://127.0.0.1:41234
//		...
//	}
//
// The server comes from corenlpserver: CORENLP_URL when set; else a detached
// local instance named "test", assembled from Maven Central with the local
// JDK and Maven on first use, started with the annotators
// tokenize,ssplit,pos,lemma,ner,depparse preloaded and left running for
// later runs. Stop it with
//
//	go run ./cmd/diplograph corenlp stop --name test
//
// The instance is warmed up with corenlp.Warmup (the client's properties), so the first
// request of a test with those properties does not wait for the pipeline.
//
// Unlike neo4jtest, packages do not take turns: CoreNLP keeps no data
// between requests, so every package may use it at once. A machine-wide file
// lock (corenlptest.lock in the cache) only makes sure that one process
// starts the instance while the others wait for it and then reuse it. Under -short, URL skips the test; when no
// CoreNLP can be had it fails the test, saying what to install or set.
package corenlptest

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlpserver"
	"github.com/diplograph/diplograph/internal/jvmservice"
)

// InstanceName is the name of the shared local instance.
const InstanceName = "test"

// Heap is the test instance's -Xmx: the default, measured to be enough for
// the annotators it preloads.
const Heap = corenlpserver.DefaultHeap

var shared struct {
	mu    sync.Mutex
	tried bool
	url   string
	err   error
}

// URL returns the base URL of the shared CoreNLP server, starting it on
// first use. It skips under -short and fails the test when no CoreNLP can
// be had.
func URL(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test: needs Stanford CoreNLP (skipped under -short)")
	}
	s := &shared
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.tried {
		s.tried = true
		ctx, cancel := testContext(t, 30*time.Minute)
		s.url, s.err = acquire(ctx, t)
		cancel()
	}
	if s.err != nil {
		t.Fatalf("integration test needs Stanford CoreNLP and none could be had: %v", s.err)
	}
	return s.url
}

// Options are the shared instance's options.
func Options() corenlpserver.Options {
	o := corenlpserver.FromEnv()
	o.Name = InstanceName
	o.Detached = true
	if o.Heap == "" {
		o.Heap = Heap
	}
	o.Preload = corenlp.Annotators
	o.Warmup = corenlp.Warmup
	o.Log = prefixed{w: os.Stderr}
	return o
}

func acquire(ctx context.Context, t testing.TB) (string, error) {
	o := Options()
	if o.URL == "" {
		// Parallel test packages: one starts the instance, the others
		// wait here and then reuse it.
		cache := o.CacheDir
		if cache == "" {
			dir, err := corenlpserver.DefaultCacheDir()
			if err != nil {
				return "", err
			}
			cache = dir
		}
		unlock, err := jvmservice.Lock(ctx, filepath.Join(cache, "corenlptest.lock"), func() {
			t.Logf("corenlptest: waiting for another test package starting CoreNLP")
		})
		if err != nil {
			return "", fmt.Errorf("corenlptest: %w", err)
		}
		defer unlock()
	}
	inst, err := corenlpserver.Ensure(ctx, o)
	if err != nil {
		return "", err
	}
	return inst.URL(), nil
}

// testContext is a context bounded by limit and by the test binary's deadline.
func testContext(t testing.TB, limit time.Duration) (context.Context, context.CancelFunc) {
	ctx := context.Background()
	if tt, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if d, ok := tt.Deadline(); ok {
			c, cancel := context.WithDeadline(ctx, d.Add(-10*time.Second))
			c2, cancel2 := context.WithTimeout(c, limit)
			return c2, func() { cancel2(); cancel() }
		}
	}
	return context.WithTimeout(ctx, limit)
}

// prefixed writes corenlpserver's progress lines to w marked as ours.
type prefixed struct{ w io.Writer }

func (p prefixed) Write(b []byte) (int, error) {
	s := strings.TrimRight(string(b), "\n")
	for _, line := range strings.Split(s, "\n") {
		fmt.Fprintln(p.w, "corenlptest: "+line)
	}
	return len(b), nil
}
