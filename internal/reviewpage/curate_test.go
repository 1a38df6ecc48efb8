package reviewpage_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/diplograph/diplograph/internal/ontology"
)

// A reviewer adds the fact the machine missed from a sentence of the
// document, and merges the rail link it minted twice; a refused merge
// keeps what was typed.
func TestAddFactAndMergeNodes(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t)
	openDocument(t, e, b)
	b.enterKey(t, apiKey)

	// The types offered are the schema's, read by introspection.
	b.waitFor(t, "the types are offered", `document.querySelectorAll('#add-type option').length > 0`)
	types := eval[[]string](t, b, "read the offered types", `[...document.querySelectorAll('#add-type option')].map(o => o.value)`)
	var want []string
	for _, p := range ontology.Predicates {
		want = append(want, string(p))
	}
	slices.Sort(types)
	slices.Sort(want)
	if !slices.Equal(types, want) {
		t.Errorf("offered types %v, want the vocabulary's %v", types, want)
	}
	b.waitFor(t, "the sentences are offered", `document.querySelectorAll('#add-sentence option').length === 7`)

	b.choose(t, "add-sentence", "sells wheat")
	b.step(t, "fill in the fact",
		chromedp.SendKeys(chromedp.CSS(`#add-subject`), "KZ"),
		chromedp.SendKeys(chromedp.CSS(`#add-object`), "SA"),
		chromedp.SendKeys(chromedp.CSS(`#add-note`), "the reader missed the trade"))
	b.choose(t, "add-type", "EXPORTS_TO")
	marks := eval[[]string](t, b, "read the preview's marks", `[...document.querySelectorAll('#add-preview mark')].map(m => m.className + ':' + m.textContent)`)
	if !slices.Equal(marks, []string{"subject:Kazakhstan", "object:Saudi Arabia"}) {
		t.Errorf("the preview marks %v", marks)
	}
	b.screenshot(t, "review-add-fact", "")
	b.step(t, "add the fact", chromedp.Click(chromedp.CSS(`#add-form button[type=submit]`)))
	b.waitFor(t, "the addition is done", `document.getElementById('status').textContent.startsWith('Added') &&
  [...document.querySelectorAll('li.fact .predicate')].some(p => p.textContent === 'EXPORTS_TO')`)
	added := shownOfType(t, readFacts(t, b), "EXPORTS_TO")
	if added.Origin != "added by a person" || !strings.HasPrefix(added.State, "Confirmed by "+reviewer) ||
		!strings.Contains(added.State, "the reader missed the trade") || !added.Selected || added.Subject != "KZ" || added.Object != "SA" ||
		!strings.Contains(added.Sentence, "sells wheat") || !slices.Contains(added.Marks, "object:Saudi Arabia") {
		t.Errorf("the added fact is shown as %+v", added)
	}
	if f, ok := factOfType(e.pairFacts(t, false), "EXPORTS_TO"); !ok || f.Origin != "person" || f.ID != added.ID ||
		f.Review == nil || f.Review.Verdict != "CONFIRMED" || f.Review.By != reviewer {
		t.Errorf("the API lists the added fact as %+v (found %v)", f, ok)
	}
	if v := eval[string](t, b, "read the kept subject", `document.getElementById('add-subject').value`); v != "KZ" {
		t.Errorf("after adding, the subject field holds %q", v)
	}

	// A country cannot be merged into a project: the refusal is shown and
	// the fields keep what was typed.
	const keep, dup = "project:trans-caspian-rail-link", "project:caspian-rail-corridor"
	b.step(t, "ask for a wrong merge",
		chromedp.SendKeys(chromedp.CSS(`#merge-keep`), keep),
		chromedp.SendKeys(chromedp.CSS(`#merge-merge`), "KZ"),
		chromedp.SendKeys(chromedp.CSS(`#merge-note`), "one railway"),
		chromedp.Click(chromedp.CSS(`#merge-form button[type=submit]`)))
	b.waitFor(t, "the refusal is shown", `document.querySelector('#errors li[data-code="BAD_USER_INPUT"]')`)
	fields := eval[[]string](t, b, "read the merge fields", `['merge-keep', 'merge-merge', 'merge-note'].map(id => document.getElementById(id).value)`)
	if !slices.Equal(fields, []string{keep, "KZ", "one railway"}) {
		t.Errorf("after the refusal the fields hold %q", fields)
	}
	if msg := b.shownErrors(t); !strings.Contains(msg, "Merge KZ into "+keep) {
		t.Errorf("the error does not say what failed: %q", msg)
	}

	b.retype(t, "merge-merge", dup)
	b.step(t, "merge the duplicate", chromedp.Click(chromedp.CSS(`#merge-form button[type=submit]`)))
	b.waitFor(t, "the merged node is gone from the list", fmt.Sprintf(
		`document.getElementById('status').textContent.startsWith('Merged') && ![...document.querySelectorAll('li.fact code')].some(c => c.textContent === %q)`, dup))
	for _, f := range readFacts(t, b) {
		if f.Type == "PARTNER_IN" && f.Object != keep {
			t.Errorf("a rail fact points at %s after the merge", f.Object)
		}
	}
	if r := e.post(t, `query($id: ID!) { entity(id: $id) { id } }`, map[string]any{"id": dup}, false); len(r.Errors) == 0 ||
		r.Errors[0].Extensions["code"] != "NOT_FOUND" {
		t.Errorf("the merged node still answers: %s %+v", r.Data, r.Errors)
	}

	// The merge is in this tab's log, where it can be undone.
	b.step(t, "undo the merge from the log", chromedp.Click(chromedp.CSS(`#log li:first-child button`)))
	b.waitFor(t, "the duplicate is back", fmt.Sprintf(`[...document.querySelectorAll('li.fact code')].some(c => c.textContent === %q)`, dup))
	var ent struct{ Entity struct{ ID string } }
	e.data(t, `query($id: ID!) { entity(id: $id) { id } }`, map[string]any{"id": dup}, false, &ent)
	if ent.Entity.ID != dup {
		t.Errorf("after undoing the merge: %+v", ent)
	}
}

