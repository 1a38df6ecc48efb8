package gazetteer

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

var (
	countryID = regexp.MustCompile(`^[A-Z]{2}$`)
	orgID     = regexp.MustCompile(`^(?:[A-Z0-9][A-Z0-9+&-]*|org:[a-z0-9]+(?:-[a-z0-9]+)*)$`)
	regionID  = regexp.MustCompile(`^region:[a-z0-9]+(?:-[a-z0-9]+)*$`)
	sectorID  = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	kindRe    = regexp.MustCompile(`^[a-z]+(?:_[a-z]+)*$`)
)

var roles = []string{RoleMember, RoleFoundingMember, RoleObserver, RoleDialoguePartner, RoleAssociateMember, RolePartner}

// validate checks the data as written and returns every problem found.
func validate(g *Gazetteer) []error {
	v := &validator{kinds: map[string]string{}}
	v.entries(g)
	v.references(g)
	v.surfaceForms(g)
	return v.errs
}

// validator collects the gazetteer's problems; kinds maps each id to
// "country", "organization", "region" or "sector".
type validator struct {
	errs  []error
	kinds map[string]string
}

func (v *validator) bad(format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf(format, args...))
}

func (v *validator) claim(id, kind string) {
	if prev, ok := v.kinds[id]; ok {
		v.bad("duplicate id %q (%s and %s)", id, prev, kind)
		return
	}
	v.kinds[id] = kind
}

func (v *validator) forms(where, field string, list []string) {
	for _, f := range list {
		if strings.TrimSpace(f) == "" {
			v.bad("%s: empty entry in %s", where, field)
		} else if f != strings.TrimSpace(f) {
			v.bad("%s: %s entry %q has surrounding space", where, field, f)
		}
	}
}

func (v *validator) name(where, n string) {
	if strings.TrimSpace(n) == "" {
		v.bad("%s: empty name", where)
	} else if n != strings.TrimSpace(n) {
		v.bad("%s: name %q has surrounding space", where, n)
	}
}

// entries checks each entry on its own: ids, names, forms, fields.
func (v *validator) entries(g *Gazetteer) {
	for _, c := range g.Countries {
		where := fmt.Sprintf("country %q", c.ID)
		if !countryID.MatchString(c.ID) {
			v.bad("%s: id is not an ISO 3166-1 alpha-2 code (two upper-case letters)", where)
		}
		v.claim(c.ID, "country")
		v.name(where, c.Name)
		if c.Official != "" {
			v.name(where+" official", c.Official)
		}
		v.forms(where, "aliases", c.Aliases)
		v.forms(where, "former", c.Former)
		v.forms(where, "demonyms", c.Demonyms)
		v.forms(where, "capitals", c.Capitals)
		v.forms(where, "former_capitals", c.FormerCapitals)
		switch c.UNStatus {
		case UNMember, UNObserver, UNNone:
		default:
			v.bad("%s: un_status %q (want member, observer or none)", where, c.UNStatus)
		}
	}
	for _, o := range g.Organizations {
		where := fmt.Sprintf("organization %q", o.ID)
		if !orgID.MatchString(o.ID) {
			v.bad("%s: id is neither an upper-case acronym nor org:<slug>", where)
		}
		v.claim(o.ID, "organization")
		v.name(where, o.Name)
		if !kindRe.MatchString(o.Kind) {
			v.bad("%s: kind %q is not a lower-case snake_case word", where, o.Kind)
		}
		v.forms(where, "acronyms", o.Acronyms)
		v.forms(where, "aliases", o.Aliases)
		v.forms(where, "former", o.Former)
		if o.Founded < 0 || o.Founded > 2100 {
			v.bad("%s: founded %d out of range", where, o.Founded)
		}
	}
	for _, r := range g.Regions {
		where := fmt.Sprintf("region %q", r.ID)
		if !regionID.MatchString(r.ID) {
			v.bad("%s: id is not region:<slug>", where)
		}
		v.claim(r.ID, "region")
		v.name(where, r.Name)
		v.forms(where, "aliases", r.Aliases)
		v.forms(where, "demonyms", r.Demonyms)
	}
	for _, s := range g.Sectors {
		where := fmt.Sprintf("sector %q", s.ID)
		if !sectorID.MatchString(s.ID) {
			v.bad("%s: id is not a lower-case slug", where)
		}
		v.claim(s.ID, "sector")
		v.name(where, s.Name)
		v.forms(where, "terms", s.Terms)
	}

}

