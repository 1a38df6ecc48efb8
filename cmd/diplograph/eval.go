package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/diplograph/diplograph/internal/app"
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
	golds, err := app.LoadGold(fs.Args())
	if err != nil {
		return err
	}
	for _, name := range strings.Split(*engines, ",") {
		engine := ef.config(true, stderr)
		engine.Name = strings.TrimSpace(name)
		scores, err := golds.Score(ctx, engine)
		if err != nil {
			return err
		}
		if err := scores.Write(stdout, *verbose); err != nil {
			return err
		}
	}
	return nil
}
