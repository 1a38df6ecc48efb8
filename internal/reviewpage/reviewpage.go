// Package reviewpage holds the review page: a plain HTML, CSS and
// JavaScript front-end, embedded in the binary, on which analysts go
// through what the machine read — a document's facts or the facts between
// two actors, lowest confidence first — and confirm, reject, undo, add
// facts from a document's sentences and merge duplicate nodes, all through
// the GraphQL API's curation mutations with their own API key.
//
// The page is a client of /graphql like any other: it sends GraphQL
// documents with variables, never builds one from data, and inserts what the
// API answers as text. Handler serves it with a strict Content-Security-
// Policy (scripts and styles from this origin only, Trusted Types required
// so that no HTML can be injected through a string) and serves nothing but
// the embedded files.
package reviewpage

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// Path is where the page is served; its assets are under Path + "/".
const Path = "/review"

// ContentSecurityPolicy is sent with every response of Handler: nothing
// but this origin's scripts, styles and GraphQL endpoint; no inline code,
// no eval, no frames, no form submission, and Trusted Types required, so a
// string can never become HTML in the page.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
	"img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
	"require-trusted-types-for 'script'; trusted-types 'none'"

//go:embed assets/*.html assets/*.css assets/*.js
var assets embed.FS

// contentTypes are the types of the embedded files, by extension; a file
// of another kind is not served.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
}

// asset is one embedded file ready to serve.
type asset struct {
	body        []byte
	contentType string
	etag        string
}

// Routes are the page's routes as http.ServeMux patterns: the page at
// Path and its assets under Path + "/". Mount them on a server (its
// Config.Handlers).
func Routes() map[string]http.Handler {
	h := Handler()
	return map[string]http.Handler{"GET " + Path: h, "GET " + Path + "/": h}
}

// Handler serves the page for Path and Path + "/" and the embedded assets
// under Path + "/" (review.js, review.css, ...); anything else is 404.
// Responses carry ContentSecurityPolicy and are revalidated by ETag.
func Handler() http.Handler {
	files := load()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		name, ok := assetName(r.URL.Path)
		a, found := files[name]
		if !ok || !found {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		h.Set("Content-Type", a.contentType)
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", a.etag)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.body))
	})
}

// assetName maps a request path to the embedded file it asks for:
// index.html for the page itself, a file name for an asset.
func assetName(p string) (string, bool) {
	if p == Path || p == Path+"/" {
		return "index.html", true
	}
	name, ok := strings.CutPrefix(p, Path+"/")
	if !ok || name == "" || strings.Contains(name, "/") || path.Clean(name) != name {
		return "", false
	}
	return name, true
}

// load reads the embedded files once, with their types and ETags.
func load() map[string]asset {
	out := map[string]asset{}
	entries, err := fs.ReadDir(assets, "assets")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	for _, e := range entries {
		ct, ok := contentTypes[path.Ext(e.Name())]
		if !ok || e.IsDir() {
			continue
		}
		b, err := assets.ReadFile("assets/" + e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(b)
		out[e.Name()] = asset{body: b, contentType: ct, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	}
	return out
}
