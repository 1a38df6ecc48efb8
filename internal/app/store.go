package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/neo4jserver"
	"github.com/diplograph/diplograph/internal/query"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/schema"
)

// Neo4j says where the graph is, as the commands' flags give it: a Bolt
// URI with its credentials, or else the name of the local instance that
// `up` or `neo4j start` runs.
type Neo4j struct {
	URI, User, Password, Database string
	// Instance names the local Neo4j used when URI is empty.
	Instance string
}

// options are the settings as neo4jserver.Options (for `up`, which may
// start the Neo4j they describe).
func (n Neo4j) options() neo4jserver.Options {
	return neo4jserver.Options{URI: n.URI, User: n.User, Password: n.Password, Database: n.Database, Name: n.Instance}
}

// locate says where Neo4j is: the given URI, or else the running local
// instance, whose address and password are in its state file.
func (n Neo4j) locate(ctx context.Context) (neo4jserver.Conn, error) {
	if n.URI != "" {
		return neo4jserver.Conn{URI: n.URI, User: n.User, Password: n.Password, Database: n.Database}, nil
	}
	st, err := neo4jserver.Lookup(ctx, n.options())
	if err != nil {
		return neo4jserver.Conn{}, fmt.Errorf("find the local Neo4j %q: %w", n.Instance, err)
	}
	if !st.Running || st.Conn.URI == "" {
		return neo4jserver.Conn{}, errors.New("no Neo4j to talk to: set NEO4J_URI (and NEO4J_PASSWORD), or run `diplograph up` or `diplograph neo4j start` first")
	}
	c := st.Conn
	if n.Password != "" {
		c.Password = n.Password
	}
	c.Database = n.Database
	return c, nil
}

// Store is the graph opened by a command that reads or writes it and
// exits (ingest, seed, migrate, conflicts, delete-document): a driver of
// the one configuration (OpenDriver) and the store over it.
type Store struct {
	driver neo4j.DriverWithContext
	st     *store.Store
	// gazetteer is the reference data LoadReference loaded, which
	// OpenLoader then extracts with.
	gazetteer *gazetteer.Gazetteer
}

// OpenStore connects to Neo4j, which must answer, and checks that its
// schema is at the version this binary expects (`diplograph migrate` puts
// it there). Close releases the driver.
func OpenStore(ctx context.Context, n Neo4j) (*Store, error) {
	s, err := openStore(ctx, n)
	if err != nil {
		return nil, err
	}
	if err := s.st.CheckSchema(ctx); err != nil {
		_ = s.Close(ctx)
		return nil, err
	}
	return s, nil
}

// openStore is OpenStore without the schema check (for migrate).
func openStore(ctx context.Context, n Neo4j) (*Store, error) {
	conn, err := n.locate(ctx)
	if err != nil {
		return nil, err
	}
	d, err := OpenDriver(ctx, conn, true, nil)
	if err != nil {
		return nil, err
	}
	return &Store{driver: d, st: store.New(d, conn.Database)}, nil
}

// Close closes the driver, within a minute even when ctx is done.
func (s *Store) Close(ctx context.Context) error {
	return s.driver.Close(context.WithoutCancel(ctx))
}

// Migrated says what a migration did.
type Migrated struct {
	// Applied is how many migrations were applied (0: the schema was
	// up to date).
	Applied int
	// Version names the last migration this binary knows
	// (NNNN_name), at which the schema now is.
	Version string
}

// Migrate applies the schema migrations the database lacks.
func Migrate(ctx context.Context, n Neo4j) (Migrated, error) {
	s, err := openStore(ctx, n)
	if err != nil {
		return Migrated{}, err
	}
	defer s.Close(ctx)
	return migrate(ctx, s.st)
}

// Migrate applies the schema migrations the database lacks.
func (a *App) Migrate(ctx context.Context) (Migrated, error) { return migrate(ctx, a.Store) }

// migrate is the one way the schema is migrated, by `migrate` and `up`.
func migrate(ctx context.Context, st *store.Store) (Migrated, error) {
	migs, err := store.Migrations(schema.Migrations)
	if err != nil {
		return Migrated{}, err
	}
	n, err := st.Migrate(ctx)
	if err != nil {
		return Migrated{}, err
	}
	return Migrated{Applied: n, Version: migs[len(migs)-1].ID()}, nil
}

// Conflict is a claim that disagrees with the reference data or with
// another claim (query.Conflicts).
type Conflict = query.Conflict

// Conflicts lists the claims that disagree with the reference data or
// with each other.
func (s *Store) Conflicts(ctx context.Context) ([]Conflict, error) {
	return query.New(s.driver, s.st.Database()).Conflicts(ctx)
}

// DeleteDocument removes a document, its sentences and evidence, and the
// facts only it supported.
func (s *Store) DeleteDocument(ctx context.Context, id string) (store.DeleteStats, error) {
	return s.st.DeleteDocument(ctx, id)
}
