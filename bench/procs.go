package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/diplograph/diplograph/bench/scenario"
	"github.com/diplograph/diplograph/internal/neo4jserver"
)

func neo4jEnv(conn neo4jserver.Conn) []string {
	return append(os.Environ(),
		"NEO4J_URI="+conn.URI, "NEO4J_USER="+conn.User, "NEO4J_PASSWORD="+conn.Password, "NEO4J_DATABASE="+conn.Database)
}

// startDiplograph builds (unless given) and starts `diplograph serve`.
func startDiplograph(ctx context.Context, c *config, conn neo4jserver.Conn, log io.Writer) (*proc, string, error) {
	bin := c.DiploBin
	if bin == "" {
		dir, err := os.MkdirTemp("", "diplograph-bench-")
		if err != nil {
			return nil, "", err
		}
		bin = filepath.Join(dir, "diplograph")
		fmt.Fprintf(log, "building %s\n", bin)
		b := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/diplograph")
		b.Stdout, b.Stderr = log, log
		if err := b.Run(); err != nil {
			return nil, "", fmt.Errorf("build diplograph: %w", err)
		}
	}
	port, err := freePort(c.DiploPort)
	if err != nil {
		return nil, "", err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	args := strings.Fields(strings.ReplaceAll(c.DiploArgs, "{addr}", addr))
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(neo4jEnv(conn), "DIPLOGRAPH_ADDR="+addr, "DIPLOGRAPH_API_KEYS="+apiKey, "DIPLOGRAPH_LOG_LEVEL=warn")
	return start(ctx, cmd, "diplograph", "http://"+addr+"/graphql", c.Out, log)
}

// startPeer runs npm ci (pinned by package-lock.json) and starts the peer.
func startPeer(ctx context.Context, c *config, conn neo4jserver.Conn, log io.Writer) (*proc, string, error) {
	if _, err := os.Stat(filepath.Join(c.PeerDir, "node_modules")); err != nil || !c.NoNpmCI {
		fmt.Fprintf(log, "npm ci in %s\n", c.PeerDir)
		n := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
		n.Dir = c.PeerDir
		n.Stdout, n.Stderr = log, log
		if err := n.Run(); err != nil {
			return nil, "", fmt.Errorf("npm ci (the peer needs Node.js 20+ and npm): %w", err)
		}
	}
	port, err := freePort(c.PeerPort)
	if err != nil {
		return nil, "", err
	}
	cmd := exec.CommandContext(ctx, "node", "server.mjs")
	cmd.Dir = c.PeerDir
	cmd.Env = append(neo4jEnv(conn), fmt.Sprintf("PORT=%d", port), "NODE_ENV=production")
	return start(ctx, cmd, "peer", fmt.Sprintf("http://127.0.0.1:%d/graphql", port), c.Out, log)
}

// freePort returns port, or a free loopback port when it is 0.
func freePort(port int) (int, error) {
	if port != 0 {
		return port, nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// proc is a started subprocess.
type proc struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when it has exited
	err  error
}

// stopProcess ends a process this program started (its process group):
// SIGTERM, then SIGKILL after 10 seconds.
func stopProcess(p *proc) {
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-p.done
	}
}

// start runs cmd in its own process group, logging to out/<name>.log, and
// waits until its GraphQL endpoint answers.
func start(ctx context.Context, cmd *exec.Cmd, name, url, out string, log io.Writer) (*proc, string, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, "", err
	}
	logFile, err := os.Create(filepath.Join(os.TempDir(), "bench-"+name+".log"))
	if err != nil {
		return nil, "", err
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("start %s: %w", name, err)
	}
	pr := &proc{cmd: cmd, done: make(chan struct{})}
	go func() { pr.err = cmd.Wait(); close(pr.done) }()
	deadline := time.Now().Add(90 * time.Second)
	for {
		body, err := post(ctx, url, scenario.Request{Query: "{ __typename }"})
		if err == nil {
			if _, err = scenario.CheckResponse(body); err == nil {
				fmt.Fprintf(log, "%s ready at %s (pid %d, log %s)\n", name, url, cmd.Process.Pid, logFile.Name())
				return pr, url, nil
			}
		}
		select {
		case <-pr.done:
			b, _ := os.ReadFile(logFile.Name())
			return nil, "", fmt.Errorf("%s exited before answering (%v): %.2000s", name, pr.err, b)
		case <-ctx.Done():
			return nil, "", ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			stopProcess(pr)
			return nil, "", fmt.Errorf("%s did not answer at %s within 90s: %v", name, url, err)
		}
	}
}

// profile takes a 10-second CPU profile of diplograph (its /debug/pprof
// endpoint, when serve exposes it) and returns where it went or why not.
func profile(ctx context.Context, c *config, s *system, sc scenario.ID) string {
	time.Sleep(c.Warmup + c.Duration/4)
	base := strings.TrimSuffix(s.url, "/graphql")
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/debug/pprof/profile?seconds=10", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "no profile: " + err.Error()
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Sprintf("no profile: HTTP %d (start serve with its pprof flag via --diplograph-args)", resp.StatusCode)
	}
	path := filepath.Join(c.Out, fmt.Sprintf("cpu-scenario%d.pprof", sc))
	f, err := os.Create(path)
	if err != nil {
		return "no profile: " + err.Error()
	}
	defer f.Close()
	if _, err := io.Copy(f, resp.Body); err != nil {
		return "no profile: " + err.Error()
	}
	return path
}
