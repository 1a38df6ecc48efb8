// Package report writes the benchmark's results: raw JSON, a Markdown table
// with the target ratios, and a plot of latency percentiles against offered
// load, one line per system.
package report

import (
	"encoding/json"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/diplograph/diplograph/bench/load"
)

// Run is one system's series for one scenario in one repetition.
type Run struct {
	System   string       `json:"system"`
	Scenario int          `json:"scenario"`
	Name     string       `json:"name"`
	Repeat   int          `json:"repeat"`
	Steps    []load.Stats `json:"steps"`
	// Writes holds scenario 6's ingest stats, one per step.
	Writes []load.Stats `json:"writes,omitempty"`
}

// Results is a whole benchmark run.
type Results struct {
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	Command  string    `json:"command"`
	Machine  string    `json:"machine"`
	Config   any       `json:"config"`
	Corpus   any       `json:"corpus"`
	Notes    []string  `json:"notes,omitempty"`
	Runs     []Run     `json:"runs"`
}

// SLO is the latency bound of "sustainable": p99 under it and no errors.
const SLO = 100 * time.Millisecond

// Sustainable is the highest offered rate whose step met the SLO with no
// errors and kept up with the offered rate (throughput within 10% of it),
// or 0 when none did.
func Sustainable(steps []load.Stats) int {
	best := 0
	for _, s := range steps {
		if s.Errors == 0 && s.P99 < SLO && s.Throughput >= 0.9*float64(s.Rate) && s.Rate > best {
			best = s.Rate
		}
	}
	return best
}

// Capacity is the highest offered rate the system kept up with: no errors
// and throughput at least 90% of the offered rate, whatever the latency.
func Capacity(steps []load.Stats) int {
	best := 0
	for _, s := range steps {
		if s.Errors == 0 && s.Throughput >= 0.9*float64(s.Rate) && s.Rate > best {
			best = s.Rate
		}
	}
	return best
}

// Saturated says whether a step is past what the system can take: p99 over
// 2 s, more than 5% errors, or throughput under 70% of the offered rate.
func Saturated(s load.Stats) bool {
	return s.P99 > 2*time.Second || float64(s.Errors) > 0.05*float64(s.Requests) || s.Throughput < 0.7*float64(s.Rate)
}

// ErrorsBelowSaturation sums the errors of the steps before the first
// saturated one.
func ErrorsBelowSaturation(steps []load.Stats) uint64 {
	var n uint64
	for _, s := range steps {
		if Saturated(s) {
			break
		}
		n += s.Errors
	}
	return n
}

func ratio(a, b int, what string) string {
	switch {
	case b > 0:
		return fmt.Sprintf("%.2f", float64(a)/float64(b))
	case a > 0:
		return "∞ (" + what + " 0)"
	}
	return "— (both 0)"
}

// WriteJSON writes the results as indented JSON.
func WriteJSON(w io.Writer, r *Results) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond))
}

// first returns the first repetition's run of a system and scenario.
func (r *Results) first(system string, scenario int) *Run { return r.rep(system, scenario, 1) }

// rep returns a repetition's run of a system and scenario.
func (r *Results) rep(system string, scenario, rep int) *Run {
	for i := range r.Runs {
		if r.Runs[i].System == system && r.Runs[i].Scenario == scenario && r.Runs[i].Repeat == rep {
			return &r.Runs[i]
		}
	}
	return nil
}

func (r *Results) name(scenario int) string {
	for _, run := range r.Runs {
		if run.Scenario == scenario {
			return run.Name
		}
	}
	return ""
}

func (r *Results) scenarios() []int {
	seen := map[int]bool{}
	var out []int
	for _, run := range r.Runs {
		if !seen[run.Scenario] {
			seen[run.Scenario] = true
			out = append(out, run.Scenario)
		}
	}
	sort.Ints(out)
	return out
}

// lowestStep is the first (lowest-rate) step of a run: where p50 is compared.
func lowestStep(run *Run) (load.Stats, bool) {
	if run == nil || len(run.Steps) == 0 {
		return load.Stats{}, false
	}
	return run.Steps[0], true
}

