package graph

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/internal/query"
)

// writer writes one answer's data sequentially: each object's fields in
// the order collected, nulls where GraphQL puts them. A field that fails
// (its resolver's error, or a null where the schema forbids one) adds its
// error through gqlgen's error presenter with its path, and nulls the
// nearest nullable field above it, as gqlgen's executor does.
type writer struct {
	ctx   context.Context // the response's context: loaders, error list
	r     *Resolver
	enums *enumNames
	buf   []byte
	path  []pathStep
}

// pathStep is one step of the path to the value being written: a response
// key, or an index in a list.
type pathStep struct {
	key   string
	index int
}

// held is what a root's plan fetched with its entities: the shapes of
// their relation lists and counts (the loaders' keys but for the id).
type held struct {
	rels, counts *relationsArgs
}

// errNullElement is gqlgen's error for a null element of a non-null list.
var errNullElement = errors.New("the requested element is null which the schema does not allow")

// errNull is gqlgen's error for a null non-null field.
var errNull = errors.New("must not be null")

// write runs the bound roots in order and returns the answer's data.
func (s *directSchema) write(ctx context.Context, oc *graphql.OperationContext, run *directRun) []byte {
	w := &writer{ctx: ctx, r: s.res, enums: &s.enums, buf: make([]byte, 0, 4096)}
	for i, b := range run.roots {
		mark := w.field(i, b.f)
		ok := w.root(oc, b)
		if !w.end(b.f, mark, ok) {
			return []byte("null")
		}
	}
	w.close(len(run.roots))
	return w.buf
}

// root resolves one root field and writes its value.
func (w *writer) root(oc *graphql.OperationContext, b boundRoot) bool {
	if b.f.Name == "__typename" {
		w.string("Query")
		return true
	}
	fc := &graphql.FieldContext{Object: "Query", Field: b.f.CollectedField, Args: b.args, IsMethod: true, IsResolver: true}
	v, err := resolveRoot(graphql.WithFieldContext(w.ctx, fc), oc, b.call)
	if err != nil {
		return w.check(b.f, err)
	}
	h := &held{rels: b.rels, counts: b.counts}
	switch x := v.(type) {
	case *query.Entity:
		return w.entityOrNull(b.f, x, h)
	case *query.Bilateral:
		if x == nil {
			return w.null(b.f)
		}
		return w.bilateral(b.f.fields, x)
	case *query.Subgraph:
		if x == nil {
			return w.null(b.f)
		}
		return w.subgraph(b.f.fields, x)
	case []*query.Hit:
		return list(w, b.f, x, h, (*writer).hit)
	case *model.EntityConnection:
		if x == nil {
			return w.null(b.f)
		}
		return w.entityConnection(b.f.fields, x, h)
	}
	w.fail(fmt.Errorf("direct path: root %s answered %T", b.f.Name, v))
	return false
}

// resolveRoot calls a root resolver, turning a panic into the error
// gqlgen's recover function makes of it.
func resolveRoot(ctx context.Context, oc *graphql.OperationContext, call func(context.Context) (any, error)) (v any, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = nil, oc.Recover(ctx, p)
		}
	}()
	return call(ctx)
}

// field starts field i of an object (the brace before the first) and
// returns where its value starts.
func (w *writer) field(i int, f *dfield) int {
	if i == 0 {
		w.buf = append(w.buf, '{')
	} else {
		w.buf = append(w.buf, ',')
	}
	w.string(f.key)
	w.buf = append(w.buf, ':')
	w.path = append(w.path, pathStep{key: f.key})
	return len(w.buf)
}

// object writes an object of the selected fields fs: value writes field
// f's value and reports whether it could (a failed non-null field fails
// the object, a failed nullable one becomes null).
func (w *writer) object(fs []*dfield, value func(f *dfield) bool) bool {
	for i, f := range fs {
		mark := w.field(i, f)
		if !w.end(f, mark, value(f)) {
			return false
		}
	}
	w.close(len(fs))
	return true
}

// end ends a field whose value started at mark: when the value failed, a
// nullable field becomes null; a non-null one fails its object (false).
func (w *writer) end(f *dfield, mark int, ok bool) bool {
	w.path = w.path[:len(w.path)-1]
	if ok {
		return true
	}
	if f.nonNull {
		return false
	}
	w.buf = append(w.buf[:mark], "null"...)
	return true
}

// close ends an object of n fields.
func (w *writer) close(n int) {
	if n == 0 {
		w.buf = append(w.buf, '{')
	}
	w.buf = append(w.buf, '}')
}

// null writes the null value of field f: a failure when f is non-null.
func (w *writer) null(f *dfield) bool {
	if f.nonNull {
		w.fail(errNull)
		return false
	}
	w.buf = append(w.buf, "null"...)
	return true
}

