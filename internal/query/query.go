// Package query is diplograph's read side: parameterised Cypher over the
// graph model (schema/README.md, docs/ONTOLOGY.md), returning domain types (entities, relations,
// evidence, documents) that the GraphQL layer binds to. It never writes.
//
// Every call to Neo4j goes through (*DB).read, which counts one round trip
// on the request's Counter (see WithCounter) and on the optional observer,
// so tests and metrics can tell how many trips a request cost.
package query

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/errs"
	"github.com/diplograph/diplograph/internal/supervise"
)

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errs.ErrInvalid, fmt.Sprintf(format, args...))
}

// DB runs read queries against one Neo4j database.
type DB struct {
	driver   neo4j.DriverWithContext
	database string
	observe  func()
	gate     func() error
	down     func() <-chan struct{}
}

// Option configures a DB.
type Option func(*DB)

// WithObserver calls fn once per Neo4j round trip (for a metrics counter).
func WithObserver(fn func()) Option { return func(db *DB) { db.observe = fn } }

// WithGate calls fn before each round trip: a non-nil error (Neo4j known
// to be down) is returned at once instead of sending the query, so a
// request fails fast rather than spending its deadline on the driver's
// retries. down, when not nil, gives a channel closed when Neo4j goes down:
// a query in flight then gives up at once with fn's error.
func WithGate(fn func() error, down func() <-chan struct{}) Option {
	return func(db *DB) { db.gate, db.down = fn, down }
}

// New returns a DB reading from database ("" for the server's default).
func New(driver neo4j.DriverWithContext, database string, opts ...Option) *DB {
	db := &DB{driver: driver, database: database}
	for _, o := range opts {
		o(db)
	}
	return db
}

// Driver returns the underlying driver (for readiness checks).
func (db *DB) Driver() neo4j.DriverWithContext { return db.driver }

// Database returns the database name queries run against.
func (db *DB) Database() string { return db.database }

// Counter counts the Neo4j round trips of one request.
type Counter struct{ n atomic.Int64 }

// Count returns the round trips counted so far.
func (c *Counter) Count() int64 {
	if c == nil {
		return 0
	}
	return c.n.Load()
}

type counterKey struct{}

// WithCounter returns a context carrying a fresh Counter, and the Counter.
func WithCounter(ctx context.Context) (context.Context, *Counter) {
	c := &Counter{}
	return context.WithValue(ctx, counterKey{}, c), c
}

// CounterFrom returns the context's Counter, or nil.
func CounterFrom(ctx context.Context) *Counter {
	c, _ := ctx.Value(counterKey{}).(*Counter)
	return c
}

// countRoundTrip counts a Neo4j round trip on ctx's Counter and the
// observer.
func (db *DB) countRoundTrip(ctx context.Context) {
	if c := CounterFrom(ctx); c != nil {
		c.n.Add(1)
	}
	if db.observe != nil {
		db.observe()
	}
}

// read runs one read query (routed to readers, retried by the driver on
// transient errors) and returns its records. It is the only place this
// package talks to Neo4j.
func (db *DB) read(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	if db.gate != nil {
		if err := db.gate(); err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
	}
	db.countRoundTrip(ctx)
	ctx, cancel := supervise.UntilDown(ctx, db.down)
	defer cancel(nil)
	res, err := neo4j.ExecuteQuery(ctx, db.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, fmt.Errorf("query: %w", supervise.CutError(ctx, err, db.gate))
	}
	return res.Records, nil
}

type neo4jRecord = neo4j.Record

// value returns the record's value for key as T (the driver's typed
// getter), with an error (never a panic) when it is missing or of another
// type. A null gives T's zero value.
func value[T neo4j.RecordValue](rec *neo4j.Record, key string) (T, error) {
	v, _, err := neo4j.GetRecordValue[T](rec, key)
	if err != nil {
		return v, fmt.Errorf("query: %w", err)
	}
	return v, nil
}
