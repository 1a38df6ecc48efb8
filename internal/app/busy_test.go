package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/server"
)

// With every connection of the requests' pool held by open transactions
// (a saturated server), the readiness check still answers at once on a
// connection of its own: Neo4j is busy, not down.
func TestReadinessDoesNotQueueBehindRequests(t *testing.T) {
	ctx := context.Background()
	conn := neo4jtest.Conn(t)
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(ctx, app.Config{Neo4j: conn, Gazetteer: g, RequireNeo4j: true,
		Server: server.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close(ctx)
	if _, err := a.Store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	// Hold every connection of the main driver's pool.
	var held []neo4j.ExplicitTransaction
	defer func() {
		for _, tx := range held {
			_ = tx.Rollback(ctx)
		}
	}()
	for {
		tctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		s := a.Driver.NewSession(tctx, neo4j.SessionConfig{DatabaseName: conn.Database})
		tx, err := s.BeginTransaction(tctx)
		cancel()
		if err != nil {
			break // the pool is exhausted
		}
		held = append(held, tx)
		if len(held) > 200 {
			t.Fatal("the pool never ran out")
		}
	}
	rec := httptest.NewRecorder()
	start := time.Now()
	a.Server.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"neo4j":{"state":"up"}`) || time.Since(start) > 3*time.Second {
		t.Errorf("/readyz with %d connections held: %d %s in %v", len(held), rec.Code, rec.Body.String(), time.Since(start))
	}
}
