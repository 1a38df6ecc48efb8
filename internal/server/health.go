package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"
)

// healthz says the process is up; it never touches Neo4j.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
}

// readyz says whether requests can be served: every dependency's check
// passes (Neo4j reachable with its schema at the version this binary
// expects, ...); 503 with the first failing dependency and its reason
// otherwise.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	status, reason := http.StatusOK, ""
	for _, c := range s.deps.Checks {
		if c.Ready == nil {
			continue
		}
		if err := c.Ready(ctx); err != nil {
			status, reason = http.StatusServiceUnavailable, c.Name+": "+err.Error()
			s.log.WarnContext(ctx, "not ready", "dependency", c.Name, "reason", err.Error(), "cause", errors.Unwrap(err))
			break
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	body := map[string]string{"status": "ready"}
	if status != http.StatusOK {
		body = map[string]string{"status": "unavailable", "reason": reason}
	}
	_ = json.NewEncoder(w).Encode(body)
}
