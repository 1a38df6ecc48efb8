package jvmservice

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

var javaVersionPattern = regexp.MustCompile(`version "(\d+)(?:\.(\d+))?`)

// FindJava looks for java in JAVA_HOME, then on PATH, and checks that it is
// at least Java min. When it cannot be had, why says so (for an error
// message that goes on to say what to install), naming who needs it.
func FindJava(ctx context.Context, min int, who string) (java, why string) {
	if home := os.Getenv("JAVA_HOME"); home != "" {
		if p := filepath.Join(home, "bin", "java"); IsExecutable(p) {
			java = p
		}
	}
	if java == "" {
		p, err := exec.LookPath("java")
		if err != nil {
			return "", "no java on PATH or in JAVA_HOME"
		}
		java = p
	}
	v, err := JavaMajor(ctx, java)
	if err != nil {
		return "", "cannot tell the version of " + java + ": " + err.Error()
	}
	if v < min {
		return "", java + " is Java " + strconv.Itoa(v) + ", " + who + " needs " + strconv.Itoa(min) + " or later"
	}
	return java, ""
}

// FindMaven returns the mvn on PATH, or "".
func FindMaven() string {
	p, err := exec.LookPath("mvn")
	if err != nil {
		return ""
	}
	return p
}

// IsExecutable reports whether p is an executable file.
func IsExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// JavaMajor runs `java -version` and reads the major version ("1.8" is 8).
func JavaMajor(ctx context.Context, java string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, java, "-version").CombinedOutput()
	if err != nil {
		return 0, err
	}
	m := javaVersionPattern.FindSubmatch(out)
	if m == nil {
		return 0, errors.New("no version in java -version output")
	}
	major, _ := strconv.Atoi(string(m[1]))
	if major == 1 && len(m[2]) > 0 {
		major, _ = strconv.Atoi(string(m[2]))
	}
	return major, nil
}
