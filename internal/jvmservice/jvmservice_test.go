package jvmservice

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStateRoundTrip(t *testing.T) {
	type st struct {
		PID  int    `json:"pid"`
		Port int    `json:"port"`
		Name string `json:"name"`
	}
	path := filepath.Join(t.TempDir(), "state.json")
	var got st
	if err := ReadState(path, &got); err != nil || got != (st{}) {
		t.Fatalf("missing file: %+v, %v; want zero, nil", got, err)
	}
	want := st{PID: 42, Port: 9123, Name: "x"}
	if err := WriteState(path, want); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file mode %v, %v; want 0600", fi.Mode(), err)
	}
	if err := ReadState(path, &got); err != nil || got != want {
		t.Fatalf("got %+v, %v; want %+v", got, err, want)
	}
	os.WriteFile(path, []byte("{"), 0o600)
	if err := ReadState(path, &got); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("damaged file: %v", err)
	}
}

func TestPortPicker(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	taken := l.Addr().(*net.TCPAddr).Port
	var p PortPicker
	defer p.Close()
	if _, err := p.Pick("http", taken); err == nil || !strings.Contains(err.Error(), "http port") {
		t.Fatalf("asking a taken port: %v", err)
	}
	a, err := p.Pick("a", 0, taken, 0)
	if err != nil || a == taken || a == 0 {
		t.Fatalf("a = %d, %v", a, err)
	}
	b, err := p.Pick("b", 0, a)
	if err != nil || b == a {
		t.Fatalf("b = %d (a %d), %v; want another port", b, a, err)
	}
}

func TestLockExcludes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.lock")
	unlock, err := Lock(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	// flock locks belong to open files: a second open in this process waits too.
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	waited := false
	if _, err := Lock(ctx, path, func() { waited = true }); err == nil || !waited {
		t.Fatalf("second lock: %v (waited %v), want a wait that times out", err, waited)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	unlock2, err := Lock(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	unlock2()
}

func TestAssembleWithoutMaven(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	err := Assemble(context.Background(), Assembly{Dir: dir, POM: "<project/>", What: "Thing 1.0"})
	if err == nil || !strings.Contains(err.Error(), "no mvn") || !strings.Contains(err.Error(), "Thing 1.0") {
		t.Fatalf("got %v, want an error naming the thing and the missing mvn", err)
	}
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "COMPLETE"), nil, 0o644)
	if err := Assemble(context.Background(), Assembly{Dir: dir, What: "Thing 1.0"}); err != nil {
		t.Fatalf("a complete assembly needs no Maven: %v", err)
	}
}

func TestStartAliveTerminate(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Fatal("no sleep on PATH")
	}
	dir := t.TempDir()
	// StartJava runs any program; sleep stands in for java.
	cmd, done, err := StartJava(sleep, []string{"60"}, dir, filepath.Join(dir, "logs", "out.log"), false)
	if err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	for i := 0; i < 50 && !Alive(pid, "60"); i++ {
		time.Sleep(20 * time.Millisecond) // until the fork has become sleep
	}
	if !Alive(pid, "60") || Alive(pid, "61") {
		t.Fatal("Alive does not tell the process by its argument")
	}
	if err := Terminate(context.Background(), pid, "60", done, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if Alive(pid, "60") {
		t.Fatal("still alive after Terminate")
	}
	if got := LogTail(filepath.Join(dir, "nothing.log"), 5); !strings.Contains(got, "no output") {
		t.Fatalf("LogTail of a missing file: %q", got)
	}
	if got := Tail("a\nb\nc\n", 2); got != "b\nc" {
		t.Fatalf("Tail = %q", got)
	}
}

func TestFindJavaTooOld(t *testing.T) {
	if _, err := exec.LookPath("java"); err != nil {
		if testing.Short() {
			t.Skip("needs a java binary (skipped under -short)")
		}
		t.Fatal("no java on PATH: install a JDK 17+ (the integration tests need it too)")
	}
	if _, why := FindJava(context.Background(), 999, "Thing"); !strings.Contains(why, "Thing needs 999 or later") {
		t.Fatalf("why = %q", why)
	}
	t.Setenv("PATH", t.TempDir())
	t.Setenv("JAVA_HOME", "")
	if _, why := FindJava(context.Background(), 17, "Thing"); !strings.Contains(why, "no java") {
		t.Fatalf("why = %q", why)
	}
}
