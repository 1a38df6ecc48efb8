// Command bench measures diplograph against the peer (@neo4j/graphql) and the
// floor (minimal Cypher over Bolt) on the same Neo4j and the same synthetic
// corpus, scenario by scenario, at a fixed-rate series of offered loads.
//
//	go run ./bench --docs 10000 --steps 50,100,200,400,800 --duration 20s --repeat 2
//
// It gets a Neo4j (internal/neo4jserver.Ensure: NEO4J_URI, Docker or the
// local JDK), loads the corpus, builds and starts `diplograph serve` and the
// peer (npm ci, node) as subprocesses, checks that the three systems give
// equal answers, then offers load one system at a time and writes
// bench/results/{results.md,latency.png,results.json}. See bench/README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// defaultDiploArgs starts diplograph with the surface extraction rules
// (in process, about 15 ms of CPU per op-ed and well under 1 ms per
// scenario 6 document) rather than serve's default engine, which starts
// Stanford CoreNLP: a 3 GB JVM that spent about 100 ms of CPU on each
// one-sentence scenario 6 document on the 2-core benchmark machine. The
// peer and the floor are given the extraction and only write, so with
// CoreNLP scenario 6 measures the parser competing with the reads for the
// cores rather than the writes; --diplograph-args "serve" measures that.
const defaultDiploArgs = "serve --engine surface"

type config struct {
	Docs        int           `json:"docs"`
	Seed        uint64        `json:"seed"`
	Steps       []int         `json:"steps"`
	Duration    time.Duration `json:"duration"`
	Warmup      time.Duration `json:"warmup"`
	Repeat      int           `json:"repeat"`
	Systems     []string      `json:"systems"`
	Scenarios   []int         `json:"scenarios"`
	IngestRate  int           `json:"ingest_rate"`
	Timeout     time.Duration `json:"timeout"`
	Workers     uint64        `json:"workers"`
	Out         string        `json:"-"`
	Reuse       bool          `json:"reuse"`
	Smoke       bool          `json:"smoke"`
	DiploBin    string        `json:"-"`
	DiploArgs   string        `json:"diplograph_args"`
	PeerDir     string        `json:"-"`
	Pprof       string        `json:"-"`
	APOC        bool          `json:"apoc"`
	StopAtSat   bool          `json:"stop_at_saturation"`
	DiploPort   int           `json:"-"`
	PeerPort    int           `json:"-"`
	NoNpmCI     bool          `json:"-"`
	KeepRunning bool          `json:"-"`
	Rewrite     string        `json:"-"`
}

