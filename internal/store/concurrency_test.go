package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/store"
)

// sharedFactDoc is document i: all of them claim QA COOPERATES_WITH KZ and
// KZ MEMBER_OF SCO (one sentence each), so concurrent loads contend for the
// same nodes and relationships.
func sharedFactDoc(i int) *ontology.Extraction {
	return newDoc(fmt.Sprintf("doc:%016x", 0x1000+i)).countries().
		fact("QA", ontology.CooperatesWith, "KZ", ontology.Asserted, map[string]any{"sectors": []any{"trade"}},
			fmt.Sprintf("Qatar and Kazakhstan, says report %d, cooperate in trade.", i)).
		fact("KZ", ontology.MemberOf, "SCO", ontology.Asserted, map[string]any{"role": "founding_member"},
			fmt.Sprintf("Kazakhstan is a founding member of the SCO (report %d).", i)).
		build()
}

func TestConcurrentLoadsOfDifferentDocuments(t *testing.T) {
	s := newStore(t)
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { _, errs[i] = s.Load(context.Background(), sharedFactDoc(i)) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("load %d: %v", i, err)
		}
	}
	rows := cypher(t, s, `
MATCH (:Country {id: 'QA'})-[r:COOPERATES_WITH]->(:Country {id: 'KZ'})
RETURN size(r.evidence) AS ev, size(r.documents) AS docs, r.evidence_count AS n`, nil)
	if len(rows) != 1 {
		t.Fatalf("%d QA-KZ relationships, want 1", len(rows))
	}
	if rows[0]["ev"] != int64(n) || rows[0]["docs"] != int64(n) || rows[0]["n"] != int64(n) {
		t.Errorf("QA-KZ evidence after %d concurrent loads: %v", n, rows[0])
	}
}

func TestConcurrentLoadsOfTheSameDocument(t *testing.T) {
	s := newStore(t)
	load(t, s, docAExtraction())
	want := counts(t, s)
	// Start over and load the same document from several goroutines.
	s = newStore(t)
	const n = 6
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { _, errs[i] = s.Load(context.Background(), docAExtraction()) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("load %d: %v", i, err)
		}
	}
	if got := counts(t, s); got != want {
		t.Errorf("after %d concurrent loads of one document: %+v, want one copy %+v", n, got, want)
	}
}

// largeDoc has n facts between n organizations, one sentence each.
func largeDoc(n int) *ontology.Extraction {
	b := newDoc("doc:ffffffffffffffff")
	for i := range n {
		b.entity(fmt.Sprintf("org:test-%05d", i), ontology.Organization, fmt.Sprintf("Test body %d", i), map[string]any{"kind": "think_tank"})
	}
	for i := range n {
		b.fact(fmt.Sprintf("org:test-%05d", i), ontology.CooperatesWith, fmt.Sprintf("org:test-%05d", (i*7+1)%n),
			ontology.Asserted, nil, fmt.Sprintf("Body %d cooperates with body %d.", i, (i*7+1)%n))
	}
	return b.build()
}

// whenWriting calls fn once Neo4j shows a transaction running one of the
// loader's queries (so fn interrupts a transaction, not the validation
// before it), or when done is closed.
func whenWriting(t *testing.T, s *store.Store, done <-chan struct{}, fn func()) {
	go func() {
		defer fn()
		for {
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
			rows, err := s.Query(context.Background(), `
SHOW TRANSACTIONS YIELD currentQuery
WHERE currentQuery CONTAINS 'UNWIND $rows' AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS'
RETURN count(*) AS n`, nil)
			if err == nil && len(rows) == 1 && rows[0]["n"].(int64) > 0 {
				return
			}
		}
	}()
}

