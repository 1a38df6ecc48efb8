// Package graph is diplograph's GraphQL layer: gqlgen resolvers over the
// read side (internal/query) and the ingest service, with per-request
// dataloaders so a query's Neo4j round trips grow with its depth, not with
// the number of results.
//
// This package holds what people write: the resolvers (one
// <aggregate>.resolvers.go per schema file), the handler, limits, errors
// and dataloaders. gqlgen's generated executor lives in graph/generated and
// the generated models in graph/model; neither is edited by hand.
package graph

//go:generate go run ../internal/ontology/gen -graphql ../schema/predicate.graphqls
//go:generate go run github.com/99designs/gqlgen generate
