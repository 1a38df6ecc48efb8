package reviewpage_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// openDocument loads the review page for the fixture document and waits
// for its six facts.
func openDocument(t *testing.T, e *env, b *browser) []shownFact {
	t.Helper()
	b.step(t, "open the review page", chromedp.Navigate(e.base+"/review?document="+docID))
	b.waitFor(t, "the document's facts are listed", `document.querySelectorAll('li.fact').length === 6`)
	return readFacts(t, b)
}

func ids(facts []listed) []string {
	var out []string
	for _, f := range facts {
		out = append(out, f.ID)
	}
	return out
}

// checkListing checks the facts as first listed: unreviewed claims,
// lowest confidence first, the first selected, with the names and aliases
// of their ends marked in their sentences. It returns the first.
func checkListing(t *testing.T, facts []shownFact) shownFact {
	t.Helper()
	var confidences []float64
	for _, f := range facts {
		confidences = append(confidences, f.Confidence)
		if f.State != "not reviewed" || f.List != "facts" || f.Origin != "claim" {
			t.Errorf("before any review: %+v", f)
		}
	}
	if !slices.IsSorted(confidences) || confidences[0] != 0.25 {
		t.Errorf("confidences as listed %v, want lowest first", confidences)
	}
	sanctions := facts[0]
	if sanctions.Type != "SANCTIONS" || !sanctions.Selected {
		t.Fatalf("the first fact is %+v, want the SANCTIONS one, selected", sanctions)
	}
	for _, f := range facts[1:] {
		if f.Selected {
			t.Errorf("%s is selected too", f.Type)
		}
	}
	if want := []string{"subject:Kazakhstan", "object:Saudi Arabia"}; !slices.Equal(sanctions.Marks, want) {
		t.Errorf("marks in %q: %v, want %v", sanctions.Sentence, sanctions.Marks, want)
	}
	// The aliases count: "A Saudi fund ... the Kazakh steppe".
	if invests := shownOfType(t, facts, "INVESTS_IN"); !slices.Equal(invests.Marks, []string{"subject:Saudi", "object:Kazakh"}) {
		t.Errorf("marks in %q: %v", invests.Sentence, invests.Marks)
	}
	return sanctions
}

// A reviewer goes through a document with the keyboard: the facts come
// lowest confidence first with the names that carry them marked, a
// decision without a key is refused and said so, a rejected fact is set
// apart and gone from the API's lists, and u and z undo.
func TestReviewDocumentWithTheKeyboard(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t)
	facts := openDocument(t, e, b)

	sanctions := checkListing(t, facts)

	// Without a key the API refuses; the page says why and keeps the fact.
	b.blur(t)
	b.press(t, "c")
	b.waitFor(t, "the refusal is shown", `document.querySelector('#errors li[data-code="UNAUTHENTICATED"]')`)
	if msg := b.shownErrors(t); !strings.Contains(msg, "API key") {
		t.Errorf("the error says %q", msg)
	}
	if f := readFacts(t, b)[0]; f.State != "not reviewed" || !f.Selected {
		t.Errorf("after the refusal: %+v", f)
	}

	b.enterKey(t, apiKey)
	stored := eval[string](t, b, "read the stored key", `sessionStorage.getItem('diplograph.review.key') || ''`)
	url := eval[string](t, b, "read the address", `location.href`)
	if stored != apiKey || strings.Contains(url, apiKey) || !strings.Contains(url, "document="+docID) {
		t.Errorf("key kept %q, address %q", stored, url)
	}

	// n writes a note on the selected fact, Escape returns to the list, r rejects.
	b.press(t, "n")
	b.press(t, "the note denies it")
	b.escape(t)
	b.press(t, "r")
	b.waitFor(t, "the fact is rejected", fmt.Sprintf(`document.querySelector('#rejected li.fact.rejected[data-id=%q]')`, sanctions.ID))
	facts = readFacts(t, b)
	rejected := facts[len(facts)-1]
	if rejected.ID != sanctions.ID || rejected.List != "rejected" || !rejected.Struck ||
		!strings.Contains(rejected.State, "Rejected by "+reviewer) || !strings.Contains(rejected.State, "the note denies it") {
		t.Errorf("the rejected fact is shown as %+v", rejected)
	}
	if facts[0].Type != "PARTNER_IN" || !facts[0].Selected {
		t.Errorf("after r the selection is not on the next fact: %+v", facts[0])
	}
	if slices.Contains(ids(e.pairFacts(t, false)), sanctions.ID) || slices.Contains(ids(e.documentFacts(t, false)), sanctions.ID) {
		t.Error("the API still lists the rejected fact")
	}
	if f, ok := factOfType(e.documentFacts(t, true), "SANCTIONS"); !ok || f.Review == nil || f.Review.Verdict != "REJECTED" ||
		f.Review.By != reviewer || f.Review.Note != "the note denies it" {
		t.Errorf("with includeRejected the API has %+v, review %+v", f, f.Review)
	}
	b.screenshot(t, "review-document", "")

	// ? shows the shortcuts; Escape closes them.
	b.press(t, "?")
	b.waitFor(t, "the help is open", `document.getElementById('help').open`)
	b.escape(t)
	b.waitFor(t, "the help is closed", `!document.getElementById('help').open`)

	// j walks down to the rejected fact, which is scrolled into view; u undoes.
	for i := 0; i < 10 && !readFacts(t, b)[5].Selected; i++ {
		b.press(t, "j")
	}
	if !readFacts(t, b)[5].Selected {
		t.Fatal("j never reached the rejected fact")
	}
	visible := eval[bool](t, b, "is the selection in view", `(() => {
  const r = document.querySelector('li.fact.selected').getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
})()`)
	if !visible {
		t.Error("the selected fact is not scrolled into view")
	}
	b.press(t, "u")
	b.waitFor(t, "the rejection is undone", `document.querySelectorAll('#rejected li').length === 0`)
	if f := readFacts(t, b)[0]; f.ID != sanctions.ID || f.State != "not reviewed" || !f.Selected {
		t.Errorf("after u: %+v", f)
	}
	if !slices.Contains(ids(e.pairFacts(t, false)), sanctions.ID) {
		t.Error("after undo the API does not list the fact again")
	}

	// c confirms and moves on; z undoes the last decision.
	b.press(t, "jc")
	b.waitFor(t, "the rail link is confirmed", `document.querySelectorAll('li.fact.confirmed').length === 1`)
	facts = readFacts(t, b)
	if facts[1].Type != "PARTNER_IN" || !strings.HasPrefix(facts[1].State, "Confirmed by "+reviewer) || !facts[2].Selected {
		t.Errorf("after c: %+v", facts[:3])
	}
	b.press(t, "z")
	b.waitFor(t, "the confirmation is undone", `document.querySelectorAll('li.fact.confirmed').length === 0`)
	if _, ok := factOfType(e.documentFacts(t, false), "PARTNER_IN"); !ok {
		t.Error("the rail link fact is gone")
	}
	for _, f := range e.documentFacts(t, true) {
		if f.Review != nil {
			t.Errorf("a decision stands after undoing everything: %+v", f)
		}
	}
}
