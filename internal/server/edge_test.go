package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var ok = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })

func TestCORS(t *testing.T) {
	tests := []struct {
		name       string
		origins    []string
		method     string
		origin     string
		preflight  bool
		wantStatus int
		wantAllow  string
	}{
		{"off by default", nil, "POST", "https://evil.example", false, 200, ""},
		{"listed origin", []string{"https://app.example"}, "POST", "https://app.example", false, 200, "https://app.example"},
		{"unlisted origin", []string{"https://app.example"}, "POST", "https://evil.example", false, 200, ""},
		{"preflight of a listed origin", []string{"https://app.example"}, "OPTIONS", "https://app.example", true, 204, "https://app.example"},
		{"preflight of an unlisted origin reaches the routes", []string{"https://app.example"}, "OPTIONS", "https://evil.example", true, 200, ""},
		{"any origin", []string{"*"}, "GET", "https://other.example", false, 200, "*"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "/graphql", nil)
			r.Header.Set("Origin", tc.origin)
			if tc.preflight {
				r.Header.Set("Access-Control-Request-Method", "POST")
			}
			w := httptest.NewRecorder()
			cors(tc.origins, ok).ServeHTTP(w, r)
			if w.Code != tc.wantStatus {
				t.Errorf("status %d, want %d", w.Code, tc.wantStatus)
			}
			if got := w.Header().Get("Access-Control-Allow-Origin"); got != tc.wantAllow {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tc.wantAllow)
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	h := rateLimit(3, false, ok)
	call := func(addr string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", "/graphql", nil)
		r.RemoteAddr = addr
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	for i := range 3 {
		if w := call("10.0.0.1:5000"); w.Code != http.StatusOK {
			t.Fatalf("request %d within the limit: status %d", i+1, w.Code)
		}
	}
	w := call("10.0.0.1:5001")
	if w.Code != http.StatusTooManyRequests || !strings.Contains(w.Body.String(), `"RATE_LIMITED"`) {
		t.Fatalf("fourth request: status %d body %s, want 429 RATE_LIMITED", w.Code, w.Body)
	}
	if w := call("10.0.0.2:5000"); w.Code != http.StatusOK {
		t.Fatalf("another client is limited too: status %d", w.Code)
	}
	if rateLimit(0, false, ok) == nil {
		t.Fatal("no limit must pass requests through")
	}
}
