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
	"os"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlpserver"
	"github.com/diplograph/diplograph/internal/jvmservice/jvmtest"
)

// InstanceName is the name of the shared local instance.
const InstanceName = "test"

// Heap is the test instance's -Xmx: the default, measured to be enough for
// the annotators it preloads.
const Heap = corenlpserver.DefaultHeap

// shared is the base URL of the package's CoreNLP, got on first use.
var shared jvmtest.Shared[string]

// URL returns the base URL of the shared CoreNLP server, starting it on
// first use. It skips under -short and fails the test when no CoreNLP can
// be had.
func URL(t testing.TB) string {
	t.Helper()
	return shared.Get(t, "Stanford CoreNLP", 30*time.Minute, func(ctx context.Context) (string, func(), error) {
		u, err := acquire(ctx, t)
		return u, nil, err
	})
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
	o.Log = jvmtest.Log("corenlptest", os.Stderr)
	return o
}

func acquire(ctx context.Context, t testing.TB) (string, error) {
	o := Options()
	if o.URL == "" {
		// Parallel test packages: one starts the instance, the others
		// wait here and then reuse it.
		unlock, err := jvmtest.Lock(ctx, t, "corenlp", "corenlptest.lock",
			"corenlptest: waiting for another test package starting CoreNLP")
		if err != nil {
			return "", err
		}
		defer unlock()
	}
	inst, err := corenlpserver.Ensure(ctx, o)
	if err != nil {
		return "", err
	}
	return inst.URL(), nil
}
