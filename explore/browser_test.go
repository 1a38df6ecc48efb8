package explore_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/diplograph/diplograph/explore"
)

// vizNode is one node drawn in a Neo4j Browser result frame.
type vizNode struct {
	Labels  []string          `json:"labels"`
	Props   map[string]string `json:"props"`
	Fill    string            `json:"fill"`
	Caption string            `json:"caption"`
}

// label is the node's styled label: its first label other than Entity.
func (n vizNode) label() string {
	for _, l := range n.Labels {
		if l != "Entity" {
			return l
		}
	}
	return ""
}

// connectBrowser opens Neo4j Browser, logs in and waits until the
// post-connect commands have run: the style frame is in the stream and the
// guide is open in the sidebar.
func connectBrowser(t *testing.T, ctx context.Context, st *stack) {
	t.Helper()
	u := st.conn.BrowserURL + "?dbms=" + url.QueryEscape(st.conn.URI)
	step(t, ctx, "open Neo4j Browser at "+u,
		chromedp.Navigate(u),
		chromedp.WaitVisible(chromedp.CSS(`input[data-testid="password"]`)),
	)
	user := value(t, ctx, "read the user field", chromedp.Value(chromedp.CSS(`input[data-testid="username"]`)))
	if user != st.conn.User {
		step(t, ctx, "type the user",
			chromedp.Clear(chromedp.CSS(`input[data-testid="username"]`)),
			chromedp.SendKeys(chromedp.CSS(`input[data-testid="username"]`), st.conn.User))
	}
	step(t, ctx, "log in",
		chromedp.SendKeys(chromedp.CSS(`input[data-testid="password"]`), st.conn.Password),
		chromedp.Click(chromedp.CSS(`button[data-testid="connect"]`)),
	)
	// browser.post_connect_cmd: ":style <url>" leaves a style frame, ":play <url>" opens the guide.
	value(t, ctx, "wait for the post-connect :style and :play frames",
		chromedp.Poll[bool](fmt.Sprintf(`(() => {
  const frames = [...document.querySelectorAll('[data-testid="frame"]')];
  const cmd = f => ((f.querySelector('[data-testid="frameCommand"]') || {}).textContent || '');
  const style = frames.some(f => cmd(f).includes(':style %s'));
  const guide = frames.some(f => cmd(f).includes(':play %s') && f.textContent.includes('Exploring diplograph'));
  return style && guide;
})()`, explore.StyleURL(st.base), explore.GuideURL(st.base)), chromedp.WithPollingTimeout(90*time.Second)))
	errs := value(t, ctx, "look for error frames", chromedp.Evaluate[string](
		`[...document.querySelectorAll('[data-testid="frame"]')].map(f => f.textContent).filter(t => /Could not parse|not allowed|Remote guide error/.test(t)).join('\n')`))
	if errs != "" {
		t.Fatalf("Neo4j Browser reports an error applying the style or guide:\n%s", errs)
	}
}

// runGuideQuery pages the guide frame to the slide holding the named query
// and clicks the query's play icon, which runs it at once.
func runGuideQuery(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	sel := fmt.Sprintf(`[data-testid="frame"] pre.runnable[data-query=%q]`, name)
	for i := 0; ; i++ {
		shown := value(t, ctx, "look for "+name, chromedp.Evaluate[bool](fmt.Sprintf(`!!document.querySelector(%q)`, sel)))
		if shown {
			break
		}
		if i > 10 {
			t.Fatalf("guide query %s not found on any slide", name)
		}
		step(t, ctx, "next guide slide",
			chromedp.Click(chromedp.CSS(`[data-testid="frame"] button[data-testid="nextSlide"]`)),
			chromedp.Sleep(300*time.Millisecond))
	}
	step(t, ctx, "click the play icon of "+name,
		chromedp.ScrollIntoView(chromedp.CSS(sel)),
		chromedp.Click(chromedp.CSS(sel+` i.fa-play-circle-o`)))
}