// WriteMarkdown writes the table of every step and the target ratios.
func WriteMarkdown(w io.Writer, r *Results) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# diplograph benchmark\n\n")
	fmt.Fprintf(&b, "- Date: %s (%.0f min)\n", r.Started.UTC().Format("2006-01-02 15:04 MST"), r.Finished.Sub(r.Started).Minutes())
	fmt.Fprintf(&b, "- Machine: %s\n", r.Machine)
	fmt.Fprintf(&b, "- Command: `%s`\n", r.Command)
	if c, err := json.Marshal(r.Corpus); err == nil {
		fmt.Fprintf(&b, "- Corpus: `%s`\n", c)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	reps := 0
	for _, run := range r.Runs {
		reps = max(reps, run.Repeat)
	}
	for rep := 1; rep <= reps; rep++ {
		r.writeTargets(&b, rep)
		r.writeP50s(&b, rep)
	}
	fmt.Fprintf(&b, "\nSustainable: the highest offered rate with p99 < %v, no errors and throughput ≥ 90%% of the offered rate. "+
		"Capacity: the same without the latency bound (the system kept up, answers within the request timeout). "+
		"Saturated: p99 > 2 s, > 5%% errors or throughput < 70%% of the offered rate (higher steps are skipped).\n", SLO)
	writeSteps(&b, r)
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Results) writeTargets(b *strings.Builder, rep int) {
	fmt.Fprintf(b, "\n## Targets, repetition %d\n\n", rep)
	fmt.Fprintf(b, "| scenario | p50 diplograph / floor at the lowest step (target ≤ 1.3) | sustainable diplograph / peer (target ≥ 2) | sustainable d / p / f (req/s) | capacity diplograph / peer | capacity d / p / f (req/s) | diplograph errors below saturation |\n|---|---|---|---|---|---|---|\n")
	for _, sc := range r.scenarios() {
		d, p, f := r.rep("diplograph", sc, rep), r.rep("peer", sc, rep), r.rep("floor", sc, rep)
		p50 := "—"
		if ds, ok := lowestStep(d); ok {
			if fs, ok := lowestStep(f); ok {
				switch {
				case ds.Errors > 0 || fs.Errors > 0:
					p50 = fmt.Sprintf("n/a: errors at %d/s (d %d, f %d)", ds.Rate, ds.Errors, fs.Errors)
				case fs.P50 > 0:
					p50 = fmt.Sprintf("%.2f (%s / %s ms)", float64(ds.P50)/float64(fs.P50), ms(ds.P50), ms(fs.P50))
				}
			}
		}
		var sd, sp, sf, cd, cp, cf int
		if d != nil {
			sd, cd = Sustainable(d.Steps), Capacity(d.Steps)
		}
		if p != nil {
			sp, cp = Sustainable(p.Steps), Capacity(p.Steps)
		}
		if f != nil {
			sf, cf = Sustainable(f.Steps), Capacity(f.Steps)
		}
		sus, capr := "—", "—"
		if d != nil && p != nil {
			sus, capr = ratio(sd, sp, "peer"), ratio(cd, cp, "peer")
		}
		errs := "—"
		if d != nil {
			errs = fmt.Sprint(ErrorsBelowSaturation(d.Steps))
		}
		fmt.Fprintf(b, "| %d %s | %s | %s | %d / %d / %d | %s | %d / %d / %d | %s |\n", sc, r.name(sc), p50, sus, sd, sp, sf, capr, cd, cp, cf, errs)
	}
}

// writeP50s writes, per scenario and offered rate, the p50 of each system
// and diplograph's ratio to the floor: the latency target holds at every
// rate below saturation, not only at the lowest.
func (r *Results) writeP50s(b *strings.Builder, rep int) {
	seen := map[int]bool{}
	var rates []int
	for _, run := range r.Runs {
		if run.Repeat != rep {
			continue
		}
		for _, s := range run.Steps {
			if !seen[s.Rate] {
				seen[s.Rate] = true
				rates = append(rates, s.Rate)
			}
		}
	}
	if len(rates) == 0 {
		return
	}
	sort.Ints(rates)
	at := func(run *Run, rate int) (load.Stats, bool) {
		if run != nil {
			for _, s := range run.Steps {
				if s.Rate == rate {
					return s, true
				}
			}
		}
		return load.Stats{}, false
	}
	cell := func(run *Run, rate int) string {
		s, ok := at(run, rate)
		switch {
		case !ok:
			return "—"
		case Saturated(s):
			return ms(s.P50) + " sat"
		}
		return ms(s.P50)
	}
	fmt.Fprintf(b, "\n### p50 at each offered rate, repetition %d\n\n", rep)
	fmt.Fprintf(b, "Each cell: p50 diplograph / peer / floor in ms (\"sat\": a saturated step, \"—\": not run), then diplograph / floor (target ≤ 1.3 below saturation).\n\n| scenario |")
	for _, rate := range rates {
		fmt.Fprintf(b, " %d/s |", rate)
	}
	fmt.Fprintf(b, "\n|---|%s\n", strings.Repeat("---|", len(rates)))
	for _, sc := range r.scenarios() {
		d, p, f := r.rep("diplograph", sc, rep), r.rep("peer", sc, rep), r.rep("floor", sc, rep)
		fmt.Fprintf(b, "| %d %s |", sc, r.name(sc))
		for _, rate := range rates {
			c := cell(d, rate) + " / " + cell(p, rate) + " / " + cell(f, rate)
			ds, dok := at(d, rate)
			fs, fok := at(f, rate)
			if dok && fok && fs.P50 > 0 && !Saturated(ds) && !Saturated(fs) {
				c += fmt.Sprintf(" (%.2f)", float64(ds.P50)/float64(fs.P50))
			}
			fmt.Fprintf(b, " %s |", c)
		}
		fmt.Fprintf(b, "\n")
	}
}

