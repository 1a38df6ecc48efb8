package server_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/supervise"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

func TestRoutes(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	st := store.New(driver, db)
	guide := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "guide") })
	srv, err := app.NewServer(server.Config{
		Examples: []server.Example{{Name: "Mine", Query: "{ country(id:\"KZ\") { name } }"}},
		Handlers: map[string]http.Handler{"GET /guide/": guide},
	}, app.Backend{Driver: driver, Database: db, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()

	if code, body := get(t, h, "/healthz"); code != 200 || !strings.Contains(body, "ok") {
		t.Errorf("/healthz = %d %s", code, body)
	}
	// The database was wiped and not migrated: not ready, with the reason.
	if code, body := get(t, h, "/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "schema") {
		t.Errorf("/readyz before migrations = %d %s", code, body)
	}
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if code, body := get(t, h, "/readyz"); code != 200 {
		t.Errorf("/readyz after migrations = %d %s", code, body)
	}
	if code, body := get(t, h, "/"); code != 200 || !strings.Contains(body, "Mine") || !strings.Contains(body, "graphiql") {
		t.Errorf("/ = %d, lacks the example tab or GraphiQL", code)
	}
	if code, body := get(t, h, "/guide/x"); code != 200 || body != "guide" {
		t.Errorf("mounted handler = %d %q", code, body)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"query Probe { __typename }"}`))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(httptest.NewRecorder(), req)
	code, body := get(t, h, "/metrics")
	for _, m := range []string{`diplograph_graphql_requests_total{operation="Probe"} 1`, "diplograph_graphql_request_duration_seconds_bucket", "diplograph_neo4j_round_trips_total"} {
		if code != 200 || !strings.Contains(body, m) {
			t.Errorf("/metrics lacks %s", m)
		}
	}
	if _, err := app.NewServer(server.Config{Handlers: map[string]http.Handler{"POST /graphql": guide}}, app.Backend{Driver: driver}); err == nil {
		t.Error("a mounted handler replaced /graphql")
	}
}

func TestGracefulShutdown(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	slow := make(chan struct{})
	srv, err := app.NewServer(server.Config{Addr: "127.0.0.1:0", Handlers: map[string]http.Handler{
		"GET /slow": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			close(slow)
			time.Sleep(300 * time.Millisecond)
			_, _ = io.WriteString(w, "done")
		}),
	}}, app.Backend{Driver: driver, Database: db})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe(ctx, func(a net.Addr) { addrc <- a }) }()
	addr := <-addrc
	respc := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + addr.String() + "/slow")
		if err != nil {
			respc <- "error: " + err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		respc <- string(b)
	}()
	<-slow
	cancel() // as SIGTERM does through signal.NotifyContext
	if got := <-respc; got != "done" {
		t.Errorf("in-flight request got %q, want it to finish", got)
	}
	if err := <-errc; err != nil {
		t.Errorf("ListenAndServe: %v", err)
	}
}

// A busy dependency (slow to answer its check, but alive) keeps /readyz at
// 200 and says "busy"; a down one makes it 503.
func TestReadyzTellsBusyFromDown(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	st := store.New(driver, db)
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		state      supervise.State
		code       int
		wantStatus string
	}{
		{supervise.Busy, http.StatusOK, `"status":"busy"`},
		{supervise.Up, http.StatusOK, `"status":"ready"`},
		{supervise.Down, http.StatusServiceUnavailable, `"status":"unavailable"`},
	} {
		status := supervise.Status{Name: "neo4j", State: tt.state, Reason: "answers slowly: context deadline exceeded"}
		srv, err := app.NewServer(server.Config{}, app.Backend{Driver: driver, Database: db, Store: st,
			Checks: []server.Check{{Name: "neo4j", Status: func() supervise.Status { return status }}}})
		if err != nil {
			t.Fatal(err)
		}
		if code, body := get(t, srv.Handler(), "/readyz"); code != tt.code || !strings.Contains(body, tt.wantStatus) {
			t.Errorf("%s: /readyz = %d %s, want %d %s", tt.state, code, body, tt.code, tt.wantStatus)
		}
	}
}

// The servers behind a dependency (a CoreNLP pool) are listed by /readyz
// and have a series each in /metrics.
func TestMembersInReadyzAndMetrics(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	st := store.New(driver, db)
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	members := []server.Member{
		{URL: "http://10.0.0.1:9000", State: "up", Healthy: true, InFlight: 2, Requests: 40},
		{URL: "http://10.0.0.2:9000", State: "down", Failures: 3, LastError: "connection refused"},
	}
	srv, err := app.NewServer(server.Config{}, app.Backend{Driver: driver, Database: db, Store: st,
		Checks: []server.Check{{Name: "corenlp", Optional: true, Ready: func(context.Context) error { return nil },
			Members: func() []server.Member { return members }}}})
	if err != nil {
		t.Fatal(err)
	}
	if code, body := get(t, srv.Handler(), "/readyz"); code != 200 || !strings.Contains(body, `"url":"http://10.0.0.2:9000","state":"down"`) {
		t.Errorf("/readyz = %d %s", code, body)
	}
	_, body := get(t, srv.Handler(), "/metrics")
	for _, want := range []string{
		`diplograph_service_member_up{service="corenlp",url="http://10.0.0.1:9000"} 1`,
		`diplograph_service_member_up{service="corenlp",url="http://10.0.0.2:9000"} 0`,
		`diplograph_service_member_in_flight{service="corenlp",url="http://10.0.0.1:9000"} 2`,
		`diplograph_service_member_failures_total{service="corenlp",url="http://10.0.0.2:9000"} 3`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