// The facts between two actors, one of them rejected beforehand; text
// from the API that looks like markup stays text; an unknown document is
// said to be unknown.
func TestPairAndUntrustedText(t *testing.T) {
	e := newEnv(t)
	sanctions, ok := factOfType(e.pairFacts(t, false), "SANCTIONS")
	if !ok {
		t.Fatal("fixture: no SANCTIONS fact between KZ and SA")
	}
	var rev struct{ ReviewFact struct{ ID string } }
	e.data(t, `mutation($id: ID!) { reviewFact(input: {id: $id, verdict: REJECTED, note: "denied in the text"}) { id } }`,
		map[string]any{"id": sanctions.ID}, true, &rev)

	b := newBrowser(t)
	b.step(t, "open the pair", chromedp.Navigate(e.base+"/review?a=KZ&b=SA"))
	b.waitFor(t, "the pair's facts are listed", `document.querySelectorAll('li.fact').length === 3`)
	facts := readFacts(t, b)
	var types []string
	for _, f := range facts {
		types = append(types, f.List+":"+f.Type)
	}
	if !slices.Equal(types, []string{"facts:INVESTS_IN", "facts:COOPERATES_WITH", "rejected:SANCTIONS"}) {
		t.Errorf("listed %v", types)
	}
	if r := facts[2]; !r.Struck || !slices.Contains(r.Classes, "rejected") || !strings.Contains(r.State, "denied in the text") {
		t.Errorf("the rejected fact is shown as %+v", r)
	}
	if title := eval[string](t, b, "read the title", `document.getElementById('scope-title').textContent`); title != "Kazakhstan and Saudi Arabia" {
		t.Errorf("title %q", title)
	}
	b.screenshot(t, "review-pair", "")

	b.step(t, "open the document with markup in it", chromedp.Navigate(e.base+"/review?document="+hostileID))
	b.waitFor(t, "its fact is listed", `document.querySelectorAll('li.fact').length === 1`)
	got := eval[map[string]any](t, b, "look for injected markup", `({
  elements: document.querySelectorAll('.facts-pane img, .facts-pane i, #doc-select img, #entity-options i').length,
  sentence: document.querySelector('li.fact .sentence').textContent,
  object: document.querySelector('li.fact .end.object .name').textContent,
  option: [...document.querySelectorAll('#doc-select option')].map(o => o.textContent).join('\n'),
  title: document.title,
})`)
	if got["elements"] != 0.0 || got["sentence"] != hostileSentence || got["object"] != "<i>Inline</i> Council" ||
		!strings.Contains(got["option"].(string), `Notes <img src=x onerror=`) || got["title"] != "diplograph review" {
		t.Errorf("markup from the API was not kept as text: %v", got)
	}
	// Trusted Types are enforced: even the page's own code could not set HTML from a string.
	if name := eval[string](t, b, "try to set HTML", `(() => { try { document.createElement('div').innerHTML = '<b>x</b>'; return 'set'; } catch (e) { return e.name; } })()`); name != "TypeError" {
		t.Errorf("setting innerHTML gave %q, want a TypeError from Trusted Types", name)
	}

	// Switching to actors of which one is unknown: the error is shown and
	// nothing of the document stays listed.
	b.step(t, "ask for an unknown pair",
		chromedp.SendKeys(chromedp.CSS(`#pair-a`), "KZ"),
		chromedp.SendKeys(chromedp.CSS(`#pair-b`), "XX"),
		chromedp.Click(chromedp.CSS(`#pair-form button[type=submit]`)))
	b.waitFor(t, "the error is shown", `document.querySelector('#errors li[data-code="NOT_FOUND"]')`)
	if n := eval[int](t, b, "count the facts", `document.querySelectorAll('li.fact').length`); n != 0 {
		t.Errorf("%d facts still listed after choosing an unknown pair", n)
	}
	if u := eval[string](t, b, "read the address", `location.search`); u != "?a=KZ&b=XX" {
		t.Errorf("the address says %q", u)
	}

	b.step(t, "open an unknown document", chromedp.Navigate(e.base+"/review?document=doc:ffffffffffffffff"))
	b.waitFor(t, "the error is shown", `document.querySelector('#errors li[data-code="NOT_FOUND"]')`)
	if n := eval[int](t, b, "count the facts", `document.querySelectorAll('li.fact').length`); n != 0 {
		t.Errorf("%d facts listed for an unknown document", n)
	}
}