func writeSteps(b *strings.Builder, r *Results) {
	fmt.Fprintf(b, "\n## Every step\n\nLatencies in ms; throughput is successful responses per second.\n\n")
	fmt.Fprintf(b, "| scenario | system | rep | rate | throughput | p50 | p95 | p99 | max | errors |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, sc := range r.scenarios() {
		for _, run := range r.Runs {
			if run.Scenario != sc {
				continue
			}
			for _, s := range run.Steps {
				fmt.Fprintf(b, "| %d %s | %s | %d | %d | %.1f | %s | %s | %s | %s | %d |\n",
					sc, run.Name, run.System, run.Repeat, s.Rate, s.Throughput, ms(s.P50), ms(s.P95), ms(s.P99), ms(s.Max), s.Errors)
			}
			for i, s := range run.Writes {
				fmt.Fprintf(b, "| %d ingest writes (at step %d) | %s | %d | %d | %.1f | %s | %s | %s | %s | %d |\n",
					sc, i+1, run.System, run.Repeat, s.Rate, s.Throughput, ms(s.P50), ms(s.P95), ms(s.P99), ms(s.Max), s.Errors)
			}
		}
	}
	var errs []string
	for _, run := range r.Runs {
		for _, s := range append(append([]load.Stats{}, run.Steps...), run.Writes...) {
			for _, e := range s.ErrorTexts {
				errs = append(errs, fmt.Sprintf("scenario %d %s rate %d: %s", run.Scenario, run.System, s.Rate, e))
			}
		}
	}
	if len(errs) > 0 {
		fmt.Fprintf(b, "\n## Error samples\n\n")
		for i, e := range errs {
			if i == 30 {
				fmt.Fprintf(b, "- ... %d more\n", len(errs)-30)
				break
			}
			fmt.Fprintf(b, "- %s\n", e)
		}
	}
}

var systemColors = map[string]color.RGBA{
	"diplograph": {R: 0x1f, G: 0x77, B: 0xb4, A: 0xff},
	"peer":       {R: 0xd6, G: 0x27, B: 0x28, A: 0xff},
	"floor":      {R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff},
}

// WritePlot draws, for each scenario, p50 and p99 latency against offered
// load (log-log), one line per system (solid p50, dashed p99), first
// repetition, into a PNG grid.
func WritePlot(path string, r *Results) error {
	scs := r.scenarios()
	if len(scs) == 0 {
		return fmt.Errorf("report: nothing to plot")
	}
	cols := min(3, len(scs))
	rows := (len(scs) + cols - 1) / cols
	const cw, ch = 5 * vg.Inch, 4 * vg.Inch
	img := vgimg.New(cw*vg.Length(cols), ch*vg.Length(rows))
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: rows, Cols: cols}
	for i, sc := range scs {
		p := plot.New()
		name := ""
		for _, run := range r.Runs {
			if run.Scenario == sc {
				name = run.Name
				break
			}
		}
		p.Title.Text = fmt.Sprintf("%d: %s", sc, name)
		p.X.Label.Text = "offered load (req/s)"
		p.Y.Label.Text = "latency (ms)"
		p.X.Scale = plot.LogScale{}
		p.Y.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.LogTicks{Prec: -1}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
		drawn := 0
		p.Legend.Top = true
		p.Legend.Left = true
		for _, sys := range []string{"diplograph", "peer", "floor"} {
			run := r.first(sys, sc)
			if run == nil || len(run.Steps) == 0 {
				continue
			}
			for _, q := range []struct {
				label string
				get   func(load.Stats) time.Duration
				dash  []vg.Length
			}{
				{"p50", func(s load.Stats) time.Duration { return s.P50 }, nil},
				{"p99", func(s load.Stats) time.Duration { return s.P99 }, []vg.Length{vg.Points(4), vg.Points(3)}},
			} {
				pts := make(plotter.XYs, 0, len(run.Steps))
				for _, s := range run.Steps {
					if q.get(s) <= 0 || s.Rate <= 0 {
						continue // no successful response at this step
					}
					y := math.Max(float64(q.get(s))/float64(time.Millisecond), 0.01)
					pts = append(pts, plotter.XY{X: float64(s.Rate), Y: y})
				}
				if len(pts) == 0 {
					continue
				}
				drawn++
				line, points, err := plotter.NewLinePoints(pts)
				if err != nil {
					return fmt.Errorf("report: plot: %w", err)
				}
				line.Color = systemColors[sys]
				line.Dashes = q.dash
				line.Width = vg.Points(1.5)
				points.Color = systemColors[sys]
				points.Radius = vg.Points(2)
				p.Add(line, points)
				p.Legend.Add(sys+" "+q.label, line)
			}
		}
		if drawn == 0 {
			p.X.Scale, p.Y.Scale = plot.LinearScale{}, plot.LinearScale{}
			p.X.Tick.Marker, p.Y.Tick.Marker = plot.DefaultTicks{}, plot.DefaultTicks{}
			p.Title.Text += " (no successful responses)"
		}
		p.Draw(tiles.At(dc, i%cols, i/cols))
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("report: write %s: %w", path, err)
	}
	return f.Close()
}
