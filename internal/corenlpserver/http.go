package corenlpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
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

// Properties are the pipeline properties diplograph asks for: Annotators,
// JSON output, and no SUTime or numeric classifiers in NER (diplograph reads
// dates itself, and they make NER several times slower).
func Properties() map[string]string {
	return map[string]string{
		"annotators":                  Annotators,
		"outputFormat":                "json",
		"ner.useSUTime":               "false",
		"ner.applyNumericClassifiers": "false",
	}
}

// Annotate POSTs text to the server at base with the given pipeline
// properties and returns the response body (JSON with outputFormat json).
func Annotate(ctx context.Context, base string, props map[string]string, text string) ([]byte, error) {
	p, err := json.Marshal(props)
	if err != nil {
		return nil, err
	}
	u := base + "/?properties=" + url.QueryEscape(string(p))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("corenlpserver: annotate: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("corenlpserver: annotate: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("corenlpserver: annotate: %s: %s", resp.Status, jvmservice.Tail(string(body), 5))
	}
	return body, nil
}

// WarmupWith is a Warmup that annotates one sentence with props, so the
// server builds (and caches) exactly that pipeline before real work comes.
func WarmupWith(props map[string]string) func(ctx context.Context, base string) error {
	return func(ctx context.Context, base string) error {
		_, err := Annotate(ctx, base, props, "Diplograph warms up the pipeline in Geneva on Monday.")
		return err
	}
}
