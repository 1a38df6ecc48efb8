package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/diplograph/diplograph/internal/app"
)

func runConflicts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("conflicts", "list claims that disagree with the reference data or with each other")
	fs.SetOutput(stderr)
	sf := addStoreFlags(fs)
	asJSON := boolFlag(fs, "json", "", false, "print JSON instead of a table")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := app.OpenStore(ctx, sf.neo4j())
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	cs, err := s.Conflicts(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if cs == nil {
			cs = []app.Conflict{}
		}
		return enc.Encode(cs)
	}
	printConflicts(stdout, cs)
	return nil
}

func printConflicts(w io.Writer, cs []app.Conflict) {
	if len(cs) == 0 {
		fmt.Fprintln(w, "no conflicts")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tSUBJECT\tPREDICATE\tOBJECT\tCLAIM\tAGAINST\tEVIDENCE")
	for _, c := range cs {
		against := ""
		switch {
		case c.Reference != nil:
			r := c.Reference
			against = "reference " + describeReference(r.Role, r.Since, r.Until)
		case c.Other != nil:
			against = "claim " + describeClaim(c.Other.Role, string(c.Other.Modality), len(c.Other.Documents))
		default:
			against = "reference: no membership"
		}
		ev := ""
		if len(c.Claim.Sentences) > 0 {
			ev = fmt.Sprintf("%s %q", c.Claim.Sentences[0].Document, clip(c.Claim.Sentences[0].Text, 70))
		}
		fmt.Fprintf(tw, "%s\t%s (%s)\t%s\t%s (%s)\t%s\t%s\t%s\n", c.Kind, c.Subject.Name, c.Subject.ID, c.Predicate,
			c.Object.Name, c.Object.ID, describeClaim(c.Claim.Role, string(c.Claim.Modality), len(c.Claim.Documents)), against, ev)
	}
	_ = tw.Flush()
	fmt.Fprintf(w, "%d conflict(s); --json for every document and sentence\n", len(cs))
}

func describeClaim(role, modality string, docs int) string {
	if role == "" {
		role = "-"
	}
	return fmt.Sprintf("%s, %s, %d doc(s)", role, modality, docs)
}

func describeReference(role string, since, until int) string {
	var b strings.Builder
	b.WriteString(role)
	if since != 0 {
		fmt.Fprintf(&b, " since %d", since)
	}
	if until != 0 {
		fmt.Fprintf(&b, " until %d", until)
	}
	return b.String()
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
