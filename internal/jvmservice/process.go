package jvmservice

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// StartJava starts java with args in dir, its output going to logPath
// (truncated). A detached process gets a session of its own and outlives
// this one; an attached one gets a process group of its own and, on Linux,
// SIGTERM when its parent dies. The returned channel closes when the
// process has exited (it is reaped by a goroutine, so no zombie lingers).
func StartJava(java string, args []string, dir, logPath string, detached bool) (*exec.Cmd, <-chan struct{}, error) {
	if err := os.MkdirAll(filepath.Dir(logPath), 0o755); err != nil {
		return nil, nil, fmt.Errorf("log folder: %w", err)
	}
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", logPath, err)
	}
	defer logf.Close() // the child has its own copy
	cmd := exec.Command(java, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = logf, logf
	if detached {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	} else {
		cmd.SysProcAttr = attachedAttr()
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("start %s: %w", java, err)
	}
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(done)
	}()
	return cmd, done, nil
}

// PIDAlive reports whether a process with this pid exists.
func PIDAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// Alive reports whether pid is a running process whose command line has
// the argument marker (which names the instance, e.g. --home-dir=<dir>).
// On Linux it checks the command line, so a reused pid is not mistaken for
// the instance; without /proc it trusts the signal check.
func Alive(pid int, marker string) bool {
	if !PIDAlive(pid) {
		return false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err != nil {
		if _, perr := os.Stat("/proc/self/cmdline"); perr == nil {
			return false // /proc works, the process is gone
		}
		return true
	}
	return bytes.Contains(b, []byte(marker+"\x00"))
}

// Terminate sends pid SIGTERM, waits up to grace (or ctx), then SIGKILL.
// done, when not nil, closes when the process has been reaped; otherwise
// Alive(pid, marker) tells whether it is gone.
func Terminate(ctx context.Context, pid int, marker string, done <-chan struct{}, grace time.Duration) error {
	gone := func() bool {
		if done != nil {
			select {
			case <-done:
				return true
			default:
				return false
			}
		}
		return !Alive(pid, marker)
	}
	if gone() {
		return nil
	}
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("stop pid %d: %w", pid, err)
	}
	if waitGone(ctx, gone, grace) {
		return nil
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("kill pid %d: %w", pid, err)
	}
	if waitGone(context.WithoutCancel(ctx), gone, 10*time.Second) {
		return nil
	}
	return fmt.Errorf("pid %d still running after SIGKILL", pid)
}

func waitGone(ctx context.Context, gone func() bool, limit time.Duration) bool {
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for !gone() {
		select {
		case <-ctx.Done():
			return gone()
		case <-deadline.C:
			return gone()
		case <-tick.C:
		}
	}
	return true
}

// LogTail is the last n lines of the log at path, for error messages.
func LogTail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil || len(b) == 0 {
		return "(no output in " + path + ")"
	}
	return Tail(string(b), n)
}

// ErrExited is the error of a wait for a process that exited meanwhile.
var ErrExited = errors.New("the java process exited")

// Poll calls check every interval until it reports done (with a nil error,
// or an error that is final), until ctx ends (the error wraps ctx's and
// says what check said last) or until exited closes (ErrExited).
func Poll(ctx context.Context, exited <-chan struct{}, every time.Duration, check func() (done bool, err error)) error {
	for {
		done, err := check()
		if done {
			return err
		}
		select {
		case <-ctx.Done():
			if err != nil {
				return fmt.Errorf("%w (last: %v)", ctx.Err(), err)
			}
			return ctx.Err()
		case <-exited:
			return ErrExited
		case <-time.After(every):
		}
	}
}
