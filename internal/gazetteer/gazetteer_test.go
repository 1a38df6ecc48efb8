package gazetteer

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/diplograph/diplograph/internal/ontology"
)

func loadDefault(t *testing.T) *Gazetteer {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return g
}

func TestDefaultCounts(t *testing.T) {
	g := loadDefault(t)
	status := map[string]int{}
	for _, c := range g.Countries {
		status[c.UNStatus]++
	}
	intergov := 0
	for _, o := range g.Organizations {
		if o.Kind == "intergovernmental" {
			intergov++
		}
	}
	tests := []struct {
		name      string
		got, want int
		atLeast   bool
	}{
		{name: "countries", got: len(g.Countries), want: 195, atLeast: true},
		{name: "UN members", got: status[UNMember], want: 193},
		{name: "UN observers", got: status[UNObserver], want: 2},
		{name: "intergovernmental organizations", got: intergov, want: 40, atLeast: true},
		{name: "regions", got: len(g.Regions), want: 20, atLeast: true},
		{name: "sectors", got: len(g.Sectors), want: 19, atLeast: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.atLeast && tt.got < tt.want || !tt.atLeast && tt.got != tt.want {
				t.Errorf("got %d, want %s%d", tt.got, map[bool]string{true: ">= "}[tt.atLeast], tt.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	g := loadDefault(t)
	tests := []struct {
		form   string
		wantID string // "" = must not resolve
		kind   FormKind
	}{
		{"Türkiye", "TR", FormName},
		{"Turkiye", "TR", FormAlias},
		{"Turkey", "TR", FormAlias},
		{"turkey", "TR", FormAlias},
		{"Turkish", "TR", FormDemonym},
		{"Ankara", "TR", FormCapital},
		{"Republic of Türkiye", "TR", FormOfficial},
		{"Kazakhstan", "KZ", FormName},
		{"Kazakh", "KZ", FormDemonym},
		{"Kazakhstani", "KZ", FormDemonym},
		{"Astana", "KZ", FormCapital},
		{"Nur-Sultan", "KZ", FormFormerCapital},
		{"Nur–Sultan", "KZ", FormFormerCapital}, // en dash folds to hyphen
		{"Almaty", "KZ", FormFormerCapital},
		{"Islamic Republic of Iran", "IR", FormOfficial},
		{"Tehran", "IR", FormCapital},
		{"Jeddah", "SA", FormCity},
		{"Samarkand", "UZ", FormCity},
		{"Persia", "IR", FormFormer},
		{"Emirati", "AE", FormDemonym},
		{"UAE", "AE", FormAlias},
		{"uae", "", ""}, // all-capital short forms are case-sensitive
		{"U.S.", "US", FormAlias},
		{"us", "", ""},
		{"Ivory Coast", "CI", FormAlias},
		{"Côte d’Ivoire", "CI", FormName}, // typographic apostrophe
		{"Czech Republic", "CZ", FormOfficial},
		{"Swaziland", "SZ", FormFormer},
		{"Burma", "MM", FormFormer},
		{"Zaire", "CD", FormFormer},
		{"Britain", "GB", FormAlias},
		{"Saudi", "SA", FormDemonym},
		{"Holy See", "VA", FormName},
		{"Shanghai Cooperation Organization", "SCO", FormAlias},
		{"Shanghai Cooperation Organisation", "SCO", FormName},
		{"SCO", "SCO", FormAcronym},
		{"Turkic Council", "OTS", FormFormer},
		{"Cooperation Council of Turkic-speaking States", "OTS", FormFormer},
		{"Cooperation Council of Turkic Speaking States", "OTS", FormFormer},
		{"Organisation of Turkic States", "OTS", FormAlias},
		// the other spelling of a listed form, of the form's kind
		{"Shanghai Co-operation Organisation", "SCO", FormName},
		{"Co-operation Council for the Arab States of the Gulf", "GCC", FormAlias},
		{"Organisation of the Islamic Conference", "OIC", FormFormer},
		{"Cooperation Council for the Arab States of the Gulf", "GCC", FormAlias},
		{"League of Arab States", "LAS", FormAlias},
		{"the Taliban", "TALIBAN", FormAlias},
		{"Daesh", "ISIS", FormAlias},
		{"Ansar Allah", "HOUTHIS", FormAlias},
		{"the Middle East", "region:middle-east", FormAlias},
		{"Middle Eastern", "region:middle-east", FormDemonym},
		{"Central Asian", "region:central-asia", FormDemonym},
		{"Persian Gulf", "region:gulf", FormAlias},
		{"information technology", "it", FormTerm},
		{"IT", "it", FormTerm},
		{"it", "", ""},
		{"civil aviation", "civil-aviation", FormTerm},
		{"Congo", "", ""},    // ambiguous: CG, CD
		{"Brussels", "", ""}, // ambiguous: BE, EU, NATO
		{"Atlantis", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.form, func(t *testing.T) {
			n, ok := g.Resolve(tt.form)
			if tt.wantID == "" {
				if ok {
					t.Fatalf("Resolve(%q) = %+v, want no match", tt.form, n)
				}
				return
			}
			if !ok {
				t.Fatalf("Resolve(%q): no match, want %s", tt.form, tt.wantID)
			}
			if n.ID != tt.wantID || n.Kind != tt.kind {
				t.Errorf("Resolve(%q) = %s (%s), want %s (%s)", tt.form, n.ID, n.Kind, tt.wantID, tt.kind)
			}
		})
	}
}

func TestLookups(t *testing.T) {
	g := loadDefault(t)
	t.Run("country", func(t *testing.T) {
		c, ok := g.Country("KZ")
		if !ok || c.Name != "Kazakhstan" || c.Official != "Republic of Kazakhstan" || c.UNStatus != UNMember {
			t.Fatalf("Country(KZ) = %+v, %v", c, ok)
		}
		if !slices.Contains(c.Regions, "region:central-asia") {
			t.Errorf("KZ regions %v lack region:central-asia", c.Regions)
		}
		if !slices.Contains(c.Capitals, "Nur-Sultan") {
			t.Errorf("KZ capitals %v lack the former capital Nur-Sultan", c.Capitals)
		}
		tr, _ := g.Country("TR")
		if tr.Name != "Türkiye" || !slices.Contains(tr.Aliases, "Turkey") {
			t.Errorf("Country(TR) = %+v", tr)
		}
		mm, _ := g.Country("MM")
		if !slices.Contains(mm.Aliases, "Burma") {
			t.Errorf("former names are not in Aliases: %v", mm.Aliases)
		}
	})
	t.Run("organization", func(t *testing.T) {
		o, ok := g.Organization("SCO")
		if !ok || o.Founded != 2001 {
			t.Fatalf("Organization(SCO) = %+v, %v", o, ok)
		}
		roles := map[string]string{}
		for _, m := range o.Members {
			if m.Current() {
				roles[m.Member] = m.Role
			}
		}
		want := map[string]string{"KZ": RoleFoundingMember, "CN": RoleFoundingMember, "IN": RoleMember, "IR": RoleMember,
			"BY": RoleMember, "AF": RolePartner, "TR": RolePartner, "SA": RolePartner, "LA": RolePartner}
		for id, role := range want {
			if roles[id] != role {
				t.Errorf("SCO %s role %q, want %q", id, roles[id], role)
			}
		}
		ots, _ := g.Organization("OTS")
		if !slices.Contains(ots.Aliases, "Turkic Council") {
			t.Errorf("OTS aliases %v lack its former name", ots.Aliases)
		}
		unsc, _ := g.Organization("UNSC")
		if unsc.PartOf != "UN" {
			t.Errorf("UNSC part_of %q, want UN", unsc.PartOf)
		}
		tal, _ := g.Organization("TALIBAN")
		if tal.Kind != "armed_group" {
			t.Errorf("TALIBAN kind %q", tal.Kind)
		}
		un, _ := g.Organization("UN")
		if len(un.Members) != 195 {
			t.Errorf("UN has %d members and observers, want 195", len(un.Members))
		}
	})
	t.Run("region and sector", func(t *testing.T) {
		r, ok := g.Region("region:central-asia")
		if !ok || !slices.Equal(r.Countries, []string{"KG", "KZ", "TJ", "TM", "UZ"}) {
			t.Errorf("Region(central-asia) = %+v, %v", r, ok)
		}
		s, ok := g.Sector("civil-aviation")
		if !ok || s.Name != "Civil aviation" {
			t.Errorf("Sector(civil-aviation) = %+v, %v", s, ok)
		}
	})
	t.Run("label and name", func(t *testing.T) {
		for id, want := range map[string]ontology.Label{"TR": ontology.Country, "OTS": ontology.Organization,
			"region:gulf": ontology.Region, "it": ontology.Sector} {
			if got, ok := g.Label(id); !ok || got != want {
				t.Errorf("Label(%s) = %s, %v; want %s", id, got, ok, want)
			}
		}
		if _, ok := g.Label("XX"); ok {
			t.Error("Label(XX) found")
		}
		if n, _ := g.DisplayName("CI"); n != "Côte d'Ivoire" {
			t.Errorf("DisplayName(CI) = %q", n)
		}
	})
	t.Run("missing", func(t *testing.T) {
		if _, ok := g.Country("ZZ"); ok {
			t.Error("Country(ZZ) found")
		}
		if _, ok := g.Organization("NOPE"); ok {
			t.Error("Organization(NOPE) found")
		}
	})
}

func TestNames(t *testing.T) {
	g := loadDefault(t)
	names := g.Names()
	if len(names) < 1000 {
		t.Fatalf("only %d names", len(names))
	}
	seen := map[string]string{}
	for i, n := range names {
		if i > 0 && Fold(names[i-1].Form) > Fold(n.Form) {
			t.Fatalf("names not sorted at %q", n.Form)
		}
		if prev, ok := seen[Fold(n.Form)]; ok && prev != n.ID {
			t.Errorf("form %q names %s and %s", n.Form, prev, n.ID)
		}
		seen[Fold(n.Form)] = n.ID
		if _, ok := g.Ambiguous(n.Form); ok {
			t.Errorf("ambiguous form %q listed in Names", n.Form)
		}
		if n.Kind == FormAcronym && !n.CaseSensitive {
			t.Errorf("acronym %q not case-sensitive", n.Form)
		}
	}
	a, ok := g.Ambiguous("congo")
	if !ok || !slices.Equal(a.Candidates, []string{"CD", "CG"}) {
		t.Errorf("Ambiguous(congo) = %+v, %v", a, ok)
	}
	// Names returns a copy.
	names[0].ID = "changed"
	if g.Names()[0].ID == "changed" {
		t.Error("Names exposes the index")
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Türkiye", "türkiye"},
		{"  Côte d’Ivoire ", "côte d'ivoire"},
		{"Nur–Sultan", "nur-sultan"},
		{"the\tMiddle   East", "the middle east"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// validFS is a minimal valid data set that the bad cases below break one way each.
func validFS() fstest.MapFS {
	return fstest.MapFS{
		"gazetteer/countries.json": {Data: []byte(`[
			{"id":"KZ","name":"Kazakhstan","official":"Republic of Kazakhstan","demonyms":["Kazakh"],"capitals":["Astana"],"former_capitals":["Nur-Sultan"],"regions":["region:central-asia"],"un_status":"member"},
			{"id":"TR","name":"Türkiye","aliases":["Turkey"],"un_status":"member"}]`)},
		"gazetteer/organizations.json": {Data: []byte(`[
			{"id":"OTS","name":"Organization of Turkic States","kind":"intergovernmental","acronyms":["OTS"],"former":["Turkic Council"],"founded":2009,
			 "members":[{"member":"KZ","role":"founding_member","since":2009},{"member":"TR","role":"founding_member","since":2009}]}]`)},
		"gazetteer/regions.json": {Data: []byte(`[{"id":"region:central-asia","name":"Central Asia"},{"id":"region:europe","name":"Europe","countries":["TR"]}]`)},
		"gazetteer/sectors.json": {Data: []byte(`[{"id":"trade","name":"Trade","terms":["trade"]}]`)},
	}
}

func TestLoadSmall(t *testing.T) {
	g, err := Load(validFS())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	kz, _ := g.Country("KZ")
	if !slices.Equal(kz.Capitals, []string{"Astana", "Nur-Sultan"}) {
		t.Errorf("capitals %v", kz.Capitals)
	}
	tr, _ := g.Country("TR")
	if !slices.Equal(tr.Regions, []string{"region:europe"}) {
		t.Errorf("TR regions %v: region membership not completed", tr.Regions)
	}
	ca, _ := g.Region("region:central-asia")
	if !slices.Equal(ca.Countries, []string{"KZ"}) {
		t.Errorf("central-asia countries %v: region membership not completed", ca.Countries)
	}
	if n, ok := g.Resolve("turkic council"); !ok || n.ID != "OTS" {
		t.Errorf("Resolve(turkic council) = %+v, %v", n, ok)
	}
}

func TestLoadRejects(t *testing.T) {
	tests := []struct {
		name  string
		file  string // file to replace in validFS
		data  string
		want  string // substring of the error
		plain bool   // error does not wrap ErrInvalid (read or decode error)
	}{
		{name: "lower-case ISO id", file: "countries.json", data: `[{"id":"kz","name":"Kazakhstan","un_status":"member"}]`, want: "ISO 3166-1"},
		{name: "three-letter ISO id", file: "countries.json", data: `[{"id":"KAZ","name":"Kazakhstan","un_status":"member"}]`, want: "ISO 3166-1"},
		{name: "empty name", file: "countries.json", data: `[{"id":"KZ","name":" ","un_status":"member"}]`, want: "empty name"},
		{name: "empty alias", file: "countries.json", data: `[{"id":"KZ","name":"Kazakhstan","aliases":[""],"un_status":"member"}]`, want: "empty entry in aliases"},
		{name: "bad UN status", file: "countries.json", data: `[{"id":"KZ","name":"Kazakhstan","un_status":"yes"}]`, want: "un_status"},
		{name: "duplicate id", file: "countries.json", data: `[{"id":"KZ","name":"Kazakhstan","un_status":"member"},{"id":"KZ","name":"Qazaqstan","un_status":"member"}]`, want: `duplicate id "KZ"`},
		{name: "unknown region", file: "countries.json", data: `[{"id":"KZ","name":"Kazakhstan","regions":["region:atlantis"],"un_status":"member"}]`, want: `unknown region "region:atlantis"`},
		{name: "unknown member", file: "organizations.json", data: `[{"id":"OTS","name":"OTS","kind":"intergovernmental","members":[{"member":"HU","role":"observer"}]}]`, want: `unknown member "HU"`},
		{name: "bad role", file: "organizations.json", data: `[{"id":"OTS","name":"OTS","kind":"intergovernmental","members":[{"member":"KZ","role":"boss"}]}]`, want: `role "boss"`},
		{name: "founding year mismatch", file: "organizations.json", data: `[{"id":"OTS","name":"OTS","kind":"intergovernmental","founded":2009,"members":[{"member":"KZ","role":"founding_member","since":2019}]}]`, want: "founding member"},
		{name: "bad period", file: "organizations.json", data: `[{"id":"OTS","name":"OTS","kind":"intergovernmental","members":[{"member":"KZ","role":"member","since":2020,"until":2010}]}]`, want: "bad period"},
		{name: "unknown part_of", file: "organizations.json", data: `[{"id":"OTS","name":"OTS","kind":"intergovernmental","part_of":"UN"}]`, want: `part_of unknown organization "UN"`},
		{name: "bad organization id", file: "organizations.json", data: `[{"id":"Turkic Council","name":"OTS","kind":"intergovernmental"}]`, want: "upper-case acronym"},
		{name: "id shared across kinds", file: "organizations.json", data: `[{"id":"KZ","name":"Kazakh Organization","kind":"intergovernmental"}]`, want: `duplicate id "KZ"`},
		{name: "unknown region country", file: "regions.json", data: `[{"id":"region:central-asia","name":"Central Asia","countries":["UZ"]}]`, want: `unknown country "UZ"`},
		{name: "bad region id", file: "regions.json", data: `[{"id":"central-asia","name":"Central Asia"}]`, want: "region:<slug>"},
		{name: "bad sector id", file: "sectors.json", data: `[{"id":"Civil Aviation","name":"Civil aviation"}]`, want: "lower-case slug"},
		{name: "form on two entities", file: "sectors.json", data: `[{"id":"trade","name":"Trade","terms":["Turkey"]}]`, want: `surface form "turkey" names several entities`},
		{name: "form differing only by case", file: "sectors.json", data: `[{"id":"trade","name":"Trade","terms":["KAZAKH"]}]`, want: `surface form "kazakh"`},
		{name: "ambiguity with unknown candidate", file: "ambiguous.json", data: `[{"form":"Congo","candidates":["CG","CD"]}]`, want: `unknown candidate "CG"`},
		{name: "ambiguity with one candidate", file: "ambiguous.json", data: `[{"form":"Kazakh","candidates":["KZ"]}]`, want: "at least two candidates"},
		{name: "ambiguity not covering an owner", file: "ambiguous.json", data: `[{"form":"Turkey","candidates":["KZ","OTS"]}]`, want: "TR lists it but is not a candidate"},
		{name: "unknown field", file: "countries.json", data: `[{"id":"KZ","name":"Kazakhstan","capital":"Astana","un_status":"member"}]`, want: `unknown field "capital"`, plain: true},
		{name: "not an array", file: "countries.json", data: `{"id":"KZ"}`, want: "countries.json", plain: true},
		{name: "trailing data", file: "sectors.json", data: `[] []`, want: "trailing data", plain: true},
		{name: "unknown file", file: "airports.json", data: `[]`, want: "unknown file", plain: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := validFS()
			fsys["gazetteer/"+tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			_, err := Load(fsys)
			if err == nil {
				t.Fatal("Load accepted bad data")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			if errors.Is(err, ErrInvalid) == tt.plain {
				t.Errorf("errors.Is(err, ErrInvalid) = %v", !tt.plain)
			}
		})
	}
	t.Run("ambiguity accepted when declared", func(t *testing.T) {
		fsys := validFS()
		fsys["gazetteer/sectors.json"] = &fstest.MapFile{Data: []byte(`[{"id":"trade","name":"Trade","terms":["Turkey"]}]`)}
		fsys["gazetteer/ambiguous.json"] = &fstest.MapFile{Data: []byte(`[{"form":"turkey","candidates":["TR","trade"]}]`)}
		g, err := Load(fsys)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if n, ok := g.Resolve("Turkey"); ok {
			t.Errorf("ambiguous form resolved to %+v", n)
		}
	})
	t.Run("no files", func(t *testing.T) {
		if _, err := Load(fstest.MapFS{}); err == nil || !strings.Contains(err.Error(), "no gazetteer/*.json") {
			t.Errorf("Load(empty) = %v", err)
		}
	})
	t.Run("every problem reported", func(t *testing.T) {
		fsys := validFS()
		fsys["gazetteer/countries.json"] = &fstest.MapFile{Data: []byte(`[{"id":"kz","name":"","un_status":"x"}]`)}
		_, err := Load(fsys)
		for _, want := range []string{"ISO 3166-1", "empty name", "un_status"} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v does not mention %q", err, want)
			}
		}
	})
}

func TestHandBuilt(t *testing.T) {
	// A Gazetteer built without Load still answers lookups.
	g := &Gazetteer{
		Countries:   []Country{{ID: "KZ", Name: "Kazakhstan", Demonyms: []string{"Kazakh"}, UNStatus: UNMember}},
		Sectors:     []Sector{{ID: "it", Name: "Information technology", Terms: []string{"IT"}}},
		Ambiguities: []Ambiguity{{Form: "Kazakhstan", Candidates: []string{"KZ", "it"}}},
	}
	if _, ok := g.Country("KZ"); !ok {
		t.Error("Country(KZ) not found")
	}
	if n, ok := g.Resolve("kazakh"); !ok || n.ID != "KZ" {
		t.Errorf("Resolve(kazakh) = %+v, %v", n, ok)
	}
	if _, ok := g.Resolve("it"); ok {
		t.Error("Resolve(it) matched the case-sensitive IT")
	}
	if _, ok := g.Resolve("Kazakhstan"); ok {
		t.Error("ambiguous form resolved")
	}
}

// TestDataConsistency checks the shipped data against facts the schema
// cannot express.
func TestDataConsistency(t *testing.T) {
	g := loadDefault(t)
	un, _ := g.Organization("UN")
	roles := map[string]string{}
	for _, m := range un.Members {
		roles[m.Member] = m.Role
	}
	for _, c := range g.Countries {
		t.Run(c.ID, func(t *testing.T) {
			switch c.UNStatus {
			case UNMember:
				if r := roles[c.ID]; r != RoleMember && r != RoleFoundingMember {
					t.Errorf("UN member %s has UN role %q", c.ID, r)
				}
			case UNObserver:
				if roles[c.ID] != RoleObserver {
					t.Errorf("UN observer %s has UN role %q", c.ID, roles[c.ID])
				}
			case UNNone:
				if _, ok := roles[c.ID]; ok {
					t.Errorf("%s is not in the UN but has role %q", c.ID, roles[c.ID])
				}
			}
			if len(c.Regions) == 0 {
				t.Errorf("%s belongs to no region", c.ID)
			}
			if len(c.Capitals) == 0 {
				t.Errorf("%s has no capital", c.ID)
			}
			if c.Official == "" {
				t.Errorf("%s has no official name", c.ID)
			}
		})
	}
	for _, o := range g.Organizations {
		if o.Kind == "intergovernmental" && o.Founded == 0 {
			t.Errorf("%s has no founding year", o.ID)
		}
		founders := 0
		for _, m := range o.Members {
			if m.Role == RoleFoundingMember {
				founders++
			}
		}
		if founders > 0 && o.Founded == 0 {
			t.Errorf("%s has founding members but no founding year", o.ID)
		}
	}
	counts := map[string]int{"OIC": 57, "GCC": 6, "NATO": 32, "EU": 27, "ASEAN": 11, "OSCE": 57, "COE": 46, "OECD": 38,
		"LAS": 22, "SCO": 10, "OTS": 5, "CSTO": 6, "EAEU": 5, "OPEC": 12, "CICA": 28, "BRICS": 10, "UNSC": 15}
	for id, want := range counts {
		o, ok := g.Organization(id)
		if !ok {
			t.Errorf("no organization %s", id)
			continue
		}
		got := 0
		for _, m := range o.Members {
			if m.Current() && (m.Role == RoleMember || m.Role == RoleFoundingMember) {
				got++
			}
		}
		if got != want {
			t.Errorf("%s has %d current members, want %d", id, got, want)
		}
	}
}
