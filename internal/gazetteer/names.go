package gazetteer

import (
	"slices"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/internal/ontology"
)

// FormKind says what kind of surface form a Name is.
type FormKind string

// Surface form kinds.
const (
	FormName          FormKind = "name"           // display name
	FormOfficial      FormKind = "official"       // official long name of a country
	FormAlias         FormKind = "alias"          // common other name, spelling variant, full name of an organization
	FormFormer        FormKind = "former"         // former name
	FormDemonym       FormKind = "demonym"        // demonym or adjective: "Turkish", "Middle Eastern"
	FormCapital       FormKind = "capital"        // current capital, as a government metonym
	FormFormerCapital FormKind = "former_capital" // former capital: "Nur-Sultan"
	FormCity          FormKind = "city"           // another city of the state: "Jeddah", never a metonym
	FormAcronym       FormKind = "acronym"        // "SCO", "OTS"
	FormTerm          FormKind = "term"           // sector term: "civil aviation"
)

// Name is one surface form of one entity.
type Name struct {
	Form  string         // as written in the data: "Türkiye", "U.S."
	ID    string         // canonical id: "TR"
	Label ontology.Label // Country, Organization, Region or Sector
	Kind  FormKind
	// CaseSensitive is true for acronyms and other all-capital short forms
	// ("US", "UAE", "IT"): they match only as written, never "us" or "it".
	// Every other form matches case-insensitively (compare Fold keys).
	CaseSensitive bool
}

// Names returns every surface form of every entity, one Name per distinct
// (form, id) pair, sorted by Fold(form) then ID: the list an extractor builds
// its matcher from. Forms recorded as ambiguous ("Congo") are left out, even
// where an entity lists them; see Ambiguities.
// The result is a copy the caller may modify.
func (g *Gazetteer) Names() []Name {
	if g.index != nil {
		return slices.Clone(g.index.names)
	}
	var out []Name
	for _, n := range collectNames(g) {
		if _, ok := g.Ambiguous(n.Form); !ok {
			out = append(out, n)
		}
	}
	return out
}

// Resolve returns the entity a surface form names. A case-sensitive form
// matches only as written; any other matches by Fold key. Ambiguous and
// unknown forms return false (see Ambiguous).
func (g *Gazetteer) Resolve(form string) (Name, bool) {
	var names []Name
	if g.index != nil {
		names = g.index.byFold[Fold(form)]
	} else {
		key := Fold(form)
		for _, n := range g.Names() {
			if Fold(n.Form) == key {
				names = append(names, n)
			}
		}
	}
	for _, n := range names {
		if n.Form == form {
			return n, true
		}
	}
	for _, n := range names {
		if !n.CaseSensitive {
			return n, true
		}
	}
	return Name{}, false
}

// Ambiguous returns the ambiguity recorded for a surface form, if any
// ("Congo" -> CG, CD).
func (g *Gazetteer) Ambiguous(form string) (Ambiguity, bool) {
	key := Fold(form)
	for _, a := range g.Ambiguities {
		if Fold(a.Form) == key {
			return a, true
		}
	}
	return Ambiguity{}, false
}

