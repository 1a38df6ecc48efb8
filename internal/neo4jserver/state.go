package neo4jserver

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// state is what an instance folder remembers in state.json (mode 0600: it
// holds the password).
type state struct {
	Name        string    `json:"name"`
	Version     string    `json:"version"`
	PID         int       `json:"pid,omitempty"`      // 0 when stopped
	Detached    bool      `json:"detached,omitempty"` // started to outlive its starter
	Owner       int       `json:"owner,omitempty"`    // pid of the process an attached instance dies with
	BoltPort    int       `json:"bolt_port"`
	HTTPPort    int       `json:"http_port"`
	Password    string    `json:"password"`
	PasswordSet bool      `json:"password_set"` // the initial neo4j/neo4j password was changed
	APOC        bool      `json:"apoc,omitempty"`
	StartedAt   time.Time `json:"started_at,omitzero"`
}

func statePath(dir string) string { return filepath.Join(dir, "state.json") }

// readState reads dir's state; a missing file is a zero state, not an error.
func readState(dir string) (state, error) {
	var s state
	if err := jvmservice.ReadState(statePath(dir), &s); err != nil {
		return state{}, fmt.Errorf("neo4jserver: %w", err)
	}
	return s, nil
}

// writeState replaces dir's state atomically.
func writeState(dir string, s state) error {
	if err := jvmservice.WriteState(statePath(dir), s); err != nil {
		return fmt.Errorf("neo4jserver: %w", err)
	}
	return nil
}
