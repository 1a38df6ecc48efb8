// Package corpus builds the benchmark's synthetic corpus directly in the graph
// model (schema/README.md, docs/ONTOLOGY.md: entities with their kind label and :Entity, documents,
// sentences, one relationship per fact MERGEd on key) and loads it into Neo4j
// with batched UNWIND writes.
//
// It is the benchmark's own loader: deterministic for a seed, fast, and
// independent of the extractor, so that every system is measured against the
// same graph. It uses real country and organization ids (ISO codes, acronyms)
// so that diplograph's ingest mutation resolves the same actors.
package corpus

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/store"
)

// Entity is one node of the corpus.
type Entity struct {
	ID, Label, Name string
	Aliases         []string
	Kind            string
	Reference       bool
}

// Sentence is one evidence sentence.
type Sentence struct {
	ID, Document, Text string
	Start, End         int
	Mentions           []string // entity ids
}

// Document is one synthetic text.
type Document struct {
	ID, Title, Source, Publisher, PublishedAt string
	Length                                    int
}

// Fact is one relationship, keyed like the store keys it.
type Fact struct {
	Key, Subject, Predicate, Object, Modality, Origin, Role string
	Confidence                                              float64
	Evidence, Documents                                     []string
}

// Corpus is the generated graph.
type Corpus struct {
	Entities  []Entity
	Documents []Document
	Sentences []Sentence
	Facts     []Fact
}

type actor struct{ id, name string }

// Countries and organizations with real ids, so that text about them resolves
// to the same nodes whoever reads it.
var countries = []actor{
	{"KZ", "Kazakhstan"}, {"TR", "Türkiye"}, {"IR", "Iran"}, {"QA", "Qatar"}, {"SA", "Saudi Arabia"},
	{"SY", "Syria"}, {"AF", "Afghanistan"}, {"RU", "Russia"}, {"CN", "China"}, {"US", "United States"},
	{"AE", "United Arab Emirates"}, {"UZ", "Uzbekistan"}, {"KG", "Kyrgyzstan"}, {"TJ", "Tajikistan"},
	{"TM", "Turkmenistan"}, {"AZ", "Azerbaijan"}, {"GE", "Georgia"}, {"AM", "Armenia"}, {"IN", "India"},
	{"PK", "Pakistan"}, {"EG", "Egypt"}, {"IQ", "Iraq"}, {"IL", "Israel"}, {"JO", "Jordan"}, {"KW", "Kuwait"},
	{"OM", "Oman"}, {"BH", "Bahrain"}, {"LB", "Lebanon"}, {"YE", "Yemen"}, {"DE", "Germany"}, {"FR", "France"},
	{"GB", "United Kingdom"}, {"IT", "Italy"}, {"ES", "Spain"}, {"JP", "Japan"}, {"KR", "South Korea"},
	{"ID", "Indonesia"}, {"MY", "Malaysia"}, {"BR", "Brazil"}, {"ZA", "South Africa"}, {"NG", "Nigeria"},
	{"DZ", "Algeria"}, {"MA", "Morocco"}, {"TN", "Tunisia"}, {"LY", "Libya"}, {"SD", "Sudan"}, {"ET", "Ethiopia"},
	{"KE", "Kenya"}, {"UA", "Ukraine"}, {"BY", "Belarus"}, {"PL", "Poland"}, {"MN", "Mongolia"}, {"VN", "Vietnam"},
	{"TH", "Thailand"}, {"PH", "Philippines"}, {"BD", "Bangladesh"}, {"LK", "Sri Lanka"}, {"NP", "Nepal"},
	{"MX", "Mexico"}, {"AR", "Argentina"}, {"CL", "Chile"}, {"CO", "Colombia"}, {"PE", "Peru"}, {"CA", "Canada"},
	{"AU", "Australia"}, {"NZ", "New Zealand"}, {"NO", "Norway"}, {"SE", "Sweden"}, {"FI", "Finland"},
	{"DK", "Denmark"}, {"NL", "Netherlands"}, {"BE", "Belgium"}, {"CH", "Switzerland"}, {"AT", "Austria"},
	{"HU", "Hungary"}, {"CZ", "Czechia"}, {"SK", "Slovakia"}, {"RO", "Romania"}, {"BG", "Bulgaria"},
	{"GR", "Greece"}, {"CY", "Cyprus"}, {"RS", "Serbia"}, {"HR", "Croatia"}, {"SI", "Slovenia"}, {"AL", "Albania"},
	{"MK", "North Macedonia"}, {"MD", "Moldova"}, {"LT", "Lithuania"}, {"LV", "Latvia"}, {"EE", "Estonia"},
	{"IE", "Ireland"}, {"PT", "Portugal"}, {"SG", "Singapore"}, {"MM", "Myanmar"}, {"KH", "Cambodia"},
	{"LA", "Laos"}, {"KP", "North Korea"}, {"SN", "Senegal"}, {"GH", "Ghana"}, {"CI", "Côte d'Ivoire"},
	{"CM", "Cameroon"}, {"AO", "Angola"}, {"TZ", "Tanzania"}, {"UG", "Uganda"}, {"RW", "Rwanda"},
	{"SO", "Somalia"}, {"VE", "Venezuela"}, {"CU", "Cuba"}, {"BO", "Bolivia"}, {"EC", "Ecuador"},
	{"UY", "Uruguay"}, {"PY", "Paraguay"},
}

