// Command gen writes what follows from the ontology's vocabulary: the
// GraphQL Predicate enum (schema/predicate.graphqls). It runs from
// graph/generate.go, before gqlgen reads the schema:
//
//	go run ../internal/ontology/gen -graphql ../schema/predicate.graphqls
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"strconv"

	"github.com/diplograph/diplograph/internal/ontology"
)

func main() {
	out := flag.String("graphql", "", "write the Predicate enum to this .graphqls file")
	flag.Parse()
	if *out == "" {
		log.Fatal("gen: -graphql is required")
	}
	if err := os.WriteFile(*out, PredicateEnum(), 0o644); err != nil {
		log.Fatal(err)
	}
}

// PredicateEnum is the GraphQL enum of the relationship types, with their
// descriptions, in the ontology's order.
func PredicateEnum() []byte {
	var b bytes.Buffer
	b.WriteString("# Generated from internal/ontology (Vocabulary) by go generate ./graph: edit the ontology, not this file.\n\n")
	b.WriteString("\"A relationship type of the ontology.\"\nenum Predicate {\n")
	for _, v := range ontology.Vocabulary {
		fmt.Fprintf(&b, "  %s\n  %s\n", strconv.Quote(v.Doc), v.Predicate)
	}
	b.WriteString("}\n")
	return b.Bytes()
}
