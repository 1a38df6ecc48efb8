package neo4jserver

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/diplograph/diplograph/internal/jvmservice"
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

func assembled(dir string) bool { return jvmservice.Assembled(dir) }

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
	err := jvmservice.Assemble(ctx, jvmservice.Assembly{
		Dir: dir, POM: pom, What: what, Want: want, Mvn: t.mvn, Log: o.Log, Tag: "neo4j",
	})
	if err != nil {
		return fmt.Errorf("neo4jserver: %w", err)
	}
	return nil
}
