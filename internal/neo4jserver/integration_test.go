package neo4jserver

import (
	"context"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/jvmservice/jvmtest"
)

// localOptions are options for a private local instance: the shared runtime
// cache, but instances in a temporary folder and on free ports.
func localOptions(t *testing.T, name string) Options {
	t.Helper()
	jvmtest.SkipShort(t, "Neo4j")
	return Options{
		Name:         name,
		Sources:      []Source{SourceLocal},
		InstancesDir: t.TempDir(),
		FreePorts:    true,
		HeapMax:      "512m",
		Password:     "integration-pw",
		Log:          jvmtest.TestLog(t),
	}
}

func queryOne(ctx context.Context, t *testing.T, c Conn) int64 {
	t.Helper()
	d, err := c.Driver(ctx)
	if err != nil {
		t.Fatalf("driver: %v", err)
	}
	defer d.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, d, "RETURN 40 + $n AS x", map[string]any{"n": 2},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database))
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	x, _, err := neo4j.GetRecordValue[int64](res.Records[0], "x")
	if err != nil {
		t.Fatalf("record: %v", err)
	}
	return x
}

func TestLocalAttachedStartQueryStopRestart(t *testing.T) {
	o := localOptions(t, "attached")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst, err := Ensure(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.Stop(context.Background()) })
	c := inst.Conn()
	if c.Source != "local" || c.Password != "integration-pw" || !strings.HasPrefix(c.URI, "bolt://127.0.0.1:") {
		t.Fatalf("conn %+v", c)
	}
	if got := queryOne(ctx, t, c); got != 42 {
		t.Fatalf("query gave %d", got)
	}
	resp, err := http.Get(c.BrowserURL)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", c.BrowserURL, resp.Status)
	}

	// The same server is usable through NEO4J_URI.
	env, err := Ensure(ctx, Options{URI: c.URI, Password: c.Password, HTTPURL: c.HTTPURL})
	if err != nil {
		t.Fatalf("NEO4J_URI path: %v", err)
	}
	if env.Conn().Source != "env" || env.Conn().HTTPURL != c.HTTPURL {
		t.Fatalf("env conn %+v", env.Conn())
	}

	jvmtest.Stop(ctx, t, inst)

	// Start again: same ports, same password, data kept.
	if err := inst.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if inst.Conn() != c {
		t.Fatalf("restarted conn %+v, want %+v", inst.Conn(), c)
	}
	if got := queryOne(ctx, t, inst.Conn()); got != 42 {
		t.Fatalf("query after restart gave %d", got)
	}
	jvmtest.Stop(ctx, t, inst)
}

func TestLocalDetachedReuseAndStop(t *testing.T) {
	o := localOptions(t, "detached")
	o.Detached = true
	o.Password = "" // generated and kept in state.json
	o.APOC = true   // checked here to spare a start of its own
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	first, err := Ensure(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = StopLocal(context.Background(), o) })
	pw := first.Conn().Password
	if len(pw) < 20 {
		t.Fatalf("generated password %q is too short", pw)
	}
	checkAPOC(ctx, t, first.Conn())

	second, err := Ensure(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if second.PID() != first.PID() || second.Conn() != first.Conn() {
		t.Fatalf("second Ensure started another server: pid %d vs %d", second.PID(), first.PID())
	}
	// Stop on a reused instance leaves it running.
	if err := second.Stop(ctx); err != nil || syscall.Kill(first.PID(), 0) != nil {
		t.Fatalf("Stop of a reused instance: err %v, gone %v", err, jvmtest.Gone(first.PID()))
	}

	s, err := Lookup(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Running || !s.Healthy || !s.Detached || s.PID != first.PID() || s.Conn.Password != pw {
		t.Fatalf("status %+v", s)
	}
	if _, err := StopLocal(ctx, o); err != nil {
		t.Fatal(err)
	}
	if !jvmtest.Gone(s.PID) {
		t.Fatalf("pid %d still there after StopLocal", s.PID)
	}
	if s, err := Lookup(ctx, o); err != nil || s.Running {
		t.Fatalf("after stop: %+v, %v", s, err)
	}
}

func TestLocalBadSettingShowsTheLog(t *testing.T) {
	o := localOptions(t, "broken")
	o.ExtraConfig = map[string]string{"server.no_such_setting": "1"}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst, err := Ensure(ctx, o)
	if err == nil {
		_ = inst.Stop(ctx)
		t.Fatal("Neo4j started with an unknown setting")
	}
	for _, want := range []string{"did not start", "console.log", "no_such_setting"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}

// TestDocker runs only where a Docker engine answers.
func TestDocker(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a container (skipped under -short)")
	}
	if _, ok := dockerHost(context.Background()); !ok {
		t.Skip("no Docker engine answers here")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	inst, err := Ensure(ctx, Options{Sources: []Source{SourceDocker}, Name: "neo4jserver-test", Log: jvmtest.TestLog(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.Stop(context.Background()) })
	if inst.Source() != SourceDocker {
		t.Fatalf("source %s", inst.Source())
	}
	if got := queryOne(ctx, t, inst.Conn()); got != 42 {
		t.Fatalf("query gave %d", got)
	}
}

func checkAPOC(ctx context.Context, t *testing.T, c Conn) {
	t.Helper()
	d, err := c.Driver(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, d, "RETURN apoc.version() AS v", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database))
	if err != nil {
		t.Fatalf("APOC not loaded: %v", err)
	}
	v, _, err := neo4j.GetRecordValue[string](res.Records[0], "v")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(v, "5.26") {
		t.Fatalf("apoc.version() = %q, want 5.26.x", v)
	}
}