func TestCancelledLoadWritesNothing(t *testing.T) {
	s := newStore(t)
	load(t, s, docBExtraction())
	before := counts(t, s)
	x := largeDoc(6000)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	whenWriting(t, s, done, cancel)
	_, err := s.Load(ctx, x)
	close(done)
	cancel()
	if err == nil {
		t.Skip("the large document loaded before the cancellation")
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Load with a cancelled context: %v, want context.Canceled", err)
	}
	// Nothing of the document is left. (Entities of a deleted document stay
	// by design, so compare against the graph plus its organizations.)
	if n := cypher(t, s, `MATCH (d:Document {id: $id}) RETURN count(d) AS n`, map[string]any{"id": x.Document.ID})[0]["n"]; n != int64(0) {
		t.Fatalf("cancelled load left its Document node")
	}
	if n := cypher(t, s, `MATCH (s:Sentence {document: $id}) RETURN count(s) AS n`, map[string]any{"id": x.Document.ID})[0]["n"]; n != int64(0) {
		t.Fatalf("cancelled load left %v sentences", n)
	}
	if n := cypher(t, s, `MATCH ()-[r:COOPERATES_WITH]->() WHERE $id IN r.documents RETURN count(r) AS n`, map[string]any{"id": x.Document.ID})[0]["n"]; n != int64(0) {
		t.Fatalf("cancelled load left %v facts", n)
	}
	orgs := cypher(t, s, `MATCH (n:Organization) WHERE n.id STARTS WITH 'org:test-' RETURN count(n) AS n`, nil)[0]["n"].(int64)
	if got := counts(t, s); got.Relationships != before.Relationships || got.Nodes != before.Nodes+orgs {
		t.Errorf("after a cancelled load: %+v, want %+v (+%d organizations of an earlier attempt)", got, before, orgs)
	}
	// A re-run completes the document.
	st := load(t, s, x)
	if st.Facts != 6000 {
		t.Errorf("re-run loaded %d facts, want 6000", st.Facts)
	}
	if n := cypher(t, s, `MATCH ()-[r:COOPERATES_WITH]->() WHERE $id IN r.documents RETURN count(r) AS n`, map[string]any{"id": x.Document.ID})[0]["n"]; n != int64(6000) {
		t.Errorf("after the re-run: %v facts of the document, want 6000", n)
	}
}

func TestConnectionCutMidLoadWritesNothing(t *testing.T) {
	s := newStore(t)
	load(t, s, docBExtraction())
	before := counts(t, s)
	x := largeDoc(6000)

	// A driver of our own that reaches Neo4j through a proxy; once the
	// document's transaction runs, the proxy cuts every connection and
	// refuses new ones, as a network failure would.
	conn := neo4jtest.Conn(t)
	u, err := url.Parse(conn.URI)
	if err != nil {
		t.Fatal(err)
	}
	p := newProxy(t, u.Host)
	d, err := neo4j.NewDriverWithContext("bolt://"+p.addr(), neo4j.BasicAuth(conn.User, conn.Password, ""),
		func(c *config.Config) { c.MaxTransactionRetryTime = 2 * time.Second })
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(context.Background())
	done := make(chan struct{})
	whenWriting(t, s, done, p.cut)
	_, err = store.New(d, conn.Database).Load(context.Background(), x)
	close(done)
	if err == nil {
		t.Skip("the large document loaded before the connection was cut")
	}
	t.Logf("load cut off: %v", err)
	if n := cypher(t, s, `MATCH (d:Document {id: $id}) RETURN count(d) AS n`, map[string]any{"id": x.Document.ID})[0]["n"]; n != int64(0) {
		t.Fatalf("interrupted load left its Document node")
	}
	if n := cypher(t, s, `MATCH (s:Sentence {document: $id}) RETURN count(s) AS n`, map[string]any{"id": x.Document.ID})[0]["n"]; n != int64(0) {
		t.Fatalf("interrupted load left %v sentences", n)
	}
	orgs := cypher(t, s, `MATCH (n:Organization) WHERE n.id STARTS WITH 'org:test-' RETURN count(n) AS n`, nil)[0]["n"].(int64)
	if got := counts(t, s); got.Relationships != before.Relationships || got.Nodes != before.Nodes+orgs {
		t.Errorf("after an interrupted load: %+v, want %+v (+%d organizations of an earlier attempt)", got, before, orgs)
	}
	if st := load(t, s, x); st.Facts != 6000 || !st.New {
		t.Errorf("re-run: %+v, want 6000 facts of a new document", st)
	}
}

// proxy forwards TCP connections to a target until cut.
type proxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
	closed bool
}

func newProxy(t *testing.T, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: target}
	t.Cleanup(p.cut)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			if !p.track(c, up) {
				return
			}
			go func() { _, _ = io.Copy(up, c); up.Close() }()
			go func() { _, _ = io.Copy(c, up); c.Close() }()
		}
	}()
	return p
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) track(cs ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		for _, c := range cs {
			c.Close()
		}
		return false
	}
	p.conns = append(p.conns, cs...)
	return true
}

// cut closes the listener and every forwarded connection.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	p.closed = true
	p.ln.Close()
	for _, c := range p.conns {
		c.Close()
	}
}
