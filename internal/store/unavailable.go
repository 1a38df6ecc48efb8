package store

import (
	"errors"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/errs"
)

// Unavailable reports whether err says a dependency cannot serve right now:
// errs.ErrUnavailable or errs.ErrEngineUnavailable, or Neo4j cannot be
// reached or cannot serve (connection lost, retries exhausted, transient
// errors), as opposed to a bug. The driver's Is* helpers do not unwrap, so every
// layer is checked; the message test catches the driver's internal pool
// and socket errors, which have no exported type.
func Unavailable(err error) bool {
	if errors.Is(err, errs.ErrUnavailable) || errors.Is(err, errs.ErrEngineUnavailable) {
		return true
	}
	var (
		ce *neo4j.ConnectivityError
		tl *neo4j.TransactionExecutionLimit
		ne *neo4j.Neo4jError
	)
	if errors.As(err, &ce) || errors.As(err, &tl) {
		return true
	}
	if errors.As(err, &ne) && (strings.HasPrefix(ne.Code, "Neo.TransientError.") ||
		ne.Code == "Neo.ClientError.Security.AuthenticationRateLimit" ||
		ne.Code == "Neo.ClientError.Database.DatabaseNotFound") {
		return true
	}
	for e := err; e != nil; e = errors.Unwrap(e) {
		if neo4j.IsRetryable(e) {
			return true
		}
	}
	msg := strings.ToLower(err.Error())
	for _, s := range []string{"connectivityerror", "connection refused", "connection reset", "broken pipe",
		"i/o timeout", "unexpected eof", "pool", "server unavailable", "no servers available", "routing table"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
