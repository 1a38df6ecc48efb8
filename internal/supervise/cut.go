package supervise

import (
	"context"
	"errors"
)

// ErrWentDown is the cause of a context UntilDown cut.
var ErrWentDown = errors.New("the service went down")

// UntilDown is ctx, cancelled with ErrWentDown when down's channel closes
// (the service was found down), so that work in flight on it gives up at
// once instead of retrying until its deadline. down may be nil: ctx is then
// only cancellable.
func UntilDown(ctx context.Context, down func() <-chan struct{}) (context.Context, context.CancelCauseFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	if down == nil {
		return ctx, cancel
	}
	ch := down()
	go func() {
		select {
		case <-ch:
			cancel(ErrWentDown)
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}

// CutError is the gate's error when err came from a context UntilDown cut
// (the gate then says why and for how long), else err.
func CutError(ctx context.Context, err error, gate func() error) error {
	if err != nil && gate != nil && errors.Is(context.Cause(ctx), ErrWentDown) {
		if gerr := gate(); gerr != nil {
			return gerr
		}
	}
	return err
}
