package store

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/schema"
)

// Migration is one schema migration file.
type Migration struct {
	Version    int    // NNNN of the file name
	Name       string // the rest of the file name, without .cypher
	Checksum   string // hex SHA-256 of the file
	Statements []string
}

// ID is the migration's SchemaMigration id, e.g. "0001_node_ids".
func (m Migration) ID() string { return fmt.Sprintf("%04d_%s", m.Version, m.Name) }

var migrationName = regexp.MustCompile(`^(\d{4})_([a-z0-9_]+)\.cypher$`)

// Migrations parses the migration files of fsys (see schema.Migrations),
// in version order.
func Migrations(fsys fs.FS) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []Migration
	seen := map[int]string{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".cypher") {
			continue
		}
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("migration %q: name must be NNNN_name.cypher", e.Name())
		}
		v, _ := strconv.Atoi(m[1])
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %q and %q share version %d", prev, e.Name(), v)
		}
		seen[v] = e.Name()
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		sum := sha256.Sum256(data)
		stmts, err := splitStatements(string(data))
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", e.Name(), err)
		}
		out = append(out, Migration{Version: v, Name: m[2], Checksum: hex.EncodeToString(sum[:]), Statements: stmts})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// splitStatements cuts a migration into statements: a statement ends at a
// line ending in ";"; "//" comment lines and blank lines are dropped.
func splitStatements(src string) ([]string, error) {
	var stmts []string
	var cur []string
	sc := bufio.NewScanner(strings.NewReader(src))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		if strings.HasSuffix(line, ";") {
			cur = append(cur, strings.TrimSuffix(line, ";"))
			stmts = append(stmts, strings.Join(cur, "\n"))
			cur = nil
			continue
		}
		cur = append(cur, line)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(cur) > 0 {
		return nil, fmt.Errorf("last statement does not end with ';'")
	}
	return stmts, nil
}

type appliedMigration struct{ id, checksum string }

func (s *Store) applied(ctx context.Context) (map[int]appliedMigration, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (map[int]appliedMigration, error) {
		res, err := tx.Run(ctx, `MATCH (m:SchemaMigration) RETURN m.version AS version, m.id AS id, m.checksum AS checksum`, nil)
		if err != nil {
			return nil, err
		}
		out := map[int]appliedMigration{}
		for res.Next(ctx) {
			rec := res.Record()
			v, err := intValue(rec, "version")
			if err != nil {
				return nil, err
			}
			id, err := stringValue(rec, "id")
			if err != nil {
				return nil, err
			}
			sum, err := stringValue(rec, "checksum")
			if err != nil {
				return nil, err
			}
			out[int(v)] = appliedMigration{id: id, checksum: sum}
		}
		return out, res.Err()
	})
}

// Migrate applies the embedded migrations (schema.Migrations) not yet
// recorded in the database, in order, and records each as a
// (:SchemaMigration {id, version, name, checksum}) node. Applying again is a
// no-op. It returns how many migrations it applied.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	return s.MigrateFS(ctx, schema.Migrations)
}

// MigrateFS is Migrate with the migrations read from fsys.
func (s *Store) MigrateFS(ctx context.Context, fsys fs.FS) (int, error) {
	migs, err := Migrations(fsys)
	if err != nil {
		return 0, err
	}
	done, err := s.applied(ctx)
	if err != nil {
		return 0, fmt.Errorf("read applied migrations: %w", err)
	}
	n := 0
	for _, m := range migs {
		if a, ok := done[m.Version]; ok {
			if a.checksum != m.Checksum {
				return n, fmt.Errorf("migration %s was applied with another content (checksum %.12s, file %.12s): migrations are immutable, add a new one", m.ID(), a.checksum, m.Checksum)
			}
			continue
		}
		// Schema commands cannot share a transaction with data writes, so
		// each statement gets its own; IF NOT EXISTS makes them safe to retry.
		for _, stmt := range m.Statements {
			if _, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
				res, err := tx.Run(ctx, stmt, nil)
				if err != nil {
					return struct{}{}, err
				}
				_, err = res.Consume(ctx)
				return struct{}{}, err
			}); err != nil {
				return n, fmt.Errorf("migration %s: %q: %w", m.ID(), stmt, err)
			}
		}
		if _, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			res, err := tx.Run(ctx, `MERGE (m:SchemaMigration {id: $id})
ON CREATE SET m.version = $version, m.name = $name, m.checksum = $checksum`,
				map[string]any{"id": m.ID(), "version": m.Version, "name": m.Name, "checksum": m.Checksum})
			if err != nil {
				return struct{}{}, err
			}
			_, err = res.Consume(ctx)
			return struct{}{}, err
		}); err != nil {
			return n, fmt.Errorf("record migration %s: %w", m.ID(), err)
		}
		n++
	}
	if n > 0 {
		// Indexes are built in the background; wait so the next load uses them.
		if _, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			res, err := tx.Run(ctx, `CALL db.awaitIndexes(300)`, nil)
			if err != nil {
				return struct{}{}, err
			}
			_, err = res.Consume(ctx)
			return struct{}{}, err
		}); err != nil {
			return n, fmt.Errorf("wait for indexes: %w", err)
		}
	}
	return n, nil
}

// CheckSchema returns an error wrapping ErrSchemaOutdated when a migration
// this binary embeds is not applied (or was applied with other content).
func (s *Store) CheckSchema(ctx context.Context) error {
	migs, err := Migrations(schema.Migrations)
	if err != nil {
		return err
	}
	done, err := s.applied(ctx)
	if err != nil {
		return fmt.Errorf("read applied migrations: %w", err)
	}
	var missing, changed []string
	for _, m := range migs {
		a, ok := done[m.Version]
		switch {
		case !ok:
			missing = append(missing, m.ID())
		case a.checksum != m.Checksum:
			changed = append(changed, m.ID())
		}
	}
	switch {
	case len(changed) > 0:
		return fmt.Errorf("%w: migrations %s were applied with a different content than this binary has; the database was migrated by another version", ErrSchemaOutdated, strings.Join(changed, ", "))
	case len(missing) > 0:
		return fmt.Errorf("%w: %d of %d migrations not applied (%s): run `diplograph migrate`", ErrSchemaOutdated, len(missing), len(migs), strings.Join(missing, ", "))
	}
	return nil
}
