package corenlpserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
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
	for {
		err := ready(ctx, base)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (last: %v)", ctx.Err(), err)
		case <-done:
			return errors.New("the java process exited")
		case <-time.After(250 * time.Millisecond):
		}
	}
}
