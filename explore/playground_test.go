package explore_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/diplograph/diplograph/explore"
)

func TestPlaygroundExample(t *testing.T) {
	st := setup(t)
	ctx := newBrowser(t, st)
	step(t, ctx, "open the playground at "+st.base+"/", chromedp.Navigate(st.base+"/"))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.querySelector('.graphiql-execute-button')`,
		chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		fail(t, ctx, "GraphiQL did not load (the page serves it from /graphiql/, embedded in the binary)", err)
	}

	// The examples are the tabs, the first one open.
	examples := explore.Examples()
	tabs := value(t, ctx, "count the tabs", chromedp.Evaluate[int](`document.querySelectorAll('.graphiql-tab').length`))
	if tabs != len(examples) {
		t.Errorf("%d tabs, want one per example (%d)", tabs, len(examples))
	}
	const editorText = `(() => { const cm = document.querySelector('.graphiql-query-editor .CodeMirror'); return cm && cm.CodeMirror ? cm.CodeMirror.getValue() : ''; })()`
	query := value(t, ctx, "read the query editor", chromedp.Evaluate[string](editorText))
	if !strings.Contains(query, "bilateral(a: \"KZ\", b: \"TR\")") {
		t.Fatalf("the open tab is not the bilateral example:\n%s", query)
	}

	step(t, ctx, "run the example", chromedp.Click(chromedp.CSS(`.graphiql-execute-button`)))
	const resultText = `(() => { const cm = document.querySelector('.result-window .CodeMirror'); return cm && cm.CodeMirror ? cm.CodeMirror.getValue() : ''; })()`
	value(t, ctx, "wait for the result", chromedp.Poll[bool](resultText+`.includes('"data"')`, chromedp.WithPollingTimeout(30*time.Second)))
	raw := value(t, ctx, "read the result", chromedp.Evaluate[string](resultText))
	var resp struct {
		Data struct {
			Bilateral *struct {
				A, B      struct{ ID, Name string }
				Relations []struct {
					Type     string
					Evidence []struct{ Sentence string }
				}
				Agreements []struct{ Node struct{ ID string } }
			}
		}
		Errors []json.RawMessage
	}
	if err := json.Unmarshal([]byte(raw), &resp); err != nil {
		t.Fatalf("result is not JSON: %v\n%s", err, raw)
	}
	b := resp.Data.Bilateral
	switch {
	case len(resp.Errors) > 0:
		t.Errorf("errors: %s", resp.Errors)
	case b == nil:
		t.Errorf("no bilateral in %s", raw)
	case b.A.Name != "Kazakhstan" || b.B.Name != "Türkiye":
		t.Errorf("the pair is %q and %q", b.A.Name, b.B.Name)
	case !slices.ContainsFunc(b.Relations, func(r struct {
		Type     string
		Evidence []struct{ Sentence string }
	}) bool {
		return len(r.Evidence) > 0
	}):
		t.Errorf("no facts with evidence between KZ and TR: %s", raw)
	}
	screenshot(t, ctx, "playground-bilateral", "")
	if t.Failed() {
		t.Logf("result:\n%s", raw)
	}
}
