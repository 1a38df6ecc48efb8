package neo4jserver

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Driver opens a driver to c with diplograph's settings (bounded connection
// acquisition, a modest pool, a user agent) and checks that the server
// answers and accepts the credentials. The caller closes it.
func (c Conn) Driver(ctx context.Context) (neo4j.DriverWithContext, error) {
	d, err := c.Open()
	if err != nil {
		return nil, err
	}
	if err := checkDriver(ctx, d, c.Database); err != nil {
		_ = d.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	return d, nil
}

// Open opens a driver to c with the same settings as Driver but does not
// contact the server: the driver connects on first use (for a server that
// must start while Neo4j is still down). The caller closes it.
func (c Conn) Open() (neo4j.DriverWithContext, error) {
	d, err := neo4j.NewDriverWithContext(c.URI, neo4j.BasicAuth(c.User, c.Password, ""), func(cfg *config.Config) {
		cfg.MaxConnectionPoolSize = 50
		cfg.ConnectionAcquisitionTimeout = 30 * time.Second
		cfg.SocketConnectTimeout = 5 * time.Second
		cfg.MaxTransactionRetryTime = 15 * time.Second
		cfg.UserAgent = "diplograph"
	})
	if err != nil {
		return nil, fmt.Errorf("neo4jserver: open driver for %s: %w", c.URI, err)
	}
	return d, nil
}

// OpenHealth opens a driver to c for health checks only: one connection
// of its own, so that a check never queues behind the requests for the
// main driver's pool, and a short wait for it. The caller closes it.
func (c Conn) OpenHealth() (neo4j.DriverWithContext, error) {
	d, err := neo4j.NewDriverWithContext(c.URI, neo4j.BasicAuth(c.User, c.Password, ""), func(cfg *config.Config) {
		cfg.MaxConnectionPoolSize = 1
		cfg.ConnectionAcquisitionTimeout = 2 * time.Second
		cfg.SocketConnectTimeout = 2 * time.Second
		cfg.UserAgent = "diplograph-health"
	})
	if err != nil {
		return nil, fmt.Errorf("neo4jserver: open health driver for %s: %w", c.URI, err)
	}
	return d, nil
}

// checkDriver verifies connectivity, then runs a query so that wrong
// credentials or a missing database show here, not in the first real call.
func checkDriver(ctx context.Context, d neo4j.DriverWithContext, database string) error {
	if err := d.VerifyConnectivity(ctx); err != nil {
		return explain(err)
	}
	_, err := neo4j.ExecuteQuery(ctx, d, "RETURN 1", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return explain(err)
	}
	return nil
}

// verify opens a driver, checks it and closes it.
func (c Conn) verify(ctx context.Context) error {
	d, err := c.Driver(ctx)
	if err != nil {
		return err
	}
	return d.Close(ctx)
}

// explain turns the driver's failures into messages a person can act on.
func explain(err error) error {
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case ne.Code == "Neo.ClientError.Security.Unauthorized":
			return fmt.Errorf("wrong user or password (NEO4J_USER/NEO4J_PASSWORD): %w", err)
		case ne.Code == "Neo.ClientError.Security.AuthenticationRateLimit":
			return fmt.Errorf("too many wrong passwords for this user, from this or another client: Neo4j refuses logins for a few seconds: %w", err)
		case ne.Code == "Neo.ClientError.Security.CredentialsExpired":
			return fmt.Errorf("the password must be changed first (log in once with Neo4j Browser or cypher-shell): %w", err)
		case ne.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return fmt.Errorf("no such database (NEO4J_DATABASE): %w", err)
		}
	}
	if neo4j.IsConnectivityError(err) {
		return fmt.Errorf("cannot reach the server (is it running, is the address right?): %w", err)
	}
	return err
}
