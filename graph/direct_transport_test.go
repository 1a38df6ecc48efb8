package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// TestEncodeDirect requires a direct answer's encoding to be json.Marshal's
// for every field of a response.
func TestEncodeDirect(t *testing.T) {
	yes := true
	data := json.RawMessage(`{"a":"\u003cb\u003e","b":[1,null,2.5e+06]}`)
	for _, resp := range []*graphql.Response{
		{Data: data},
		{Data: json.RawMessage("null"), Errors: gqlerror.List{{Message: `<no> & "such"`, Path: ast.Path{ast.PathName("a"), ast.PathIndex(0)},
			Locations: []gqlerror.Location{{Line: 1, Column: 3}}, Extensions: map[string]any{"code": "NOT_FOUND"}}}},
		{Data: data, Errors: gqlerror.List{{Message: "one"}, {Message: "two"}}, Extensions: map[string]any{"data": 0, "x": "<"}},
		{Data: data, Label: "l", Path: ast.Path{ast.PathName("p")}, HasNext: &yes},
	} {
		want, err := json.Marshal(resp)
		if err != nil {
			t.Fatal(err)
		}
		parts, err := encodeDirect(resp)
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Join(parts, nil); !bytes.Equal(got, want) {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
}

// stubExecutor answers every operation with resp, marking its data as the
// direct path's when direct is set.
type stubExecutor struct {
	graphql.GraphExecutor
	resp   *graphql.Response
	direct bool
}

func (e stubExecutor) DispatchOperation(ctx context.Context, _ *graphql.OperationContext) (graphql.ResponseHandler, context.Context) {
	if m := directMarkFrom(ctx); m != nil && e.direct {
		m.data = e.resp.Data
	}
	return graphql.OneShot(e.resp), ctx
}

func (e stubExecutor) CreateOperationContext(context.Context, *graphql.RawParams) (*graphql.OperationContext, gqlerror.List) {
	return &graphql.OperationContext{}, nil
}

// TestDirectTransportStandIn checks the transport sends a marked answer as
// written and leaves an unmarked one to encoding/json.
func TestDirectTransportStandIn(t *testing.T) {
	post := directTransport{postOnly{}}
	for _, c := range []struct {
		direct bool
		data   string
		want   string
	}{
		{true, `{"a":"<"}`, `{"errors":[{"message":"m"}],"data":{"a":"<"}}`}, // as written: not re-escaped
		{false, `{"a":"<"}`, `{"errors":[{"message":"m"}],"data":{"a":"\u003c"}}`},
	} {
		resp := &graphql.Response{Data: json.RawMessage(c.data), Errors: gqlerror.List{{Message: "m"}}}
		rec := httptest.NewRecorder()
		post.Do(rec, httptest.NewRequest(http.MethodPost, "/", nil), stubExecutor{resp: resp, direct: c.direct})
		if got := rec.Body.String(); got != c.want {
			t.Errorf("direct %v: got %s, want %s", c.direct, got, c.want)
		}
	}
}

// postOnly is a transport that dispatches and marshals as gqlgen's do.
type postOnly struct{}

func (postOnly) Supports(*http.Request) bool { return true }

func (postOnly) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	oc, _ := exec.CreateOperationContext(r.Context(), &graphql.RawParams{})
	h, ctx := exec.DispatchOperation(r.Context(), oc)
	b, err := json.Marshal(h(ctx))
	if err != nil {
		panic(err)
	}
	_, _ = w.Write(b)
}
