// Package explore holds what makes diplograph's graph explorable by hand:
// a GraSS style and a guide for Neo4j Browser, the guide's Cypher queries as
// plain .cypher files, the neo4j.conf settings that make Neo4j Browser load
// the style and open the guide when it connects, and example GraphQL queries
// for the playground. Handler serves the style, the guide and the queries
// under Prefix (/neo4j/) so that a Neo4j Browser on another port can fetch
// them.
package explore

import (
	"embed"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"
	"unicode"
)

// Prefix is the path Handler serves under; mount it there:
// mux.Handle(explore.Prefix, explore.Handler()).
const Prefix = "/neo4j/"

//go:embed style.grass guide.html queries/*.cypher playground/*.graphql
var files embed.FS

// Style returns the GraSS style sheet for Neo4j Browser: one colour,
// size and caption per node label, relationship types as captions.
func Style() []byte {
	b, _ := files.ReadFile("style.grass") // embedded: cannot fail
	return b
}

// StyleURL is where a diplograph server at base (http://127.0.0.1:8080)
// serves the style: load it in Neo4j Browser with `:style <StyleURL>`.
func StyleURL(base string) string { return strings.TrimRight(base, "/") + Prefix + "style.grass" }

// GuideURL is where a diplograph server at base serves the Neo4j Browser
// guide: open it with `:play <GuideURL>`.
func GuideURL(base string) string { return strings.TrimRight(base, "/") + Prefix + "guide.html" }

// NodeColors maps each styled node label (Country, ..., Document, Sentence)
// to its fill colour in the style, as written there ("#88CCEE").
func NodeColors() map[string]string {
	out := map[string]string{}
	for sel, props := range parseGrass(string(Style())) {
		if label, ok := strings.CutPrefix(sel, "node."); ok && props["color"] != "" {
			out[label] = props["color"]
		}
	}
	return out
}

// parseGrass reads a GraSS sheet the way Neo4j Browser does: selectors
// outside braces (whitespace dropped), declarations "key: value" separated
// by ";" inside them, braces within quotes kept, quotes dropped.
func parseGrass(src string) map[string]map[string]string {
	out := map[string]map[string]string{}
	var sel, body strings.Builder
	inQuote, inRule := false, false
	for _, r := range src {
		switch {
		case r == '"' || r == '\'':
			inQuote = !inQuote
		case r == '{' && !inQuote && !inRule:
			inRule = true
		case r == '}' && !inQuote && inRule:
			props := map[string]string{}
			for _, decl := range strings.Split(body.String(), ";") {
				k, v, ok := strings.Cut(decl, ":")
				if ok {
					props[strings.TrimSpace(k)] = strings.TrimSpace(v)
				}
			}
			out[sel.String()] = props
			sel.Reset()
			body.Reset()
			inRule = false
		case inRule:
			body.WriteRune(r)
		case !unicode.IsSpace(r):
			sel.WriteRune(r)
		}
	}
	return out
}

// Query is one of the guide's Cypher queries, as stored in queries/.
type Query struct {
	Name        string // file name without .cypher: "1-kazakhstan-neighbourhood"
	Title       string // the file's first comment line
	Description string // its further leading comment lines, joined
	Cypher      string // the query without the leading comments
}

// Queries returns the guide's queries in file-name order.
func Queries() []Query {
	var out []Query
	for _, f := range sortedFiles("queries", ".cypher") {
		title, desc, body := splitHeader(f.text, "//")
		out = append(out, Query{Name: f.name, Title: title, Description: desc, Cypher: body})
	}
	return out
}

// Example is an example GraphQL operation for the playground.
type Example struct {
	Name        string // file name without .graphql: "1-bilateral-kz-tr"
	Title       string // the file's first comment line
	Description string // its further leading comment lines, joined
	Query       string // the operation, without the leading comments
}

