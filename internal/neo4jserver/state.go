package neo4jserver

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
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
	b, err := os.ReadFile(statePath(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("neo4jserver: read state: %w", err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("neo4jserver: %s is damaged (delete it to start afresh): %w", statePath(dir), err)
	}
	return s, nil
}

// writeState replaces dir's state atomically.
func writeState(dir string, s state) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("neo4jserver: encode state: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "state.json.tmp-")
	if err != nil {
		return fmt.Errorf("neo4jserver: write state: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("neo4jserver: write state: %w", err)
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("neo4jserver: write state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("neo4jserver: write state: %w", err)
	}
	if err := os.Rename(tmp.Name(), statePath(dir)); err != nil {
		return fmt.Errorf("neo4jserver: write state: %w", err)
	}
	return nil
}
