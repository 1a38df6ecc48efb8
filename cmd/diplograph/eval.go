package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/eval"
	"github.com/diplograph/diplograph/internal/ontology"
)

const evalSummary = "score extraction engines against gold annotations (NAME.gold.json beside NAME.txt, or naming its text by path)"

// runEval scores one or both engines on gold files and prints per-text and
// pooled precision, recall and F1, the per-predicate table pooled over the
// texts, and with -v each text's misses, spurious and forbidden facts.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval", evalSummary+"; the gold format is documented in docs/extraction.md")
	engines := stringFlag(fs, "engines", "", "corenlp,surface", "engines to score, comma-separated: corenlp, surface")
	ef := addEngineFlags(fs)
	verbose := boolFlag(fs, "v", "", false, "print each text's per-predicate table, misses, spurious and forbidden facts")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("eval: give gold files (NAME.gold.json, with NAME.txt beside it)")
	}
	type doc struct {
		name, text string
		gold       eval.Gold
	}
	var docs []doc
	for _, p := range eval.Unique(fs.Args()) {
		name, text, g, err := eval.Load(p)
		if err != nil {
			return fmt.Errorf("eval: %w", err)
		}
		docs = append(docs, doc{name, text, g})
	}
	for _, name := range strings.Split(*engines, ",") {
		engine := ef.config(true, stderr)
		engine.Name = strings.TrimSpace(name)
		e, err := app.OpenEngine(ctx, engine, nil)
		if err != nil {
			return fmt.Errorf("eval: %w", err)
		}
		x := e.Extractor
		var results []eval.Result
		for _, d := range docs {
			ex, err := x.Extract(ctx, d.text, ontology.Doc{})
			if err != nil {
				return fmt.Errorf("eval %s: %w", d.name, err)
			}
			results = append(results, eval.Evaluate(d.name, d.gold, ex))
		}
		fmt.Fprintln(stdout)
		if err := eval.WriteSummary(stdout, "engine "+x.Engine(), results); err != nil {
			return err
		}
		if err := eval.WritePerPredicate(stdout, results); err != nil {
			return err
		}
		if *verbose {
			for _, r := range results {
				if err := eval.WriteDetail(stdout, r); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
