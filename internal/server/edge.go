package server

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-chi/httprate"
)

// cors lets the browser pages of the listed origins call the API. With no
// origins configured no CORS header is sent, so browsers keep other sites'
// scripts out (the API's default). "*" allows every origin but never with
// credentials.
func cors(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	any := slices.Contains(origins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin != "" && (any || slices.Contains(origins, origin)) {
			h := w.Header()
			h.Add("Vary", "Origin")
			if any {
				h.Set("Access-Control-Allow-Origin", "*")
			} else {
				h.Set("Access-Control-Allow-Origin", origin)
			}
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Content-Type, Authorization")
			h.Set("Access-Control-Max-Age", "600")
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// rateLimit allows each client perMinute requests per minute (per replica),
// keyed by the connection's address, or by X-Forwarded-For / X-Real-IP
// when byRealIP says a trusted proxy sets them. Over the limit the answer
// is 429 with a GraphQL-shaped error whose code is RATE_LIMITED.
func rateLimit(perMinute int, byRealIP bool, next http.Handler) http.Handler {
	if perMinute <= 0 {
		return next
	}
	key := httprate.KeyByIP
	if byRealIP {
		key = httprate.KeyByRealIP
	}
	limited := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]any{{
			"message":    "too many requests: slow down and retry after " + strings.TrimSpace(w.Header().Get("Retry-After")) + " s",
			"extensions": map[string]any{"code": "RATE_LIMITED"},
		}}})
	}
	return httprate.Limit(perMinute, time.Minute, httprate.WithKeyFuncs(key), httprate.WithLimitHandler(limited))(next)
}
