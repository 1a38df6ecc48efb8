package neo4jserver

import (
	"fmt"
	"net"
	"strconv"
)

// portFree reports whether nothing listens on 127.0.0.1:port.
func portFree(port int) bool {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

// choosePorts picks the Bolt and HTTP ports: each asked-for port if free
// (taken is an error); else, when 0, the instance's previous port, then the
// default one, if free; else a port the kernel says is free. With
// avoidDefaults set, 7687/7474 are never taken: a shared test instance on
// them would get the connections (and wrong passwords) of every tool that
// defaults to them.
func choosePorts(askBolt, askHTTP, prevBolt, prevHTTP int, avoidDefaults bool) (bolt, http int, err error) {
	var held []net.Listener
	defer func() {
		for _, l := range held {
			l.Close()
		}
	}()
	pick := func(name string, ask, prev, def int) (int, error) {
		if ask != 0 {
			if !portFree(ask) {
				return 0, fmt.Errorf("neo4jserver: %s port %d is taken", name, ask)
			}
			return ask, nil
		}
		candidates := []int{prev, def}
		if avoidDefaults {
			candidates = []int{prev}
		}
		for _, p := range candidates {
			if p == 0 || p == bolt || (avoidDefaults && (p == DefaultBoltPort || p == DefaultHTTPPort)) {
				continue
			}
			if portFree(p) {
				return p, nil
			}
		}
		// Hold each free port until both are chosen so they differ.
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, fmt.Errorf("neo4jserver: find a free %s port: %w", name, err)
		}
		held = append(held, l)
		return l.Addr().(*net.TCPAddr).Port, nil
	}
	if bolt, err = pick("bolt", askBolt, prevBolt, DefaultBoltPort); err != nil {
		return 0, 0, err
	}
	if http, err = pick("http", askHTTP, prevHTTP, DefaultHTTPPort); err != nil {
		return 0, 0, err
	}
	if bolt == http {
		return 0, 0, fmt.Errorf("neo4jserver: bolt and http ports are both %d", bolt)
	}
	return bolt, http, nil
}
