package server

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The server is HTTP only: the composition root (internal/app) hands it
// the GraphQL handler, so it must not import the schema's package, nor the
// write side.
func TestImportsNeitherSchemaNorWriteSide(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	forbidden := []string{"/graph", "/internal/store", "/internal/ingest", "/internal/extract"}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		pf, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range pf.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			for _, bad := range forbidden {
				if p == "github.com/diplograph/diplograph"+bad {
					t.Errorf("%s imports %s", f, p)
				}
			}
		}
	}
}
