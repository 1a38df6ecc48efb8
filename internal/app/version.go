package app

import (
	"runtime/debug"

	"github.com/diplograph/diplograph/internal/corenlpserver"
	"github.com/diplograph/diplograph/internal/neo4jserver"
)

// Version is this build and the Neo4j and CoreNLP it provisions.
type Version struct {
	Module, Version            string // from the build info; "(devel)" for a build from a clone
	Revision, Time             string // VCS revision and commit time, when built from a checkout
	Modified                   bool   // the checkout had uncommitted changes
	Go                         string
	Neo4j, Browser, Neo4jImage string
	CoreNLP                    string
}

// ReadVersion reads the build information of this binary.
func ReadVersion() Version {
	v := Version{Module: "github.com/diplograph/diplograph", Version: "(unknown)",
		Neo4j: neo4jserver.Version, Browser: neo4jserver.BrowserVersion, Neo4jImage: neo4jserver.DockerImage,
		CoreNLP: corenlpserver.Version}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	v.Go = bi.GoVersion
	if bi.Main.Path != "" {
		v.Module = bi.Main.Path
	}
	if bi.Main.Version != "" {
		v.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}
