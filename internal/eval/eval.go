// Package eval scores an extraction engine against gold annotations: per
// text and pooled precision, recall and F1, per predicate, with the missed
// and spurious facts and the forbidden facts an engine asserted.
//
// # Gold format
//
// A gold annotation is a JSON file NAME.gold.json beside the text NAME.txt,
// or naming its text elsewhere with "text" (a path relative to the gold
// file: articles that are others' work stay outside the repository):
//
//	{
//	  "text": "../../../../../shared/corpus/real/01-article.txt", // optional
//	  "tuned": "2026-12-07",                  // optional: since when rules were changed after reading this text
//	  "about": "one line on the text",
//	  "author_country": "CL",                 // optional: whom a first-person op-ed speaks for
//	  "facts": [
//	    {"subject": "CL", "predicate": "PARTY_TO", "object": "agreement:cl-kr-free-trade-2003",
//	     "modality": "asserted", "properties": {"role": "founding_member"}}
//	  ],
//	  "forbidden": [
//	    {"subject": "CO", "predicate": "MEMBER_OF", "object": "org:andean-community"}
//	  ]
//	}
//
// Ids are diplograph's (docs/ONTOLOGY.md): ISO 3166-1 alpha-2 codes for
// countries, gazetteer ids for organizations, regions and sectors,
// "org:<slug>" for organizations the gazetteer lacks, and the generic or
// named ids of agreements, projects and processes. modality defaults to
// "asserted". A fact matches an extracted relation with the same predicate,
// modality, subject and object (either way round for the symmetric
// COOPERATES_WITH and IN_CONFLICT_WITH) and every property the gold gives
// (lists as sets); properties the gold leaves out are not scored. Each
// extracted relation matches at most one gold fact. A forbidden fact
// without a modality matches a relation of any modality but "negated".
// Evaluate also scores with reified nodes aligned (Align): their ids are
// a naming convention, and the aligned score says how much of the loss is
// naming rather than reading.
package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// Fact is one fact of a gold annotation.
type Fact struct {
	Subject    string         `json:"subject"`
	Predicate  string         `json:"predicate"`
	Object     string         `json:"object"`
	Modality   string         `json:"modality,omitempty"`
	Properties map[string]any `json:"properties,omitempty"`
}

func (f Fact) String() string {
	s := fmt.Sprintf("%s %s %s (%s)", f.Subject, f.Predicate, f.Object, f.Modality)
	if len(f.Properties) > 0 {
		b, _ := json.Marshal(f.Properties)
		s += " " + string(b)
	}
	return s
}

// Gold is the annotation of one text.
type Gold struct {
	// Text is the path of the text, relative to the gold file; empty means
	// NAME.txt beside it.
	Text string `json:"text,omitempty"`
	// Tuned says since when the rules were changed after reading this
	// text's results; such a text's figures say nothing about new text.
	Tuned         string `json:"tuned,omitempty"`
	About         string `json:"about,omitempty"`
	AuthorCountry string `json:"author_country,omitempty"`
	Facts         []Fact `json:"facts"`
	Forbidden     []Fact `json:"forbidden,omitempty"`
}

// ErrGold wraps every problem of a gold file.
var ErrGold = errors.New("invalid gold annotation")

// Unique keeps one path per annotated text: given both NAME.gold.json and
// NAME.txt (as a shell expands DIR/*), the text is scored once. Order is
// kept.
func Unique(paths []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range paths {
		if b := baseOf(p); !seen[b] {
			seen[b] = true
			out = append(out, p)
		}
	}
	return out
}

func baseOf(path string) string {
	return strings.TrimSuffix(strings.TrimSuffix(path, ".gold.json"), ".txt")
}

// Load reads a gold file and the text beside it. path may name either
// NAME.gold.json or NAME.txt.
func Load(path string) (name, text string, g Gold, err error) {
	base := baseOf(path)
	raw, err := os.ReadFile(base + ".gold.json")
	if err != nil {
		return "", "", g, fmt.Errorf("%w: %w", ErrGold, err)
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return "", "", g, fmt.Errorf("%w: %s: %w", ErrGold, base+".gold.json", err)
	}
	for i := range g.Facts {
		if err := g.Facts[i].check(false); err != nil {
			return "", "", g, fmt.Errorf("%w: %s: fact %d: %w", ErrGold, base+".gold.json", i+1, err)
		}
	}
	for i := range g.Forbidden {
		if err := g.Forbidden[i].check(true); err != nil {
			return "", "", g, fmt.Errorf("%w: %s: forbidden fact %d: %w", ErrGold, base+".gold.json", i+1, err)
		}
	}
	textPath := base + ".txt"
	if g.Text != "" {
		textPath = filepath.Join(filepath.Dir(base), filepath.FromSlash(g.Text))
	}
	t, err := os.ReadFile(textPath)
	if err != nil {
		return "", "", g, fmt.Errorf("%w: the text of %s: %w", ErrGold, base+".gold.json", err)
	}
	name = base
	if i := strings.LastIndexByte(base, '/'); i >= 0 {
		name = base[i+1:]
	}
	return name, string(t), g, nil
}