func parseFlags(args []string) (*config, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	c := &config{}
	docs := fs.Int("docs", 10000, "documents in the synthetic corpus")
	seed := fs.Uint64("seed", 1, "corpus seed")
	steps := fs.String("steps", "50,100,200,400,800,1600", "offered loads (requests/s), ascending")
	fs.DurationVar(&c.Duration, "duration", 20*time.Second, "measured time per step")
	fs.DurationVar(&c.Warmup, "warmup", 5*time.Second, "time per step at the same rate before measuring (excluded)")
	fs.IntVar(&c.Repeat, "repeat", 2, "repetitions of the whole series")
	systems := fs.String("systems", "diplograph,peer,floor", "systems to measure")
	scenarios := fs.String("scenarios", "1-6", "scenarios to run: a list (1,2,5) or a range (1-6)")
	fs.IntVar(&c.IngestRate, "ingest-rate", 5, "scenario 6: ingest mutations per second alongside the reads")
	fs.DurationVar(&c.Timeout, "timeout", 5*time.Second, "per-request timeout")
	workers := fs.Uint64("workers", 256, "maximum concurrent requests per system")
	fs.StringVar(&c.Out, "out", "bench/results", "where to write results")
	fs.BoolVar(&c.Reuse, "reuse", false, "keep the corpus already loaded (same --docs and --seed) instead of reloading")
	fs.BoolVar(&c.Smoke, "smoke", false, "a quick pass: 300 documents, steps 20,50, 3s per step, 1s warm-up, one repetition")
	fs.StringVar(&c.DiploBin, "diplograph-bin", "", "a built diplograph binary (default: go build ./cmd/diplograph)")
	fs.StringVar(&c.DiploArgs, "diplograph-args", defaultDiploArgs, "arguments to the diplograph binary (the address comes in DIPLOGRAPH_ADDR); \"serve\" alone extracts with Stanford CoreNLP when it can be had")
	fs.StringVar(&c.PeerDir, "peer-dir", "bench/peer", "the peer's directory")
	fs.StringVar(&c.Pprof, "pprof", "", "scenario ids (1,3) for which to take a 10s CPU profile of diplograph at the top sustained step (needs serve's pprof flag)")
	fs.BoolVar(&c.APOC, "apoc", false, "ask neo4jserver for APOC (the peer does not need it)")
	fs.BoolVar(&c.StopAtSat, "stop-at-saturation", true, "skip a system's higher steps once a step saturates (p99 > 2s, >5% errors, or throughput < 70% of the offered rate)")
	fs.IntVar(&c.DiploPort, "diplograph-port", 0, "diplograph's port (0: a free one)")
	fs.IntVar(&c.PeerPort, "peer-port", 0, "the peer's port (0: a free one)")
	fs.BoolVar(&c.NoNpmCI, "no-npm-ci", false, "skip npm ci when bench/peer/node_modules exists")
	fs.BoolVar(&c.KeepRunning, "keep-running", false, "leave diplograph and the peer running at the end (for profiling by hand)")
	fs.StringVar(&c.Rewrite, "rewrite", "", "only rewrite results.md and latency.png in --out from this results.json")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	c.Docs, c.Seed, c.Workers = *docs, *seed, *workers
	var err error
	if c.Steps, err = ints(*steps); err != nil {
		return nil, fmt.Errorf("--steps: %w", err)
	}
	if c.Scenarios, err = ints(*scenarios); err != nil {
		return nil, fmt.Errorf("--scenarios: %w", err)
	}
	for _, s := range c.Scenarios {
		if s < 1 || s > 6 {
			return nil, fmt.Errorf("--scenarios: %d is not a scenario (1-6)", s)
		}
	}
	for _, s := range strings.Split(*systems, ",") {
		switch s = strings.TrimSpace(s); s {
		case "diplograph", "peer", "floor":
			c.Systems = append(c.Systems, s)
		case "":
		default:
			return nil, fmt.Errorf("--systems: unknown system %q (diplograph, peer, floor)", s)
		}
	}
	if c.Smoke {
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		if !set["docs"] {
			c.Docs = 300
		}
		if !set["steps"] {
			c.Steps = []int{20, 50}
		}
		if !set["duration"] {
			c.Duration = 3 * time.Second
		}
		if !set["warmup"] {
			c.Warmup = time.Second
		}
		if !set["repeat"] {
			c.Repeat = 1
		}
	}
	if c.Docs < 1 || c.Repeat < 1 || c.Duration <= 0 || len(c.Steps) == 0 || len(c.Systems) == 0 || c.Workers < 1 {
		return nil, errors.New("--docs, --repeat, --duration, --steps, --systems and --workers must be positive")
	}
	return c, nil
}

// ints parses "1,2,5" and "1-6".
func ints(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if lo, hi, ok := strings.Cut(part, "-"); ok {
			a, err1 := strconv.Atoi(lo)
			b, err2 := strconv.Atoi(hi)
			if err1 != nil || err2 != nil || a > b {
				return nil, fmt.Errorf("bad range %q", part)
			}
			for i := a; i <= b; i++ {
				out = append(out, i)
			}
			continue
		}
		n, err := strconv.Atoi(part)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("bad number %q", part)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, errors.New("empty list")
	}
	return out, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c, err := parseFlags(os.Args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	if c.Rewrite != "" {
		if err := rewrite(c); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(ctx, c, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
