package scenario

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/store"
)

// Request is a GraphQL request body.
type Request struct {
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables,omitempty"`
}

// Body marshals the request.
func (r Request) Body() []byte {
	b, err := json.Marshal(r)
	if err != nil {
		panic(err) // maps of strings and ints always marshal
	}
	return b
}

// peerFields maps the peer's relationship fields to relationship types, in
// the order the peer schema declares them. locatedIn exists on Country only.
var peerFields = []struct{ field, typ string }{
	{"memberOf", "MEMBER_OF"}, {"partyTo", "PARTY_TO"}, {"partnerIn", "PARTNER_IN"}, {"hosts", "HOSTS"},
	{"mediates", "MEDIATES"}, {"participatesIn", "PARTICIPATES_IN"}, {"cooperatesWith", "COOPERATES_WITH"},
	{"investsIn", "INVESTS_IN"}, {"exportsTo", "EXPORTS_TO"}, {"inConflictWith", "IN_CONFLICT_WITH"},
	{"sanctions", "SANCTIONS"}, {"locatedIn", "LOCATED_IN"},
}

// peerConnections selects every outgoing fact field of a Country as a
// *Connection with its edge properties, ordered like diplograph (the other
// end's name, then key); args adds e.g. "first: 5".
func peerConnections(args string, withName bool) string {
	var b strings.Builder
	name := ""
	if withName {
		name = " name"
	}
	for _, f := range peerFields {
		fmt.Fprintf(&b, "\n    %sConnection(%ssort: [{node: {name: ASC}}, {edge: {key: ASC}}]) { edges { properties { key modality } node { id%s } } }",
			f.field, args, name)
	}
	return b.String()
}

// GraphQL returns the request a GraphQL system (diplograph or peer) gets for
// a read scenario.
func GraphQL(system string, id ID, p Params) (Request, error) {
	if id == Ingest {
		id = Bilateral
	}
	switch system {
	case Diplograph:
		switch id {
		case Country:
			return Request{Query: `query($id: ID!) { country(id: $id) { id name relations(direction: OUT, first: 200) { id type modality target { id name } } } }`,
				Variables: map[string]any{"id": p.Country}}, nil
		case Bilateral:
			return Request{Query: `query($a: ID!, $b: ID!) { bilateral(a: $a, b: $b) { relations { id type modality subject { id } object { id } evidence { sentence } } } }`,
				Variables: map[string]any{"a": p.A, "b": p.B}}, nil
		case Neighbours:
			return Request{Query: `query($id: ID!) { neighbors(id: $id, types: [MEMBER_OF], depth: 2) { nodes { id name } truncated } }`,
				Variables: map[string]any{"id": p.Org}}, nil
		case Search:
			return Request{Query: `query($q: String!, $first: Int!) { search(query: $q, first: $first) { entity { id } evidence { id } mentions { id } } }`,
				Variables: map[string]any{"q": p.Query, "first": p.First}}, nil
		case List:
			return Request{Query: fmt.Sprintf(`query { entities(filter: {kind: COUNTRY}, orderBy: {field: ID, direction: ASC}, first: %d) { totalCount edges { node { id name relations(direction: OUT, first: %d) { id type modality target { id } } } } } }`, ListSize, ListFirst)}, nil
		}
	case Peer:
		switch id {
		case Country:
			return Request{Query: `query($id: ID!) { countries(where: {id: {eq: $id}}) { id name` + peerConnections("", true) + "\n  } }",
				Variables: map[string]any{"id": p.Country}}, nil
		case Bilateral:
			return Request{Query: `query($a: ID!, $b: ID!) { bilateral(a: $a, b: $b) { key subject predicate object modality evidence } }`,
				Variables: map[string]any{"a": p.A, "b": p.B}}, nil
		case Neighbours:
			return Request{Query: `query($id: ID!) { neighbors(id: $id) { id name } }`,
				Variables: map[string]any{"id": p.Org}}, nil
		case Search:
			return Request{Query: `query($q: String!, $first: Int!) { search(query: $q, first: $first) { entity sentence mentions } }`,
				Variables: map[string]any{"q": p.Query, "first": p.First}}, nil
		case List:
			return Request{Query: fmt.Sprintf(`query { countriesConnection(first: %d, sort: [{id: ASC}]) { aggregate { count { nodes } } edges { node { id name%s
  } } } }`, ListSize, peerConnections(fmt.Sprintf("first: %d, ", ListFirst), true))}, nil
		}
	}
	return Request{}, fmt.Errorf("no GraphQL request for system %q scenario %d", system, id)
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message string `json:"message"`
	} `json:"errors"`
}

