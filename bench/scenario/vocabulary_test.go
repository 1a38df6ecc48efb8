package scenario

import (
	"os"
	"regexp"
	"testing"

	"github.com/diplograph/diplograph/internal/ontology"
)

// The benchmark's lists of relationship types follow the ontology: the
// floor's alternation is built from it, and the peer (a JavaScript server)
// must say the same, field by field.
func TestPeerVocabulary(t *testing.T) {
	b, err := os.ReadFile("../peer/server.mjs")
	if err != nil {
		t.Fatal(err)
	}
	peer := string(b)
	m := regexp.MustCompile(`const rels = "([A-Z_|]+)";`).FindStringSubmatch(peer)
	if m == nil || m[1] != factTypes {
		t.Errorf("bench/peer/server.mjs rels = %q, want the ontology's %q", m, factTypes)
	}
	declared := map[string]string{}
	for _, f := range regexp.MustCompile(`(\w+): \[\w+!\]! \$\{fact\}, type: "(\w+)"\)`).FindAllStringSubmatch(peer, -1) {
		declared[f[1]] = f[2]
	}
	if len(declared) < len(peerFields) {
		t.Errorf("server.mjs declares %d fact fields, fewer than the %d of peerFields", len(declared), len(peerFields))
	}
	for _, f := range peerFields {
		if !ontology.Predicate(f.typ).Valid() {
			t.Errorf("peer field %s: %s is no relationship type of the ontology", f.field, f.typ)
		}
		if declared[f.field] != f.typ {
			t.Errorf("peer field %s: server.mjs says type %q, peerFields %q", f.field, declared[f.field], f.typ)
		}
	}
	for field, typ := range declared {
		if !ontology.Predicate(typ).Valid() {
			t.Errorf("server.mjs field %s: %s is no relationship type of the ontology", field, typ)
		}
	}
}
