package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/diplograph/diplograph/bench/corpus"
	"github.com/diplograph/diplograph/bench/load"
	"github.com/diplograph/diplograph/bench/report"
	"github.com/diplograph/diplograph/bench/scenario"
	"github.com/diplograph/diplograph/internal/neo4jserver"
)

const apiKey = "bench-key-0123456789abcdef"

// system is one system under test.
type system struct {
	name string
	url  string // GraphQL endpoint; "" for the floor
	proc *proc
}

func run(ctx context.Context, c *config, log io.Writer) error {
	res := &report.Results{Started: time.Now(), Command: "go run ./bench " + strings.Join(os.Args[1:], " "), Machine: machine(), Config: c}
	logf := func(format string, a ...any) { fmt.Fprintf(log, time.Now().Format("15:04:05 ")+format+"\n", a...) }

	opts := neo4jserver.FromEnv()
	opts.Name = "bench"
	opts.APOC = c.APOC
	opts.Log = log
	inst, err := neo4jserver.Ensure(ctx, opts)
	if err != nil {
		return err
	}
	defer func() {
		if err := inst.Stop(context.Background()); err != nil {
			logf("stop neo4j: %v", err)
		}
	}()
	conn := inst.Conn()
	logf("neo4j: %s (%s)", conn.URI, conn.Source)
	driver, err := neo4j.NewDriverWithContext(conn.URI, neo4j.BasicAuth(conn.User, conn.Password, ""))
	if err != nil {
		return fmt.Errorf("driver: %w", err)
	}
	defer driver.Close(context.Background())
	if err := driver.VerifyConnectivity(ctx); err != nil {
		return fmt.Errorf("neo4j: %w", err)
	}
	db := conn.Database

	// The corpus.
	cp := corpus.Generate(c.Docs, c.Seed)
	loaded, err := countDocuments(ctx, driver, db)
	if err != nil {
		return err
	}
	if c.Reuse && loaded == c.Docs {
		logf("corpus: reusing the %d documents already loaded", loaded)
	} else {
		began := time.Now()
		logf("corpus: loading %d documents, %d sentences, %d facts, %d entities", len(cp.Documents), len(cp.Sentences), len(cp.Facts), len(cp.Entities))
		if err := corpus.Load(ctx, driver, db, cp); err != nil {
			return err
		}
		logf("corpus: loaded in %v", time.Since(began).Round(time.Millisecond))
	}
	params, info, err := scenario.Choose(ctx, driver, db)
	if err != nil {
		return err
	}
	info["documents"], info["sentences"], info["facts"], info["entities"] = len(cp.Documents), len(cp.Sentences), len(cp.Facts), len(cp.Entities)
	res.Corpus = info
	logf("params: %+v", params)

	// The systems.
	var systems []*system
	defer func() {
		for _, s := range systems {
			if s.proc != nil && !c.KeepRunning {
				stopProcess(s.proc)
			}
		}
	}()
	for _, name := range c.Systems {
		s := &system{name: name}
		switch name {
		case scenario.Diplograph:
			if s.proc, s.url, err = startDiplograph(ctx, c, conn, log); err != nil {
				return err
			}
		case scenario.Peer:
			if s.proc, s.url, err = startPeer(ctx, c, conn, log); err != nil {
				return err
			}
		}
		systems = append(systems, s)
	}
	if c.APOC {
		res.Notes = append(res.Notes, "Neo4j ran with APOC (the peer does not need it).")
	}
	res.Notes = append(res.Notes,
		"Systems are measured one at a time; the idle ones stay up. The load generator runs on the same machine.",
		"Floor: the minimal Cypher through the Go driver (no HTTP, no GraphQL), driven by the same vegeta ConstantPacer and vegeta.Metrics.",
		fmt.Sprintf("Scenario 6: scenario 2's reads at the step's rate while ingest mutations run at %d/s (writes listed separately).", c.IngestRate))
	if slices.Contains(c.Systems, scenario.Diplograph) {
		res.Notes = append(res.Notes, fmt.Sprintf("diplograph ran as `diplograph %s` (its ingest extracts; the peer's and the floor's are given the extraction).", c.DiploArgs))
	}

	// Check answers equal before timing anything.
	if err := checkAnswers(ctx, c, systems, driver, db, params, logf); err != nil {
		return err
	}

	// Load.
	for rep := 1; rep <= c.Repeat; rep++ {
		for _, id := range c.Scenarios {
			sc := scenario.ID(id)
			for _, s := range systems {
				r, err := series(ctx, c, s, sc, rep, driver, db, params, cp, logf)
				if err != nil {
					return err
				}
				res.Runs = append(res.Runs, r)
				if err := writeResults(c, res); err != nil {
					return err
				}
			}
		}
	}
	res.Finished = time.Now()
	if err := writeResults(c, res); err != nil {
		return err
	}
	logf("wrote %s", c.Out)
	return nil
}