func (f *Fact) check(forbidden bool) error {
	if f.Subject == "" || f.Object == "" {
		return errors.New("subject and object are required")
	}
	if !ontology.Predicate(f.Predicate).Valid() {
		return fmt.Errorf("unknown predicate %q", f.Predicate)
	}
	if f.Modality == "" && !forbidden {
		f.Modality = string(ontology.Asserted)
	}
	if f.Modality != "" && !ontology.Modality(f.Modality).Valid() {
		return fmt.Errorf("unknown modality %q", f.Modality)
	}
	return nil
}

// Score counts true positives, false positives and false negatives.
type Score struct{ TP, FP, FN int }

// Add adds o to s.
func (s *Score) Add(o Score) { s.TP += o.TP; s.FP += o.FP; s.FN += o.FN }

// PRF gives precision, recall and F1; an empty side counts as perfect.
func (s Score) PRF() (p, r, f float64) {
	p, r = 1, 1
	if s.TP+s.FP > 0 {
		p = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		r = float64(s.TP) / float64(s.TP+s.FN)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Result is the score of one text.
type Result struct {
	Name        string
	Score       Score
	ByPredicate map[string]*Score
	Missed      []Fact
	Spurious    []Wrong
	// Forbidden lists the forbidden facts the engine asserted, with the
	// relation that asserted them.
	Forbidden []Wrong
	// Tuned is the gold's Tuned: the rules were changed after reading it.
	Tuned string
	// Aligned is the score once the extracted reified nodes are aligned
	// to the gold's (Align); Alignment holds the renamed nodes.
	Aligned   Score
	Alignment map[string]string
}

// Wrong is a fact the engine asserted that the gold does not hold (or
// forbids), with the first sentence the engine read it from.
type Wrong struct {
	Fact
	Sentence string
}

func (w Wrong) String() string {
	if w.Sentence == "" {
		return w.Fact.String()
	}
	return fmt.Sprintf("%s\n            %q", w.Fact, w.Sentence)
}

// Evaluate scores ex against g, strictly and with its reified nodes
// aligned to the gold's.
func Evaluate(name string, g Gold, ex *ontology.Extraction) Result {
	res := score(name, g, ex)
	res.Aligned = res.Score
	if m := Align(g, ex); len(m) > 0 {
		res.Aligned, res.Alignment = score(name, g, Renamed(ex, m)).Score, m
	}
	return res
}

func score(name string, g Gold, ex *ontology.Extraction) Result {
	res := Result{Name: name, ByPredicate: map[string]*Score{}, Tuned: g.Tuned}
	per := func(p string) *Score {
		if res.ByPredicate[p] == nil {
			res.ByPredicate[p] = &Score{}
		}
		return res.ByPredicate[p]
	}
	used := make([]bool, len(ex.Relations))
	for _, f := range g.Facts {
		found := false
		for i, r := range ex.Relations {
			if !used[i] && Matches(f, r) {
				used[i], found = true, true
				break
			}
		}
		if found {
			per(f.Predicate).TP++
			res.Score.TP++
		} else {
			per(f.Predicate).FN++
			res.Score.FN++
			res.Missed = append(res.Missed, f)
		}
	}
	for i, r := range ex.Relations {
		if used[i] {
			continue
		}
		per(string(r.Predicate)).FP++
		res.Score.FP++
		res.Spurious = append(res.Spurious, wrong(fromRelation(r), r))
	}
	for _, f := range g.Forbidden {
		for _, r := range ex.Relations {
			if Matches(f, r) {
				res.Forbidden = append(res.Forbidden, wrong(f, r))
				break
			}
		}
	}
	return res
}

func wrong(f Fact, r ontology.Relation) Wrong {
	w := Wrong{Fact: f}
	if len(r.Evidence) > 0 {
		w.Sentence = r.Evidence[0].Sentence
	}
	return w
}

func fromRelation(r ontology.Relation) Fact {
	return Fact{Subject: r.Subject, Predicate: string(r.Predicate), Object: r.Object, Modality: string(r.Modality), Properties: r.Properties}
}

// Matches reports whether relation r states gold fact f.
func Matches(f Fact, r ontology.Relation) bool {
	if string(r.Predicate) != f.Predicate {
		return false
	}
	if f.Modality == "" {
		if r.Modality == ontology.Negated {
			return false
		}
	} else if string(r.Modality) != f.Modality {
		return false
	}
	same := r.Subject == f.Subject && r.Object == f.Object
	if !same && ontology.Predicate(f.Predicate).Symmetric() {
		same = r.Subject == f.Object && r.Object == f.Subject
	}
	if !same {
		return false
	}
	for k, want := range f.Properties {
		got, ok := r.Properties[k]
		if !ok || !sameValue(want, got) {
			return false
		}
	}
	return true
}

// sameValue compares a gold property with an extracted one: lists as sets
// of their string forms, other values by their string form.
func sameValue(want, got any) bool {
	wl, wantList := asStrings(want)
	gl, gotList := asStrings(got)
	if wantList || gotList {
		if !wantList || !gotList || len(wl) != len(gl) {
			return false
		}
		for _, w := range wl {
			if !slices.Contains(gl, w) {
				return false
			}
		}
		return true
	}
	return fmt.Sprint(want) == fmt.Sprint(got)
}

func asStrings(v any) ([]string, bool) {
	switch l := v.(type) {
	case []string:
		return l, true
	case []any:
		out := make([]string, len(l))
		for i, x := range l {
			out[i] = fmt.Sprint(x)
		}
		return out, true
	}
	return nil, false
}
