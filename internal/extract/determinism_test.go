package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/diplograph/diplograph/internal/ontology"
)

// TestDeterministic: the same input gives byte-identical output, run after
// run (map iteration order differs between runs of the same process).
func TestDeterministic(t *testing.T) {
	x := New(testGazetteer(t))
	files, _ := filepath.Glob("testdata/*/*.txt")
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var first []byte
		for run := 0; run < 5; run++ {
			ex, err := x.Extract(context.Background(), string(raw), ontology.Doc{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(ex)
			if err != nil {
				t.Fatal(err)
			}
			if run == 0 {
				first = b
			} else if !bytes.Equal(first, b) {
				t.Fatalf("%s: run %d differs from run 0", f, run)
			}
		}
	}
}
