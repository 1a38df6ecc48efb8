package store

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/diplograph/diplograph/internal/ontology"

	"github.com/diplograph/diplograph/internal/errs"
)

var docID = regexp.MustCompile(`^doc:[0-9a-f]{16}$`)

// Validate checks an extraction before anything is written: known labels
// and predicates, non-empty ids, relations whose ends are listed entities,
// sane evidence offsets, property values that are scalars or lists of one
// scalar type. The error wraps errs.ErrInvalid and says where the problem is.
func Validate(x *ontology.Extraction) error {
	if x == nil {
		return fmt.Errorf("%w: nil extraction", errs.ErrInvalid)
	}
	d := x.Document
	if !docID.MatchString(d.ID) {
		return fmt.Errorf("%w: document id %q: want doc: and 16 lower-case hex digits", errs.ErrInvalid, d.ID)
	}
	if d.Length < 0 {
		return fmt.Errorf("%w: document %s: negative length %d", errs.ErrInvalid, d.ID, d.Length)
	}
	labels := make(map[string]ontology.Label, len(x.Entities))
	for i, e := range x.Entities {
		where := fmt.Sprintf("entity %d (%q)", i, e.ID)
		if strings.TrimSpace(e.ID) == "" {
			return fmt.Errorf("%w: %s: empty id", errs.ErrInvalid, where)
		}
		if !e.Label.Valid() || e.Label == ontology.Document {
			return fmt.Errorf("%w: %s: unknown label %q", errs.ErrInvalid, where, e.Label)
		}
		if prev, ok := labels[e.ID]; ok && prev != e.Label {
			return fmt.Errorf("%w: %s: listed as both %s and %s", errs.ErrInvalid, where, prev, e.Label)
		}
		labels[e.ID] = e.Label
		if strings.TrimSpace(e.Name) == "" {
			return fmt.Errorf("%w: %s: empty name", errs.ErrInvalid, where)
		}
		if err := validateProps(e.Properties, entityReserved); err != nil {
			return fmt.Errorf("%w: %s: %w", errs.ErrInvalid, where, err)
		}
	}
	for i, r := range x.Relations {
		where := fmt.Sprintf("relation %d (%s -%s-> %s)", i, r.Subject, r.Predicate, r.Object)
		if !r.Predicate.Valid() {
			return fmt.Errorf("%w: %s: unknown predicate %q", errs.ErrInvalid, where, r.Predicate)
		}
		if _, ok := labels[r.Subject]; !ok {
			return fmt.Errorf("%w: %s: subject %q is not among the entities", errs.ErrInvalid, where, r.Subject)
		}
		if _, ok := labels[r.Object]; !ok {
			return fmt.Errorf("%w: %s: object %q is not among the entities", errs.ErrInvalid, where, r.Object)
		}
		if r.Modality != "" && !r.Modality.Valid() {
			return fmt.Errorf("%w: %s: unknown modality %q", errs.ErrInvalid, where, r.Modality)
		}
		if math.IsNaN(r.Confidence) || r.Confidence < 0 || r.Confidence > 1 {
			return fmt.Errorf("%w: %s: confidence %v outside 0..1", errs.ErrInvalid, where, r.Confidence)
		}
		if len(r.Evidence) == 0 {
			return fmt.Errorf("%w: %s: no evidence", errs.ErrInvalid, where)
		}
		for j, ev := range r.Evidence {
			if ev.Document != "" && ev.Document != d.ID {
				return fmt.Errorf("%w: %s: evidence %d names document %q, not %q", errs.ErrInvalid, where, j, ev.Document, d.ID)
			}
			if ev.Start < 0 || ev.End <= ev.Start || (d.Length > 0 && ev.End > d.Length) {
				return fmt.Errorf("%w: %s: evidence %d: offsets %d-%d outside the document (length %d)", errs.ErrInvalid, where, j, ev.Start, ev.End, d.Length)
			}
			if strings.TrimSpace(ev.Sentence) == "" {
				return fmt.Errorf("%w: %s: evidence %d: empty sentence", errs.ErrInvalid, where, j)
			}
			if n := utf8.RuneCountInString(ev.Sentence); n > ev.End-ev.Start {
				return fmt.Errorf("%w: %s: evidence %d: sentence of %d characters does not fit offsets %d-%d", errs.ErrInvalid, where, j, n, ev.Start, ev.End)
			}
		}
		if err := validateProps(r.Properties, relationReserved); err != nil {
			return fmt.Errorf("%w: %s: %w", errs.ErrInvalid, where, err)
		}
	}
	return nil
}

// Property names the loader writes itself (ontology.EntityFields,
// RelationFields); an extraction may not set them.
var (
	entityReserved   = setOf(ontology.EntityFields)
	relationReserved = setOf(ontology.RelationFields)
)

func setOf(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

var propName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func validateProps(props map[string]any, reserved map[string]bool) error {
	for k, v := range props {
		if !propName.MatchString(k) {
			return fmt.Errorf("property name %q: want lower_snake_case", k)
		}
		if reserved[k] {
			return fmt.Errorf("property %q is written by the loader, not the extraction", k)
		}
		if _, err := propValue(v); err != nil {
			return fmt.Errorf("property %q: %w", k, err)
		}
	}
	return nil
}

// propValue converts a property value to what Neo4j stores: a scalar
// (string, bool, int64, float64; integral JSON numbers become int64) or a
// list of one scalar type. Maps, nested lists, nil and mixed lists are errors.
func propValue(v any) (any, error) {
	switch x := v.(type) {
	case string, bool, int64:
		return x, nil
	case int:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case float32:
		return propValue(float64(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("not a finite number")
		}
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), nil
		}
		return x, nil
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		var kind string
		for i, e := range x {
			s, err := propValue(e)
			if err != nil {
				return nil, fmt.Errorf("element %d: %w", i, err)
			}
			if _, isList := s.([]any); isList {
				return nil, fmt.Errorf("element %d: nested list", i)
			}
			k := fmt.Sprintf("%T", s)
			if kind != "" && k != kind {
				return nil, fmt.Errorf("list mixes %s and %s", kind, k)
			}
			kind, out[i] = k, s
		}
		return out, nil
	case nil:
		return nil, fmt.Errorf("null value")
	default:
		return nil, fmt.Errorf("value of type %T: want a scalar or a list of scalars", v)
	}
}
