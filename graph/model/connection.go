package model

import "github.com/diplograph/diplograph/internal/query"

// EntityConnection is a page of entities. It keeps its filter so that
// totalCount runs its count query only when the field is selected.
type EntityConnection struct {
	Edges    []*EntityEdge `json:"edges"`
	PageInfo *PageInfo     `json:"pageInfo"`
	Filter   query.EntityFilter
	// Total is the count when the query that read the page counted it.
	Total *int
}

// DocumentConnection is a page of documents; totalCount is resolved (and
// counted) only when selected.
type DocumentConnection struct {
	Edges    []*DocumentEdge `json:"edges"`
	PageInfo *PageInfo       `json:"pageInfo"`
	// Total is the count when the query that read the page counted it.
	Total *int
}

// RelationConnection is a page of facts. It keeps its filter so that
// totalCount runs its count only when the field is selected.
type RelationConnection struct {
	Edges    []*RelationEdge `json:"edges"`
	PageInfo *PageInfo       `json:"pageInfo"`
	Filter   query.RelationFilter
	// Total is the count when the query that read the page counted it.
	Total *int
}