// vizNodes waits until the newest result frame draws at least min nodes,
// lets the layout settle, and returns them.
func vizNodes(t *testing.T, ctx context.Context, min int) []vizNode {
	t.Helper()
	const collect = `(() => {
  const f = [...document.querySelectorAll('[data-testid="frame"]')].find(f => f.querySelector('svg g.node'));
  if (!f) return [];
  return [...f.querySelectorAll('svg g.node')].map(g => {
    const d = g.__data__ || {};
    const props = {};
    for (const [k, v] of Object.entries(d.propertyMap || {})) props[k] = String(v);
    const c = g.querySelector('circle.b-outline');
    return {labels: d.labels || [], props, fill: c ? (c.getAttribute('fill') || '') : '',
      caption: [...g.querySelectorAll('text.caption')].map(t => t.textContent).join(' ')};
  });
})()`
	value(t, ctx, fmt.Sprintf("wait for a visualisation of at least %d nodes", min),
		chromedp.Poll[bool](fmt.Sprintf(`(%s).length >= %d`, collect, min), chromedp.WithPollingTimeout(60*time.Second)))
	step(t, ctx, "let the layout settle", chromedp.Sleep(3*time.Second))
	return value(t, ctx, "read the drawn nodes", chromedp.Evaluate[[]vizNode](collect))
}

// checkStyled fails the test unless every drawn node of a styled label has
// the style's fill and a caption, and returns the nodes by name.
func checkStyled(t *testing.T, nodes []vizNode) map[string]vizNode {
	t.Helper()
	colors := explore.NodeColors()
	byName := map[string]vizNode{}
	for _, n := range nodes {
		name := n.Props["name"]
		if name == "" {
			name = n.Props["title"]
		}
		byName[name] = n
		want, styled := colors[n.label()]
		if !styled {
			t.Errorf("node %q has labels %v, none of which the style knows", name, n.Labels)
			continue
		}
		if !strings.EqualFold(n.Fill, want) {
			t.Errorf("node %q (%s) is filled %q, the style says %q: the style is not applied", name, n.label(), n.Fill, want)
		}
		if strings.TrimSpace(n.Caption) == "" {
			t.Errorf("node %q (%s) has no caption", name, n.label())
		}
	}
	return byName
}

// captionShows reports whether a drawn caption (wrapped into lines and
// perhaps cut with an ellipsis) shows the start of name.
func captionShows(caption, name string) bool {
	c := strings.Join(strings.Fields(strings.TrimRight(strings.TrimSpace(caption), "…")), " ")
	return c != "" && strings.HasPrefix(strings.Join(strings.Fields(name), " "), c) && len([]rune(c)) >= min(len([]rune(name)), 6)
}

func TestBrowserNeighbourhood(t *testing.T) {
	st := setup(t)
	ctx := newBrowser(t, st)
	connectBrowser(t, ctx, st)
	runGuideQuery(t, ctx, "1-kazakhstan-neighbourhood")
	nodes := vizNodes(t, ctx, 6)
	byName := checkStyled(t, nodes)
	want := []struct{ name, label string }{
		{"Kazakhstan", "Country"},
		{"Türkiye", "Country"},
		{"Iran", "Country"},
		{"Qatar", "Country"},
		{"Shanghai Cooperation Organisation", "Organization"},
		{"Organization of Turkic States", "Organization"},
	}
	for _, w := range want {
		n, ok := byName[w.name]
		if !ok {
			t.Errorf("%s is not drawn", w.name)
			continue
		}
		if n.label() != w.label {
			t.Errorf("%s is drawn as %v, want %s", w.name, n.Labels, w.label)
		}
		if !captionShows(n.Caption, w.name) {
			t.Errorf("%s has caption %q", w.name, n.Caption)
		}
	}
	if t.Failed() {
		t.Logf("drawn nodes: %+v", nodes)
	}
	screenshot(t, ctx, "neo4j-browser-kazakhstan", `[data-testid="frame"]`)
}

func TestBrowserGuideBilateral(t *testing.T) {
	st := setup(t)
	ctx := newBrowser(t, st)
	connectBrowser(t, ctx, st)
	runGuideQuery(t, ctx, "2-kazakhstan-turkiye")
	nodes := vizNodes(t, ctx, 4)
	byName := checkStyled(t, nodes)
	for _, name := range []string{"Kazakhstan", "Türkiye"} {
		if _, ok := byName[name]; !ok {
			t.Errorf("%s is not drawn", name)
		}
	}
	var sentences, documents int
	for _, n := range nodes {
		switch n.label() {
		case "Sentence":
			sentences++
		case "Document":
			documents++
		}
	}
	if sentences == 0 || documents == 0 {
		t.Errorf("the evidence is not drawn: %d sentences, %d documents", sentences, documents)
	}
	if t.Failed() {
		t.Logf("drawn nodes: %+v", nodes)
	}
	screenshot(t, ctx, "neo4j-browser-guide", "")
}
