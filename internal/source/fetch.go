package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strings"
	"syscall"
	"time"
)

// Errors of fetching, to test with errors.Is.
var (
	ErrPrivateAddress   = errors.New("address is private, loopback or link-local")
	ErrTooManyRedirects = errors.New("too many redirects")
	ErrContentType      = errors.New("content type not readable")
	ErrHTTPStatus       = errors.New("HTTP error status")
	ErrBadURL           = errors.New("not an http(s) URL")
)

// FetchOptions bound what fetching one URL may cost.
type FetchOptions struct {
	Limits         Limits        // the size limit applies while streaming
	ConnectTimeout time.Duration // 0 means 10s
	Timeout        time.Duration // whole request, body included; 0 means 60s
	MaxRedirects   int           // 0 means 5
	// AllowPrivate lets the fetcher reach private, loopback and link-local
	// addresses; off, they are refused at dial time, after DNS resolution,
	// so that a public name pointing at an inside address is refused too.
	AllowPrivate bool
	UserAgent    string // "" means UserAgent()
}

// UserAgent is the honest User-Agent sent with each request.
func UserAgent() string {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	return "diplograph/" + v + " (+https://github.com/diplograph/diplograph)"
}

// Fetcher gets documents over HTTP(S) within its options.
type Fetcher struct {
	opts   FetchOptions
	client *http.Client
}

// NewFetcher returns a Fetcher with opts.
func NewFetcher(opts FetchOptions) *Fetcher {
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = 10 * time.Second
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 60 * time.Second
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = 5
	}
	if opts.UserAgent == "" {
		opts.UserAgent = UserAgent()
	}
	opts.Limits = opts.Limits.withDefaults()
	dialer := &net.Dialer{Timeout: opts.ConnectTimeout}
	if !opts.AllowPrivate {
		dialer.Control = refusePrivate
	}
	tr := &http.Transport{
		// No proxy: the address checked must be the one reached.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   opts.ConnectTimeout,
		ResponseHeaderTimeout: opts.Timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       30 * time.Second,
	}
	max := opts.MaxRedirects
	client := &http.Client{
		Transport: tr,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > max {
				return fmt.Errorf("%w: more than %d", ErrTooManyRedirects, max)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("%w: redirect to %s", ErrBadURL, req.URL.Scheme)
			}
			return nil
		},
	}
	return &Fetcher{opts: opts, client: client}
}

// refusePrivate refuses, at dial time, any address that is not public.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, address)
	}
	if !Public(ap.Addr()) {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, ap.Addr())
	}
	return nil
}

var sharedSpace = netip.MustParsePrefix("100.64.0.0/10")

// Public tells whether a is a globally routable address.
func Public(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsValid() && !a.IsLoopback() && !a.IsPrivate() && !a.IsLinkLocalUnicast() &&
		!a.IsLinkLocalMulticast() && !a.IsInterfaceLocalMulticast() && !a.IsMulticast() &&
		!a.IsUnspecified() && !sharedSpace.Contains(a)
}

// Response is a fetched body, whole and within the size limit.
type Response struct {
	URL         string // after redirects
	ContentType string
	Body        []byte
}

// readable are the media types fetched; anything else is refused before
// its body is read.
var readable = []string{"text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown",
	"application/pdf", "application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
	"application/feed+json", "application/octet-stream", ""}

// Get fetches rawURL, refusing a body past the size limit while it
// streams.
func (f *Fetcher) Get(ctx context.Context, rawURL string) (Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Response{}, fmt.Errorf("%w: %q", ErrBadURL, rawURL)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Response{}, fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.1")
	resp, err := f.client.Do(req)
	if err != nil {
		return Response{}, fetchError(rawURL, err, f.opts.Timeout)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return Response{}, fmt.Errorf("fetch %s: %w: %s", rawURL, ErrHTTPStatus, resp.Status)
	}
	ct := resp.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	ok := false
	for _, r := range readable {
		if mt == r {
			ok = true
			break
		}
	}
	if !ok {
		return Response{}, fmt.Errorf("fetch %s: %w: %s", rawURL, ErrContentType, ct)
	}
	max := f.opts.Limits.MaxBytes
	if resp.ContentLength > max {
		return Response{}, fmt.Errorf("fetch %s: %w: %d bytes announced, at most %d", rawURL, ErrTooLarge, resp.ContentLength, max)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return Response{}, fetchError(rawURL, err, f.opts.Timeout)
	}
	if int64(len(body)) > max {
		return Response{}, fmt.Errorf("fetch %s: %w: more than %d bytes", rawURL, ErrTooLarge, max)
	}
	return Response{URL: resp.Request.URL.String(), ContentType: ct, Body: body}, nil
}

func fetchError(rawURL string, err error, timeout time.Duration) error {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("fetch %s: %w (%s): %w", rawURL, ErrTimeout, timeout, err)
	}
	return fmt.Errorf("fetch %s: %w", rawURL, err)
}

// Fetch gets rawURL and reads it as a Document (see Parse).
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (Document, error) {
	r, err := f.Get(ctx, rawURL)
	if err != nil {
		return Document{}, err
	}
	return f.Read(ctx, rawURL, r)
}

// Read parses a response Get gave for rawURL, within the fetcher's limits:
// Fetch is Get and Read, for callers that look at the response first (is
// it a feed?).
func (f *Fetcher) Read(ctx context.Context, rawURL string, r Response) (Document, error) {
	d, err := Parse(ctx, r.Body, pathOf(r.URL), r.ContentType, r.URL, f.opts.Limits)
	if err != nil {
		return Document{}, fmt.Errorf("%s: %w", rawURL, err)
	}
	return d, nil
}

// IsURL tells whether s is an http(s) URL.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func pathOf(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil {
		return u.Path
	}
	return rawURL
}