// rewrite regenerates the table and the plot from a results.json.
func rewrite(c *config) error {
	b, err := os.ReadFile(c.Rewrite)
	if err != nil {
		return err
	}
	var res report.Results
	if err := json.Unmarshal(b, &res); err != nil {
		return fmt.Errorf("%s: %w", c.Rewrite, err)
	}
	return writeResults(c, &res)
}

func size(v any) string {
	b, _ := json.Marshal(v)
	return fmt.Sprintf("%d bytes canonical", len(b))
}

func writeResults(c *config, res *report.Results) error {
	if err := os.MkdirAll(c.Out, 0o755); err != nil {
		return err
	}
	write := func(name string, f func(io.Writer) error) error {
		tmp := filepath.Join(c.Out, name+".tmp")
		w, err := os.Create(tmp)
		if err != nil {
			return err
		}
		if err := f(w); err != nil {
			w.Close()
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
		return os.Rename(tmp, filepath.Join(c.Out, name))
	}
	if res.Finished.IsZero() {
		res.Finished = time.Now()
		defer func() { res.Finished = time.Time{} }()
	}
	if err := write("results.json", func(w io.Writer) error { return report.WriteJSON(w, res) }); err != nil {
		return err
	}
	if err := write("results.md", func(w io.Writer) error { return report.WriteMarkdown(w, res) }); err != nil {
		return err
	}
	return report.WritePlot(filepath.Join(c.Out, "latency.png"), res)
}

// series runs every step of one system on one scenario.
func series(ctx context.Context, c *config, s *system, sc scenario.ID, rep int, driver neo4j.DriverWithContext, db string,
	p scenario.Params, cp *corpus.Corpus, logf func(string, ...any)) (report.Run, error) {
	r := report.Run{System: s.name, Scenario: int(sc), Name: sc.Name(), Repeat: rep}
	for _, rate := range c.Steps {
		step := load.Step{Rate: rate, Duration: c.Duration, Warmup: c.Warmup, Timeout: c.Timeout, Workers: c.Workers}
		var writes chan load.Stats
		wctx, stopWrites := context.WithCancel(ctx)
		if sc == scenario.Ingest {
			writes = make(chan load.Stats, 1)
			go func() {
				ws := load.Step{Rate: c.IngestRate, Duration: c.Duration + c.Warmup, Timeout: c.Timeout, Workers: 16}
				st, err := ingestLoad(wctx, ws, s, driver, db, fmt.Sprintf("%s%d%d", s.name[:1], rep, rate))
				if err != nil {
					st.ErrorTexts = append(st.ErrorTexts, err.Error())
				}
				writes <- st
			}()
		}
		var prof chan string
		if s.name == scenario.Diplograph && rep == 1 && rate == c.Steps[len(c.Steps)-1] && strings.Contains(","+c.Pprof+",", fmt.Sprintf(",%d,", sc)) {
			prof = make(chan string, 1)
			go func() { prof <- profile(ctx, c, s, sc) }()
		}
		st, err := measure(ctx, step, s, sc, driver, db, p)
		if err != nil {
			stopWrites()
			return r, err
		}
		if writes != nil {
			w := <-writes
			r.Writes = append(r.Writes, w)
			if err := cleanup(ctx, driver, db); err != nil {
				stopWrites()
				return r, err
			}
		}
		stopWrites()
		if prof != nil {
			logf("pprof: %s", <-prof)
		}
		r.Steps = append(r.Steps, st)
		logf("rep %d scenario %d %-10s %5d/s: thr %.1f p50 %v p95 %v p99 %v max %v errors %d",
			rep, sc, s.name, rate, st.Throughput, st.P50.Round(10*time.Microsecond), st.P95.Round(10*time.Microsecond),
			st.P99.Round(10*time.Microsecond), st.Max.Round(time.Millisecond), st.Errors)
		if c.StopAtSat && report.Saturated(st) {
			logf("  %s saturated on scenario %d at %d/s: skipping higher steps", s.name, sc, rate)
			break
		}
	}
	return r, nil
}

func measure(ctx context.Context, step load.Step, s *system, sc scenario.ID, driver neo4j.DriverWithContext, db string, p scenario.Params) (load.Stats, error) {
	if s.url == "" {
		return load.Func(ctx, step, func(ctx context.Context, _ uint64) error {
			_, err := scenario.RunFloor(ctx, driver, db, sc, p)
			return err
		})
	}
	req, err := scenario.GraphQL(s.name, sc, p)
	if err != nil {
		return load.Stats{}, err
	}
	t := vegeta.Target{Method: http.MethodPost, URL: s.url, Body: req.Body(), Header: http.Header{"Content-Type": {"application/json"}}}
	return load.HTTP(ctx, step, []vegeta.Target{t}, func(body []byte) error {
		_, err := scenario.CheckResponse(body)
		return err
	})
}

// ingestLoad runs ingest mutations (or the floor's write) at a fixed rate,
// each a new document about the busy pair.
func ingestLoad(ctx context.Context, step load.Step, s *system, driver neo4j.DriverWithContext, db string, run string) (load.Stats, error) {
	a, aName, b, bName := ingestPair()
	if s.url == "" {
		return load.Func(ctx, step, func(ctx context.Context, seq uint64) error {
			return scenario.FloorIngest(ctx, driver, db, scenario.NewIngestDoc(run, int(seq), a, aName, b, bName))
		})
	}
	var n atomic.Int64
	tr := func(t *vegeta.Target) error {
		d := scenario.NewIngestDoc(run, int(n.Add(1)), a, aName, b, bName)
		*t = vegeta.Target{Method: http.MethodPost, URL: s.url, Body: scenario.IngestRequest(s.name, d).Body(),
			Header: http.Header{"Content-Type": {"application/json"}, "Authorization": {"Bearer " + apiKey}}}
		return nil
	}
	return load.HTTPTargeter(ctx, step, tr, func(body []byte) error {
		_, err := scenario.CheckResponse(body)
		return err
	})
}

func ingestPair() (a, aName, b, bName string) {
	return corpus.BusyActors.PairA, "Kazakhstan", corpus.BusyActors.PairB, "Türkiye"
}

// ingestOnce checks that a system's ingest works before it is timed. The
// first write plans a dozen statements, which on a loaded machine can exceed
// a request timeout: up to three tries, each a new document.
func ingestOnce(ctx context.Context, s *system, driver neo4j.DriverWithContext, db string) error {
	a, aName, b, bName := ingestPair()
	var err error
	for try := range 3 {
		d := scenario.NewIngestDoc("probe"+s.name, try, a, aName, b, bName)
		if s.url == "" {
			err = scenario.FloorIngest(ctx, driver, db, d)
		} else {
			var body []byte
			if body, err = post(ctx, s.url, scenario.IngestRequest(s.name, d)); err == nil {
				_, err = scenario.CheckResponse(body)
			}
		}
		if err == nil {
			return nil
		}
	}
	return err
}

// cleanup removes the ingested documents. A server may still be finishing
// writes the client gave up on, so it retries for a while.
func cleanup(ctx context.Context, driver neo4j.DriverWithContext, db string) error {
	var err error
	for try := range 6 {
		if try > 0 {
			time.Sleep(time.Duration(try) * 3 * time.Second)
		}
		_, err = neo4j.ExecuteQuery(ctx, driver, scenario.CleanupCypher, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
		if err == nil {
			return nil
		}
	}
	return fmt.Errorf("clean up ingested documents: %w", err)
}

func ask(ctx context.Context, s *system, sc scenario.ID, p scenario.Params) (any, error) {
	req, err := scenario.GraphQL(s.name, sc, p)
	if err != nil {
		return nil, err
	}
	body, err := post(ctx, s.url, req)
	if err != nil {
		return nil, err
	}
	return scenario.Decode(s.name, sc, body)
}

func post(ctx context.Context, url string, req scenario.Request) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(req.Body()))
	if err != nil {
		return nil, err
	}
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Set("Authorization", "Bearer "+apiKey)
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return body, fmt.Errorf("HTTP %d: %.300s", resp.StatusCode, body)
	}
	return body, nil
}