// CheckResponse returns an error when the body is not a GraphQL success.
func CheckResponse(body []byte) (json.RawMessage, error) {
	var r gqlResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("response is not JSON: %w (%.200s)", err, body)
	}
	if len(r.Errors) > 0 {
		return nil, fmt.Errorf("GraphQL error: %s", r.Errors[0].Message)
	}
	if len(r.Data) == 0 || string(r.Data) == "null" {
		return nil, fmt.Errorf("response has no data")
	}
	return r.Data, nil
}

type dgEntity struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type dgRelation struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Modality string   `json:"modality"`
	Target   dgEntity `json:"target"`
	Subject  dgEntity `json:"subject"`
	Object   dgEntity `json:"object"`
	Evidence []struct {
		ID       string `json:"id"`
		Sentence string `json:"sentence"`
	} `json:"evidence"`
}

type peerEdges struct {
	Edges []struct {
		Properties struct {
			Key      string `json:"key"`
			Modality string `json:"modality"`
		} `json:"properties"`
		Node dgEntity `json:"node"`
	} `json:"edges"`
}

// peerRels merges a peer node's per-type connections into one list in
// diplograph's order (type, the other end's name, key).
func peerRels(node map[string]json.RawMessage, withName bool) ([]Rel, error) {
	out := []Rel{}
	for _, f := range peerFields {
		raw, ok := node[f.field+"Connection"]
		if !ok {
			continue
		}
		var c peerEdges
		if err := json.Unmarshal(raw, &c); err != nil {
			return nil, err
		}
		for _, e := range c.Edges {
			r := Rel{Key: e.Properties.Key, Type: f.typ, Target: e.Node.ID, Modality: lower(e.Properties.Modality), TargetName: e.Node.Name}
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return relLess(out[i], out[j]) })
	if !withName {
		for i := range out {
			out[i].TargetName = ""
		}
	}
	return out, nil
}

// Decode turns a GraphQL system's response into the canonical answer.
func Decode(system string, id ID, body []byte) (any, error) {
	if id == Ingest {
		id = Bilateral
	}
	data, err := CheckResponse(body)
	if err != nil {
		return nil, err
	}
	switch system {
	case Diplograph:
		return decodeDiplograph(id, data)
	case Peer:
		return decodePeer(id, data)
	}
	return nil, fmt.Errorf("unknown system %q", system)
}

