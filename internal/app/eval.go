package app

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"github.com/diplograph/diplograph/internal/eval"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/ordered"
)

// GoldSet is gold annotations with their texts, read once and scored for
// every engine.
type GoldSet struct {
	docs []goldDoc
}

type goldDoc struct {
	name, text string
	gold       eval.Gold
}

// LoadGold reads gold files: NAME.gold.json beside NAME.txt, or naming
// its text by path (the format is in package eval). A text named twice
// (by NAME.gold.json and NAME.txt, as a shell expands DIR/*) is read once.
func LoadGold(paths []string) (*GoldSet, error) {
	var s GoldSet
	for _, p := range eval.Unique(paths) {
		name, text, g, err := eval.Load(p)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		s.docs = append(s.docs, goldDoc{name, text, g})
	}
	return &s, nil
}

// Scores are one engine's results on a gold set.
type Scores struct {
	// Engine names the engine and its version.
	Engine  string
	results []eval.Result
}

// Score reads every text of s with the engine of e, without metadata,
// and scores what it found against the gold.
func (s *GoldSet) Score(ctx context.Context, e EngineConfig) (*Scores, error) {
	eng, err := OpenEngine(ctx, e, nil)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	x := eng.Extractor
	out := &Scores{Engine: x.Engine()}
	score := func(ctx context.Context, d goldDoc) (eval.Result, error) {
		ex, err := x.Extract(ctx, d.text, ontology.Doc{})
		if err != nil {
			return eval.Result{}, fmt.Errorf("eval %s: %w", d.name, err)
		}
		return eval.Evaluate(d.name, d.gold, ex), nil
	}
	// texts are read GOMAXPROCS at a time, their results kept in order
	err = ordered.Map(ctx, runtime.GOMAXPROCS(0), func(yield func(goldDoc, error) bool) {
		for _, d := range s.docs {
			if !yield(d, nil) {
				return
			}
		}
	}, score, func(r eval.Result) error { out.results = append(out.results, r); return nil })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Write prints the scores after a blank line: per text and pooled, the
// per-predicate table pooled over the texts, and with verbose each text's
// per-predicate table and its missed, spurious and forbidden facts.
func (s *Scores) Write(w io.Writer, verbose bool) error {
	fmt.Fprintln(w)
	if err := eval.WriteSummary(w, "engine "+s.Engine, s.results); err != nil {
		return err
	}
	if err := eval.WritePerPredicate(w, s.results); err != nil {
		return err
	}
	if verbose {
		for _, r := range s.results {
			if err := eval.WriteDetail(w, r); err != nil {
				return err
			}
		}
	}
	return nil
}
