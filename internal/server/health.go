package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/diplograph/diplograph/internal/supervise"
)

// healthz says the process is up; it never touches Neo4j.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
}

// serviceBody is one dependency in /readyz's body.
type serviceBody struct {
	State    string   `json:"state"`
	Restarts int      `json:"restarts,omitempty"`
	Reason   string   `json:"reason,omitempty"`
	LastExit string   `json:"lastExit,omitempty"`
	Servers  []Member `json:"servers,omitempty"`
}

// readyz says whether requests can be served: every required dependency is
// up (Neo4j reachable with its schema at the version this binary expects,
// ...); 503 with the first failing one and its reason otherwise. An
// optional dependency that is down (CoreNLP) leaves it 200 with status
// "degraded"; a dependency that is busy (slow to answer its check but
// alive) leaves it 200 with status "busy". Watched dependencies answer from their state (no I/O);
// the others are asked. The body lists every dependency's state.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	status, reason, degraded, busy := http.StatusOK, "", false, false
	services := map[string]serviceBody{}
	for _, c := range s.deps.Checks {
		var err error
		sb := serviceBody{State: string(supervise.Up)}
		var st supervise.Status
		if c.Status != nil {
			st = c.Status()
			sb = serviceBody{State: string(st.State), Restarts: st.Restarts, LastExit: st.LastExit}
		}
		switch {
		case c.Status != nil && st.State == supervise.Busy:
			// Working, slowly: requests still succeed.
			busy = true
			sb.Reason = st.Reason
		case c.Status != nil && st.State != supervise.Starting:
			if st.State != supervise.Up {
				err = errors.New(st.Reason)
				if st.Reason == "" {
					err = errors.New(string(st.State))
				}
			}
		case c.Ready != nil:
			if err = c.Ready(ctx); err != nil && c.Status == nil {
				sb.State = string(supervise.Down)
			}
		}
		if err != nil {
			sb.Reason = err.Error()
		}
		if c.Members != nil {
			sb.Servers = c.Members()
		}
		services[c.Name] = sb
		if err == nil {
			continue
		}
		if c.Optional {
			degraded = true
			continue
		}
		if status == http.StatusOK {
			status, reason = http.StatusServiceUnavailable, c.Name+": "+err.Error()
			s.log.WarnContext(ctx, "not ready", "dependency", c.Name, "reason", err.Error(), "cause", errors.Unwrap(err))
		}
	}
	w.Header().Set("Content-Type", "application/json")
	if status != http.StatusOK {
		w.Header().Set("Retry-After", "1")
	}
	w.WriteHeader(status)
	body := map[string]any{"status": "ready"}
	switch {
	case status != http.StatusOK:
		body = map[string]any{"status": "unavailable", "reason": reason}
	case degraded:
		body["status"] = "degraded"
	case busy:
		body["status"] = "busy"
	}
	if len(services) > 0 {
		body["services"] = services
	}
	_ = json.NewEncoder(w).Encode(body)
}
