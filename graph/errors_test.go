package graph

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/errs"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		err  error
		code string
	}{
		{"not found", fmt.Errorf("x: %w", errs.ErrNotFound), errs.CodeNotFound},
		{"invalid", fmt.Errorf("x: %w", errs.ErrInvalid), errs.CodeBadUserInput},
		{"deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), errs.CodeUnavailable},
		{"wrapped connectivity", fmt.Errorf("query: %w", &neo4j.ConnectivityError{}), errs.CodeUnavailable},
		{"retries exhausted", fmt.Errorf("load: %w", &neo4j.TransactionExecutionLimit{Cause: "timeout"}), errs.CodeUnavailable},
		{"transient", fmt.Errorf("q: %w", &neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable"}), errs.CodeUnavailable},
		{"syntax error is ours", fmt.Errorf("q: %w", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"}), errs.CodeInternal},
		{"bug", errors.New("nil map"), errs.CodeInternal},
		{"client error", &Error{Code: errs.CodeUnauthenticated, Message: "key"}, errs.CodeUnauthenticated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, _, _ := Classify(tt.err); code != tt.code {
				t.Errorf("Classify(%v) = %s, want %s", tt.err, code, tt.code)
			}
		})
	}
}
