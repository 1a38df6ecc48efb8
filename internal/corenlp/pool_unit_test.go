package corenlp

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// schedPool is a pool of servers in the given states and loads, with no
// probes running: for the choice of a server alone.
func schedPool(threads int, states []ServerState, inFlight []int) *Pool {
	p := &Pool{cfg: defaultPoolConfig(), changed: make(chan struct{}), names: map[int]*dnsName{}}
	p.cfg.threads = threads
	p.ctx, p.cancel = context.WithCancel(context.Background())
	for i, st := range states {
		p.servers = append(p.servers, &server{url: string(rune('a' + i)), state: st, inFlight: inFlight[i],
			wake: make(chan struct{}, 1)})
	}
	return p
}

func TestAcquire(t *testing.T) {
	cases := []struct {
		name     string
		threads  int
		states   []ServerState
		inFlight []int
		tried    []int
		next     int
		want     string // the server's url, or "wait", or "none"
	}{
		{"the least busy", 2, []ServerState{Up, Up, Up}, []int{1, 0, 1}, nil, 0, "b"},
		{"ties start at next", 2, []ServerState{Up, Up, Up}, []int{0, 0, 0}, nil, 1, "b"},
		{"ties wrap around", 2, []ServerState{Up, Up, Up}, []int{0, 1, 1}, nil, 2, "a"},
		{"down servers are skipped", 2, []ServerState{Down, Up, Starting}, []int{0, 1, 0}, nil, 0, "b"},
		{"tried servers are skipped", 2, []ServerState{Up, Up}, []int{0, 1}, []int{0}, 0, "b"},
		{"all full: wait", 1, []ServerState{Up, Up}, []int{1, 1}, nil, 0, "wait"},
		{"none up, one starting: wait", 1, []ServerState{Down, Starting}, []int{0, 0}, nil, 0, "wait"},
		{"all down", 1, []ServerState{Down, Down}, []int{0, 0}, nil, 0, "none"},
		{"the only one up was tried", 1, []ServerState{Up, Down}, []int{0, 0}, []int{0}, 0, "none"},
		{"no server at all", 1, nil, nil, nil, 0, "none"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := schedPool(tc.threads, tc.states, tc.inFlight)
			defer p.cancel()
			p.next = tc.next
			tried := map[*server]bool{}
			for _, i := range tc.tried {
				tried[p.servers[i]] = true
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			defer cancel()
			s, err := p.acquire(ctx, tried)
			switch tc.want {
			case "wait":
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("got %v, %v; want to wait until the context ends", s, err)
				}
			case "none":
				if !errors.Is(err, ErrNoServer) || !errors.Is(err, ErrUnavailable) {
					t.Fatalf("got %v, %v; want ErrNoServer", s, err)
				}
			default:
				if err != nil || s.url != tc.want {
					t.Fatalf("got %v, %v; want server %s", s, err, tc.want)
				}
				if s.requests != 1 || s.inFlight != tc.inFlight[strings.Index("abc", tc.want)]+1 {
					t.Fatalf("acquired %s: requests %d, in flight %d", s.url, s.requests, s.inFlight)
				}
			}
		})
	}
}

// TestAcquireRoundRobin: equally idle servers take pieces in turn, and a
// server freed wakes a waiter.
func TestAcquireRoundRobin(t *testing.T) {
	p := schedPool(1, []ServerState{Up, Up, Up}, []int{0, 0, 0})
	defer p.cancel()
	ctx := context.Background()
	var order []string
	for range 6 {
		s, err := p.acquire(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		order = append(order, s.url)
		p.release(s, nil)
	}
	if got := strings.Join(order, ""); got != "abcabc" {
		t.Fatalf("order %q, want abcabc", got)
	}
	held := make([]*server, 3)
	for i := range held {
		held[i], _ = p.acquire(ctx, nil)
	}
	got := make(chan *server)
	go func() {
		s, _ := p.acquire(ctx, nil)
		got <- s
	}()
	time.Sleep(10 * time.Millisecond)
	p.release(held[1], nil)
	select {
	case s := <-got:
		if s != held[1] {
			t.Fatalf("the waiter got %s, want the server freed (%s)", s.url, held[1].url)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a freed server did not wake the waiter")
	}
}

// TestReleaseFailure: a failure takes the server out, counts it and wakes
// its probe loop; the error names every server.
func TestReleaseFailure(t *testing.T) {
	p := schedPool(1, []ServerState{Up, Down}, []int{0, 0})
	defer p.cancel()
	p.servers[1].lastErr = "connection refused"
	s, err := p.acquire(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	p.release(s, errors.New("503 Service Unavailable"))
	if s.state != Down || s.failures != 1 || s.lastErr != "503 Service Unavailable" || s.inFlight != 0 {
		t.Fatalf("after a failure: %+v", s)
	}
	select {
	case <-s.wake:
	default:
		t.Fatal("the probe loop was not woken")
	}
	_, err = p.acquire(context.Background(), nil)
	if !errors.Is(err, ErrNoServer) || !strings.Contains(err.Error(), "a (down: 503 Service Unavailable)") ||
		!strings.Contains(err.Error(), "b (down: connection refused)") {
		t.Fatalf("got %v, want ErrNoServer naming both servers", err)
	}
	if err := p.Ready(context.Background()); !errors.Is(err, ErrNoServer) {
		t.Fatalf("Ready: %v", err)
	}
	p.cancel()
	if _, err := p.acquire(context.Background(), nil); !errors.Is(err, ErrClosed) {
		t.Fatalf("after close: %v", err)
	}
}
