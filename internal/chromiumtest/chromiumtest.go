// Package chromiumtest starts the headless Chromium the browser tests
// drive (Neo4j Browser's guide and style, the review page).
package chromiumtest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Find returns the browser to drive: $CHROMIUM, else the first of
// chromium, chromium-browser and google-chrome on the PATH.
func Find() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("chromium not found: install it (apt-get install -y chromium) or set CHROMIUM to its path; " +
		"run with -short to skip the browser tests")
}

// Tab starts a fresh headless Chromium at path (a profile of its own, so
// nothing is remembered between tests) with a window of width×height, and
// returns a tab context that ends after timeout or with the test.
func Tab(t testing.TB, path string, width, height int, timeout time.Duration) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	tctx, tcancel := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() { tcancel(); cancel(); acancel() })
	if err := chromedp.Do(tctx); err != nil { // starts the browser
		t.Fatalf("start chromium %s: %v", path, err)
	}
	return tctx
}
