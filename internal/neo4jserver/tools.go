package neo4jserver

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

// tools are the programs the local mechanism runs.
type tools struct {
	java string
	mvn  string // "" when the cache is already assembled and Maven is absent
}

var javaVersionPattern = regexp.MustCompile(`version "(\d+)(?:\.(\d+))?`)

// findTools looks for a JDK 17+ (JAVA_HOME, then PATH) and, unless the
// distribution is already assembled, Maven. It returns why not when they
// are missing.
func findTools(ctx context.Context, o Options) (tools, string) {
	var t tools
	java := ""
	if home := os.Getenv("JAVA_HOME"); home != "" {
		if p := filepath.Join(home, "bin", "java"); isExecutable(p) {
			java = p
		}
	}
	if java == "" {
		p, err := exec.LookPath("java")
		if err != nil {
			return t, "no java on PATH or in JAVA_HOME"
		}
		java = p
	}
	v, err := javaMajor(ctx, java)
	if err != nil {
		return t, "cannot tell the version of " + java + ": " + err.Error()
	}
	if v < 17 {
		return t, java + " is Java " + strconv.Itoa(v) + ", Neo4j 5 needs 17 or later"
	}
	t.java = java
	if p, err := exec.LookPath("mvn"); err == nil {
		t.mvn = p
	} else if !assembled(distDir(o.CacheDir)) {
		return t, "no mvn (Maven) on PATH to fetch Neo4j from Maven Central"
	}
	return t, ""
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// javaMajor runs `java -version` and reads the major version ("1.8" is 8).
func javaMajor(ctx context.Context, java string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, java, "-version").CombinedOutput()
	if err != nil {
		return 0, err
	}
	m := javaVersionPattern.FindSubmatch(out)
	if m == nil {
		return 0, errNoVersion
	}
	major, _ := strconv.Atoi(string(m[1]))
	if major == 1 && len(m[2]) > 0 {
		major, _ = strconv.Atoi(string(m[2]))
	}
	return major, nil
}

type constError string

func (e constError) Error() string { return string(e) }

const errNoVersion = constError("no version in java -version output")
