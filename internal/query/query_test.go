package query

import (
	"errors"
	"testing"

	"github.com/diplograph/diplograph/internal/ontology"

	"github.com/diplograph/diplograph/internal/errs"
)

func TestLuceneQuery(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "pipeline", "pipeline"},
		{"operators lose their meaning", "gas AND pipeline OR NOT oil", "gas and pipeline or not oil"},
		{"syntax is dropped", `pipe:line^2 "quoted" (group) [a TO b] {x} ~1 *wild? \ / && || ! + -`, "pipe line 2 quoted group a to b x 1 wild"},
		{"unicode letters kept", "Türkiye–Qatar", "türkiye qatar"},
		{"nothing left", `*:* ()"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LuceneQuery(tt.in); got != tt.want {
				t.Errorf("LuceneQuery(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPredicateList(t *testing.T) {
	if got, err := predicateList([]ontology.Predicate{ontology.PartyTo, ontology.MemberOf, ontology.PartyTo}); err != nil || got != "MEMBER_OF|PARTY_TO" {
		t.Errorf("predicateList = %q, %v", got, err)
	}
	if _, err := predicateList([]ontology.Predicate{"MENTIONS]->() DETACH DELETE (n"}); !errors.Is(err, errs.ErrInvalid) {
		t.Errorf("an injected type was accepted: %v", err)
	}
}

func TestRelationPerspective(t *testing.T) {
	r := &Relation{Subject: "QA", Object: "KZ", From: "KZ"}
	if r.Target() != "QA" || r.Direction() != In {
		t.Errorf("from the object: target %s direction %s", r.Target(), r.Direction())
	}
	r.From = "QA"
	if r.Target() != "KZ" || r.Direction() != Out {
		t.Errorf("from the subject: target %s direction %s", r.Target(), r.Direction())
	}
}
