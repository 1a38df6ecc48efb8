package deploytest

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// dockerfile is the Dockerfile's instructions, continuation lines joined
// and comments dropped.
func dockerfile(t *testing.T) []string {
	t.Helper()
	return dockerfileNamed(t, "Dockerfile")
}

// dockerfileNamed is dockerfile for another file in the repository root.
func dockerfileNamed(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(root(t), name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	var cur strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasSuffix(line, "\\") {
			cur.WriteString(strings.TrimSuffix(line, "\\") + " ")
			continue
		}
		cur.WriteString(line)
		out = append(out, cur.String())
		cur.Reset()
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func goDirective(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root(t), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+(?:\.\d+)?)\s*$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("go.mod has no go directive")
	}
	return string(m[1])
}

func TestDockerfileGoVersionMatchesGoMod(t *testing.T) {
	want := goDirective(t) // e.g. 1.26.8
	parts := strings.Split(want, ".")
	minor := parts[0] + "." + parts[1]
	re := regexp.MustCompile(`^FROM\s+golang:(\d+\.\d+(?:\.\d+)?)\S*\s+AS\s+build$`)
	found := false
	for _, ins := range dockerfile(t) {
		m := re.FindStringSubmatch(ins)
		if m == nil {
			continue
		}
		found = true
		tag := m[1]
		// golang:1.26 is the newest 1.26.x; golang:1.26.8 must be the exact version.
		if tag != minor && tag != want {
			t.Errorf("build stage uses golang:%s, go.mod says go %s: use golang:%s (or golang:%s)", tag, want, minor, want)
		}
	}
	if !found {
		t.Fatal("Dockerfile has no `FROM golang:<version> AS build` stage")
	}
}

func TestDockerfileBuildsTheCommand(t *testing.T) {
	ins := dockerfile(t)
	var build, copyBin, entry bool
	for _, i := range ins {
		switch {
		case strings.HasPrefix(i, "RUN ") && strings.Contains(i, "go build") &&
			strings.Contains(i, "-o /diplograph") && strings.HasSuffix(i, " ./cmd/diplograph"):
			build = true
		case strings.HasPrefix(i, "COPY --from=build /diplograph /diplograph"):
			copyBin = true
		case i == `ENTRYPOINT ["/diplograph"]`:
			entry = true
		}
	}
	if !build {
		t.Error("Dockerfile does not `go build -o /diplograph ./cmd/diplograph`")
	}
	if !copyBin || !entry {
		t.Errorf("runtime stage must copy /diplograph from the build stage (%v) and run it (%v)", copyBin, entry)
	}
	if _, err := os.Stat(filepath.Join(root(t), "cmd", "diplograph", "main.go")); err != nil {
		t.Errorf("the Dockerfile builds ./cmd/diplograph, which is missing: %v", err)
	}
	readme, err := os.ReadFile(filepath.Join(root(t), "README.md"))
	if err != nil {
		t.Logf("no README.md to compare with: %v", err)
		return
	}
	if !strings.Contains(string(readme), "./cmd/diplograph") {
		t.Error("README.md does not run ./cmd/diplograph, the package the Dockerfile builds")
	}
}

func TestDockerfileListensWhereComposePublishes(t *testing.T) {
	ins := dockerfile(t)
	var expose, addr bool
	for _, i := range ins {
		expose = expose || i == "EXPOSE 8080"
		addr = addr || i == "ENV DIPLOGRAPH_ADDR=:8080"
	}
	if !expose || !addr {
		t.Errorf("Dockerfile should EXPOSE 8080 (%v) and set DIPLOGRAPH_ADDR=:8080 (%v), as compose publishes 8080", expose, addr)
	}
}

func TestDockerignoreKeepsTheBuildInputs(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root(t), ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	needed := map[string]bool{"go.mod": true, "go.sum": true, "cmd": true, "internal": true, "seed": true, "*": true, "**": true, ".": true}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if needed[strings.Trim(line, "/")] {
			t.Errorf(".dockerignore excludes %q, which `go build ./cmd/diplograph` needs", line)
		}
	}
}
