package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/bench/load"
)

func step(rate int, p50, p99 time.Duration, errs uint64) load.Stats {
	return load.Stats{Rate: rate, Requests: uint64(rate * 10), Throughput: float64(rate), P50: p50, P95: p99, P99: p99, Max: p99, Errors: errs}
}

func sample() *Results {
	ms := time.Millisecond
	return &Results{
		Started: time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC), Finished: time.Date(2026, 11, 27, 2, 30, 0, 0, time.UTC),
		Command: "go run ./bench --smoke", Machine: "2 cores", Corpus: map[string]int{"documents": 10},
		Runs: []Run{
			{System: "diplograph", Scenario: 2, Name: "bilateral", Repeat: 1, Steps: []load.Stats{step(50, 4*ms, 20*ms, 0), step(100, 5*ms, 40*ms, 0), step(200, 9*ms, 150*ms, 0)}},
			{System: "peer", Scenario: 2, Name: "bilateral", Repeat: 1, Steps: []load.Stats{step(50, 8*ms, 60*ms, 0), step(100, 30*ms, 300*ms, 0)}},
			{System: "floor", Scenario: 2, Name: "bilateral", Repeat: 1, Steps: []load.Stats{step(50, 2*ms, 10*ms, 0), step(100, 3*ms, 20*ms, 0), step(200, 4*ms, 30*ms, 0)}},
			{System: "floor", Scenario: 6, Name: "ingest", Repeat: 1, Steps: []load.Stats{step(50, 0, 0, 500)},
				Writes: []load.Stats{step(5, 10*ms, 20*ms, 0)}},
		},
	}
}

func TestSustainable(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name  string
		steps []load.Stats
		want  int
	}{
		{"highest step under the SLO", []load.Stats{step(50, ms, 10*ms, 0), step(100, ms, 99*ms, 0), step(200, ms, 101*ms, 0)}, 100},
		{"errors disqualify", []load.Stats{step(50, ms, 10*ms, 1)}, 0},
		{"falling behind the offered rate disqualifies", []load.Stats{{Rate: 100, Throughput: 80, P99: ms}}, 0},
		{"none", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sustainable(tt.steps); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestMarkdownHasRatiosAndEveryStep(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, sample()); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"| 2 bilateral | 2.00 (4.0 / 2.0 ms) | 2.00 | 100 / 50 / 200 | 2.00 | 200 / 100 / 200 | 0 |", // p50 ratio, sustainable and capacity ratios
		"| 2 bilateral | peer | 1 | 100 | 100.0 | 30.0 | 300.0 | 300.0 | 300.0 | 0 |",
		"| 6 ingest writes (at step 1) | floor | 1 | 5 |",
		"| 2 bilateral | 4.0 / 8.0 / 2.0 (2.00) | 5.0 / 30.0 / 3.0 (1.67) | 9.0 / — / 4.0 (2.25) |", // p50 per rate with the ratio to the floor
		"| 6 ingest | — / — / 0.0 sat | — / — / — | — / — / — |",
		"`go run ./bench --smoke`",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestPlotIsAPNG(t *testing.T) {
	path := filepath.Join(t.TempDir(), "latency.png")
	if err := WritePlot(path, sample()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\x89PNG")) || len(b) < 1000 {
		t.Errorf("not a PNG (%d bytes)", len(b))
	}
}

func TestJSONRoundTrips(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, sample()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"p99": 150000000`) {
		t.Errorf("JSON lacks the raw latencies: %.300s", b.String())
	}
}
