// Package graph is diplograph's GraphQL layer: gqlgen resolvers over the
// read side (internal/query) and the ingest service. Each root field plans
// its selection (plan.go) into one Cypher query, so a request costs one
// Neo4j round trip; per-request dataloaders serve the shapes a root cannot
// plan, so their round trips grow with depth, not with the number of
// results.
//
// This package holds what people write: the resolvers (one
// <aggregate>.resolvers.go per schema file), the handler, limits, errors
// and dataloaders. gqlgen's generated executor lives in graph/generated and
// the generated models in graph/model; neither is edited by hand.
package graph

//go:generate go run ../internal/ontology/gen -graphql ../schema/vocabulary.graphqls
//go:generate go run github.com/99designs/gqlgen generate