// Fold is the comparison key of a surface form: lower case, typographic
// apostrophes and dashes replaced by ASCII ones, runs of white space
// collapsed to one space, surrounding space trimmed. Diacritics are kept:
// ASCII spellings ("Turkiye") are listed as aliases in the data.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '`' || r == '\u00b4':
			r = '\''
		case r == '\u2010' || r == '\u2011' || r == '\u2012' || r == '\u2013' || r == '\u2014' || r == '\u2212':
			r = '-'
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// caseSensitive reports whether a form must match exactly as written:
// acronyms, and short forms without lower-case letters ("U.S.", "KSA").
func caseSensitive(form string, kind FormKind) bool {
	if kind == FormAcronym {
		return true
	}
	letters := 0
	for _, r := range form {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0 && letters <= 6
}

// collectNames lists the surface forms of every entity, deduplicated per
// entity (the first kind wins, in the order Name, Official, Acronym, Former,
// Alias, ...) and sorted. Ambiguous forms are included: callers filter.
func collectNames(g *Gazetteer) []Name {
	var out []Name
	seen := map[[2]string]bool{}
	add := func(id string, label ontology.Label, kind FormKind, forms ...string) {
		for _, f := range forms {
			if f == "" {
				continue
			}
			k := [2]string{f, id}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, Name{Form: f, ID: id, Label: label, Kind: kind, CaseSensitive: caseSensitive(f, kind)})
		}
	}
	for _, c := range g.Countries {
		add(c.ID, ontology.Country, FormName, c.Name)
		add(c.ID, ontology.Country, FormOfficial, c.Official)
		add(c.ID, ontology.Country, FormFormer, c.Former...)
		add(c.ID, ontology.Country, FormAlias, c.Aliases...)
		add(c.ID, ontology.Country, FormDemonym, c.Demonyms...)
		add(c.ID, ontology.Country, FormFormerCapital, c.FormerCapitals...)
		add(c.ID, ontology.Country, FormCapital, c.Capitals...)
	}
	for _, o := range g.Organizations {
		add(o.ID, ontology.Organization, FormName, o.Name)
		add(o.ID, ontology.Organization, FormAcronym, o.Acronyms...)
		add(o.ID, ontology.Organization, FormFormer, o.Former...)
		add(o.ID, ontology.Organization, FormAlias, o.Aliases...)
	}
	for _, r := range g.Regions {
		add(r.ID, ontology.Region, FormName, r.Name)
		add(r.ID, ontology.Region, FormAlias, r.Aliases...)
		add(r.ID, ontology.Region, FormDemonym, r.Demonyms...)
	}
	for _, s := range g.Sectors {
		add(s.ID, ontology.Sector, FormName, s.Name)
		add(s.ID, ontology.Sector, FormTerm, s.Terms...)
	}
	// a city's name gives way to any other name of the same form
	taken := map[string]bool{}
	for _, n := range out {
		taken[Fold(n.Form)] = true
	}
	for _, c := range g.Cities {
		if !taken[Fold(c.Name)] {
			add(c.Country, ontology.Country, FormCity, c.Name)
		}
	}
	// the other spellings of every form, after the forms as written so
	// that a spelling the data lists keeps its own kind
	for _, n := range slices.Clone(out) {
		for _, f := range spellings(n.Form)[1:] {
			add(n.ID, n.Label, n.Kind, f)
		}
	}
	slices.SortFunc(out, func(a, b Name) int {
		if c := strings.Compare(Fold(a.Form), Fold(b.Form)); c != 0 {
			return c
		}
		if c := strings.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		return strings.Compare(a.Form, b.Form)
	})
	return out
}

// spellingPairs are words of names that usage spells two ways; a text may
// write a name either way ("Shanghai Co-operation Organisation").
// (The extractor's tokens fold -isation and -ence spellings themselves.)
var spellingPairs = [][2]string{{"Cooperation", "Co-operation"}}

// spellings returns form and its other spellings by spellingPairs, form
// first.
func spellings(form string) []string {
	out := []string{form}
	for _, p := range spellingPairs {
		for _, s := range out {
			for _, ab := range [][2]string{{p[0], p[1]}, {p[1], p[0]}} {
				if v := replaceWord(s, ab[0], ab[1]); v != s && !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// replaceWord replaces whole words old (and their lower-case form) in s.
func replaceWord(s, old, repl string) string {
	for _, pair := range [][2]string{{old, repl}, {strings.ToLower(old), strings.ToLower(repl)}} {
		var b strings.Builder
		rest := s
		for {
			i := strings.Index(rest, pair[0])
			if i < 0 {
				b.WriteString(rest)
				break
			}
			end := i + len(pair[0])
			if (i == 0 || !isWordRune(rest[i-1])) && (end == len(rest) || !isWordRune(rest[end])) {
				b.WriteString(rest[:i] + pair[1])
			} else {
				b.WriteString(rest[:end])
			}
			rest = rest[end:]
		}
		s = b.String()
	}
	return s
}

func isWordRune(c byte) bool {
	return c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
