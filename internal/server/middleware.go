package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/diplograph/diplograph/internal/auth"
	"github.com/diplograph/diplograph/internal/query"

	"github.com/diplograph/diplograph/internal/errs"
)

// graphqlHandler wraps the gqlgen handler: body limit, request timeout,
// credentials, the round-trip counter and the per-request dataloaders.
func (s *Server) graphqlHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.cfg.MaxBodyBytes {
			writeError(w, http.StatusRequestEntityTooLarge, errs.CodeBadUserInput, "request body is larger than the limit")
			return
		}
		if r.Body != nil {
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
			if err != nil {
				var mbe *http.MaxBytesError
				if errors.As(err, &mbe) {
					writeError(w, http.StatusRequestEntityTooLarge, errs.CodeBadUserInput, "request body is larger than the limit")
				} else {
					writeError(w, http.StatusBadRequest, errs.CodeBadUserInput, "request body could not be read")
				}
				return
			}
			// One operation per request: a JSON array (batched operations)
			// would multiply every limit by its length.
			if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] == '[' {
				writeError(w, http.StatusBadRequest, errs.CodeBadUserInput, "batched operations are not supported: send one operation per request")
				return
			}
			// gqlgen's own decoding error echoes the whole body back;
			// refuse malformed (or too deeply nested) JSON here instead.
			if r.Method == http.MethodPost && len(bytes.TrimSpace(body)) > 0 && isJSON(r) && !json.Valid(body) {
				writeError(w, http.StatusBadRequest, errs.CodeBadUserInput, "request body is not valid JSON (or is nested too deeply)")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
		defer cancel()
		token := auth.BearerToken(r)
		name, valid := s.keys.Name(token)
		ctx = auth.WithStatus(ctx, auth.Status{Presented: token != "", Valid: valid, Name: name})
		ctx, _ = query.WithCounter(ctx)
		ctx = withHeader(ctx, w.Header())
		s.gql.ServeHTTP(w, r.WithContext(ctx))
	})
}

func isJSON(r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	return ct == "" || strings.HasPrefix(strings.ToLower(strings.TrimSpace(ct)), "application/json") ||
		strings.HasPrefix(strings.ToLower(strings.TrimSpace(ct)), "application/graphql-response+json")
}

// recoverPanics turns a panic outside gqlgen (which recovers its own) into
// a 500 with a logged cause.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.ErrorContext(r.Context(), "http handler panicked", "path", r.URL.Path, "panic", p)
				writeError(w, http.StatusInternalServerError, errs.CodeInternal, "internal error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// writeError writes a GraphQL-shaped error response.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": code}}},
	})
}