var organizations = []actor{
	{"SCO", "Shanghai Cooperation Organization"}, {"OTS", "Organization of Turkic States"},
	{"OIC", "Organisation of Islamic Cooperation"}, {"GCC", "Gulf Cooperation Council"},
	{"CICA", "Conference on Interaction and Confidence-Building Measures in Asia"}, {"UN", "United Nations"},
	{"EAEU", "Eurasian Economic Union"}, {"CIS", "Commonwealth of Independent States"},
	{"OPEC", "Organization of the Petroleum Exporting Countries"}, {"NATO", "North Atlantic Treaty Organization"},
	{"EU", "European Union"}, {"ASEAN", "Association of Southeast Asian Nations"}, {"org:african-union", "African Union"},
	{"BRICS", "BRICS"}, {"CSTO", "Collective Security Treaty Organization"}, {"OSCE", "Organization for Security and Co-operation in Europe"},
	{"WTO", "World Trade Organization"}, {"IMF", "International Monetary Fund"}, {"LAS", "League of Arab States"},
	{"ECO", "Economic Cooperation Organization"}, {"TALIBAN", "Taliban"},
}

var regions = []actor{
	{"region:middle-east", "Middle East"}, {"region:central-asia", "Central Asia"}, {"region:gulf", "Gulf"},
	{"region:europe", "Europe"}, {"region:east-asia", "East Asia"}, {"region:south-asia", "South Asia"},
	{"region:africa", "Africa"}, {"region:latin-america", "Latin America"}, {"region:caucasus", "Caucasus"},
}

var sectors = []string{"trade", "investment", "energy", "oil-gas", "infrastructure", "construction",
	"agriculture", "shipping", "civil-aviation", "healthcare", "education", "it", "security",
	"counter-terrorism", "culture", "religion", "tourism", "science-technology", "military"}

// Busy is the pair and organization that the corpus makes busiest.
type Busy struct {
	PairA, PairB string // the busiest pair of countries
	Org          string // the busiest organization
}

// BusyActors are the actors that the generator favours.
var BusyActors = Busy{PairA: "KZ", PairB: "TR", Org: "SCO"}

