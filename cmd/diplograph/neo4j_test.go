package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"
)

func TestNeo4jCommand(t *testing.T) {
	cache := t.TempDir()
	tests := []struct {
		name    string
		args    []string
		wantErr string // "" = success
		wantOut string
	}{
		{"help", []string{"neo4j", "--help"}, "help requested", "start|stop|status"},
		{"no action", []string{"neo4j"}, "say start, stop or status", "start|stop|status"},
		{"unknown action", []string{"neo4j", "restart"}, `unknown action "restart"`, ""},
		{"status of an instance never started", []string{"neo4j", "status", "--name", "nothing", "--cache", cache}, "", `neo4j "nothing": not running`},
		{"stop of an instance never started", []string{"neo4j", "stop", "--name", "nothing", "--cache", cache}, "", `neo4j "nothing": not running`},
		{"bad name", []string{"neo4j", "status", "--name", "../x", "--cache", cache}, "instance name", ""},
		{"stray argument", []string{"neo4j", "status", "extra"}, "unexpected arguments", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(context.Background(), tc.args, &out, &errOut)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("error: %v", err)
			case tc.wantErr == "help requested" && !errors.Is(err, flag.ErrHelp):
				t.Fatalf("got %v, want flag.ErrHelp", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("got %v, want an error saying %q", err, tc.wantErr)
			}
			if got := out.String() + errOut.String(); !strings.Contains(got, tc.wantOut) {
				t.Fatalf("output %q lacks %q", got, tc.wantOut)
			}
		})
	}
}
