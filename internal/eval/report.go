package eval

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// Pool adds the scores of results.
func Pool(results []Result) Score { return pool(results, func(r Result) Score { return r.Score }) }

// PoolAligned adds the aligned scores of results.
func PoolAligned(results []Result) Score {
	return pool(results, func(r Result) Score { return r.Aligned })
}

func pool(results []Result, score func(Result) Score) Score {
	var s Score
	for _, r := range results {
		s.Add(score(r))
	}
	return s
}

// WriteSummary writes one line per text, the pooled line and the mean F1
// per text, under a title naming the engine. Texts the rules were tuned on
// are marked with "*"; when some are and some are not, the texts never
// tuned on are pooled on their own too, since only they say anything about
// new text.
func WriteSummary(w io.Writer, title string, results []Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%-40s %4s %4s %4s  %5s %5s %5s  %s\n", title, "text (* tuned on)", "tp", "fp", "fn", "P", "R", "F1", "forbidden")
	var fresh []Result
	for _, r := range results {
		p, rr, f := r.Score.PRF()
		name := r.Name
		if r.Tuned != "" {
			name += " *"
		} else {
			fresh = append(fresh, r)
		}
		fmt.Fprintf(&b, "%-40s %4d %4d %4d  %5.2f %5.2f %5.2f  %d\n", name, r.Score.TP, r.Score.FP, r.Score.FN, p, rr, f, len(r.Forbidden))
	}
	writeTotals(&b, "", results)
	if len(fresh) > 0 && len(fresh) < len(results) {
		writeTotals(&b, fmt.Sprintf(" (%d never tuned on)", len(fresh)), fresh)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeTotals(b *strings.Builder, suffix string, results []Result) {
	pool := Pool(results)
	p, rr, f := pool.PRF()
	forb := 0
	for _, r := range results {
		forb += len(r.Forbidden)
	}
	fmt.Fprintf(b, "%-40s %4d %4d %4d  %5.2f %5.2f %5.2f  %d\n", "POOLED"+suffix, pool.TP, pool.FP, pool.FN, p, rr, f, forb)
	fmt.Fprintf(b, "%-40s %32.2f\n", "MEAN F1 PER TEXT"+suffix, MeanF1(results))
	al := PoolAligned(results)
	p, rr, f = al.PRF()
	fmt.Fprintf(b, "%-40s %4d %4d %4d  %5.2f %5.2f %5.2f  (mean F1 %.2f)\n", "NODES ALIGNED"+suffix, al.TP, al.FP, al.FN, p, rr, f, MeanF1Aligned(results))
}

// MeanF1Aligned is the mean of the texts' aligned F1.
func MeanF1Aligned(results []Result) float64 {
	return meanF1(results, func(r Result) Score { return r.Aligned })
}

// MeanF1 is the mean of the texts' F1.
func MeanF1(results []Result) float64 {
	return meanF1(results, func(r Result) Score { return r.Score })
}

func meanF1(results []Result, score func(Result) Score) float64 {
	if len(results) == 0 {
		return 0
	}
	mean := 0.0
	for _, r := range results {
		_, _, f1 := score(r).PRF()
		mean += f1
	}
	return mean / float64(len(results))
}

// WriteDetail writes one text's per-predicate table and its missed,
// spurious and forbidden facts.
func WriteDetail(w io.Writer, r Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s\n%-18s %4s %4s %4s  %5s %5s %5s\n", r.Name, "predicate", "tp", "fp", "fn", "P", "R", "F1")
	for _, p := range ontology.Predicates {
		s, ok := r.ByPredicate[string(p)]
		if !ok {
			continue
		}
		pp, rr, ff := s.PRF()
		fmt.Fprintf(&b, "%-18s %4d %4d %4d  %5.2f %5.2f %5.2f\n", p, s.TP, s.FP, s.FN, pp, rr, ff)
	}
	pp, rr, ff := r.Score.PRF()
	fmt.Fprintf(&b, "%-18s %4d %4d %4d  %5.2f %5.2f %5.2f\n", "OVERALL", r.Score.TP, r.Score.FP, r.Score.FN, pp, rr, ff)
	for _, e := range slices.Sorted(maps.Keys(r.Alignment)) {
		fmt.Fprintf(&b, "  aligned   %s as %s\n", e, r.Alignment[e])
	}
	for _, f := range r.Missed {
		fmt.Fprintf(&b, "  missed    %s\n", f)
	}
	for _, f := range r.Spurious {
		fmt.Fprintf(&b, "  spurious  %s\n", f)
	}
	for _, f := range r.Forbidden {
		fmt.Fprintf(&b, "  FORBIDDEN %s\n", f)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// PerPredicate pools the per-predicate scores of results.
func PerPredicate(results []Result) map[string]*Score {
	out := map[string]*Score{}
	for _, r := range results {
		for p, s := range r.ByPredicate {
			if out[p] == nil {
				out[p] = &Score{}
			}
			out[p].Add(*s)
		}
	}
	return out
}

// WritePerPredicate writes the per-predicate table pooled over results,
// in the vocabulary's order, after a blank line.
func WritePerPredicate(w io.Writer, results []Result) error {
	var b strings.Builder
	per := PerPredicate(results)
	fmt.Fprintf(&b, "\n%-18s %4s %4s %4s  %5s %5s %5s\n", "predicate (pooled)", "tp", "fp", "fn", "P", "R", "F1")
	for _, p := range ontology.Predicates {
		if s, ok := per[string(p)]; ok {
			pp, rr, ff := s.PRF()
			fmt.Fprintf(&b, "%-18s %4d %4d %4d  %5.2f %5.2f %5.2f\n", p, s.TP, s.FP, s.FN, pp, rr, ff)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
