package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"
)

// The flag helpers below give every flag an environment variable: the flag
// wins, then the variable, then the default. --help shows the variable.

func stringFlag(fs *flag.FlagSet, name, envVar, def, usage string) *string {
	if v, ok := os.LookupEnv(envVar); ok && envVar != "" {
		def = v
	}
	return fs.String(name, def, withEnv(usage, envVar))
}

func intFlag(fs *flag.FlagSet, name, envVar string, def int, usage string) *int {
	if v, ok := os.LookupEnv(envVar); ok && envVar != "" {
		if n, err := strconv.Atoi(v); err == nil {
			def = n
		}
	}
	return fs.Int(name, def, withEnv(usage, envVar))
}

func boolFlag(fs *flag.FlagSet, name, envVar string, def bool, usage string) *bool {
	if v, ok := os.LookupEnv(envVar); ok && envVar != "" {
		if b, err := strconv.ParseBool(v); err == nil {
			def = b
		}
	}
	return fs.Bool(name, def, withEnv(usage, envVar))
}

func durationFlag(fs *flag.FlagSet, name, envVar string, def time.Duration, usage string) *time.Duration {
	if v, ok := os.LookupEnv(envVar); ok && envVar != "" {
		if d, err := time.ParseDuration(v); err == nil {
			def = d
		}
	}
	return fs.Duration(name, def, withEnv(usage, envVar))
}

func withEnv(usage, envVar string) string {
	if envVar == "" {
		return usage
	}
	return fmt.Sprintf("%s ($%s)", usage, envVar)
}

// newFlagSet returns a flag set whose --help prints the command's summary
// and flags; errors are returned, not exits.
func newFlagSet(name, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet("diplograph "+name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "diplograph %s: %s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}
