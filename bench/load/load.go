// Package load offers a fixed request rate to a system for a while and
// measures what comes back.
//
// HTTP systems (diplograph, the peer) are driven by vegeta's Attacker. The
// floor has no HTTP: it is driven by Func, a loop with the same pacer
// (vegeta.ConstantPacer), the same open-model semantics (a request is sent on
// schedule whether or not earlier ones have returned, up to a worker cap) and
// the same vegeta.Metrics, so the figures mean the same thing.
package load

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// Step is one fixed-rate run.
type Step struct {
	Rate     int           // requests per second offered
	Duration time.Duration // measured time
	Warmup   time.Duration // time at the same rate before measuring, excluded
	Timeout  time.Duration // per request
	Workers  uint64        // upper bound on concurrent requests
}

// Stats is what a step measured.
type Stats struct {
	Rate       int           `json:"rate"`
	Requests   uint64        `json:"requests"`
	Throughput float64       `json:"throughput"` // successful requests per second
	P50        time.Duration `json:"p50"`
	P95        time.Duration `json:"p95"`
	P99        time.Duration `json:"p99"`
	Max        time.Duration `json:"max"`
	Mean       time.Duration `json:"mean"`
	Errors     uint64        `json:"errors"`
	ErrorTexts []string      `json:"error_texts,omitempty"`
}

// Check decides whether a successful HTTP response is a correct answer (for
// GraphQL: no "errors"); nil accepts any 2xx.
type Check func(body []byte) error

func stats(rate int, m *vegeta.Metrics) Stats {
	m.Close()
	s := Stats{Rate: rate, Requests: m.Requests, Throughput: m.Throughput,
		P50: m.Latencies.P50, P95: m.Latencies.P95, P99: m.Latencies.P99, Max: m.Latencies.Max, Mean: m.Latencies.Mean}
	s.Errors = m.Requests - uint64(float64(m.Requests)*m.Success+0.5)
	if len(m.Errors) > 5 {
		s.ErrorTexts = m.Errors[:5]
	} else {
		s.ErrorTexts = m.Errors
	}
	return s
}

// HTTP offers the targets (rotated) to an HTTP system at the step's rate.
func HTTP(ctx context.Context, step Step, targets []vegeta.Target, check Check) (Stats, error) {
	if len(targets) == 0 {
		return Stats{}, fmt.Errorf("load: no targets")
	}
	return HTTPTargeter(ctx, step, vegeta.NewStaticTargeter(targets...), check)
}

// HTTPTargeter is HTTP with a targeter (e.g. one making a new document per
// request).
func HTTPTargeter(ctx context.Context, step Step, tr vegeta.Targeter, check Check) (Stats, error) {
	// One client for warm-up and measurement, so measured requests reuse
	// warm connections; a vegeta Attacker cannot be reused after an attack.
	client := &http.Client{
		Timeout: step.Timeout,
		Transport: &http.Transport{
			MaxIdleConnsPerHost: int(step.Workers),
			MaxConnsPerHost:     int(step.Workers),
			IdleConnTimeout:     time.Minute,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer client.CloseIdleConnections()
	newAttacker := func() *vegeta.Attacker {
		return vegeta.NewAttacker(vegeta.Client(client), vegeta.Workers(min(step.Workers, 64)), vegeta.MaxWorkers(step.Workers))
	}
	pace := vegeta.ConstantPacer{Freq: step.Rate, Per: time.Second}
	if step.Warmup > 0 {
		att := newAttacker()
		for range att.Attack(tr, pace, step.Warmup, "warmup") {
			if ctx.Err() != nil {
				att.Stop()
			}
		}
	}
	var m vegeta.Metrics
	att := newAttacker()
	for r := range att.Attack(tr, pace, step.Duration, "measure") {
		if ctx.Err() != nil {
			att.Stop()
		}
		if r.Error == "" && check != nil {
			if err := check(r.Body); err != nil {
				r.Error = err.Error()
				r.Code = 0
			}
		}
		r.Body = nil
		m.Add(r)
	}
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	return stats(step.Rate, &m), nil
}

// Func offers calls of f at the step's rate: the floor's driver.
func Func(ctx context.Context, step Step, f func(ctx context.Context, seq uint64) error) (Stats, error) {
	if step.Warmup > 0 {
		if _, err := runFunc(ctx, step, step.Warmup, f); err != nil {
			return Stats{}, err
		}
	}
	m, err := runFunc(ctx, step, step.Duration, f)
	if err != nil {
		return Stats{}, err
	}
	return stats(step.Rate, m), nil
}

func runFunc(ctx context.Context, step Step, d time.Duration, f func(ctx context.Context, seq uint64) error) (*vegeta.Metrics, error) {
	pace := vegeta.ConstantPacer{Freq: step.Rate, Per: time.Second}
	results := make(chan *vegeta.Result, 1024)
	var m vegeta.Metrics
	done := make(chan struct{})
	go func() {
		for r := range results {
			m.Add(r)
		}
		close(done)
	}()
	sem := make(chan struct{}, step.Workers)
	var wg sync.WaitGroup
	began := time.Now()
	var hits uint64
	for {
		elapsed := time.Since(began)
		if elapsed > d || ctx.Err() != nil {
			break
		}
		wait, stop := pace.Pace(elapsed, hits)
		if stop {
			break
		}
		if wait > 0 {
			time.Sleep(wait)
			continue
		}
		seq := hits
		hits++
		// Like vegeta at MaxWorkers: when every worker is busy the pacer
		// waits for one, and the offered rate falls behind (throughput shows it).
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			cctx, cancel := context.WithTimeout(ctx, step.Timeout)
			defer cancel()
			r := &vegeta.Result{Attack: "floor", Seq: seq, Timestamp: time.Now()}
			err := f(cctx, seq)
			r.Latency = time.Since(r.Timestamp)
			if err != nil {
				r.Error = err.Error()
			} else {
				r.Code = http.StatusOK
			}
			results <- r
		}()
	}
	wg.Wait()
	close(results)
	<-done
	return &m, ctx.Err()
}
