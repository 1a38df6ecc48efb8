package explore

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strings"
)

// slides says which queries the guide shows on which slide, in order.
var slides = []struct {
	title   string
	queries []string
	note    string
}{
	{"Kazakhstan's neighbourhood", []string{"1-kazakhstan-neighbourhood"},
		"Türkiye, Iran and Qatar are tied to Kazakhstan by what the documents say; the SCO and the Organization of Turkic States (once the Turkic Council) by membership."},
	{"Kazakhstan and Türkiye, with the evidence", []string{"2-kazakhstan-turkiye"},
		"Grey nodes are the sentences each fact was read from, linked to their document."},
	{"The organizations that tie the region together", []string{"3-regional-organizations"},
		"Select a MEMBER_OF relationship to see its role and whether it comes from a document or the gazetteer."},
	{"Claims that disagree with the reference data", []string{"4-claims-against-reference"},
		"Both sides are kept: the claim with its sentences, and the reference fact with source \"gazetteer\"."},
	{"The documents and what was read from each", []string{"5-documents", "6-facts-by-document"}, ""},
	{"What people decided", []string{"7-review-decisions", "8-reviewed-facts"},
		"Red verdicts are facts a reviewer rejected (hidden from the API unless asked for), green ones confirmed or added by a person (origin \"person\")."},
}

type legendItem struct{ Label, Color, Note string }

var legendNotes = map[string]string{
	"Country":      "ISO code as id (KZ, TR)",
	"Organization": "acronym as id (SCO, OTS)",
	"Region":       "region:middle-east",
	"Agreement":    "agreement:kz-tr-free-trade-2017",
	"Project":      "project:kz-ir-gas-pipeline",
	"Process":      "process:astana-peace-process",
	"Sector":       "trade, energy, civil-aviation",
	"Document":     "one ingested text (caption: title)",
	"Sentence":     "evidence (caption: its text)",
	"Confirmed":    "a fact a person confirmed or added",
	"Rejected":     "a fact a person rejected",
	"Verdict":      "a decision on a fact (Confirmed or Rejected)",
	"Review":       "one decision of the audit trail",
}

var legendOrder = []string{"Country", "Organization", "Region", "Agreement", "Project", "Process", "Sector", "Document", "Sentence", "Verdict", "Confirmed", "Rejected", "Review"}

type guideSlide struct {
	Title   string
	Queries []Query
	Note    string
}

type guideData struct {
	Base, StyleURL, GuideURL, QueriesURL string
	Legend                               []legendItem
	Slides                               []guideSlide
}

// Handler serves, under Prefix:
//
//	/neo4j/                     an index of what is here
//	/neo4j/style.grass          the GraSS style (text/plain)
//	/neo4j/guide.html           the Neo4j Browser guide
//	/neo4j/queries/             the guide's queries, /neo4j/queries/<name>.cypher
//	/neo4j/playground/<name>.graphql  the playground's example operations
//
// Every response allows any origin (Access-Control-Allow-Origin: *) and
// preflight requests are answered, because Neo4j Browser fetches the style
// and the guide from its own origin (another port) with no-cache headers.
// Links inside the guide point back at the host the request came to.
func Handler() http.Handler {
	guide := template.Must(template.New("guide.html").ParseFS(files, "guide.html"))
	qs := Queries()
	byName := map[string]Query{}
	for _, q := range qs {
		byName[q.Name] = q
	}
	var gslides []guideSlide
	for _, s := range slides {
		gs := guideSlide{Title: s.title, Note: s.note}
		for _, n := range s.queries {
			q, ok := byName[n]
			if !ok {
				panic(fmt.Sprintf("explore: guide slide %q names missing query %q", s.title, n)) // a build mistake, caught by tests
			}
			gs.Queries = append(gs.Queries, q)
		}
		gslides = append(gslides, gs)
	}
	colors := NodeColors()
	var legend []legendItem
	for _, l := range legendOrder {
		legend = append(legend, legendItem{Label: l, Color: colors[l], Note: legendNotes[l]})
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET "+Prefix+"{$}", func(w http.ResponseWriter, r *http.Request) {
		base := baseOf(r)
		var b strings.Builder
		fmt.Fprintf(&b, "diplograph for Neo4j Browser\n\nIn Neo4j Browser, run:\n  :style %s\n  :play %s\n\nQueries:\n", StyleURL(base), GuideURL(base))
		for _, q := range qs {
			fmt.Fprintf(&b, "  %s%squeries/%s.cypher  %s\n", base, Prefix, q.Name, q.Title)
		}
		b.WriteString("\nGraphQL examples:\n")
		for _, e := range Examples() {
			fmt.Fprintf(&b, "  %s%splayground/%s.graphql  %s\n", base, Prefix, e.Name, e.Title)
		}
		text(w, b.String())
	})
	mux.HandleFunc("GET "+Prefix+"style.grass", func(w http.ResponseWriter, r *http.Request) {
		text(w, string(Style()))
	})
	mux.HandleFunc("GET "+Prefix+"guide.html", func(w http.ResponseWriter, r *http.Request) {
		base := baseOf(r)
		data := guideData{
			Base: base, StyleURL: StyleURL(base), GuideURL: GuideURL(base),
			QueriesURL: base + Prefix + "queries/", Legend: legend, Slides: gslides,
		}
		var buf bytes.Buffer
		if err := guide.Execute(&buf, data); err != nil {
			http.Error(w, "guide: "+err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(buf.Bytes())
	})
	mux.HandleFunc("GET "+Prefix+"queries/{$}", func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		for _, q := range qs {
			fmt.Fprintf(&b, "%s.cypher\t%s\n", q.Name, q.Title)
		}
		text(w, b.String())
	})
	mux.HandleFunc("GET "+Prefix+"queries/{file}", func(w http.ResponseWriter, r *http.Request) {
		serveFile(w, r, "queries/", ".cypher")
	})
	mux.HandleFunc("GET "+Prefix+"playground/{file}", func(w http.ResponseWriter, r *http.Request) {
		serveFile(w, r, "playground/", ".graphql")
	})
	mux.HandleFunc("OPTIONS "+Prefix, func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
		if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
			h.Set("Access-Control-Allow-Headers", req)
		}
		h.Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Cache-Control", "no-cache")
		mux.ServeHTTP(w, r)
	})
}

func text(w http.ResponseWriter, s string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte(s))
}

func serveFile(w http.ResponseWriter, r *http.Request, dir, ext string) {
	name := r.PathValue("file")
	if !strings.HasSuffix(name, ext) || strings.ContainsAny(name, `/\`) {
		http.NotFound(w, r)
		return
	}
	b, err := files.ReadFile(dir + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	text(w, string(b))
}

// baseOf is the scheme and host a request came to: the base of the links
// the guide and the index give.
func baseOf(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
