// Package schema holds diplograph's two schemas: the Neo4j schema as
// versioned migrations (migrations/NNNN_name.cypher, applied in order by
// store.Migrate and embedded here) and the GraphQL schema (*.graphqls, one
// file per aggregate, read by gqlgen; vocabulary.graphqls is generated from
// internal/ontology). README.md describes the graph model.
package schema

import (
	"embed"
	"io/fs"
)

//go:embed migrations/*.cypher
var embedded embed.FS

// Migrations holds the migration files (NNNN_name.cypher) at its root.
// Statements in a file are separated by lines ending in `;`; lines starting
// with `//` are comments.
var Migrations fs.FS = mustSub(embedded, "migrations")

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		// fs.Sub fails only on an invalid path, which is a constant here.
		panic(err)
	}
	return sub
}