// Examples returns the playground's example operations in file-name order:
// the bilateral KZ/TR view, a search for "pipeline", the paths from QA to
// TR. Give them to the GraphQL server as its playground tabs:
//
//	for _, e := range explore.Examples() {
//		cfg.Examples = append(cfg.Examples, server.Example{Name: e.Title, Query: e.Query})
//	}
func Examples() []Example {
	var out []Example
	for _, f := range sortedFiles("playground", ".graphql") {
		title, desc, body := splitHeader(f.text, "#")
		out = append(out, Example{Name: f.name, Title: title, Description: desc, Query: body})
	}
	return out
}

type namedText struct{ name, text string }

func sortedFiles(dir, ext string) []namedText {
	entries, _ := fs.ReadDir(files, dir) // embedded: cannot fail
	var out []namedText
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ext) {
			continue
		}
		b, _ := files.ReadFile(path.Join(dir, e.Name()))
		out = append(out, namedText{name: strings.TrimSuffix(e.Name(), ext), text: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// splitHeader splits text into its first comment line, the further leading
// comment lines (joined with spaces) and the rest.
func splitHeader(text, comment string) (title, desc, body string) {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	var rest []string
	i := 0
	for ; i < len(lines); i++ {
		c, ok := strings.CutPrefix(strings.TrimSpace(lines[i]), comment)
		if !ok {
			break
		}
		c = strings.TrimSpace(c)
		switch {
		case title == "":
			title = c
		case desc == "":
			desc = c
		default:
			desc += " " + c
		}
	}
	rest = lines[i:]
	return title, desc, strings.TrimSpace(strings.Join(rest, "\n"))
}

// Neo4jConfig returns the neo4j.conf settings that make Neo4j Browser, when
// it connects, apply the style and open the guide served by the diplograph
// server at baseURL (as the user's web browser reaches it, e.g.
// http://127.0.0.1:8080):
//
//   - browser.post_connect_cmd runs Browser commands after each connection,
//     separated by ";" (Browser prefixes each with ":"): "style <url>" loads
//     GraSS from a URL, "play <url>" opens a guide in the sidebar.
//   - browser.remote_content_hostname_whitelist lists the hosts Browser may
//     fetch styles and guides from; its default (guides.neo4j.com, localhost)
//     lacks 127.0.0.1, so baseURL's host is added.
//   - client.allow_telemetry=false keeps Browser from sending product
//     analytics.
//
// browser.allow_outgoing_connections is not set: Neo4j 5 no longer declares
// it (strict config validation rejects it) and Browser ignores it for
// Community servers; fetching styles and guides depends on the allowlist
// alone.
func Neo4jConfig(baseURL string) map[string]string {
	hosts := []string{"guides.neo4j.com", "localhost", "127.0.0.1"}
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		h := u.Hostname()
		known := false
		for _, k := range hosts {
			known = known || k == h
		}
		if !known {
			hosts = append(hosts, h)
		}
	}
	return map[string]string{
		"browser.post_connect_cmd":                  "style " + StyleURL(baseURL) + "; play " + GuideURL(baseURL),
		"browser.remote_content_hostname_whitelist": strings.Join(hosts, ","),
		"client.allow_telemetry":                    "false",
	}
}

// DockerEnv returns Neo4jConfig(baseURL) as the environment variables of
// the official Neo4j Docker image (NEO4J_ + the setting name with "_"
// doubled and "." turned into "_").
func DockerEnv(baseURL string) map[string]string {
	out := map[string]string{}
	for k, v := range Neo4jConfig(baseURL) {
		out[EnvName(k)] = v
	}
	return out
}

// EnvName is the Neo4j Docker image's environment variable for a
// neo4j.conf setting: browser.post_connect_cmd -> NEO4J_browser_post__connect__cmd.
func EnvName(setting string) string {
	return "NEO4J_" + strings.ReplaceAll(strings.ReplaceAll(setting, "_", "__"), ".", "_")
}
