package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
)

// The direct path's answers leave the server as written. gqlgen's POST and
// GET transports send a response by json.Marshal, which re-validates and
// compacts its Data (a json.RawMessage) and escapes <, > and & (and U+2028,
// U+2029) in it: a second pass over every byte of an answer the direct
// writer has just produced. The writer already writes in that final form
// (compact, escaped as encoding/json escapes), so for its answers the
// transports below write {"errors":…,"data":<the writer's bytes>,…} with
// everything but the data marshalled by encoding/json as before: the same
// bytes, without the second pass. Headers, status codes, request decoding
// and every answer not from the direct path stay gqlgen's: the wrapped
// transport does all of it, and only the one Write of a direct answer's
// body is replaced.

// directTransport wraps one of gqlgen's HTTP transports (POST, GET).
type directTransport struct {
	graphql.Transport
}

// Do implements graphql.Transport.
func (t directTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	rw := &directResponseWriter{ResponseWriter: w}
	t.Transport.Do(rw, r, directExecutor{GraphExecutor: exec, w: rw})
}

// directMark is where the direct path leaves the data it wrote for the
// request whose context holds the mark.
type directMark struct {
	data []byte
}

type directMarkKey struct{}

func withDirectMark(ctx context.Context, m *directMark) context.Context {
	return context.WithValue(ctx, directMarkKey{}, m)
}

// directMarkFrom is the request's mark; nil when the request did not come
// through a directTransport (its data is then marshalled by gqlgen, which
// gives the same bytes).
func directMarkFrom(ctx context.Context) *directMark {
	m, _ := ctx.Value(directMarkKey{}).(*directMark)
	return m
}

// directExecutor hands the transport, for an answer of the direct path, a
// stand-in response and the answer's encoding to the response writer.
type directExecutor struct {
	graphql.GraphExecutor
	w *directResponseWriter
}

// DispatchOperation implements graphql.GraphExecutor.
func (e directExecutor) DispatchOperation(ctx context.Context, oc *graphql.OperationContext) (graphql.ResponseHandler, context.Context) {
	mark := &directMark{}
	next, ctx := e.GraphExecutor.DispatchOperation(withDirectMark(ctx, mark), oc)
	return func(ctx context.Context) *graphql.Response {
		resp := next(ctx)
		if resp == nil || !sameBytes(resp.Data, mark.data) {
			return resp // not the direct path's, or replaced by a middleware
		}
		mark.data = nil
		parts, err := encodeDirect(resp)
		if err != nil {
			return resp // gqlgen's transport marshals it, and fails, as before
		}
		e.w.parts = parts
		return &graphql.Response{Data: json.RawMessage("null")}
	}, ctx
}

// sameBytes says whether a and b are the same slice (not just equal).
func sameBytes(a, b []byte) bool {
	return len(a) > 0 && len(a) == len(b) && &a[0] == &b[0]
}

// encodeDirect encodes resp as json.Marshal does, but for its Data, which
// it takes as it is: the parts to write in order.
func encodeDirect(resp *graphql.Response) ([][]byte, error) {
	const head = `{"data":0`
	rest := *resp
	rest.Errors = nil
	rest.Data = json.RawMessage("0")
	tail, err := json.Marshal(&rest)
	if err != nil {
		return nil, fmt.Errorf("encoding the direct response: %w", err)
	}
	if len(tail) < len(head) || string(tail[:len(head)]) != head {
		return nil, fmt.Errorf("encoding the direct response: unexpected %.20q", tail)
	}
	prefix := []byte(`{"data":`)
	if len(resp.Errors) > 0 {
		errs, err := json.Marshal(resp.Errors)
		if err != nil {
			return nil, fmt.Errorf("encoding the direct response's errors: %w", err)
		}
		prefix = append(append(append([]byte(`{"errors":`), errs...), ','), prefix[1:]...)
	}
	return [][]byte{prefix, resp.Data, tail[len(head):]}, nil
}

// directResponseWriter writes, in place of the transport's next Write,
// the parts of a direct answer when it has them.
type directResponseWriter struct {
	http.ResponseWriter
	parts [][]byte
}

// Write implements http.ResponseWriter.
func (w *directResponseWriter) Write(b []byte) (int, error) {
	if w.parts == nil {
		return w.ResponseWriter.Write(b)
	}
	parts := w.parts
	w.parts = nil
	for _, p := range parts {
		if _, err := w.ResponseWriter.Write(p); err != nil {
			return 0, fmt.Errorf("writing the direct response: %w", err)
		}
	}
	return len(b), nil
}

// Unwrap gives http.ResponseController the wrapped writer.
func (w *directResponseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
