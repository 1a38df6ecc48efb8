package corenlpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/jvmservice/jvmtest"
	"github.com/diplograph/diplograph/internal/supervise"
)

// annotation is the part of CoreNLP's JSON output the test reads.
type annotation struct {
	Sentences []struct {
		Tokens []struct {
			Word  string `json:"word"`
			Lemma string `json:"lemma"`
			POS   string `json:"pos"`
			NER   string `json:"ner"`
		} `json:"tokens"`
		Deps []struct {
			Dep           string `json:"dep"`
			GovernorGloss string `json:"governorGloss"`
			DependentGl   string `json:"dependentGloss"`
		} `json:"enhancedPlusPlusDependencies"`
	} `json:"sentences"`
}

func checkAnnotation(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	c, err := corenlp.New(base)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := c.Annotate(ctx, "Angela Merkel met Emmanuel Macron in Berlin.")
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Sentences) != 1 || len(doc.Sentences[0].Tokens) != 8 {
		t.Fatalf("want 1 sentence of 8 tokens, got %+v", doc.Sentences)
	}
	s := doc.Sentences[0]
	if s.Tokens[0].Word != "Angela" || s.Tokens[0].NER != "PERSON" || s.Tokens[2].Lemma != "meet" {
		t.Errorf("tokens %+v", s.Tokens)
	}
	found := false
	for _, d := range s.Deps {
		if d.Rel == "nsubj" && s.Tokens[d.Gov].Word == "met" && s.Tokens[d.Dep].Word == "Merkel" {
			found = true
		}
	}
	if !found {
		t.Errorf("no nsubj(met, Merkel) among the enhanced++ dependencies %+v", s.Deps)
	}
}

// rawAnnotate POSTs text with the given properties (a pipeline smaller
// than the client's, for instances with a small heap).
func rawAnnotate(ctx context.Context, base string, props map[string]string, text string) ([]byte, error) {
	p, err := json.Marshal(props)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/?properties="+url.QueryEscape(string(p)), strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s: %.200s", resp.Status, body)
	}
	return body, err
}

// localOptions are options for a private local instance: the shared
// CoreNLP cache, but the instance in a temporary folder on a free port.
func localOptions(t *testing.T, name string) Options {
	t.Helper()
	jvmtest.SkipShort(t, "Stanford CoreNLP")
	o := FromEnv()
	o.URL = ""
	o.Name = name
	o.InstancesDir = t.TempDir()
	o.Log = jvmtest.TestLog(t)
	return o
}