func decodeDiplograph(id ID, data json.RawMessage) (any, error) {
	switch id {
	case Country:
		var d struct {
			Country *struct {
				ID        string       `json:"id"`
				Name      string       `json:"name"`
				Relations []dgRelation `json:"relations"`
			} `json:"country"`
		}
		if err := json.Unmarshal(data, &d); err != nil || d.Country == nil {
			return nil, fmt.Errorf("country: %v (%.200s)", err, data)
		}
		a := CountryAnswer{ID: d.Country.ID, Name: d.Country.Name, Relations: []Rel{}}
		for _, r := range d.Country.Relations {
			a.Relations = append(a.Relations, Rel{Key: r.ID, Type: r.Type, Target: r.Target.ID, TargetName: r.Target.Name, Modality: lower(r.Modality)})
		}
		return a, nil
	case Bilateral:
		var d struct {
			Bilateral *struct {
				Relations []dgRelation `json:"relations"`
			} `json:"bilateral"`
		}
		if err := json.Unmarshal(data, &d); err != nil || d.Bilateral == nil {
			return nil, fmt.Errorf("bilateral: %v (%.200s)", err, data)
		}
		out := []Rel{}
		for _, r := range d.Bilateral.Relations {
			x := Rel{Key: r.ID, Type: r.Type, Subject: r.Subject.ID, Object: r.Object.ID, Modality: lower(r.Modality), Evidence: []string{}}
			for _, e := range r.Evidence {
				x.Evidence = append(x.Evidence, e.Sentence)
			}
			sort.Strings(x.Evidence)
			out = append(out, x)
		}
		sortByKey(out)
		return out, nil
	case Neighbours:
		var d struct {
			Neighbors *struct {
				Nodes     []dgEntity `json:"nodes"`
				Truncated bool       `json:"truncated"`
			} `json:"neighbors"`
		}
		if err := json.Unmarshal(data, &d); err != nil || d.Neighbors == nil {
			return nil, fmt.Errorf("neighbors: %v (%.200s)", err, data)
		}
		if d.Neighbors.Truncated {
			return nil, fmt.Errorf("neighbors: diplograph truncated the walk")
		}
		out := []Node{}
		for i, n := range d.Neighbors.Nodes {
			if i == 0 { // the starting node comes first
				continue
			}
			out = append(out, Node{ID: n.ID, Name: n.Name})
		}
		sortNodes(out)
		return out, nil
	case Search:
		var d struct {
			Search []struct {
				Entity   *dgEntity  `json:"entity"`
				Evidence *dgEntity  `json:"evidence"`
				Mentions []dgEntity `json:"mentions"`
			} `json:"search"`
		}
		if err := json.Unmarshal(data, &d); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		out := []Hit{}
		for _, h := range d.Search {
			var x Hit
			if h.Entity != nil {
				x.Entity = h.Entity.ID
			}
			if h.Evidence != nil {
				x.Sentence = h.Evidence.ID
			}
			for _, m := range h.Mentions {
				x.Mentions = append(x.Mentions, m.ID)
			}
			out = append(out, x)
		}
		return out, nil
	case List:
		var d struct {
			Entities struct {
				TotalCount int `json:"totalCount"`
				Edges      []struct {
					Node struct {
						ID        string       `json:"id"`
						Name      string       `json:"name"`
						Relations []dgRelation `json:"relations"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"entities"`
		}
		if err := json.Unmarshal(data, &d); err != nil {
			return nil, fmt.Errorf("entities: %w", err)
		}
		a := ListAnswer{Total: d.Entities.TotalCount, Countries: []ListRow{}}
		for _, e := range d.Entities.Edges {
			row := ListRow{ID: e.Node.ID, Name: e.Node.Name, First: []Rel{}}
			for _, r := range e.Node.Relations {
				row.First = append(row.First, Rel{Key: r.ID, Type: r.Type, Target: r.Target.ID, Modality: lower(r.Modality)})
			}
			a.Countries = append(a.Countries, row)
		}
		return a, nil
	}
	return nil, fmt.Errorf("scenario %d: no diplograph decoder", id)
}

func decodePeer(id ID, data json.RawMessage) (any, error) {
	switch id {
	case Country:
		var d struct {
			Countries []map[string]json.RawMessage `json:"countries"`
		}
		if err := json.Unmarshal(data, &d); err != nil || len(d.Countries) != 1 {
			return nil, fmt.Errorf("countries: %v (%.200s)", err, data)
		}
		c := d.Countries[0]
		a := CountryAnswer{}
		if err := json.Unmarshal(c["id"], &a.ID); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(c["name"], &a.Name); err != nil {
			return nil, err
		}
		rels, err := peerRels(c, true)
		if err != nil {
			return nil, err
		}
		a.Relations = rels
		return a, nil
	case Bilateral:
		var d struct {
			Bilateral []struct {
				Key       string   `json:"key"`
				Subject   string   `json:"subject"`
				Predicate string   `json:"predicate"`
				Object    string   `json:"object"`
				Modality  string   `json:"modality"`
				Evidence  []string `json:"evidence"`
			} `json:"bilateral"`
		}
		if err := json.Unmarshal(data, &d); err != nil {
			return nil, fmt.Errorf("bilateral: %w", err)
		}
		out := []Rel{}
		for _, f := range d.Bilateral {
			ev := append([]string{}, f.Evidence...)
			sort.Strings(ev)
			out = append(out, Rel{Key: f.Key, Type: f.Predicate, Subject: f.Subject, Object: f.Object, Modality: lower(f.Modality), Evidence: ev})
		}
		sortByKey(out)
		return out, nil
	case Neighbours:
		var d struct {
			Neighbors []Node `json:"neighbors"`
		}
		if err := json.Unmarshal(data, &d); err != nil {
			return nil, fmt.Errorf("neighbors: %w", err)
		}
		out := append([]Node{}, d.Neighbors...)
		sortNodes(out)
		return out, nil
	case Search:
		var d struct {
			Search []struct {
				Entity   *string  `json:"entity"`
				Sentence *string  `json:"sentence"`
				Mentions []string `json:"mentions"`
			} `json:"search"`
		}
		if err := json.Unmarshal(data, &d); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		out := []Hit{}
		for _, h := range d.Search {
			var x Hit
			if h.Entity != nil {
				x.Entity = *h.Entity
			}
			if h.Sentence != nil {
				x.Sentence = *h.Sentence
			}
			if len(h.Mentions) > 0 {
				x.Mentions = h.Mentions
			}
			out = append(out, x)
		}
		return out, nil
	case List:
		var d struct {
			CountriesConnection struct {
				Aggregate struct {
					Count struct {
						Nodes int `json:"nodes"`
					} `json:"count"`
				} `json:"aggregate"`
				Edges []struct {
					Node map[string]json.RawMessage `json:"node"`
				} `json:"edges"`
			} `json:"countriesConnection"`
		}
		if err := json.Unmarshal(data, &d); err != nil {
			return nil, fmt.Errorf("countriesConnection: %w", err)
		}
		a := ListAnswer{Total: d.CountriesConnection.Aggregate.Count.Nodes, Countries: []ListRow{}}
		for _, e := range d.CountriesConnection.Edges {
			var row ListRow
			if err := json.Unmarshal(e.Node["id"], &row.ID); err != nil {
				return nil, err
			}
			if err := json.Unmarshal(e.Node["name"], &row.Name); err != nil {
				return nil, err
			}
			rels, err := peerRels(e.Node, false)
			if err != nil {
				return nil, err
			}
			row.First = rels[:min(ListFirst, len(rels))]
			a.Countries = append(a.Countries, row)
		}
		return a, nil
	}
	return nil, fmt.Errorf("scenario %d: no peer decoder", id)
}

// IngestDoc is one document for scenario 6: its text (what diplograph gets)
// and its extraction (what the floor and the peer write).
type IngestDoc struct {
	ID, Title, Text string
	A, B            string
	SentenceID      string
	Key             string
}

// NewIngestDoc builds the n-th ingest document of a run about the pair a, b
// (named aName, bName). Its fact MERGEs onto the pair's existing asserted
// COOPERATES_WITH fact, so writes touch what scenario 2 reads.
func NewIngestDoc(run string, n int, a, aName, b, bName string) IngestDoc {
	text := fmt.Sprintf("%s and %s agreed to expand cooperation in energy through a joint commission, officials said in bench note %s-%d.", aName, bName, run, n)
	id := fmt.Sprintf("doc:bench%s%07d", run, n)
	return IngestDoc{
		ID: id, Title: fmt.Sprintf("bench-ingest %s %d", run, n), Text: text, A: a, B: b,
		SentenceID: fmt.Sprintf("%s:0-%d", id, len([]rune(text))),
		Key:        store.FactKey(a, ontology.CooperatesWith, b, ontology.Asserted, store.OriginClaim, nil),
	}
}

// Params are the variables of the floor's Cypher and the peer's mutation.
func (d IngestDoc) Params() map[string]any {
	return map[string]any{
		"id": d.ID, "title": d.Title,
		"sentences": []any{map[string]any{"id": d.SentenceID, "text": d.Text, "start": 0, "end": len([]rune(d.Text)), "mentions": []any{d.A, d.B}}},
		"facts":     []any{map[string]any{"key": d.Key, "subject": d.A, "object": d.B, "modality": "asserted", "confidence": 0.8, "sentence": d.SentenceID}},
	}
}

// IngestRequest is the ingest mutation a GraphQL system gets.
func IngestRequest(system string, d IngestDoc) Request {
	if system == Peer {
		return Request{Query: `mutation($id: ID!, $title: String!, $sentences: [IngestSentence!]!, $facts: [IngestFact!]!) { ingestDocument(id: $id, title: $title, sentences: $sentences, facts: $facts) }`,
			Variables: d.Params()}
	}
	return Request{Query: `mutation($in: IngestDocumentInput!) { ingestDocument(input: $in) { document { id } unchanged } }`,
		Variables: map[string]any{"in": map[string]any{"text": d.Text, "title": d.Title, "source": "bench"}}}
}

// CleanupCypher removes what scenario 6 wrote: the bench documents, their
// sentences, and their evidence on facts (facts left without evidence go).
const CleanupCypher = `MATCH (d:Document) WHERE d.title STARTS WITH 'bench-ingest'
OPTIONAL MATCH (s:Sentence)-[:IN_DOCUMENT]->(d)
WITH collect(DISTINCT d) AS docs, collect(s.id) AS sids, collect(DISTINCT d.id) AS dids, collect(s) AS ss
CALL (sids, dids) {
  MATCH ()-[r]->() WHERE r.documents IS NOT NULL AND any(x IN r.documents WHERE x IN dids)
  SET r.evidence = [x IN r.evidence WHERE NOT x IN sids], r.documents = [x IN r.documents WHERE NOT x IN dids]
  SET r.evidence_count = size(r.evidence)
  WITH r WHERE size(r.evidence) = 0 AND r.origin = 'claim'
  DELETE r
}
FOREACH (s IN ss | DETACH DELETE s)
FOREACH (d IN docs | DETACH DELETE d)
RETURN size(docs) AS documents`