func countDocuments(ctx context.Context, driver neo4j.DriverWithContext, db string) (int, error) {
	r, err := neo4j.ExecuteQuery(ctx, driver, "MATCH (d:Document) RETURN count(d) AS n", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	n, _, err := neo4j.GetRecordValue[int64](r.Records[0], "n")
	return int(n), err
}

func machine() string {
	model := ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") {
				_, model, _ = strings.Cut(l, ":")
				model = strings.TrimSpace(model)
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int
		fmt.Sscanf(strings.SplitN(string(b), "\n", 2)[0], "MemTotal: %d kB", &kb)
		mem = fmt.Sprintf("%.0f GiB", float64(kb)/1024/1024)
	}
	return fmt.Sprintf("%d cores, %s, %s, %s/%s, %s", runtime.NumCPU(), mem, model, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// checkAnswers checks, before anything is timed, that every system answers
// each scenario as the floor's Cypher does, and that each ingests once.
func checkAnswers(ctx context.Context, c *config, systems []*system, driver neo4j.DriverWithContext, db string, params scenario.Params, logf func(string, ...any)) error {
	for _, id := range c.Scenarios {
		sc := scenario.ID(id)
		want, err := scenario.RunFloor(ctx, driver, db, sc, params)
		if err != nil {
			return err
		}
		for _, s := range systems {
			if s.url == "" {
				continue
			}
			got, err := ask(ctx, s, sc, params)
			if err != nil {
				return fmt.Errorf("scenario %d, %s: %w", sc, s.name, err)
			}
			if !scenario.Equal(want, got) {
				return fmt.Errorf("scenario %d: %s's answer differs from the floor's: %s", sc, s.name, scenario.Diff(want, got))
			}
		}
		logf("scenario %d (%s): answers equal (%s)", sc, sc.Name(), size(want))
		if sc == scenario.Ingest {
			for _, s := range systems {
				if err := ingestOnce(ctx, s, driver, db); err != nil {
					return fmt.Errorf("scenario 6, %s: a first ingest failed: %w", s.name, err)
				}
			}
			if err := cleanup(ctx, driver, db); err != nil {
				return err
			}
		}
	}
	return nil
}
