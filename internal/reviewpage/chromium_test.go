package reviewpage_test

// Helpers of the browser tests: a headless Chromium driven with chromedp
// (Debian's chromium, or $CHROMIUM), its console watched for exceptions and
// policy violations, and screenshots kept as test artifacts and, with
// -update-screenshots, in docs/img for the README.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/diplograph/diplograph/internal/chromiumtest"
)

var updateScreenshots = flag.Bool("update-screenshots", os.Getenv("UPDATE_SCREENSHOTS") != "",
	"also write the review page's screenshots into docs/img/ (for the README); env UPDATE_SCREENSHOTS=1 does the same")

// browser is a headless Chromium tab and what its console said.
type browser struct {
	ctx context.Context

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

// newBrowser starts a fresh headless Chromium with its own profile (so no
// key is remembered from another test) and watches its console.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: needs chromium and Neo4j (skipped under -short)")
	}
	chromium, err := chromiumtest.Find()
	if err != nil {
		t.Fatal(err)
	}
	tctx := chromiumtest.Tab(t, chromium, 1440, 1000, 5*time.Minute)
	b := &browser{ctx: tctx}
	messages := chromedp.Console(tctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
	t.Cleanup(func() { b.checkConsole(t) })
	return b
}

// checkConsole fails the test for an uncaught exception or a refusal of
// the Content-Security-Policy or of Trusted Types in the page.
func (b *browser) checkConsole(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.console {
		text := m.String()
		if m.IsException() || strings.Contains(text, "Content Security Policy") || strings.Contains(text, "Trusted Type") {
			t.Errorf("the page's console: %s (%s:%d)", text, m.URL, m.Line)
		}
	}
}

// step runs chromedp actions; on failure it saves a screenshot and fails
// the test with what was being done.
func (b *browser) step(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.fail(t, what, err)
	}
}

// eval evaluates a JavaScript expression in the page (through DevTools,
// so the page's policy does not apply to it) and decodes its value.
func eval[T any](t *testing.T, b *browser, what, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.fail(t, what, err)
	}
	return v
}

// waitFor evaluates a JavaScript condition until it holds. (chromedp's
// Poll builds its predicate with new Function, which the page's policy
// refuses, as it should.)
func (b *browser) waitFor(t *testing.T, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(45 * time.Second)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = errors.New("timed out")
			}
			b.fail(t, "wait until "+what, fmt.Errorf("%w; errors shown: %s", err, b.shownErrors(t)))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// shownErrors is the text of the page's error list.
