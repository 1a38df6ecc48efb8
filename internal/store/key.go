package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// Origins of a fact.
const (
	OriginClaim     = "claim"     // read from a document
	OriginReference = "reference" // from the gazetteer
)

// IdentityProperties are the relation properties that tell two facts
// between the same nodes apart (ontology.IdentityProperties).
var IdentityProperties = ontology.IdentityProperties

// FactKey is the stable key a fact is MERGEd on: a hash of subject,
// predicate, object, modality, origin and the identity properties.
func FactKey(subject string, p ontology.Predicate, object string, m ontology.Modality, origin string, props map[string]any) string {
	var b strings.Builder
	b.WriteString(subject)
	for _, s := range []string{string(p), object, string(m), origin} {
		b.WriteByte('|')
		b.WriteString(s)
	}
	for _, k := range IdentityProperties {
		if v, ok := props[k]; ok {
			fmt.Fprintf(&b, "|%s=%v", k, v)
		}
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:16])
}

// SentenceID is the id of a Sentence node: "<docid>:<start>-<end>".
func SentenceID(doc string, start, end int) string {
	return fmt.Sprintf("%s:%d-%d", doc, start, end)
}

// searchText is what the entity_names full-text index reads.
func searchText(name string, aliases []string) string {
	return strings.Join(append([]string{name}, aliases...), " | ")
}
