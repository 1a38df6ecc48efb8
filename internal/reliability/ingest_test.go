package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/server"

	"github.com/diplograph/diplograph/internal/errs"
)

// ingestMutation is the mutation every case below sends, with $t as text.
const ingestMutation = `mutation($t: String!) { ingestDocument(input:{text:$t}) { document { id } counts { relations } } }`

// TestBadIngestInput sends texts that are not articles: each gets
// BAD_USER_INPUT and writes nothing.
func TestBadIngestInput(t *testing.T) {
	e := newEnv(t, server.Config{MaxBodyBytes: 12 << 20}, true)
	before := e.snapshot()
	tests := []struct {
		name string
		text string
	}{
		{"empty", ""},
		{"spaces", " \n\t  \r\n "},
		{"NUL bytes", "Kazakhstan\x00\x00\x00 and Türkiye"},
		{"binary", string([]byte{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14})},
		{"over the extractor's limit", strings.Repeat("Kazakhstan trades with Türkiye. ", extract.DefaultMaxBytes/32+1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.post(strings.NewReader(string(gql(t, ingestMutation, map[string]any{"t": tt.text}))), true)
			if len(r.codes()) != 1 || r.codes()[0] != "BAD_USER_INPUT" {
				t.Errorf("codes %v, want [BAD_USER_INPUT]: %.300s", r.codes(), r.Raw)
			}
		})
	}
	// JSON cannot carry invalid UTF-8: encoding/json turns it into U+FFFD,
	// so over HTTP such a text is read, not refused. It must not fail.
	t.Run("invalid UTF-8 in the body", func(t *testing.T) {
		body := `{"query":"mutation($t: String!) { ingestDocument(input:{text:$t}) { document { id } } }","variables":{"t":"Kazakhstan \xff\xfe and T\xc3"}}`
		r := e.post(strings.NewReader(body), true)
		for _, c := range r.codes() {
			if c != "BAD_USER_INPUT" {
				t.Errorf("code %s: %.300s", c, r.Raw)
			}
		}
	})
	if after := e.snapshot(); after.Checksum != before.Checksum && after.Documents != before.Documents+1 {
		t.Errorf("refused ingests changed the graph:\nbefore %v\nafter  %v", before, after)
	}
}

// TestIngestErrorsAreTheClients checks the adapter behind the mutation:
// every input error of the extractor is BAD_USER_INPUT (errs.ErrInvalid),
// not INTERNAL.
func TestIngestErrorsAreTheClients(t *testing.T) {
	e := newEnv(t, server.Config{}, false)
	ingest := app.IngestFunc(e.ingest)
	tests := []struct {
		name string
		text string
		want error
	}{
		{"empty", "", extract.ErrEmpty},
		{"binary", "a\x00b", extract.ErrBinary},
		{"invalid UTF-8", "Kazakhstan \xff\xfe and Türkiye", extract.ErrInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ingest(context.Background(), tt.text, ontologyDoc("bad"))
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if !errors.Is(err, errs.ErrInvalid) {
				t.Errorf("error %v does not wrap errs.ErrInvalid: the client would see INTERNAL", err)
			}
		})
	}
}

// endless is a reader of letters that counts what was read from it.
type endless struct {
	n     atomic.Int64
	limit int64
}

func (r *endless) Read(p []byte) (int, error) {
	if r.n.Load() >= r.limit {
		return 0, io.EOF
	}
	for i := range p {
		p[i] = 'a'
	}
	r.n.Add(int64(len(p)))
	return len(p), nil
}

