package jvmservice

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"
)

// Command is the logic of `diplograph <Kind.Tag> start|stop|status
// [flags]`, which runs a detached local instance of one kind of server. O
// is the server's options, T its status (which embeds Status). The server
// package makes it (NewCommand); the command line gives it Flags, Timeout
// and Options.
type Command[O any, T reporter] struct {
	kind      Kind
	ensure    func(ctx context.Context, o O) error
	lookup    func(ctx context.Context, o O) (T, error)
	stopLocal func(ctx context.Context, o O) (T, error)
	details   func(s T) []Detail

	Flags *flag.FlagSet // the flags after the action, defined; Run parses them
	// Timeout bounds start (a flag, read once the flags are parsed).
	Timeout *time.Duration
	// Options are the parsed flags as the server's options.
	Options func() O
}

// Words are what the command says of a kind of server, in its help and
// its status.
type Words struct {
	// About is the paragraph under the synopsis; Prints and Shows complete
	// the lines of start and status: "start ...; print <Prints>", "status
	// print <Shows>".
	About, Prints, Shows string
	// Healthy and Unhealthy say whether a running instance answers
	// ("answering", "NOT answering on Bolt").
	Healthy, Unhealthy string
}

// Detail is a line that status prints under the first of a running
// instance, as "  <Label>: <Value>".
type Detail struct{ Label, Value string }

// NewCommand is the command of kind k, whose server package has these
// Ensure, Lookup and StopLocal; details are what status says of a running
// instance: where it serves, its settings, its folder.
func NewCommand[O, I any, T reporter](k Kind, ensure func(context.Context, O) (I, error),
	lookup, stopLocal func(context.Context, O) (T, error), details func(T) []Detail) Command[O, T] {
	return Command[O, T]{
		kind: k,
		ensure: func(ctx context.Context, o O) error {
			_, err := ensure(ctx, o) // detached: it keeps running
			return err
		},
		lookup:    lookup,
		stopLocal: stopLocal,
		details:   details,
	}
}

// reporter is a server's Status, which embeds the lifecycle's.
type reporter interface{ lifecycle() Status }

func (s Status) lifecycle() Status { return s }

// Run runs the command with args (the action and its flags), printing to
// stdout what it did and to stderr the help and the progress lines that
// the options send there.
func (c Command[O, T]) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := c.Flags
	fs.SetOutput(stderr)
	fs.Usage = func() { c.usage(fs) }
	if len(args) == 0 {
		fs.Usage()
		return fmt.Errorf("%s: say start, stop or status", c.kind.Tag)
	}
	verb := args[0]
	if verb == "-h" || verb == "--help" || verb == "help" {
		fs.Usage()
		return flag.ErrHelp
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s %s: unexpected arguments %q", c.kind.Tag, verb, fs.Args())
	}
	o := c.Options()
	switch verb {
	case "start":
		ctx, cancel := context.WithTimeout(ctx, *c.Timeout)
		defer cancel()
		if err := c.ensure(ctx, o); err != nil {
			return err
		}
		return c.status(ctx, stdout, o)
	case "stop":
		s, err := c.stopLocal(ctx, o)
		if err != nil {
			return err
		}
		if st := s.lifecycle(); st.Running {
			fmt.Fprintf(stdout, "%s %q: stopped (pid %d)\n", c.kind.Tag, st.Name, st.PID)
		} else {
			fmt.Fprintf(stdout, "%s %q: not running\n", c.kind.Tag, st.Name)
		}
		return nil
	case "status":
		return c.status(ctx, stdout, o)
	default:
		fs.Usage()
		return fmt.Errorf("%s: unknown action %q (want start, stop or status)", c.kind.Tag, verb)
	}
}

func (c Command[O, T]) status(ctx context.Context, w io.Writer, o O) error {
	s, err := c.lookup(ctx, o)
	if err != nil {
		return err
	}
	st := s.lifecycle()
	if !st.Running {
		fmt.Fprintf(w, "%s %q: not running\n", c.kind.Tag, st.Name)
		return nil
	}
	health := c.kind.Words.Healthy
	if !st.Healthy {
		health = c.kind.Words.Unhealthy
	}
	fmt.Fprintf(w, "%s %q: running, %s (pid %d)\n", c.kind.Tag, st.Name, health, st.PID)
	for _, d := range c.details(s) {
		fmt.Fprintf(w, "  %-10s%s\n", d.Label+":", d.Value)
	}
	return nil
}

func (c Command[O, T]) usage(fs *flag.FlagSet) {
	w, k := fs.Output(), c.kind
	fmt.Fprintf(w, "diplograph %s start|stop|status [flags]\n\n%s\n\n", k.Tag, k.Words.About)
	fmt.Fprintf(w, "  start   start the instance, or reuse it if it already runs; print %s\n", k.Words.Prints)
	fmt.Fprintf(w, "  stop    stop the instance (SIGTERM, SIGKILL after %d s)\n", int(k.StopGrace.Seconds()))
	fmt.Fprintf(w, "  status  print %s, or \"not running\"\n\n", k.Words.Shows)
	fmt.Fprintf(w, "The tests use an instance named \"test\": go run ./cmd/diplograph %s stop --name test\n", k.Tag)
	fmt.Fprintln(w, "\nFlags:")
	fs.PrintDefaults()
}