// Generate builds a corpus of docs documents, deterministic for seed.
func Generate(docs int, seed uint64) *Corpus {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	c := &Corpus{}
	names := map[string]string{}
	add := func(e Entity) {
		names[e.ID] = e.Name
		c.Entities = append(c.Entities, e)
	}
	for _, a := range countries {
		add(Entity{ID: a.id, Label: string(ontology.Country), Name: a.name, Aliases: []string{a.name}, Reference: true})
	}
	for _, a := range organizations {
		kind := "intergovernmental"
		if a.id == "TALIBAN" {
			kind = "armed_group"
		}
		add(Entity{ID: a.id, Label: string(ontology.Organization), Name: a.name, Aliases: []string{a.id, a.name}, Kind: kind, Reference: true})
	}
	for _, a := range regions {
		add(Entity{ID: a.id, Label: string(ontology.Region), Name: a.name, Aliases: []string{a.name}, Reference: true})
	}
	for _, s := range sectors {
		n := strings.ReplaceAll(s, "-", " ")
		add(Entity{ID: s, Label: string(ontology.Sector), Name: n, Aliases: []string{n}, Reference: true})
	}

	facts := map[string]*Fact{}
	var order []string
	fact := func(subj string, p ontology.Predicate, obj, modality, origin, role string, conf float64, sentence, doc string) {
		var props map[string]any
		if role != "" {
			props = map[string]any{"role": role}
		}
		key := store.FactKey(subj, p, obj, ontology.Modality(modality), origin, props)
		f, ok := facts[key]
		if !ok {
			f = &Fact{Key: key, Subject: subj, Predicate: string(p), Object: obj, Modality: modality, Origin: origin, Role: role}
			facts[key] = f
			order = append(order, key)
		}
		if conf > f.Confidence {
			f.Confidence = conf
		}
		if sentence != "" {
			f.Evidence = append(f.Evidence, sentence)
			if len(f.Documents) == 0 || f.Documents[len(f.Documents)-1] != doc {
				f.Documents = append(f.Documents, doc)
			}
		}
	}
	// Reference facts: location and membership.
	for i, a := range countries {
		fact(a.id, ontology.LocatedIn, regions[i%len(regions)].id, "asserted", "reference", "", 1, "", "")
		for j, o := range organizations[:10] {
			if (i+j)%3 == 0 || o.id == BusyActors.Org && i%2 == 0 {
				fact(a.id, ontology.MemberOf, o.id, "asserted", "reference", "member", 1, "", "")
			}
		}
	}

	// Zipf-like choice so that a few actors are busy.
	pickCountry := func() actor {
		if r.IntN(4) == 0 {
			return countries[r.IntN(2)] // KZ, TR
		}
		i := int(float64(len(countries)) * r.Float64() * r.Float64())
		return countries[i]
	}
	modalities := []string{"asserted", "asserted", "asserted", "expected", "reported", "negated"}
	words := []string{"officials", "ministers", "delegation", "summit", "talks", "visit", "framework",
		"roadmap", "memorandum", "commission", "forum", "initiative", "corridor", "partnership"}

	for d := 0; d < docs; d++ {
		a := pickCountry()
		b := pickCountry()
		for b.id == a.id {
			b = countries[r.IntN(len(countries))]
		}
		org := organizations[int(float64(len(organizations))*r.Float64()*r.Float64())]
		docID := fmt.Sprintf("doc:%016x", r.Uint64())
		year := 2005 + r.IntN(20)
		doc := Document{ID: docID, Title: fmt.Sprintf("%s and %s: %s %d", a.name, b.name, words[r.IntN(len(words))], year),
			Source: fmt.Sprintf("https://example.org/%d", d), Publisher: "Synthetic Review", PublishedAt: fmt.Sprintf("%d-%02d-%02d", year, 1+r.IntN(12), 1+r.IntN(28))}
		offset := 0
		n := 4 + r.IntN(5)
		for s := 0; s < n; s++ {
			sector := sectors[r.IntN(len(sectors))]
			mod := modalities[r.IntN(len(modalities))]
			conf := 0.5 + float64(r.IntN(50))/100
			w := words[r.IntN(len(words))]
			text, subj, obj, role, p, extra := sentence(r.IntN(8), a, b, org, sector, w, year, d)
			if extra != nil {
				if _, ok := names[extra.ID]; !ok {
					if len(extra.Aliases) == 0 {
						extra.Aliases = []string{extra.Name}
					}
					add(*extra)
				}
			}
			sid := fmt.Sprintf("%s:%d-%d", docID, offset, offset+len(text))
			c.Sentences = append(c.Sentences, Sentence{ID: sid, Document: docID, Text: text, Start: offset, End: offset + len(text), Mentions: uniq(subj, obj)})
			offset += len(text) + 1
			fact(subj, p, obj, mod, "claim", role, conf, sid, docID)
		}
		doc.Length = offset
		c.Documents = append(c.Documents, doc)
	}
	for _, k := range order {
		c.Facts = append(c.Facts, *facts[k])
	}
	return c
}

