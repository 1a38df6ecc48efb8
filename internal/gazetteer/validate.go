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
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	kinds := map[string]string{} // id -> "country", "organization", "region", "sector"
	claim := func(id, kind string) {
		if prev, ok := kinds[id]; ok {
			bad("duplicate id %q (%s and %s)", id, prev, kind)
			return
		}
		kinds[id] = kind
	}
	forms := func(where, field string, list []string) {
		for _, f := range list {
			if strings.TrimSpace(f) == "" {
				bad("%s: empty entry in %s", where, field)
			} else if f != strings.TrimSpace(f) {
				bad("%s: %s entry %q has surrounding space", where, field, f)
			}
		}
	}
	name := func(where, n string) {
		if strings.TrimSpace(n) == "" {
			bad("%s: empty name", where)
		} else if n != strings.TrimSpace(n) {
			bad("%s: name %q has surrounding space", where, n)
		}
	}

	for _, c := range g.Countries {
		where := fmt.Sprintf("country %q", c.ID)
		if !countryID.MatchString(c.ID) {
			bad("%s: id is not an ISO 3166-1 alpha-2 code (two upper-case letters)", where)
		}
		claim(c.ID, "country")
		name(where, c.Name)
		if c.Official != "" {
			name(where+" official", c.Official)
		}
		forms(where, "aliases", c.Aliases)
		forms(where, "former", c.Former)
		forms(where, "demonyms", c.Demonyms)
		forms(where, "capitals", c.Capitals)
		forms(where, "former_capitals", c.FormerCapitals)
		switch c.UNStatus {
		case UNMember, UNObserver, UNNone:
		default:
			bad("%s: un_status %q (want member, observer or none)", where, c.UNStatus)
		}
	}
	for _, o := range g.Organizations {
		where := fmt.Sprintf("organization %q", o.ID)
		if !orgID.MatchString(o.ID) {
			bad("%s: id is neither an upper-case acronym nor org:<slug>", where)
		}
		claim(o.ID, "organization")
		name(where, o.Name)
		if !kindRe.MatchString(o.Kind) {
			bad("%s: kind %q is not a lower-case snake_case word", where, o.Kind)
		}
		forms(where, "acronyms", o.Acronyms)
		forms(where, "aliases", o.Aliases)
		forms(where, "former", o.Former)
		if o.Founded < 0 || o.Founded > 2100 {
			bad("%s: founded %d out of range", where, o.Founded)
		}
	}
	for _, r := range g.Regions {
		where := fmt.Sprintf("region %q", r.ID)
		if !regionID.MatchString(r.ID) {
			bad("%s: id is not region:<slug>", where)
		}
		claim(r.ID, "region")
		name(where, r.Name)
		forms(where, "aliases", r.Aliases)
		forms(where, "demonyms", r.Demonyms)
	}
	for _, s := range g.Sectors {
		where := fmt.Sprintf("sector %q", s.ID)
		if !sectorID.MatchString(s.ID) {
			bad("%s: id is not a lower-case slug", where)
		}
		claim(s.ID, "sector")
		name(where, s.Name)
		forms(where, "terms", s.Terms)
	}

	// References.
	for _, c := range g.Countries {
		for _, r := range c.Regions {
			if kinds[r] != "region" {
				bad("country %q: unknown region %q", c.ID, r)
			}
		}
	}
	for _, r := range g.Regions {
		for _, c := range r.Countries {
			if kinds[c] != "country" {
				bad("region %q: unknown country %q", r.ID, c)
			}
		}
	}
	for _, o := range g.Organizations {
		where := fmt.Sprintf("organization %q", o.ID)
		if o.PartOf != "" {
			if kinds[o.PartOf] != "organization" {
				bad("%s: part_of unknown organization %q", where, o.PartOf)
			} else if o.PartOf == o.ID {
				bad("%s: part_of itself", where)
			}
		}
		seen := map[string]bool{}
		for _, m := range o.Members {
			if k := kinds[m.Member]; k != "country" && k != "organization" {
				bad("%s: unknown member %q", where, m.Member)
			}
			if m.Member == o.ID {
				bad("%s: member of itself", where)
			}
			if !slices.Contains(roles, m.Role) {
				bad("%s: member %q: role %q (want one of %s)", where, m.Member, m.Role, strings.Join(roles, ", "))
			}
			if m.Since < 0 || m.Until < 0 || (m.Until != 0 && m.Until < m.Since) {
				bad("%s: member %q: bad period since %d until %d", where, m.Member, m.Since, m.Until)
			}
			if m.Role == RoleFoundingMember && o.Founded != 0 && m.Since != 0 && m.Since != o.Founded {
				bad("%s: founding member %q since %d but founded %d", where, m.Member, m.Since, o.Founded)
			}
			if m.Until == 0 {
				if seen[m.Member] {
					bad("%s: member %q listed twice as current", where, m.Member)
				}
				seen[m.Member] = true
			}
		}
	}

	// Surface forms: one form, one entity, unless recorded as ambiguous with
	// every entity that lists it among its candidates.
	ambig := map[string]Ambiguity{}
	for _, a := range g.Ambiguities {
		where := fmt.Sprintf("ambiguity %q", a.Form)
		if strings.TrimSpace(a.Form) == "" {
			bad("ambiguity: empty form")
			continue
		}
		k := Fold(a.Form)
		if _, dup := ambig[k]; dup {
			bad("%s: listed twice", where)
		}
		ambig[k] = a
		if len(a.Candidates) < 2 {
			bad("%s: needs at least two candidates", where)
		}
		for _, c := range a.Candidates {
			if kinds[c] == "" {
				bad("%s: unknown candidate %q", where, c)
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
					bad("ambiguity %q: %s lists it but is not a candidate", a.Form, id)
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
		bad("surface form %q names several entities: %s; keep it on one, or list it in %s", k, strings.Join(parts, "; "), AmbiguousFile)
	}
	return errs
}
