package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"
)

// TestServerCommands runs `neo4j` and `corenlp` (start|stop|status of a
// local server) on what needs no server: help, wrong words, and instances
// that never started.
func TestServerCommands(t *testing.T) {
	cache := t.TempDir()
	type testCase struct {
		name    string
		args    []string
		wantErr string // "" = success
		wantOut string
	}
	var tests []testCase
	for _, server := range []string{"neo4j", "corenlp"} {
		tests = append(tests,
			testCase{server + " help", []string{server, "--help"}, "help requested", "start|stop|status"},
			testCase{server + " no action", []string{server}, "say start, stop or status", "start|stop|status"},
			testCase{server + " unknown action", []string{server, "restart"}, `unknown action "restart"`, ""},
			testCase{server + " status of an instance never started", []string{server, "status", "--name", "nothing", "--cache", cache},
				"", server + ` "nothing": not running`},
			testCase{server + " stop of an instance never started", []string{server, "stop", "--name", "nothing", "--cache", cache},
				"", server + ` "nothing": not running`},
			testCase{server + " bad name", []string{server, "status", "--name", "../x", "--cache", cache}, "instance name", ""},
			testCase{server + " stray argument", []string{server, "status", "extra"}, "unexpected arguments", ""},
		)
	}
	tests = append(tests, testCase{"corenlp bad heap", []string{"corenlp", "status", "--heap", "lots", "--cache", cache}, "heap", ""})
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
