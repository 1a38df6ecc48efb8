package reviewpage_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/store"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// The reviewer's API key, configured as "alice:<key>": decisions are
// recorded as alice's.
const (
	reviewer = "alice"
	apiKey   = "review-page-test-key-0b7e"
)

const (
	docID     = "doc:00000000000000c1"
	hostileID = "doc:00000000000000c2"
)

// fixtureSentences is a short note written for these tests; the last
// sentence carries no fact, so that one can be added from it.
var fixtureSentences = []string{
	"Kazakhstan and Saudi Arabia agreed in 2023 to work together on renewable energy and water desalination.",
	"A Saudi fund is expected to invest in wind farms on the Kazakh steppe.",
	"Riyadh will host the next round of the Caspian–Gulf dialogue in the spring.",
	"Kazakh officials said the Trans-Caspian rail link could carry freight to the Gulf by 2030.",
	"Saudi Arabia is also named as a partner in the Caspian rail corridor.",
	"Neither Kazakhstan nor Saudi Arabia has imposed sanctions on the other.",
	"Kazakhstan sells wheat to Saudi Arabia through ports on the Persian Gulf.",
}

// evidenceOf locates sentence i of text (offsets in runes).
func evidenceOf(doc, text string, sentences []string, i int) []ontology.Evidence {
	start := len([]rune(text[:strings.Index(text, sentences[i])]))
	end := start + len([]rune(sentences[i]))
	return []ontology.Evidence{{Document: doc, Sentence: sentences[i], Start: start, End: end}}
}

// fixture is what a reader might have made of the note, mistakes
// included: the sanctions the note denies are read as a fact (lowest
// confidence), and the rail link is minted twice under two names.
func fixture() *ontology.Extraction {
	text := strings.Join(fixtureSentences, " ")
	ev := func(i int) []ontology.Evidence { return evidenceOf(docID, text, fixtureSentences, i) }
	fact := func(s string, p ontology.Predicate, o string, conf float64, m ontology.Modality, sentence int, props map[string]any) ontology.Relation {
		return ontology.Relation{Subject: s, Predicate: p, Object: o, Confidence: conf, Modality: m, Evidence: ev(sentence), Properties: props}
	}
	return &ontology.Extraction{
		Document: ontology.Doc{ID: docID, Title: "Kazakhstan and Saudi Arabia: notes on a new partnership",
			Source: "https://example.org/notes/kz-sa", Publisher: "Example Review", PublishedAt: "2025-03-01",
			Length: len([]rune(text))},
		Text: text,
		Entities: []ontology.Entity{
			{ID: "KZ", Label: ontology.Country, Name: "Kazakhstan", Aliases: []string{"Kazakh"}},
			{ID: "SA", Label: ontology.Country, Name: "Saudi Arabia", Aliases: []string{"Saudi", "Riyadh"}},
			{ID: "process:caspian-gulf-dialogue", Label: ontology.Process, Name: "Caspian–Gulf dialogue"},
			{ID: "project:trans-caspian-rail-link", Label: ontology.Project, Name: "Trans-Caspian rail link"},
			{ID: "project:caspian-rail-corridor", Label: ontology.Project, Name: "Caspian rail corridor"},
		},
		Relations: []ontology.Relation{
			fact("KZ", ontology.Sanctions, "SA", 0.25, ontology.Asserted, 5, nil),
			fact("KZ", ontology.PartnerIn, "project:trans-caspian-rail-link", 0.45, ontology.Expected, 3, nil),
			fact("SA", ontology.InvestsIn, "KZ", 0.55, ontology.Expected, 1, map[string]any{"sector": "energy"}),
			fact("SA", ontology.PartnerIn, "project:caspian-rail-corridor", 0.6, ontology.Asserted, 4, nil),
			fact("SA", ontology.Hosts, "process:caspian-gulf-dialogue", 0.7, ontology.Expected, 2, nil),
			fact("KZ", ontology.CooperatesWith, "SA", 0.9, ontology.Asserted, 0, map[string]any{"sectors": []string{"energy", "water"}}),
		},
	}
}

