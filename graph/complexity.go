package graph

import (
	"github.com/diplograph/diplograph/graph/generated"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"
)

// SetComplexity fills the per-field complexity functions: a list field
// costs its page size (first, or its default) times the cost of one item,
// so extension.FixedComplexityLimit bounds the work of nested lists.
func SetComplexity(c *generated.ComplexityRoot) {
	c.Query.Entities = func(child int, _ *model.EntityFilter, _ *model.EntityOrder, first *int, _ *string) int {
		return 1 + times(first, 50)*child
	}
	c.Query.Relations = func(child int, _ *model.RelationFilter, first *int, _ *string, _ *bool) int {
		return 1 + times(first, 50)*child
	}
	c.Query.Documents = func(child int, first *int, _ *string) int { return 1 + times(first, 50)*child }
	c.Query.Search = func(child int, _ string, first *int) int { return 1 + times(first, 20)*child }
	c.Query.Neighbors = func(child int, _ string, _ []ontology.Predicate, depth *int, _ *bool) int {
		return 1 + 20*times(depth, 1)*child
	}
	c.Query.Paths = func(child int, _, _ string, _ *int, _ *bool) int { return 1 + 10*child }
	c.Query.Bilateral = func(child int, _, _ string, _ *bool) int { return 1 + 5*child }
	c.Entity.Relations = func(child int, _ []ontology.Predicate, _ *query.Direction, first *int, _ *string, _ *bool) int {
		return 1 + times(first, 50)*child
	}
	c.Entity.Memberships = func(child int, first *int, _ *bool) int { return 1 + times(first, 10)*child }
	c.Entity.Members = func(child int, first *int, _ *bool) int { return 1 + times(first, 20)*child }
	c.Query.Reviews = func(child int, _ *model.ReviewFilter, first *int, _ *string) int { return 1 + times(first, 100)*child }
	c.Document.Relations = func(child int, first *int, _ *string, _ *bool) int { return 1 + times(first, 100)*child }
}

// times returns *n, or def when n is nil; never less than 1.
func times(n *int, def int) int {
	v := def
	if n != nil {
		v = *n
	}
	if v < 1 {
		return 1
	}
	return v
}
