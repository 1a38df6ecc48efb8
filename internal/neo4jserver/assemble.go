package neo4jserver

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// The cache holds, per Neo4j version:
//
//	<cache>/<version>/dist/lib/*.jar     Neo4j Community, Neo4j Browser and their dependencies
//	<cache>/<version>/dist/COMPLETE      written last: the folder is whole
//	<cache>/<version>/apoc/*.jar         APOC core, when asked for
//	<cache>/<version>/instances/<name>/  one folder per instance
//
// Folders are built under a temporary name while holding a file lock, then
// renamed into place, so two processes never half-build or half-read one.

func versionDir(cache string) string { return filepath.Join(cache, Version) }
func distDir(cache string) string    { return filepath.Join(versionDir(cache), "dist") }
func apocDir(cache string) string    { return filepath.Join(versionDir(cache), "apoc") }

func assembled(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "COMPLETE"))
	return err == nil
}

// distPOM lists the runtime the local mechanism needs from Maven Central.
var distPOM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.diplograph</groupId>
  <artifactId>neo4j-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.neo4j.app</groupId><artifactId>neo4j-server</artifactId><version>` + Version + `</version></dependency>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>` + Version + `</version></dependency>
    <dependency><groupId>org.neo4j.client</groupId><artifactId>neo4j-browser</artifactId><version>` + BrowserVersion + `</version></dependency>
  </dependencies>
</project>
`

// apocPOM fetches APOC core (the "core" classifier of apoc-core; it brings
// no dependencies Neo4j lacks).
var apocPOM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.diplograph</groupId>
  <artifactId>neo4j-apoc</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j.procedure</groupId><artifactId>apoc-core</artifactId><version>` + APOCVersion + `</version>
      <classifier>core</classifier>
      <exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions>
    </dependency>
  </dependencies>
</project>
`

// assembleDist makes sure the Neo4j runtime is in the cache and returns its folder.
func assembleDist(ctx context.Context, o Options, t tools) (string, error) {
	dir := distDir(o.CacheDir)
	err := assembleOnce(ctx, o, t, dir, distPOM, "Neo4j Community "+Version+" and Neo4j Browser "+BrowserVersion+" (about 140 MB)",
		[]string{"neo4j-server-" + Version + ".jar", "neo4j-browser-" + BrowserVersion + ".jar"})
	return dir, err
}

// assembleAPOC makes sure APOC core is in the cache and returns its folder.
func assembleAPOC(ctx context.Context, o Options, t tools) (string, error) {
	dir := apocDir(o.CacheDir)
	err := assembleOnce(ctx, o, t, dir, apocPOM, "APOC core "+APOCVersion,
		[]string{"apoc-core-" + APOCVersion + "-core.jar"})
	return dir, err
}

// assembleOnce builds dir with Maven from pom unless it is already whole,
// under a lock and through an atomic rename. want names jars that must be there.
func assembleOnce(ctx context.Context, o Options, t tools, dir, pom, what string, want []string) error {
	if assembled(dir) {
		return nil
	}
	parent := filepath.Dir(dir)
	unlock, err := Lock(ctx, filepath.Join(parent, "assemble.lock"), func() {
		fmt.Fprintf(o.Log, "neo4j: waiting for another process assembling %s\n", what)
	})
	if err != nil {
		return err
	}
	defer unlock()
	if assembled(dir) {
		return nil
	}
	if t.mvn == "" {
		return fmt.Errorf("neo4jserver: %s is not in %s yet and there is no mvn (Maven) on PATH to fetch it", what, parent)
	}
	// Leftovers of an assembly that was killed half-way.
	old, _ := filepath.Glob(dir + ".tmp-*")
	for _, p := range old {
		os.RemoveAll(p)
	}
	os.RemoveAll(dir)

	tmp, err := os.MkdirTemp(parent, filepath.Base(dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("neo4jserver: assembly folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := os.WriteFile(filepath.Join(tmp, "pom.xml"), []byte(pom), 0o644); err != nil {
		return fmt.Errorf("neo4jserver: write pom.xml: %w", err)
	}
	fmt.Fprintf(o.Log, "neo4j: fetching %s from Maven Central into %s (once)\n", what, dir)
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, t.mvn, "-q", "-B", "dependency:copy-dependencies",
		"-DoutputDirectory=lib", "-DincludeScope=runtime")
	cmd.Dir = tmp
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("neo4jserver: mvn dependency:copy-dependencies for %s: %w\n%s", what, err, tail(out.String(), 30))
	}
	for _, jar := range want {
		if _, err := os.Stat(filepath.Join(tmp, "lib", jar)); err != nil {
			return fmt.Errorf("neo4jserver: Maven did not bring %s: %w", jar, err)
		}
	}
	jars, _ := filepath.Glob(filepath.Join(tmp, "lib", "*.jar"))
	note := fmt.Sprintf("%s\n%d jars\nassembled %s\n", what, len(jars), time.Now().UTC().Format(time.RFC3339))
	if err := os.WriteFile(filepath.Join(tmp, "COMPLETE"), []byte(note), 0o644); err != nil {
		return fmt.Errorf("neo4jserver: mark assembly complete: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("neo4jserver: move assembly into place: %w", err)
	}
	fmt.Fprintf(o.Log, "neo4j: fetched %d jars in %s\n", len(jars), time.Since(start).Round(time.Second))
	return nil
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