// TestLocalDetachedAnnotateReuseStop starts a private detached instance,
// annotates, finds it again by name, and stops it.
func TestLocalDetachedAnnotateReuseStop(t *testing.T) {
	o := localOptions(t, "it-detached")
	o.Detached = true
	o.Preload = corenlp.Annotators
	var warmups atomic.Int32
	warm := corenlp.Warmup
	o.Warmup = func(ctx context.Context, base string) error {
		warmups.Add(1)
		return warm(ctx, base)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	inst, err := Ensure(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	pid := inst.PID()
	t.Cleanup(func() {
		if !jvmtest.Gone(pid) {
			_, _ = StopLocal(context.Background(), o)
		}
	})
	if inst.Source() != SourceLocal || pid == 0 || !strings.HasPrefix(inst.URL(), "http://127.0.0.1:") {
		t.Fatalf("instance: source %s, pid %d, url %s", inst.Source(), pid, inst.URL())
	}
	if warmups.Load() != 1 {
		t.Errorf("warm-up called %d times, want 1", warmups.Load())
	}
	if err := inst.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	checkAnnotation(t, ctx, inst.URL())
	t.Logf("first annotation after the warm-up took %s", time.Since(begin))

	again, err := Ensure(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if again.PID() != pid || again.URL() != inst.URL() {
		t.Fatalf("second Ensure gave pid %d at %s, want the running %d at %s", again.PID(), again.URL(), pid, inst.URL())
	}
	if err := again.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if jvmtest.Gone(pid) {
		t.Fatal("Stop of a reused instance stopped it")
	}
	bad := o
	bad.Warmup = func(context.Context, string) error { return errors.New("no such pipeline") }
	if _, err := Ensure(ctx, bad); err == nil || !strings.Contains(err.Error(), "no such pipeline") {
		t.Fatalf("a failing warm-up of the running instance: %v", err)
	}
	s, err := Lookup(ctx, o)
	if err != nil || !s.Running || !s.Healthy || s.PID != pid || s.URL != inst.URL() || !s.Detached || s.Preload != corenlp.Annotators {
		t.Fatalf("Lookup: %+v, %v", s, err)
	}

	jvmtest.Stop(ctx, t, inst)
	if err := inst.Ready(ctx); err == nil {
		t.Fatal("/ready still answers after Stop")
	}
	if s, err := Lookup(ctx, o); err != nil || s.Running || s.PID != 0 {
		t.Fatalf("Lookup after Stop: %+v, %v", s, err)
	}
}

// TestLocalBadHeapShowsTheLog: a java that will not start gives an error
// with the end of its output.
func TestLocalBadHeapShowsTheLog(t *testing.T) {
	o := localOptions(t, "it-bad")
	o.Heap = "1k"
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	inst, err := Ensure(ctx, o)
	if err == nil {
		inst.Stop(ctx)
		t.Fatal("a 1 KB heap started")
	}
	t.Log(err)
	if !strings.Contains(err.Error(), "exited") || !strings.Contains(err.Error(), "heap") {
		t.Fatalf("error lacks the exit and java's complaint: %v", err)
	}
}

// TestEnsureURL: a CORENLP_URL server is waited for, warmed up, and never stopped.
func TestEnsureURL(t *testing.T) {
	var readies, warmups atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ready" {
			if readies.Add(1) < 3 {
				http.Error(w, "loading", http.StatusServiceUnavailable)
				return
			}
			w.Write([]byte("ready\n"))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	inst, err := Ensure(context.Background(), Options{
		URL: srv.URL + "/", CacheDir: t.TempDir(), StartTimeout: 10 * time.Second,
		Warmup: func(ctx context.Context, base string) error {
			if base != srv.URL {
				t.Errorf("warm-up of %q, want %q", base, srv.URL)
			}
			warmups.Add(1)
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if inst.Source() != SourceEnv || inst.URL() != srv.URL || inst.PID() != 0 || warmups.Load() != 1 {
		t.Fatalf("source %s, url %s, pid %d, warm-ups %d", inst.Source(), inst.URL(), inst.PID(), warmups.Load())
	}
	if err := inst.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := inst.Ready(context.Background()); err != nil {
		t.Fatalf("after Stop (a no-op for CORENLP_URL): %v", err)
	}
}

// TestLocalNotReadyInTime: a server that is not ready within StartTimeout
// is stopped, and the error says so with the end of its log.
func TestLocalNotReadyInTime(t *testing.T) {
	o := localOptions(t, "it-slow")
	o.Preload = corenlp.Annotators // loading the models takes far longer than a second
	o.StartTimeout = time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	inst, err := Ensure(ctx, o)
	if err == nil {
		inst.Stop(ctx)
		t.Fatal("ready within a second")
	}
	t.Log(err)
	if !strings.Contains(err.Error(), "deadline exceeded") || !strings.Contains(err.Error(), "server.log") {
		t.Fatalf("error lacks the timeout and the log: %v", err)
	}
	s, lerr := Lookup(ctx, o)
	if lerr != nil || s.Running || s.PID != 0 {
		t.Fatalf("after a failed start: %+v, %v; want it stopped", s, lerr)
	}
}

// TestLocalAttachedStop: an attached instance without preloaded models is
// ready in seconds, annotates with a light pipeline, and Stop ends it.
func TestLocalAttachedStop(t *testing.T) {
	o := localOptions(t, "it-attached")
	o.Heap = "1g"
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	inst, err := Ensure(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	pid := inst.PID()
	t.Cleanup(func() { inst.Stop(context.Background()) })
	body, err := rawAnnotate(ctx, inst.URL(), map[string]string{"annotators": "tokenize,ssplit", "outputFormat": "json"}, "One. Two three.")
	if err != nil {
		t.Fatal(err)
	}
	var a annotation
	if err := json.Unmarshal(body, &a); err != nil || len(a.Sentences) != 2 || len(a.Sentences[1].Tokens) != 3 {
		t.Fatalf("want 2 sentences, the second of 3 tokens: %v %.300s", err, body)
	}
	s, err := Lookup(ctx, o)
	if err != nil || !s.Running || s.Detached || s.PID != pid {
		t.Fatalf("Lookup: %+v, %v", s, err)
	}
	jvmtest.Stop(ctx, t, inst)
}

// TestLocalSupervisedAfterKill: an attached instance killed with SIGKILL
// is noticed through Exited, restarted by a supervisor through Start on
// the same port (clients keep its URL), and annotates again.
func TestLocalSupervisedAfterKill(t *testing.T) {
	o := localOptions(t, "it-supervised")
	o.Heap = "1g"
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	inst, err := Ensure(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { inst.Stop(context.Background()) })
	if inst.Exited() == nil {
		t.Fatal("Exited() is nil for an instance this process started")
	}
	s := supervise.New(supervise.Config{Name: "corenlp", Ready: inst.Ready, Process: inst,
		Log: slog.New(slog.NewTextHandler(jvmtest.TestLog(t), nil))})
	s.Start()
	defer s.Stop()
	base, pid := inst.URL(), inst.PID()
	killed := time.Now()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
		if st := s.Status(); st.State == supervise.Up && st.Restarts == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not restarted 5 min after the kill: %+v", s.Status())
		}
	}
	t.Logf("CoreNLP serving again %s after kill -9", time.Since(killed).Round(100*time.Millisecond))
	if inst.URL() != base || inst.PID() == pid || inst.PID() == 0 {
		t.Errorf("after the restart: url %s (was %s), pid %d (was %d)", inst.URL(), base, inst.PID(), pid)
	}
	if _, err := rawAnnotate(ctx, base, map[string]string{"annotators": "tokenize,ssplit", "outputFormat": "json"}, "One. Two three."); err != nil {
		t.Errorf("annotate after the restart: %v", err)
	}
}