func (b *browser) shownErrors(t *testing.T) string {
	s, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.getElementById('errors') ? document.getElementById('errors').innerText : ''`))
	return s
}

// press types keys where the focus is, as a person at the keyboard does.
func (b *browser) press(t *testing.T, keys string) {
	t.Helper()
	b.step(t, "press "+keys, chromedp.KeyEvent(keys))
}

// escape presses Escape.
func (b *browser) escape(t *testing.T) {
	t.Helper()
	b.step(t, "press Escape", chromedp.KeyEvent(kb.Escape))
}

func (b *browser) fail(t *testing.T, what string, err error) {
	t.Helper()
	b.screenshot(t, "failure-"+strings.ReplaceAll(t.Name(), "/", "-"), "")
	t.Fatalf("%s: %v", what, err)
}

// screenshot saves a PNG of the whole page (or of the element sel when
// set) under the test's artifact directory and, with -update-screenshots,
// as docs/img/<name>.png.
func (b *browser) screenshot(t *testing.T, name, sel string) {
	t.Helper()
	act := chromedp.FullScreenshot(100) // 100: PNG
	if sel != "" {
		act = chromedp.Screenshot(chromedp.CSS(sel))
	}
	png, err := chromedp.Run(b.ctx, act)
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	out := filepath.Join(t.ArtifactDir(), name+".png")
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Errorf("save screenshot: %v", err)
	}
	t.Logf("screenshot: %s", out)
	if *updateScreenshots && !strings.HasPrefix(name, "failure-") {
		dst := filepath.Join("..", "..", "docs", "img", name+".png")
		if err := os.WriteFile(dst, png, 0o644); err != nil {
			t.Errorf("update screenshot: %v", err)
		}
		t.Logf("updated %s", dst)
	}
}

// shownFact is a fact as the page lists it.
type shownFact struct {
	ID         string   `json:"id"`
	List       string   `json:"list"` // facts or rejected
	Subject    string   `json:"subject"`
	Type       string   `json:"type"`
	Object     string   `json:"object"`
	Confidence float64  `json:"confidence"`
	Origin     string   `json:"origin"`
	State      string   `json:"state"`
	Classes    []string `json:"classes"`
	Selected   bool     `json:"selected"`
	Sentence   string   `json:"sentence"`
	Marks      []string `json:"marks"` // "subject:Kazakhstan", "object:Saudi Arabia"
	Struck     bool     `json:"struck"`
}

// readFacts reads the listed facts in their order on the page.
func readFacts(t *testing.T, b *browser) []shownFact {
	t.Helper()
	return eval[[]shownFact](t, b, "read the listed facts", `[...document.querySelectorAll('li.fact')].map(li => ({
  id: li.dataset.id,
  list: li.parentElement.id,
  subject: li.querySelector('.end.subject code').textContent,
  type: li.querySelector('.predicate').textContent,
  object: li.querySelector('.end.object code').textContent,
  confidence: Number(li.querySelector('.confidence meter').value),
  origin: li.querySelector('.origin').textContent,
  state: li.querySelector('.state').textContent,
  classes: [...li.classList],
  selected: li.classList.contains('selected') && li.getAttribute('aria-current') === 'true',
  sentence: [...li.querySelectorAll('.sentence')].map(q => q.textContent).join(' | '),
  marks: [...li.querySelectorAll('mark')].map(m => m.className + ':' + m.textContent),
  struck: getComputedStyle(li.querySelector('.fact-line')).textDecorationLine.includes('line-through'),
}))`)
}

// shownOfType finds the listed fact of a type.
func shownOfType(t *testing.T, facts []shownFact, typ string) shownFact {
	t.Helper()
	for _, f := range facts {
		if f.Type == typ {
			return f
		}
	}
	t.Fatalf("no %s fact listed among %+v", typ, facts)
	return shownFact{}
}

// enterKey types the reviewer's key into the page and submits it.
func (b *browser) enterKey(t *testing.T, key string) {
	t.Helper()
	b.step(t, "type the API key",
		chromedp.SendKeys(chromedp.CSS(`#key-input`), key),
		chromedp.Click(chromedp.CSS(`#key-form button[type=submit]`)))
	b.waitFor(t, "the key is set", `document.getElementById('key-state').textContent.includes('key set')`)
	b.blur(t)
}

// blur takes the focus off any field, so that keys go to the list.
func (b *browser) blur(t *testing.T) {
	t.Helper()
	eval[bool](t, b, "blur", `(document.activeElement && document.activeElement.blur(), true)`)
}

// retype replaces what a field holds: selects it all, deletes it and types
// text.
func (b *browser) retype(t *testing.T, id, text string) {
	t.Helper()
	eval[bool](t, b, "select #"+id, fmt.Sprintf(`(document.getElementById(%q).select(), true)`, id))
	b.step(t, "retype #"+id,
		chromedp.KeyEvent(kb.Backspace),
		chromedp.SendKeys(chromedp.CSS("#"+id), text))
}

// choose picks the option of a select whose text contains text, as a
// person choosing it does (the change event fires).
func (b *browser) choose(t *testing.T, id, text string) {
	t.Helper()
	ok := eval[bool](t, b, "choose "+text, fmt.Sprintf(`(() => {
  const s = document.getElementById(%q);
  const o = [...s.options].find(o => o.value === %[2]q || o.textContent.includes(%[2]q));
  if (!o) return false;
  s.value = o.value;
  s.dispatchEvent(new Event('change', {bubbles: true}));
  return true;
})()`, id, text))
	if !ok {
		b.fail(t, "choose "+text, fmt.Errorf("#%s has no option %q", id, text))
	}
}
