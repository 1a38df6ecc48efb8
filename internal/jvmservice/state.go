package jvmservice

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ReadState decodes the JSON file at path into v; a missing file leaves v
// as it is and is not an error.
func ReadState(path string, v any) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read state: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s is damaged (delete it to start afresh): %w", path, err)
	}
	return nil
}

// WriteState replaces the JSON file at path with v atomically, mode 0600
// (a state can hold a password).
func WriteState(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode state: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-")
	if err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("write state: %w", err)
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("write state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	return nil
}

// StatePath is the state file of the instance in dir.
func StatePath(dir string) string { return filepath.Join(dir, "state.json") }

// base is the lifecycle's part of an instance's state file.
type base struct {
	Name      string    `json:"name"`
	Version   string    `json:"version"`
	PID       int       `json:"pid,omitempty"`      // 0 when stopped
	Detached  bool      `json:"detached,omitempty"` // started to outlive its starter
	Owner     int       `json:"owner,omitempty"`    // pid of the process an attached instance dies with
	StartedAt time.Time `json:"started_at,omitzero"`
}

// record is an instance's state file: the lifecycle's fields and the
// server's own, side by side in one JSON object (the layout the files had
// when each server wrote its own, so existing instances are still found).
type record[S comparable] struct {
	base
	Own S
}

func (r record[S]) MarshalJSON() ([]byte, error) {
	a, err := json.Marshal(r.base)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(r.Own)
	if err != nil {
		return nil, err
	}
	if len(b) < 2 || b[0] != '{' {
		return nil, fmt.Errorf("a server's own state must be a JSON object, not %.20s", b)
	}
	if len(b) == 2 {
		return a, nil
	}
	return append(append(a[:len(a)-1:len(a)-1], ','), b[1:]...), nil
}

func (r *record[S]) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &r.base); err != nil {
		return err
	}
	return json.Unmarshal(b, &r.Own)
}

// readRecord reads the state of the instance in dir; a missing file is a
// zero state, not an error.
func readRecord[S comparable](dir string) (record[S], error) {
	var r record[S]
	if err := ReadState(StatePath(dir), &r); err != nil {
		return record[S]{}, err
	}
	return r, nil
}

// writeRecord replaces the state of the instance in dir atomically.
func writeRecord[S comparable](dir string, r record[S]) error {
	return WriteState(StatePath(dir), r)
}
