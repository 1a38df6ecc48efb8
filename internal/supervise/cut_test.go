package supervise_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/supervise"
)

func TestUntilDownCutsWorkInFlight(t *testing.T) {
	down := make(chan struct{})
	ctx, cancel := supervise.UntilDown(context.Background(), func() <-chan struct{} { return down })
	defer cancel(nil)
	close(down)
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the context was not cut when the service went down")
	}
	gateErr := errors.New("neo4j is down, retry in 5s")
	workErr := context.Canceled
	if got := supervise.CutError(ctx, workErr, func() error { return gateErr }); !errors.Is(got, gateErr) {
		t.Errorf("CutError = %v, want the gate's error", got)
	}
}

func TestUntilDownLeavesOtherErrorsAlone(t *testing.T) {
	ctx, cancel := supervise.UntilDown(context.Background(), nil)
	cancel(nil)
	workErr := errors.New("syntax error")
	if got := supervise.CutError(ctx, workErr, func() error { return errors.New("down") }); got != workErr {
		t.Errorf("CutError = %v, want the work's own error", got)
	}
	if got := supervise.CutError(ctx, nil, nil); got != nil {
		t.Errorf("CutError(nil) = %v", got)
	}
}
