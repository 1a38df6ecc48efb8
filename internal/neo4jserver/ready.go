// How diplograph tells that a local Neo4j is up: its log, then Bolt with
// the password it should have.

package neo4jserver

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// waitStarted waits until the instance's own log says Bolt is enabled on
// port and the server has started, failing early when the process exits.
// A TCP check alone is not enough: on a shared machine another Neo4j may
// take the port first, and we must not talk to it.
func waitStarted(ctx context.Context, logPath string, port int, done <-chan struct{}) error {
	bolt := ":" + strconv.Itoa(port) + "."
	return jvmservice.Poll(ctx, done, 200*time.Millisecond, func() (bool, error) {
		b, _ := os.ReadFile(logPath)
		log := string(b)
		i := strings.Index(log, "Bolt enabled on ")
		if i < 0 || !strings.Contains(log[i:], "INFO  Started.") {
			return false, fmt.Errorf("no \"Started.\" in %s", logPath)
		}
		line, _, _ := strings.Cut(log[i:], "\n")
		if !strings.HasSuffix(strings.TrimSpace(line), bolt) {
			return true, fmt.Errorf("Neo4j says %q, not port %d", line, port)
		}
		return true, nil
	})
}

// waitQuery waits until the neo4j database answers a query.
func waitQuery(ctx context.Context, c Conn, done <-chan struct{}) error {
	return jvmservice.Poll(ctx, done, 250*time.Millisecond, func() (bool, error) {
		qctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		err := c.verify(qctx)
		// Retrying a wrong password only trips the login rate limit.
		return err == nil || hasCode(err, "Neo.ClientError.Security.Unauthorized"), err
	})
}

// settlePassword makes the server's password want, trying the candidates
// for its current one in order: the state file can be wrong (a start that
// died half-way), and the initial password neo4j/neo4j is always worth a try.
// Each wrong guess counts towards Neo4j's login rate limit, so there are few.
func settlePassword(ctx context.Context, c Conn, candidates []string, want string) error {
	var last error
	seen := map[string]bool{}
	for _, cand := range candidates {
		if seen[cand] {
			continue
		}
		seen[cand] = true
		var err error
		if cand == want {
			qctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			err = c.verify(qctx)
			cancel()
		} else {
			from := c
			from.Password = cand
			err = changePassword(ctx, from, want)
		}
		if err == nil {
			return nil
		}
		if !hasCode(err, "Neo.ClientError.Security.Unauthorized") && !hasCode(err, "Neo.ClientError.Security.CredentialsExpired") {
			return err
		}
		last = err
	}
	return fmt.Errorf("the server accepts none of the passwords known for it (state.json, neo4j): "+
		"pass the right one with --password or NEO4J_PASSWORD, or delete the instance folder to start afresh: %w", last)
}

func hasCode(err error, code string) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && ne.Code == code
}

// changePassword changes the connected user's password (from c.Password)
// on the system database, retrying while the server finishes starting.
func changePassword(ctx context.Context, c Conn, to string) error {
	d, err := c.Open()
	if err != nil {
		return err
	}
	defer d.Close(context.WithoutCancel(ctx))
	var last error
	for {
		s := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: "system"})
		// Administration commands run in auto-commit transactions.
		res, err := s.Run(ctx, "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
			map[string]any{"old": c.Password, "new": to})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		s.Close(ctx)
		if err == nil {
			return nil
		}
		last = explain(err)
		if hasCode(err, "Neo.ClientError.Security.Unauthorized") {
			return last
		}
		select {
		case <-ctx.Done():
			return last
		case <-time.After(250 * time.Millisecond):
		}
	}
}
