package server

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// healthz says the process is up; it never touches Neo4j.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
}

// readyz says whether requests can be served: Neo4j reachable and its
// schema at the version this binary expects; 503 with the reason otherwise.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	status, reason := http.StatusOK, ""
	if err := s.deps.Driver.VerifyConnectivity(ctx); err != nil {
		status, reason = http.StatusServiceUnavailable, "neo4j unreachable"
		s.log.WarnContext(ctx, "not ready", "reason", reason, "err", err)
	} else if s.deps.CheckSchema != nil {
		if err := s.deps.CheckSchema(ctx); err != nil {
			status, reason = http.StatusServiceUnavailable, "schema: "+err.Error()
			s.log.WarnContext(ctx, "not ready", "reason", reason)
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
