package app_test

import (
	"context"
	"encoding/json"
	"net"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/corenlptest"
	"github.com/diplograph/diplograph/internal/ontology"
)

// closedAddr is an address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// CORENLP_URL may list several servers: the engine reads with those that
// answer, and /readyz's details show each one.
func TestEngineReadsWithAListOfServers(t *testing.T) {
	ctx := context.Background()
	list := corenlptest.URL(t) + ", http://" + closedAddr(t)
	e, err := app.OpenEngine(ctx, app.EngineConfig{Name: app.EngineCoreNLP, CoreNLPURL: list}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close(ctx)
	x, err := e.Extractor.Extract(ctx, "Kazakhstan and Türkiye signed a free trade agreement in 2017.", ontology.Doc{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(x.Document.Engine, "corenlp-") || len(x.Relations) == 0 {
		t.Errorf("read by %s: %d facts", x.Document.Engine, len(x.Relations))
	}
	if e.Service == nil || e.Service.Members == nil || e.Service.Ready(ctx) != nil {
		t.Fatalf("the pool is not a ready dependency with members: %+v", e.Service)
	}
	b, _ := json.Marshal(e.Service.Members())
	if got := string(b); !strings.Contains(got, `"up"`) || !strings.Contains(got, `"down"`) && !strings.Contains(got, `"starting"`) {
		t.Errorf("details: %s, want one server up and one not", got)
	}

	// Only dead servers: the corenlp engine fails, auto falls back.
	dead := "http://" + closedAddr(t)
	if _, err := app.OpenEngine(ctx, app.EngineConfig{Name: app.EngineCoreNLP, CoreNLPURL: dead}, nil); err == nil {
		t.Error("corenlp engine over a dead server: no error")
	}
	auto, err := app.OpenEngine(ctx, app.EngineConfig{Name: app.EngineAuto, CoreNLPURL: dead}, nil)
	if err != nil || auto.Service != nil {
		t.Errorf("auto over a dead server: %v, %+v", err, auto)
	}
	if _, err := app.OpenEngine(ctx, app.EngineConfig{Name: app.EngineCoreNLP, CoreNLPURL: "ftp://x"}, nil); err == nil {
		t.Error("a non-http CORENLP_URL: no error")
	}
}
