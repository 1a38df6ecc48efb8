package neo4jserver

import (
	"context"
	"fmt"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// Lock takes an exclusive lock on the file at path (created if needed),
// shared by every process on the machine, waiting until ctx ends. The lock
// goes with the process: a crashed holder releases it. onWait, when not
// nil, is called once if the lock is held by someone else.
func Lock(ctx context.Context, path string, onWait func()) (unlock func() error, err error) {
	unlock, err = jvmservice.Lock(ctx, path, onWait)
	if err != nil {
		return nil, fmt.Errorf("neo4jserver: %w", err)
	}
	return unlock, nil
}
