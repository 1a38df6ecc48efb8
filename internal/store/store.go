// Package store writes diplograph's graph to Neo4j: documents' extractions
// (Load, LoadBatch), the gazetteer's reference facts (LoadReference), schema
// migrations (Migrate) and deletions (DeleteDocument); it reads back only
// what the loader itself needs (schema state, counts). Reads for people are
// package query's. The graph model it writes is described in
// schema/README.md.
//
// Every write goes through a managed transaction (neo4j.ExecuteWrite), which
// the driver retries on transient errors such as deadlocks; every
// transaction function is therefore idempotent: it MERGEs, and it writes a
// property only when the value would change.
package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Errors callers can test for with errors.Is.
var (
	// ErrSchemaOutdated means the database lacks migrations this binary
	// expects; run `diplograph migrate`.
	ErrSchemaOutdated = errors.New("schema outdated")
)

// Store reads and writes the graph in one Neo4j database.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
}

// New returns a Store over driver, using database ("" for the server's
// default database).
func New(driver neo4j.DriverWithContext, database string) *Store {
	return &Store{driver: driver, database: database}
}

// Driver returns the driver the store writes with (for a reader over the
// same database, such as query.New).
func (s *Store) Driver() neo4j.DriverWithContext { return s.driver }

// Database returns the database the store writes to.
func (s *Store) Database() string { return s.database }

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: mode})
}

// write runs fn in a managed write transaction (retried on transient errors).
func write[T any](ctx context.Context, s *Store, fn neo4j.ManagedTransactionWorkT[T]) (T, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	return neo4j.ExecuteWrite(ctx, sess, fn)
}

// read runs fn in a managed read transaction.
func read[T any](ctx context.Context, s *Store, fn neo4j.ManagedTransactionWorkT[T]) (T, error) {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	return neo4j.ExecuteRead(ctx, sess, fn)
}

// Counts is the size of the graph: what must not change when a document is
// loaded a second time.
type Counts struct {
	Nodes         int64 `json:"nodes"`
	Relationships int64 `json:"relationships"`
	Properties    int64 `json:"properties"` // on nodes and relationships
}

// Counts counts nodes, relationships and their properties. It scans the
// whole graph: meant for tests, benchmarks and the CLI, not request paths.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (Counts, error) {
		res, err := tx.Run(ctx, `
CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS np }
CALL () { MATCH ()-[r]->() RETURN count(r) AS rels, sum(size(keys(r))) AS rp }
RETURN nodes, rels, np + rp AS props`, nil)
		if err != nil {
			return Counts{}, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return Counts{}, err
		}
		var c Counts
		if c.Nodes, err = intValue(rec, "nodes"); err != nil {
			return Counts{}, err
		}
		if c.Relationships, err = intValue(rec, "rels"); err != nil {
			return Counts{}, err
		}
		if c.Properties, err = intValue(rec, "props"); err != nil {
			return Counts{}, err
		}
		return c, nil
	})
}

func intValue(rec *neo4j.Record, key string) (int64, error) {
	v, _, err := neo4j.GetRecordValue[int64](rec, key)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", key, err)
	}
	return v, nil
}

func stringValue(rec *neo4j.Record, key string) (string, error) {
	v, isNil, err := neo4j.GetRecordValue[string](rec, key)
	if err != nil && !isNil {
		return "", fmt.Errorf("read %s: %w", key, err)
	}
	return v, nil
}

func stringsValue(rec *neo4j.Record, key string) ([]string, error) {
	v, isNil, err := neo4j.GetRecordValue[[]any](rec, key)
	if isNil {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", key, err)
	}
	out := make([]string, 0, len(v))
	for _, x := range v {
		s, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("read %s: element %T is not a string", key, x)
		}
		out = append(out, s)
	}
	return out, nil
}

// Query runs a read-only Cypher query and returns its rows as maps, for
// the CLI's ad-hoc reads and for tests. It runs in a read transaction, so
// writes fail.
func (s *Store) Query(ctx context.Context, cypher string, params map[string]any) ([]map[string]any, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]map[string]any, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		var rows []map[string]any
		for res.Next(ctx) {
			rows = append(rows, res.Record().AsMap())
		}
		return rows, res.Err()
	})
}

// LoadedBy returns the ids of the documents stored with their text that
// engine read: loading the same text with the same engine again would
// change nothing, so a bulk load that resumes can skip them. One query.
func (s *Store) LoadedBy(ctx context.Context, engine string) (map[string]bool, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]bool, error) {
		res, err := tx.Run(ctx, `
MATCH (t:DocumentText)
MATCH (d:Document {id: t.document})
WHERE d.engine = $engine
RETURN d.id AS id`, map[string]any{"engine": engine})
		if err != nil {
			return nil, err
		}
		ids := map[string]bool{}
		for res.Next(ctx) {
			id, err := stringValue(res.Record(), "id")
			if err != nil {
				return nil, err
			}
			ids[id] = true
		}
		return ids, res.Err()
	})
}
