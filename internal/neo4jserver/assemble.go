package neo4jserver

import (
	"context"
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

func apocDir(cache string) string { return filepath.Join(kind.VersionDir(cache), "apoc") }

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

// Assemble makes sure APOC core is in the cache when it is asked for (the
// lifecycle assembles Neo4j itself, as kind.Dist says).
func (l local) Assemble(ctx context.Context, mvn string) error {
	if !l.o.APOC {
		return nil
	}
	return jvmservice.Assemble(ctx, jvmservice.Assembly{
		Dir: apocDir(l.o.CacheDir), POM: apocPOM, What: "APOC core " + APOCVersion,
		Want: []string{"apoc-core-" + APOCVersion + "-core.jar"}, Mvn: mvn, Log: l.o.Log, Tag: kind.Tag,
	})
}
