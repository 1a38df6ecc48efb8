// Command gen writes what follows from the ontology: the GraphQL enums of
// its relationship types, entity kinds and modalities
// (schema/vocabulary.graphqls). It runs from graph/generate.go, before
// gqlgen reads the schema:
//
//	go run ../internal/ontology/gen -graphql ../schema/vocabulary.graphqls
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

func main() {
	out := flag.String("graphql", "", "write the enums to this .graphqls file")
	flag.Parse()
	if *out == "" {
		log.Fatal("gen: -graphql is required")
	}
	if err := os.WriteFile(*out, Enums(), 0o644); err != nil {
		log.Fatal(err)
	}
}

// Enums is the GraphQL enums of the ontology, with their descriptions, in
// the ontology's order: Predicate (Vocabulary), EntityKind (Kinds) and
// Modality (Modalities). Enum values are upper case; gqlgen.yml binds
// EntityKind and Modality to the ontology's Go values.
func Enums() []byte {
	var b bytes.Buffer
	b.WriteString("# Generated from internal/ontology by go generate ./graph: edit the ontology, not this file.\n\n")
	b.WriteString("\"A relationship type of the ontology.\"\nenum Predicate {\n")
	for _, v := range ontology.Vocabulary {
		fmt.Fprintf(&b, "  %s\n  %s\n", strconv.Quote(v.Doc), v.Predicate)
	}
	b.WriteString("}\n\n\"The kind of an entity: its Neo4j label.\"\nenum EntityKind {\n")
	for _, k := range ontology.Kinds {
		fmt.Fprintf(&b, "  %s\n  %s\n", strconv.Quote(k.Doc), strings.ToUpper(string(k.Label)))
	}
	b.WriteString("}\n\n\"How a source states a fact.\"\nenum Modality {\n")
	for _, m := range ontology.Modalities {
		fmt.Fprintf(&b, "  %s\n  %s\n", strconv.Quote(m.Doc), strings.ToUpper(string(m.Modality)))
	}
	b.WriteString("}\n")
	return b.Bytes()
}
