package jvmservice

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Assembled reports whether dir is a whole assembly (its COMPLETE marker,
// written last, is there).
func Assembled(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "COMPLETE"))
	return err == nil
}

// Assembly says what Assemble builds.
type Assembly struct {
	Dir  string   // the folder to build; its jars end up in Dir/lib
	POM  string   // the pom.xml whose runtime dependencies are copied
	What string   // for messages: "Neo4j Community 5.26.30 (about 140 MB)"
	Want []string // jars that must be in lib/ afterwards
	Mvn  string   // the mvn program; "" when there is none
	// Timeout bounds the Maven run (default 20 minutes).
	Timeout time.Duration
	// Log receives progress lines, each prefixed with Tag and ": ".
	Log io.Writer
	Tag string
}

// Assemble builds a.Dir with Maven from a.POM unless it is already whole,
// under a lock (Dir's parent/assemble.lock) and through an atomic rename,
// so two processes never half-build or half-read one.
func Assemble(ctx context.Context, a Assembly) error {
	if Assembled(a.Dir) {
		return nil
	}
	log := a.Log
	if log == nil {
		log = io.Discard
	}
	parent := filepath.Dir(a.Dir)
	unlock, err := Lock(ctx, filepath.Join(parent, "assemble.lock"), func() {
		fmt.Fprintf(log, "%s: waiting for another process assembling %s\n", a.Tag, a.What)
	})
	if err != nil {
		return err
	}
	defer unlock()
	if Assembled(a.Dir) {
		return nil
	}
	if a.Mvn == "" {
		return fmt.Errorf("%s is not in %s yet and there is no mvn (Maven) on PATH to fetch it", a.What, parent)
	}
	// Leftovers of an assembly that was killed half-way.
	old, _ := filepath.Glob(a.Dir + ".tmp-*")
	for _, p := range old {
		os.RemoveAll(p)
	}
	os.RemoveAll(a.Dir)

	tmp, err := os.MkdirTemp(parent, filepath.Base(a.Dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("assembly folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := os.WriteFile(filepath.Join(tmp, "pom.xml"), []byte(a.POM), 0o644); err != nil {
		return fmt.Errorf("write pom.xml: %w", err)
	}
	fmt.Fprintf(log, "%s: fetching %s from Maven Central into %s (once)\n", a.Tag, a.What, a.Dir)
	start := time.Now()
	timeout := a.Timeout
	if timeout <= 0 {
		timeout = 20 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, a.Mvn, MavenArgs()...)
	cmd.Dir = tmp
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("mvn dependency:copy-dependencies for %s: %w\n%s", a.What, err, Tail(out.String(), 30))
	}
	for _, jar := range a.Want {
		if _, err := os.Stat(filepath.Join(tmp, "lib", jar)); err != nil {
			return fmt.Errorf("Maven did not bring %s: %w", jar, err)
		}
	}
	jars, _ := filepath.Glob(filepath.Join(tmp, "lib", "*.jar"))
	note := fmt.Sprintf("%s\n%d jars\nassembled %s\n", a.What, len(jars), time.Now().UTC().Format(time.RFC3339))
	if err := os.WriteFile(filepath.Join(tmp, "COMPLETE"), []byte(note), 0o644); err != nil {
		return fmt.Errorf("mark assembly complete: %w", err)
	}
	if err := os.Rename(tmp, a.Dir); err != nil {
		return fmt.Errorf("move assembly into place: %w", err)
	}
	fmt.Fprintf(log, "%s: fetched %d jars in %s\n", a.Tag, len(jars), time.Since(start).Round(time.Second))
	return nil
}

// MavenArgs is the Maven command line Assemble runs in the folder of the
// POM: the runtime dependencies copied into lib/.
func MavenArgs() []string {
	return []string{"-q", "-B", "dependency:copy-dependencies", "-DoutputDirectory=lib", "-DincludeScope=runtime"}
}
