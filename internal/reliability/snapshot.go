// Package reliability holds diplograph's fault, hostile-input, injection and
// auth tests, and the fuzz targets over the HTTP handler. Its one non-test
// export, Snapshot, tells whether anything in the graph changed: the tests
// take one before and after every hostile request, and `diplograph soak`
// uses it for its final check.
package reliability

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// State is the graph's size and a checksum of its content.
type State struct {
	Nodes         int64
	Relationships int64
	Properties    int64
	Documents     int64
	Sentences     int64
	// Checksum is a SHA-256 over every node (labels, properties) and every
	// relationship (type, both ends' ids, properties), in a stable order.
	Checksum string
}

func (s State) String() string {
	return fmt.Sprintf("nodes=%d relationships=%d properties=%d documents=%d sentences=%d checksum=%s",
		s.Nodes, s.Relationships, s.Properties, s.Documents, s.Sentences, s.Checksum[:min(12, len(s.Checksum))])
}

// Snapshot reads the whole graph. It is for tests and the soak's final
// check, not request paths: it scans everything.
func Snapshot(ctx context.Context, driver neo4j.DriverWithContext, database string) (State, error) {
	var st State
	// Both reads in one transaction. Neo4j isolates reads at read
	// committed, so a commit may still land between them (a load whose
	// client gave up while the server still commits): callers that race a
	// write wait for the graph to settle (see the tests' env.settled).
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: database, AccessMode: neo4j.AccessModeRead})
	defer session.Close(ctx)
	type graph struct{ nodes, rels []*neo4j.Record }
	g, err := neo4j.ExecuteRead(ctx, session, func(tx neo4j.ManagedTransaction) (graph, error) {
		var g graph
		res, err := tx.Run(ctx, `MATCH (n) RETURN labels(n) AS labels, properties(n) AS props`, nil)
		if err != nil {
			return g, fmt.Errorf("reliability: read nodes: %w", err)
		}
		if g.nodes, err = res.Collect(ctx); err != nil {
			return g, fmt.Errorf("reliability: read nodes: %w", err)
		}
		res, err = tx.Run(ctx, `MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`, nil)
		if err != nil {
			return g, fmt.Errorf("reliability: read relationships: %w", err)
		}
		if g.rels, err = res.Collect(ctx); err != nil {
			return g, fmt.Errorf("reliability: read relationships: %w", err)
		}
		return g, nil
	})
	if err != nil {
		return st, err
	}
	lines := make([]string, 0, len(g.nodes)+len(g.rels))
	for _, rec := range g.nodes {
		labels, _, err := neo4j.GetRecordValue[[]any](rec, "labels")
		if err != nil {
			return st, fmt.Errorf("reliability: labels: %w", err)
		}
		props, _, err := neo4j.GetRecordValue[map[string]any](rec, "props")
		if err != nil {
			return st, fmt.Errorf("reliability: node properties: %w", err)
		}
		ls := make([]string, 0, len(labels))
		for _, l := range labels {
			ls = append(ls, fmt.Sprint(l))
			switch l {
			case "Document":
				st.Documents++
			case "Sentence":
				st.Sentences++
			}
		}
		slices.Sort(ls)
		st.Nodes++
		st.Properties += int64(len(props))
		line, err := canonical("N", strings.Join(ls, ":"), props)
		if err != nil {
			return st, err
		}
		lines = append(lines, line)
	}
	for _, rec := range g.rels {
		typ, _, err := neo4j.GetRecordValue[string](rec, "type")
		if err != nil {
			return st, fmt.Errorf("reliability: relationship type: %w", err)
		}
		from, _ := rec.Get("from")
		to, _ := rec.Get("to")
		props, _, err := neo4j.GetRecordValue[map[string]any](rec, "props")
		if err != nil {
			return st, fmt.Errorf("reliability: relationship properties: %w", err)
		}
		st.Relationships++
		st.Properties += int64(len(props))
		line, err := canonical("R", fmt.Sprintf("%s|%v|%v", typ, from, to), props)
		if err != nil {
			return st, err
		}
		lines = append(lines, line)
	}
	slices.Sort(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	st.Checksum = hex.EncodeToString(h.Sum(nil))
	return st, nil
}

// canonical renders one node or relationship; encoding/json sorts map keys.
func canonical(kind, head string, props map[string]any) (string, error) {
	b, err := json.Marshal(props)
	if err != nil {
		return "", fmt.Errorf("reliability: encode properties: %w", err)
	}
	return kind + "|" + head + "|" + string(b), nil
}