// TestHugeBodyIsNotBuffered streams a 100 MB body, chunked (no
// Content-Length) and with a declared length: the server refuses it with
// 413 after reading no more than the limit (plus a buffer), never the whole.
func TestHugeBodyIsNotBuffered(t *testing.T) {
	e := newEnv(t, server.Config{}, false)
	const size = 100 << 20
	limit := server.DefaultConfig().MaxBodyBytes
	for _, declared := range []bool{false, true} {
		t.Run(fmt.Sprintf("declared length %v", declared), func(t *testing.T) {
			body := &endless{limit: size}
			prefix := strings.NewReader(`{"query":"mutation($t: String!) { ingestDocument(input:{text:$t}) { document { id } } }","variables":{"t":"`)
			req := httptest.NewRequest(http.MethodPost, "/graphql", io.MultiReader(prefix, body))
			req.ContentLength = -1
			if declared {
				req.ContentLength = size
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+apiKey)
			start := time.Now()
			r := e.do(req)
			if r.Status != http.StatusRequestEntityTooLarge {
				t.Errorf("HTTP %d, want 413", r.Status)
			}
			if read := body.n.Load(); read > limit+64<<10 {
				t.Errorf("read %d bytes of the body, limit %d: it is buffered", read, limit)
			}
			if took := time.Since(start); took > hostileBudget {
				t.Errorf("took %s", took)
			}
		})
	}
}

// manyFacts is an article whose sentences pair n countries two by two.
func manyFacts(n int) string {
	names := []string{"Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Azerbaijan", "Georgia",
		"Armenia", "Türkiye", "Iran", "Iraq", "Syria", "Jordan", "Egypt", "Saudi Arabia", "Qatar", "Kuwait", "Oman",
		"Bahrain", "Yemen", "Pakistan", "India", "China", "Mongolia", "Russia", "Ukraine", "Belarus", "Poland",
		"Germany", "France", "Italy", "Spain", "Japan", "Indonesia", "Malaysia", "Vietnam", "Thailand", "Brazil",
		"Argentina", "Mexico", "Canada", "Nigeria", "Kenya", "Ethiopia", "Morocco", "Algeria", "Tunisia", "Libya"}
	names = names[:min(n, len(names))]
	var b strings.Builder
	b.WriteString("Cooperation everywhere\n\n")
	for i, a := range names {
		for _, c := range names[i+1:] {
			fmt.Fprintf(&b, "%s and %s agreed to cooperate in energy and trade. ", a, c)
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// TestThousandsOfFacts ingests a document that yields thousands of facts:
// the result is bounded, and the load is all or nothing: interrupted by a
// deadline it leaves nothing (or, when the deadline came after the commit,
// the whole document), completed it leaves everything.
func TestThousandsOfFacts(t *testing.T) {
	e := newEnv(t, server.Config{}, false)
	text := manyFacts(48)
	x, err := extract.New(gazetteerT(t)).Extract(context.Background(), text, ontologyDoc("many"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes, %d entities, %d relations", len(text), len(x.Entities), len(x.Relations))
	if len(x.Relations) < 1000 {
		t.Fatalf("only %d relations: the document should yield thousands", len(x.Relations))
	}
	if len(x.Relations) > extract.DefaultMaxRelations {
		t.Errorf("%d relations, more than the cap of %d", len(x.Relations), extract.DefaultMaxRelations)
	}
	before := e.snapshot()
	for _, d := range []time.Duration{time.Millisecond, 50 * time.Millisecond, 200 * time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		_, err := e.store.Load(ctx, x)
		cancel()
		after := e.settled()
		if err == nil {
			t.Logf("the load finished within %s", d)
			break
		}
		if after != before {
			// The deadline came after the commit was sent: the outcome the
			// client saw is unknown, but the document must be whole, so
			// loading it again (idempotent) changes nothing.
			if _, err := e.store.Load(context.Background(), x); err != nil {
				t.Fatal(err)
			}
			if whole := e.snapshot(); whole != after {
				t.Fatalf("a load interrupted after %s left a partial document:\nbefore %v\nafter  %v\nwhole  %v", d, before, after, whole)
			}
			t.Logf("the deadline of %s came after the commit; the document is whole", d)
			break
		}
	}
	if _, err := e.store.DeleteDocument(context.Background(), x.Document.ID); err != nil && !errors.Is(err, errs.ErrNotFound) {
		t.Fatal(err)
	}
	res, err := e.ingest.Ingest(context.Background(), text, ontologyDoc("many"))
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	after := e.snapshot()
	if after.Documents != 1 || after.Sentences != int64(res.Stats.Sentences) {
		t.Errorf("after the ingest: %v; want 1 document and %d sentences", after, res.Stats.Sentences)
	}
}
