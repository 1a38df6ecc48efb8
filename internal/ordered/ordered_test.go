package ordered_test

import (
	"context"
	"errors"
	"iter"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/ordered"
)

// ints yields 0..n-1, and err at item errAt (when errAt >= 0); it counts
// the items read.
func ints(n, errAt int, err error, read *atomic.Int32) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := range n {
			read.Add(1)
			if i == errAt {
				yield(0, err)
				return
			}
			if !yield(i, nil) {
				return
			}
		}
	}
}

var errBoom = errors.New("boom")

func TestMap(t *testing.T) {
	for _, tc := range []struct {
		name      string
		n, items  int
		inErrAt   int // the sequence fails at this item (-1: never)
		workErrAt int // work fails on this item (-1: never)
		emitErrAt int // emit fails on this item (-1: never)
		wantOut   int // results emitted, in order 0..wantOut-1
		wantErr   bool
	}{
		{name: "sequential", n: 1, items: 20, inErrAt: -1, workErrAt: -1, emitErrAt: -1, wantOut: 20},
		{name: "four at once", n: 4, items: 50, inErrAt: -1, workErrAt: -1, emitErrAt: -1, wantOut: 50},
		{name: "zero counts as one", n: 0, items: 5, inErrAt: -1, workErrAt: -1, emitErrAt: -1, wantOut: 5},
		{name: "empty", n: 3, items: 0, inErrAt: -1, workErrAt: -1, emitErrAt: -1, wantOut: 0},
		{name: "work fails", n: 4, items: 30, inErrAt: -1, workErrAt: 7, emitErrAt: -1, wantOut: 7, wantErr: true},
		{name: "first item fails", n: 4, items: 30, inErrAt: -1, workErrAt: 0, emitErrAt: -1, wantOut: 0, wantErr: true},
		{name: "emit fails", n: 3, items: 30, inErrAt: -1, workErrAt: -1, emitErrAt: 11, wantOut: 11, wantErr: true},
		{name: "sequence fails", n: 3, items: 30, inErrAt: 9, workErrAt: -1, emitErrAt: -1, wantOut: 9, wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var read, inFlight, peak atomic.Int32
			work := func(ctx context.Context, i int) (int, error) {
				now := inFlight.Add(1)
				defer inFlight.Add(-1)
				for p := peak.Load(); now > p && !peak.CompareAndSwap(p, now); p = peak.Load() {
				}
				time.Sleep(time.Duration((i*7)%5) * time.Millisecond) // later items often finish first
				if i == tc.workErrAt {
					return 0, errBoom
				}
				return i * i, nil
			}
			var got []int
			emit := func(r int) error {
				if len(got) == tc.emitErrAt {
					return errBoom
				}
				got = append(got, r)
				return nil
			}
			err := ordered.Map(context.Background(), tc.n, ints(tc.items, tc.inErrAt, errBoom, &read), work, emit)
			if (err != nil) != tc.wantErr || (err != nil && !errors.Is(err, errBoom)) {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if len(got) != tc.wantOut {
				t.Fatalf("emitted %d results, want %d: %v", len(got), tc.wantOut, got)
			}
			for i, r := range got {
				if r != i*i {
					t.Fatalf("result %d is %d, want %d (out of order): %v", i, r, i*i, got)
				}
			}
			if p := int(peak.Load()); p > max(tc.n, 1) {
				t.Errorf("%d calls of work at once, want at most %d", p, max(tc.n, 1))
			}
			if inFlight.Load() != 0 {
				t.Errorf("%d calls of work still running after Map returned", inFlight.Load())
			}
			if tc.wantErr && int(read.Load()) >= tc.items {
				t.Errorf("read all %d items though the run stopped early", tc.items)
			}
		})
	}
}

// Several items really run at once: n slow calls take about the time of
// one, not n.
func TestMapOverlaps(t *testing.T) {
	var read, inFlight, peak atomic.Int32
	work := func(ctx context.Context, i int) (int, error) {
		now := inFlight.Add(1)
		defer inFlight.Add(-1)
		for p := peak.Load(); now > p && !peak.CompareAndSwap(p, now); p = peak.Load() {
		}
		time.Sleep(20 * time.Millisecond)
		return i, nil
	}
	if err := ordered.Map(context.Background(), 4, ints(16, -1, nil, &read), work, func(int) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if peak.Load() < 2 {
		t.Errorf("at most %d call of work at a time, want several", peak.Load())
	}
}

// Cancelling the caller's context stops the run with its error, and the
// calls in flight see it.
func TestMapCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var read atomic.Int32
	work := func(ctx context.Context, i int) (int, error) {
		if i == 1 { // the second item, started while the first runs
			cancel()
		}
		<-ctx.Done()
		return 0, ctx.Err()
	}
	err := ordered.Map(ctx, 2, ints(1000, -1, nil, &read), work, func(int) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if read.Load() >= 1000 {
		t.Errorf("read every item after the context ended")
	}
}
