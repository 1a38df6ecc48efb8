package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/schema"
)

func TestMigrations(t *testing.T) {
	migs, err := store.Migrations(schema.Migrations)
	if err != nil {
		t.Fatal(err)
	}
	if len(migs) == 0 {
		t.Fatal("no migrations embedded")
	}
	for i, m := range migs {
		if m.Version != i+1 {
			t.Errorf("migration %s: version %d, want %d (no gaps)", m.ID(), m.Version, i+1)
		}
		if len(m.Statements) == 0 {
			t.Errorf("migration %s has no statements", m.ID())
		}
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	ctx := context.Background()
	s := store.New(driver, db)
	// neo4jtest wipes all nodes, SchemaMigration records included, but not
	// the constraints and indexes: the statements re-run as no-ops.
	if err := s.CheckSchema(ctx); !errors.Is(err, store.ErrSchemaOutdated) {
		t.Fatalf("CheckSchema before migrate: %v, want ErrSchemaOutdated", err)
	}
	migs, _ := store.Migrations(schema.Migrations)
	n, err := s.Migrate(ctx)
	if err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if n != len(migs) {
		t.Errorf("first Migrate applied %d, want %d", n, len(migs))
	}
	if err := s.CheckSchema(ctx); err != nil {
		t.Fatalf("CheckSchema after migrate: %v", err)
	}
	before := counts(t, s)
	n, err = s.Migrate(ctx)
	if err != nil || n != 0 {
		t.Fatalf("second Migrate = %d, %v; want 0, nil", n, err)
	}
	if after := counts(t, s); after != before {
		t.Errorf("second Migrate changed counts: %+v -> %+v", before, after)
	}
}
