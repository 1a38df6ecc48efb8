package server

import (
	"encoding/json"
	"html/template"
	"net/http"
)

// Example is a query the GraphiQL page opens in a tab of its own.
type Example struct {
	Name      string // shown as a comment on the tab's first line
	Query     string
	Variables string // JSON, optional
}

// DefaultExamples are the tabs GraphiQL opens when Config.Examples is empty.
var DefaultExamples = []Example{
	{Name: "A country and its relations", Query: `query Country {
  country(id: "KZ") {
    name
    relations(first: 20) { type direction target { id name } evidence { sentence } }
  }
}`},
	{Name: "Between two countries", Query: `query Bilateral {
  bilateral(a: "KZ", b: "TR") {
    relations { type target { name } modality evidence { sentence title } }
    agreements { node { id name year } }
    organizations { node { id name } }
    sectors { id name }
    timeline { year label }
  }
}`},
	{Name: "Search", Query: `query Search {
  search(query: "pipeline") { score entity { id name } evidence { sentence document { title } } }
}`},
}

var playgroundPage = template.Must(template.New("graphiql").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>diplograph GraphQL</title>
<style>body{margin:0;height:100vh}#graphiql{height:100vh}</style>
<link rel="stylesheet" href="/graphiql/graphiql.min.css">
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="/graphiql/react.production.min.js"></script>
<script src="/graphiql/react-dom.production.min.js"></script>
<script src="/graphiql/graphiql.min.js"></script>
<script>
  const tabs = {{.Tabs}};
  const fetcher = GraphiQL.createFetcher({ url: {{.Endpoint}} });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultTabs: tabs,
      defaultQuery: tabs.length ? tabs[0].query : undefined,
    }),
  );
</script>
</body>
</html>
`))

type tab struct {
	Query     string `json:"query"`
	Variables string `json:"variables,omitempty"`
}

// playground serves GraphiQL with the configured examples as tabs.
func (s *Server) playground() http.Handler {
	examples := s.cfg.Examples
	if len(examples) == 0 {
		examples = DefaultExamples
	}
	tabs := make([]tab, 0, len(examples))
	for _, e := range examples {
		q := e.Query
		if e.Name != "" {
			q = "# " + e.Name + "\n" + q
		}
		tabs = append(tabs, tab{Query: q, Variables: e.Variables})
	}
	tabsJSON, err := json.Marshal(tabs)
	if err != nil {
		tabsJSON = []byte("[]")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = playgroundPage.Execute(w, map[string]any{
			"Tabs":     template.JS(tabsJSON),
			"Endpoint": "/graphql",
		})
	})
}