// list writes items with each (the list field f's element writer); a
// failed element fails the list when elements are non-null.
func list[T any](w *writer, f *dfield, items []T, h *held, each func(*writer, []*dfield, T, *held) bool) bool {
	w.buf = append(w.buf, '[')
	for i, it := range items {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.path = append(w.path, pathStep{index: i})
		mark := len(w.buf)
		ok := each(w, f.fields, it, h)
		w.path = w.path[:len(w.path)-1]
		if !ok {
			if f.elemNonNull {
				return false
			}
			w.buf = append(w.buf[:mark], "null"...)
		}
	}
	w.buf = append(w.buf, ']')
	return true
}

// fail adds err for the value being written, with its path, through the
// response's error presenter.
func (w *writer) fail(err error) {
	ctx := w.ctx
	for _, p := range w.path {
		if p.key == "" {
			ctx = graphql.WithPathContext(ctx, graphql.NewPathWithIndex(p.index))
		} else {
			ctx = graphql.WithPathContext(ctx, graphql.NewPathWithField(p.key))
		}
	}
	graphql.AddError(ctx, err)
}

// check adds err, when not nil, as the error of field f's resolver (with
// the field's location, as gqlgen adds it) and reports whether there was
// none.
func (w *writer) check(f *dfield, err error) bool {
	if err == nil {
		return true
	}
	if pos := f.Position; pos != nil && pos.Line != 0 {
		loc := []gqlerror.Location{{Line: pos.Line, Column: pos.Column}}
		if gerr, ok := errors.AsType[*gqlerror.Error](err); ok {
			if gerr.Locations == nil {
				gerr.Locations = loc
			}
		} else {
			gerr := gqlerror.WrapPath(w.pathOf(), err)
			gerr.Locations = loc
			err = gerr
		}
	}
	w.fail(err)
	return false
}

// pathOf is the path of the value being written.
func (w *writer) pathOf() ast.Path {
	path := make(ast.Path, 0, len(w.path))
	for _, p := range w.path {
		if p.key == "" {
			path = append(path, ast.PathIndex(p.index))
		} else {
			path = append(path, ast.PathName(p.key))
		}
	}
	return path
}

// string writes s quoted as gqlgen's string marshaler does, then escaped
// as encoding/json escapes a json.RawMessage: <, > and & as \u003c,
// \u003e and \u0026, U+2028 and U+2029 as \u2028 and \u2029. So the
// answer is in its final form, and the transport can send it as it is.
func (w *writer) string(s string) {
	w.buf = append(w.buf, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&^1 == 0xA8:
			w.buf = append(w.buf, s[start:i]...)
			w.buf = append(w.buf, '\\', 'u', '2', '0', '2', hexLower[s[i+2]&0xf])
			i += 2
			start = i + 1
		case c >= 0x20 && c != '\\' && c != '"' && c != '<' && c != '>' && c != '&':
		default:
			w.buf = append(w.buf, s[start:i]...)
			w.buf = appendEscaped(w.buf, c)
			start = i + 1
		}
	}
	w.buf = append(w.buf, s[start:]...)
	w.buf = append(w.buf, '"')
}

// The hex digits of gqlgen's escapes (control characters) and of
// encoding/json's (<, >, &, U+2028, U+2029).
const (
	hexUpper = "0123456789ABCDEF"
	hexLower = "0123456789abcdef"
)

// appendEscaped appends the escape of byte c, which a string cannot hold
// as it is: a control character, a quote, a backslash, <, > or &.
func appendEscaped(b []byte, c byte) []byte {
	switch c {
	case '\t':
		return append(b, '\\', 't')
	case '\r':
		return append(b, '\\', 'r')
	case '\n':
		return append(b, '\\', 'n')
	case '\\', '"':
		return append(b, '\\', c)
	case '<', '>', '&':
		return append(b, '\\', 'u', '0', '0', hexLower[c>>4], hexLower[c&0xf])
	}
	return append(b, '\\', 'u', '0', '0', hexUpper[c>>4], hexUpper[c&0xf])
}

func (w *writer) optString(s *string) {
	if s == nil {
		w.buf = append(w.buf, "null"...)
		return
	}
	w.string(*s)
}

func (w *writer) int(n int) { w.buf = strconv.AppendInt(w.buf, int64(n), 10) }

func (w *writer) optInt(n *int) {
	if n == nil {
		w.buf = append(w.buf, "null"...)
		return
	}
	w.int(*n)
}

func (w *writer) bool(b bool) { w.buf = strconv.AppendBool(w.buf, b) }

// float writes f as gqlgen's Float marshaler does (%g); NaN and the
// infinities fail as they do there.
func (w *writer) float(f float64) bool {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		w.fail(errors.New("cannot marshal infinite no NaN float values"))
		return false
	}
	w.buf = strconv.AppendFloat(w.buf, f, 'g', -1, 64)
	return true
}

// strings writes a list of strings (nil is the empty list).
func (w *writer) strings(ss []string) {
	w.buf = append(w.buf, '[')
	for i, s := range ss {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.string(s)
	}
	w.buf = append(w.buf, ']')
}