func uniq(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// SearchTerm returns a word that names one entity and occurs in a few
// sentences only: the full-text scenario's query.
func (c *Corpus) SearchTerm() string {
	count := map[string]int{}
	for _, e := range c.Entities {
		if e.Label == string(ontology.Process) {
			count[e.Name] = 0
		}
	}
	for _, s := range c.Sentences {
		for _, m := range s.Mentions {
			if strings.HasPrefix(m, "process:") {
				for n := range count {
					if strings.Contains(s.Text, n+" ") {
						count[n]++
					}
				}
			}
		}
	}
	var best []string
	for n, k := range count {
		if k >= 2 && k <= 6 {
			best = append(best, n)
		}
	}
	sort.Strings(best)
	if len(best) == 0 {
		for n := range count {
			best = append(best, n)
		}
		sort.Strings(best)
	}
	if len(best) == 0 {
		return "Kazakhstan"
	}
	return best[0]
}

// Load wipes the database's data (applied migrations stay), brings the
// schema up to date with the store's migrations, and writes the corpus.
func Load(ctx context.Context, driver neo4j.DriverWithContext, db string, c *Corpus) error {
	run := func(q string, params map[string]any) error {
		_, err := neo4j.ExecuteQuery(ctx, driver, q, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
		if err != nil {
			return fmt.Errorf("corpus: %.60s: %w", q, err)
		}
		return nil
	}
	if err := wipe(ctx, driver, db); err != nil {
		return err
	}
	if _, err := store.New(driver, db).Migrate(ctx); err != nil {
		return fmt.Errorf("corpus: schema: %w", err)
	}
	byLabel := map[string][]map[string]any{}
	for _, e := range c.Entities {
		if !ontology.Label(e.Label).Valid() {
			return fmt.Errorf("corpus: entity %s has invalid label %q", e.ID, e.Label)
		}
		byLabel[e.Label] = append(byLabel[e.Label], map[string]any{"id": e.ID, "name": e.Name, "aliases": e.Aliases,
			"search_text": strings.Join(append([]string{e.Name}, e.Aliases...), " | "), "kind": e.Kind, "reference": e.Reference})
	}
	for _, l := range ontology.Labels {
		rows := byLabel[string(l)]
		q := fmt.Sprintf("UNWIND $rows AS r MERGE (n:%s:Entity {id: r.id}) SET n.name = r.name, n.aliases = r.aliases, n.search_text = r.search_text, n.kind = CASE r.kind WHEN '' THEN null ELSE r.kind END, n.reference = r.reference", l)
		if err := batches(rows, func(b []map[string]any) error { return run(q, map[string]any{"rows": b}) }); err != nil {
			return err
		}
	}
	var docs []map[string]any
	for _, d := range c.Documents {
		docs = append(docs, map[string]any{"id": d.ID, "title": d.Title, "source": d.Source, "publisher": d.Publisher, "published_at": d.PublishedAt, "length": d.Length})
	}
	if err := batches(docs, func(b []map[string]any) error {
		return run("UNWIND $rows AS r CREATE (d:Document) SET d = r", map[string]any{"rows": b})
	}); err != nil {
		return err
	}
	var sents []map[string]any
	for _, s := range c.Sentences {
		sents = append(sents, map[string]any{"id": s.ID, "document": s.Document, "text": s.Text, "start": s.Start, "end": s.End, "mentions": s.Mentions})
	}
	if err := batches(sents, func(b []map[string]any) error {
		return run(`UNWIND $rows AS r
MATCH (d:Document {id: r.document})
CREATE (s:Sentence {id: r.id, document: r.document, text: r.text, start: r.start, end: r.end})-[:IN_DOCUMENT]->(d)
WITH s, r UNWIND r.mentions AS m MATCH (e:Entity {id: m}) CREATE (s)-[:MENTIONS]->(e)`, map[string]any{"rows": b})
	}); err != nil {
		return err
	}
	byPred := map[string][]map[string]any{}
	for _, f := range c.Facts {
		props := map[string]any{"key": f.Key, "origin": f.Origin, "modality": f.Modality,
			"confidence": f.Confidence, "evidence": nonNil(f.Evidence), "documents": nonNil(f.Documents), "evidence_count": len(f.Evidence)}
		if f.Role != "" {
			props["role"] = f.Role
		}
		if f.Origin == "reference" {
			props["source"] = "gazetteer"
		}
		byPred[f.Predicate] = append(byPred[f.Predicate], map[string]any{"s": f.Subject, "o": f.Object, "props": props})
	}
	for _, p := range ontology.Predicates {
		q := fmt.Sprintf("UNWIND $rows AS r MATCH (a:Entity {id: r.s}) MATCH (b:Entity {id: r.o}) CREATE (a)-[f:%s]->(b) SET f = r.props", p)
		if err := batches(byPred[string(p)], func(b []map[string]any) error { return run(q, map[string]any{"rows": b}) }); err != nil {
			return err
		}
	}
	return run("CALL db.awaitIndexes(300)", nil)
}

// wipe deletes every node but the applied migrations, in batches (an
// implicit transaction: CALL IN TRANSACTIONS needs one).
func wipe(ctx context.Context, driver neo4j.DriverWithContext, db string) error {
	sess := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, "MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("corpus: wipe: %w", err)
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func batches(rows []map[string]any, f func([]map[string]any) error) error {
	const n = 2000
	for i := 0; i < len(rows); i += n {
		if err := f(rows[i:min(i+n, len(rows))]); err != nil {
			return err
		}
	}
	return nil
}

// sentence is the synthetic sentence of the given kind (0..7) about a and
// b, with the fact it states and, for kinds that mint one, its reified
// node.
func sentence(kind int, a, b, org actor, sector, w string, year, d int) (text, subj, obj, role string, p ontology.Predicate, extra *Entity) {
	switch kind {
	case 0:
		p, subj, obj = ontology.CooperatesWith, a.id, b.id
		text = fmt.Sprintf("%s and %s agreed to expand cooperation in %s through a joint %s.", a.name, b.name, strings.ReplaceAll(sector, "-", " "), w)
	case 1:
		p, subj, obj = ontology.InvestsIn, b.id, a.id
		text = fmt.Sprintf("%s invests in the %s sector of %s, the %s said.", b.name, strings.ReplaceAll(sector, "-", " "), a.name, w)
	case 2:
		p, subj, obj = ontology.ExportsTo, a.id, b.id
		text = fmt.Sprintf("%s exports energy to %s under a long-term %s.", a.name, b.name, w)
	case 3:
		p, subj, obj, role = ontology.ParticipatesIn, a.id, org.id, "participant"
		text = fmt.Sprintf("%s took part in the %s %s of the %s.", a.name, w, "meeting", org.name)
	case 4:
		id := fmt.Sprintf("agreement:%s-%s-%s-%d", strings.ToLower(a.id), strings.ToLower(b.id), sector, year)
		extra = &Entity{ID: id, Label: string(ontology.Agreement), Name: fmt.Sprintf("%s–%s %s agreement %d", a.name, b.name, strings.ReplaceAll(sector, "-", " "), year), Kind: "cooperation"}
		p, subj, obj, role = ontology.PartyTo, a.id, id, "signatory"
		text = fmt.Sprintf("%s and %s signed the %s in %d.", a.name, b.name, extra.Name, year)
	case 5:
		id := fmt.Sprintf("project:%s-%s-%s", strings.ToLower(a.id), strings.ToLower(b.id), sector)
		extra = &Entity{ID: id, Label: string(ontology.Project), Name: fmt.Sprintf("%s %s %s project", a.name, b.name, strings.ReplaceAll(sector, "-", " ")), Kind: "corridor"}
		p, subj, obj, role = ontology.PartnerIn, b.id, id, "partner"
		text = fmt.Sprintf("%s is a partner in the %s.", b.name, extra.Name)
	case 6:
		id := fmt.Sprintf("process:%s-%s-dialogue-%d", strings.ToLower(a.id), strings.ToLower(b.id), d%97)
		tag := fmt.Sprintf("Dialogue%s%s%d", a.id, b.id, d%97)
		extra = &Entity{ID: id, Label: string(ontology.Process), Name: tag, Aliases: []string{tag}, Kind: "dialogue_forum"}
		p, subj, obj = ontology.Hosts, a.id, id
		text = fmt.Sprintf("%s hosts the %s with %s.", a.name, tag, b.name)
	default:
		p, subj, obj, role = ontology.MemberOf, a.id, org.id, "member"
		text = fmt.Sprintf("%s is a member of the %s, according to the %s.", a.name, org.name, w)
	}
	return text, subj, obj, role, p, extra
}
