package ontology

// Doc describes one ingested text. Its ID is "doc:" followed by the first 16
// hex digits of the SHA-256 of the normalised text.
type Doc struct {
	ID          string   `json:"id"`
	Title       string   `json:"title,omitempty"`
	Source      string   `json:"source,omitempty"`
	Publisher   string   `json:"publisher,omitempty"`
	Authors     []string `json:"authors,omitempty"`
	PublishedAt string   `json:"published_at,omitempty"` // ISO 8601 date, when known
	Length      int      `json:"length"`                 // characters (runes) of the normalised text
	// Engine names the extraction engine and its version that read the
	// text: "corenlp-4.5.10" (parser-backed) or "surface-1".
	Engine string `json:"engine,omitempty"`
}

// CompletedBy is d with each of its empty descriptive fields (title,
// source, publisher, authors, publication date) taken from other: what a
// caller gives wins over what a page, a feed or a header says.
func (d Doc) CompletedBy(other Doc) Doc {
	if d.Title == "" {
		d.Title = other.Title
	}
	if d.Source == "" {
		d.Source = other.Source
	}
	if d.Publisher == "" {
		d.Publisher = other.Publisher
	}
	if len(d.Authors) == 0 {
		d.Authors = other.Authors
	}
	if d.PublishedAt == "" {
		d.PublishedAt = other.PublishedAt
	}
	return d
}

// Entity is one node: a real-world thing with a canonical id.
type Entity struct {
	ID         string         `json:"id"`
	Label      Label          `json:"label"`
	Name       string         `json:"name"`
	Aliases    []string       `json:"aliases"`
	Properties map[string]any `json:"properties"`
}

// Evidence locates a fact in a document: the sentence and its offsets
// (in runes of the normalised text, end exclusive).
type Evidence struct {
	Document string `json:"document"`
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Relation is one fact: subject -predicate-> object, with what supports it.
type Relation struct {
	Subject    string         `json:"subject"`
	Predicate  Predicate      `json:"predicate"`
	Object     string         `json:"object"`
	Properties map[string]any `json:"properties"`
	Evidence   []Evidence     `json:"evidence"`
	Confidence float64        `json:"confidence"`
	Modality   Modality       `json:"modality"`
}

// Extraction is what the extractor reads out of one document: the extract
// contract of docs/ONTOLOGY.md.
type Extraction struct {
	Document  Doc        `json:"document"`
	Entities  []Entity   `json:"entities"`
	Relations []Relation `json:"relations"`
	// Text is the normalised text the offsets count in, when the
	// extraction was made here (not part of the extract contract's JSON):
	// the store keeps it so people can add facts from its sentences.
	Text string `json:"-"`
}

// EntityFields are the properties the graph keeps on every entity beside
// an extraction's own (Entity.Properties): an extraction may not set them,
// and a read does not list them among the entity's properties.
var EntityFields = []string{"id", "name", "aliases", "search_text", "reference"}

// RelationFields are the properties the graph keeps on every fact beside
// an extraction's own (Relation.Properties), likewise.
var RelationFields = []string{"key", "origin", "source", "modality", "confidence", "evidence", "documents", "evidence_count", "added_by"}
