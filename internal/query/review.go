package query

import (
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// Review is the standing decision of a person on a fact (the latest of
// its reviews not undone).
type Review struct {
	ID      string // the review that decided it
	Verdict ontology.Verdict
	By      string
	At      string  // RFC 3339, UTC
	Note    *string // nil when none
}

// reviewOf is the standing decision on fact r as a map (null when none):
// one index seek on the Verdict's fact key.
func reviewOf(r string) string {
	return "COLLECT { MATCH (rv:Verdict {fact: " + r + ".key}) RETURN rv {.review, .verdict, .by, .at, .note} }[0]"
}

// rejected is true of a fact r a person rejected.
func rejected(r string) string {
	return "EXISTS { MATCH (rv:Verdict {fact: " + r + ".key}) WHERE rv.verdict = 'REJECTED' }"
}

// hideRejected is the condition a listed fact r meets: not rejected, unless
// rejected facts are asked for ("" then).
func hideRejected(r string, include bool) string {
	if include {
		return ""
	}
	return "NOT " + rejected(r)
}

// where joins conditions into a WHERE clause ("" when there are none).
func where(conds ...string) string {
	var kept []string
	for _, c := range conds {
		if c != "" {
			kept = append(kept, c)
		}
	}
	if len(kept) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(kept, " AND ")
}

// rejectedCount counts the rejected facts of node n of the given (validated)
// types and direction that still exist: what a count from the node's
// degree subtracts.
func rejectedCount(types []string, dir Direction) string {
	// One index seek per side (an OR of the two would scan every verdict).
	side := func(end, cond string) string {
		return "COUNT { MATCH (c:Verdict {" + end + ": n.id}) WHERE " + rejectedOfTypes(types) + cond +
			" AND EXISTS { MATCH (n)-[x]-() WHERE x.key = c.fact } }"
	}
	switch dir {
	case Out:
		return side("subject", "")
	case In:
		return side("object", "")
	}
	return "(" + side("subject", "") + " + " + side("object", " AND c.subject <> n.id") + ")"
}

// rejectedKeysOf is the list of the keys of the facts of node n that people
// rejected: one index seek per side, once per node, so that a list of the
// node's facts filters them with a list lookup instead of a verdict seek
// per fact (a country has thousands of facts in a large corpus).
func rejectedKeysOf(n string) string {
	side := func(end string) string {
		return "COLLECT { MATCH (c:Verdict {" + end + ": " + n + ".id}) WHERE c.verdict = 'REJECTED' RETURN c.fact }"
	}
	return side("subject") + " + " + side("object")
}

// rejectedOfTypes is the condition on Verdict c of a rejected fact of the
// given (validated) types.
func rejectedOfTypes(types []string) string {
	return "c.verdict = 'REJECTED' AND c.predicate IN ['" + strings.Join(types, "', '") + "']"
}

func toReview(v any) *Review {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	return &Review{ID: toString(m["review"]), Verdict: ontology.Verdict(toString(m["verdict"])), By: toString(m["by"]),
		At: toString(m["at"]), Note: nonEmpty(toString(m["note"]))}
}
