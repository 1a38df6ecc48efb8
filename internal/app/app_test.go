package app_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/neo4jserver"
	"github.com/diplograph/diplograph/internal/server"
)

// Without Neo4j the application still assembles (the driver connects
// lazily), /readyz names the failing dependency, and Close closes the
// services in reverse order after the application's own.
func TestAssembleWithoutNeo4j(t *testing.T) {
	ctx := context.Background()
	var closed []string
	closer := func(name string) func(context.Context) error {
		return func(context.Context) error { closed = append(closed, name); return nil }
	}
	cfg := app.Config{
		Neo4j:  neo4jserver.Conn{URI: "bolt://127.0.0.1:1", User: "neo4j", Password: "x", Database: "neo4j"},
		Server: server.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))},
		Services: []app.Dependency{
			{Name: "first", Close: closer("first")},
			{Name: "second", Ready: func(context.Context) error { return errors.New("starting") }, Close: closer("second")},
		},
	}
	a, err := app.New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if a.Extractor == nil || a.Ingest == nil || a.Store == nil || a.Gazetteer == nil || a.Server == nil {
		t.Fatalf("parts missing: %+v", a)
	}
	names := []string{}
	for _, c := range a.Checks() {
		names = append(names, c.Name)
	}
	if !slices.Equal(names, []string{"neo4j", "second"}) {
		t.Errorf("checks = %v, want [neo4j second]", names)
	}
	rec := httptest.NewRecorder()
	a.Server.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "neo4j: unreachable") {
		t.Errorf("/readyz = %d %s, want 503 naming neo4j", rec.Code, rec.Body)
	}
	if err := a.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(closed, []string{"second", "first"}) {
		t.Errorf("closed %v, want [second first]", closed)
	}
}

// The server is built without Neo4j in its imports: the root hands it the
// GraphQL handler.
func TestNewServerNeedsADriver(t *testing.T) {
	if _, err := app.NewServer(server.Config{}, app.Backend{}); err == nil {
		t.Error("NewServer without a driver succeeded")
	}
}

// Every server NewServer builds serves the review page, beside the
// handlers of its configuration (whose map it leaves as it was); a route
// the configuration mounts itself wins.
func TestNewServerServesTheReviewPage(t *testing.T) {
	// The driver connects lazily: nothing here asks Neo4j.
	conn := neo4jserver.Conn{URI: "bolt://127.0.0.1:1", User: "neo4j", Password: "x", Database: "neo4j"}
	d, err := conn.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(context.Background())
	own := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "own page") })
	tests := []struct {
		name     string
		handlers map[string]http.Handler
		path     string
		status   int
		body     string
		csp      bool
	}{
		{"the page", nil, "/review", 200, `src="/review/review.js"`, true},
		{"its script", nil, "/review/review.js", 200, "keydown", true},
		{"an unknown asset", nil, "/review/x.js", 404, "not found", true},
		{"beside other handlers", map[string]http.Handler{"GET /guide/": own}, "/review", 200, "diplograph review", true},
		{"replaced by the configuration", map[string]http.Handler{"GET /review": own}, "/review", 200, "own page", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(tc.handlers)
			srv, err := app.NewServer(server.Config{Handlers: tc.handlers, Logger: slog.New(slog.DiscardHandler)}, app.Backend{Driver: d})
			if err != nil {
				t.Fatal(err)
			}
			if len(tc.handlers) != before {
				t.Errorf("NewServer changed the configuration's handlers: %d, was %d", len(tc.handlers), before)
			}
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
			if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.body) {
				t.Errorf("GET %s = %d %.80q, want %d with %q", tc.path, rec.Code, rec.Body.String(), tc.status, tc.body)
			}
			if has := strings.Contains(rec.Header().Get("Content-Security-Policy"), "script-src 'self'"); has != tc.csp {
				t.Errorf("Content-Security-Policy %q", rec.Header().Get("Content-Security-Policy"))
			}
		})
	}
}