// hostileSentence and the hostile document's title and entity name are
// markup: the page must show them as text.
const hostileSentence = `Kazakhstan joined the <i>Inline</i> Council, wrote <img src=x onerror="document.title='pwned'">.`

func hostile() *ontology.Extraction {
	sentences := []string{hostileSentence}
	return &ontology.Extraction{
		Document: ontology.Doc{ID: hostileID, Title: `Notes <img src=x onerror="document.title='pwned'">`,
			Length: len([]rune(hostileSentence))},
		Text: hostileSentence,
		Entities: []ontology.Entity{
			{ID: "KZ", Label: ontology.Country, Name: "Kazakhstan"},
			{ID: "org:inline-council", Label: ontology.Organization, Name: "<i>Inline</i> Council"},
		},
		Relations: []ontology.Relation{{Subject: "KZ", Predicate: ontology.MemberOf, Object: "org:inline-council",
			Confidence: 0.5, Modality: ontology.Asserted, Evidence: evidenceOf(hostileID, hostileSentence, sentences, 0)}},
	}
}

// env is a diplograph server, as serve builds it, over a Neo4j holding
// the fixture.
type env struct {
	base string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	driver, db := neo4jtest.Driver(t)
	ctx := context.Background()
	st := store.New(driver, db)
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	for _, x := range []*ontology.Extraction{fixture(), hostile()} {
		if _, err := st.Load(ctx, x); err != nil {
			t.Fatalf("load %s: %v", x.Document.ID, err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := app.NewServer(server.Config{
		Addr:    ln.Addr().String(),
		APIKeys: []string{reviewer + ":" + apiKey},
		// A loaded test machine can be slow; these tests check what is shown, not speed.
		RequestTimeout: time.Minute,
		Logger:         slog.New(slog.DiscardHandler),
	}, app.Backend{Driver: driver, Database: db, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = srv.Serve(sctx, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return &env{base: "http://" + ln.Addr().String()}
}

// gqlResponse is a GraphQL answer.
type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// post sends an operation to the server, with the reviewer's key when
// withKey, and returns the answer.
func (e *env) post(t *testing.T, query string, vars map[string]any, withKey bool) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, e.base+"/graphql", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if withKey {
		req.Header.Set("Authorization", "Bearer "+apiKey)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decode the answer: %v", err)
	}
	return out
}

// data runs an operation that must succeed and decodes its data into out.
func (e *env) data(t *testing.T, query string, vars map[string]any, withKey bool, out any) {
	t.Helper()
	r := e.post(t, query, vars, withKey)
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %+v", query, r.Errors)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		t.Fatalf("decode %s: %v", r.Data, err)
	}
}

// listed is a fact as an API list gives it.
type listed struct {
	ID, Type, Origin string
	Subject, Object  struct{ ID string }
	Review           *struct{ Verdict, By, Note string }
}

// documentFacts lists the facts of the fixture document.
func (e *env) documentFacts(t *testing.T, includeRejected bool) []listed {
	t.Helper()
	var out struct{ Document struct{ Relations []listed } }
	e.data(t, `query($id: ID!, $inc: Boolean) { document(id: $id) { relations(first: 500, includeRejected: $inc) {
	  id type origin subject { id } object { id } review { verdict by note } } } }`,
		map[string]any{"id": docID, "inc": includeRejected}, false, &out)
	return out.Document.Relations
}

// pairFacts lists the direct facts between KZ and SA.
func (e *env) pairFacts(t *testing.T, includeRejected bool) []listed {
	t.Helper()
	var out struct{ Bilateral struct{ Relations []listed } }
	e.data(t, `query($inc: Boolean) { bilateral(a: "KZ", b: "SA", includeRejected: $inc) { relations {
	  id type origin subject { id } object { id } review { verdict by note } } } }`,
		map[string]any{"inc": includeRejected}, false, &out)
	return out.Bilateral.Relations
}

// factOfType finds the fact of a type in a list.
func factOfType(facts []listed, typ string) (listed, bool) {
	for _, f := range facts {
		if f.Type == typ {
			return f, true
		}
	}
	return listed{}, false
}
