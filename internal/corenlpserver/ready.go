// How diplograph tells that a CoreNLP server is up: its log, and /ready.

package corenlpserver

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// readyTimeout bounds one /ready request.
const readyTimeout = 3 * time.Second

// parseBaseURL checks a CORENLP_URL and drops a trailing slash.
func parseBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return "", fmt.Errorf("corenlpserver: CORENLP_URL %q is not a base URL like http://localhost:9000", s)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

var client = &http.Client{Timeout: readyTimeout}

// ready is one GET base/ready with a short timeout.
func ready(ctx context.Context, base string) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/ready", nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s/ready: %s %s", base, resp.Status, strings.TrimSpace(string(body)))
	}
	return nil
}

// waitReady polls /ready until it answers, ctx ends or done closes.
func waitReady(ctx context.Context, base string, done <-chan struct{}) error {
	return jvmservice.Poll(ctx, done, 250*time.Millisecond, func() (bool, error) {
		err := ready(ctx, base)
		return err == nil, err
	})
}

// waitListening waits until the server's log says it listens on port,
// failing early when the process exits. /ready alone is not enough: on a
// shared machine another server may have taken the port first, and we must
// not take its answers for ours.
func waitListening(ctx context.Context, logPath string, port int, done <-chan struct{}) error {
	suffix := ":" + strconv.Itoa(port)
	return jvmservice.Poll(ctx, done, 200*time.Millisecond, func() (bool, error) {
		b, _ := os.ReadFile(logPath)
		for _, line := range strings.Split(string(b), "\n") {
			if _, addr, ok := strings.Cut(line, "StanfordCoreNLPServer listening at "); ok {
				if !strings.HasSuffix(strings.TrimSpace(addr), suffix) {
					return true, fmt.Errorf("the server says %q, not port %d", strings.TrimSpace(line), port)
				}
				return true, nil
			}
		}
		return false, fmt.Errorf("no \"listening at\" in %s", logPath)
	})
}
