// Package ordered runs work over a sequence with several items in flight
// and hands the results on in the sequence's order, so that a command
// which prints one result per input reads several inputs at once and still
// prints them as it would one at a time.
package ordered

import (
	"context"
	"iter"
	"sync"
)

// Map calls work on each item of in, at most n at once (n < 1 counts as
// 1), and emit on each result in the order of in, from the calling
// goroutine. The first error, from in, from work (of the earliest item
// that failed) or from emit, stops the run: no later result is emitted,
// items not yet started are not read, and Map returns that error once
// every call of work it started has returned. At most n results wait
// for emit at any time, so memory is bounded by n whatever the length of
// in.
func Map[T, R any](ctx context.Context, n int, in iter.Seq2[T, error], work func(context.Context, T) (R, error), emit func(R) error) error {
	n = max(n, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		r   R
		err error
	}
	// Each item gets a future, queued in order; the queue holds n-1, the
	// consumer one more, so n calls of work run at most.
	futures := make(chan chan result, n-1)
	var running sync.WaitGroup
	go func() {
		defer close(futures)
		for item, err := range in {
			f := make(chan result, 1)
			select {
			case futures <- f:
			case <-ctx.Done():
				return
			}
			if err != nil {
				f <- result{err: err}
				return
			}
			if ctx.Err() != nil {
				f <- result{err: ctx.Err()} // stopped: start no more work
				return
			}
			running.Go(func() {
				r, err := work(ctx, item)
				f <- result{r, err}
			})
		}
	}()
	var first error
	for f := range futures {
		res := <-f // after a failure too: waiting keeps at most n calls running
		if first != nil {
			continue // drain, so the producer ends
		}
		err := res.err
		if err == nil {
			err = emit(res.r)
		}
		if err != nil {
			first = err
			cancel()
		}
	}
	running.Wait()
	if first == nil {
		first = ctx.Err() // the caller's context ended before every item was read
	}
	return first
}
