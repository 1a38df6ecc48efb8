package corenlpserver

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// state is what an instance folder remembers in state.json.
type state struct {
	Name      string    `json:"name"`
	Version   string    `json:"version"`
	PID       int       `json:"pid,omitempty"`      // 0 when stopped
	Detached  bool      `json:"detached,omitempty"` // started to outlive its starter
	Owner     int       `json:"owner,omitempty"`    // pid of the process an attached instance dies with
	Port      int       `json:"port"`
	Heap      string    `json:"heap"`
	Threads   int       `json:"threads"`
	Preload   string    `json:"preload,omitempty"`
	StartedAt time.Time `json:"started_at,omitzero"`
}

func statePath(dir string) string { return filepath.Join(dir, "state.json") }

// readState reads dir's state; a missing file is a zero state, not an error.
func readState(dir string) (state, error) {
	var s state
	if err := jvmservice.ReadState(statePath(dir), &s); err != nil {
		return state{}, fmt.Errorf("corenlpserver: %w", err)
	}
	return s, nil
}

// writeState replaces dir's state atomically.
func writeState(dir string, s state) error {
	if err := jvmservice.WriteState(statePath(dir), s); err != nil {
		return fmt.Errorf("corenlpserver: %w", err)
	}
	return nil
}