// references checks what entries say of each other: regions, members,
// part_of.
func (v *validator) references(g *Gazetteer) {
	for i, c := range g.Cities {
		where := fmt.Sprintf("city %d %q", i, c.Name)
		if strings.TrimSpace(c.Name) == "" {
			v.bad("%s: no name", where)
		}
		if v.kinds[c.Country] != "country" {
			v.bad("%s: unknown country %q", where, c.Country)
		}
	}
	for i, p := range g.People {
		where := fmt.Sprintf("person %d", i)
		if len(p.Names) > 0 {
			where = fmt.Sprintf("person %q", p.Names[0])
		}
		if len(p.Names) == 0 {
			v.bad("%s: no names", where)
		}
		v.forms(where, "names", p.Names)
		if v.kinds[p.Country] != "country" {
			v.bad("%s: unknown country %q", where, p.Country)
		}
		if p.From != "" && p.To != "" && p.To < p.From {
			v.bad("%s: ends (%s) before it starts (%s)", where, p.To, p.From)
		}
	}
	for _, c := range g.Countries {
		for _, r := range c.Regions {
			if v.kinds[r] != "region" {
				v.bad("country %q: unknown region %q", c.ID, r)
			}
		}
	}
	for _, r := range g.Regions {
		for _, c := range r.Countries {
			if v.kinds[c] != "country" {
				v.bad("region %q: unknown country %q", r.ID, c)
			}
		}
	}
	for _, o := range g.Organizations {
		where := fmt.Sprintf("organization %q", o.ID)
		if o.PartOf != "" {
			if v.kinds[o.PartOf] != "organization" {
				v.bad("%s: part_of unknown organization %q", where, o.PartOf)
			} else if o.PartOf == o.ID {
				v.bad("%s: part_of itself", where)
			}
		}
		seen := map[string]bool{}
		for _, m := range o.Members {
			if k := v.kinds[m.Member]; k != "country" && k != "organization" {
				v.bad("%s: unknown member %q", where, m.Member)
			}
			if m.Member == o.ID {
				v.bad("%s: member of itself", where)
			}
			if !slices.Contains(roles, m.Role) {
				v.bad("%s: member %q: role %q (want one of %s)", where, m.Member, m.Role, strings.Join(roles, ", "))
			}
			if m.Since < 0 || m.Until < 0 || (m.Until != 0 && m.Until < m.Since) {
				v.bad("%s: member %q: bad period since %d until %d", where, m.Member, m.Since, m.Until)
			}
			if m.Role == RoleFoundingMember && o.Founded != 0 && m.Since != 0 && m.Since != o.Founded {
				v.bad("%s: founding member %q since %d but founded %d", where, m.Member, m.Since, o.Founded)
			}
			if m.Until == 0 {
				if seen[m.Member] {
					v.bad("%s: member %q listed twice as current", where, m.Member)
				}
				seen[m.Member] = true
			}
		}
	}

}

// surfaceForms checks that one form names one entity, unless recorded as
// ambiguous with every entity that lists it among its candidates.
func (v *validator) surfaceForms(g *Gazetteer) {
	// Surface forms: one form, one entity, unless recorded as ambiguous with
	// every entity that lists it among its candidates.
	ambig := map[string]Ambiguity{}
	for _, a := range g.Ambiguities {
		where := fmt.Sprintf("ambiguity %q", a.Form)
		if strings.TrimSpace(a.Form) == "" {
			v.bad("ambiguity: empty form")
			continue
		}
		k := Fold(a.Form)
		if _, dup := ambig[k]; dup {
			v.bad("%s: listed twice", where)
		}
		ambig[k] = a
		if len(a.Candidates) < 2 {
			v.bad("%s: needs at least two candidates", where)
		}
		for _, c := range a.Candidates {
			if v.kinds[c] == "" {
				v.bad("%s: unknown candidate %q", where, c)
			}
		}
	}
	owners := map[string]map[string][]string{} // fold -> id -> forms as written
	for _, n := range collectNames(g) {
		k := Fold(n.Form)
		if owners[k] == nil {
			owners[k] = map[string][]string{}
		}
		owners[k][n.ID] = append(owners[k][n.ID], n.Form)
	}
	var keys []string
	for k := range owners {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ids := owners[k]
		if a, ok := ambig[k]; ok {
			for id := range ids {
				if !slices.Contains(a.Candidates, id) {
					v.bad("ambiguity %q: %s lists it but is not a candidate", a.Form, id)
				}
			}
			continue
		}
		if len(ids) < 2 {
			continue
		}
		var parts []string
		for id, fs := range ids {
			parts = append(parts, fmt.Sprintf("%s (%s)", id, strings.Join(fs, ", ")))
		}
		sort.Strings(parts)
		v.bad("surface form %q names several entities: %s; keep it on one, or list it in %s", k, strings.Join(parts, "; "), AmbiguousFile)
	}
}
