package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/corenlpserver"
	"github.com/diplograph/diplograph/internal/neo4jserver"
)

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"diplograph ", "module:        github.com/diplograph/diplograph",
		"neo4j:         " + neo4jserver.Version, "corenlp:       " + corenlpserver.Version} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("version output lacks %q:\n%s", want, out.String())
		}
	}
	if err := run(context.Background(), []string{"version", "extra"}, &out, &out); err == nil {
		t.Error("version accepted an argument")
	}
}
