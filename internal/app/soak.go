package app

import (
	"context"
	"fmt"
	"log/slog"
	"net"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/neo4jserver"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/soak"
	"github.com/diplograph/diplograph/internal/supervise"
)

// SoakServer is soak's in-process server: the application over d
// (watching its dependencies and supervising proc, as up does, when proc
// is given), its schema migrated and reference data loaded, served on a
// loopback port.
func SoakServer(d neo4j.DriverWithContext, database string, proc supervise.Process) soak.ServeFunc {
	return func(ctx context.Context, apiKey string, log *slog.Logger) (string, func(), error) {
		a, err := Assemble(Config{
			Neo4j:        neo4jserver.Conn{Database: database},
			Server:       server.Config{Addr: "127.0.0.1:0", APIKeys: []string{apiKey}, Logger: log},
			Watch:        proc != nil,
			Neo4jProcess: proc,
		}, d)
		if err != nil {
			return "", nil, err
		}
		closeApp := func() { _ = a.Close(context.WithoutCancel(ctx)) }
		if _, err := a.Migrate(ctx); err != nil {
			closeApp()
			return "", nil, fmt.Errorf("soak: migrate: %w", err)
		}
		if _, err := a.LoadReference(ctx); err != nil {
			closeApp()
			return "", nil, fmt.Errorf("soak: reference data: %w", err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			closeApp()
			return "", nil, err
		}
		sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		done := make(chan error, 1)
		go func() { done <- a.Server.Serve(sctx, ln) }()
		return "http://" + ln.Addr().String(), func() { cancel(); <-done; closeApp() }, nil
	}
}
