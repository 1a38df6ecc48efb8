package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"
)

func TestCoreNLPCommand(t *testing.T) {
	cache := t.TempDir()
	tests := []struct {
		name    string
		args    []string
		wantErr string // "" = success
		wantOut string
	}{
		{"help", []string{"corenlp", "--help"}, "help requested", "start|stop|status"},
		{"no action", []string{"corenlp"}, "say start, stop or status", "start|stop|status"},
		{"unknown action", []string{"corenlp", "restart"}, `unknown action "restart"`, ""},
		{"status of an instance never started", []string{"corenlp", "status", "--name", "nothing", "--cache", cache}, "", `corenlp "nothing": not running`},
		{"stop of an instance never started", []string{"corenlp", "stop", "--name", "nothing", "--cache", cache}, "", `corenlp "nothing": not running`},
		{"bad name", []string{"corenlp", "status", "--name", "../x", "--cache", cache}, "instance name", ""},
		{"bad heap", []string{"corenlp", "status", "--heap", "lots", "--cache", cache}, "heap", ""},
		{"stray argument", []string{"corenlp", "status", "extra"}, "unexpected arguments", ""},
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
