package server

import (
	"embed"
	"io/fs"
	"net/http"
)

// graphiqlFiles are GraphiQL and React, vendored so that the playground
// works on machines that cannot reach a CDN (see graphiql/README.md).
//
//go:embed graphiql/*.js graphiql/*.css
var graphiqlFiles embed.FS

// graphiqlAssets serves the vendored files under /graphiql/. They never
// change for a given build, so browsers may cache them for a day.
func graphiqlAssets() http.Handler {
	sub, err := fs.Sub(graphiqlFiles, "graphiql")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	files := http.StripPrefix("/graphiql/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}
