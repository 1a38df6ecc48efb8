package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/store"
)

func TestProgressLinesWhenNotATerminal(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, 4)
	if p.bar != nil {
		t.Fatal("a bar on a buffer")
	}
	p.every = 0
	p.start = time.Now().Add(-2 * time.Second)
	p.add(ingest.Result{Stats: store.LoadStats{Facts: 3}})
	p.add(ingest.Result{Err: errors.New("boom")})
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "progress: 2/4 documents, ") ||
		!strings.Contains(lines[1], "left, 3 facts, 1 failed") {
		t.Errorf("progress lines: %q", buf.String())
	}
}
