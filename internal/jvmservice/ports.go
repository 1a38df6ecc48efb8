package jvmservice

import (
	"fmt"
	"net"
	"slices"
	"strconv"
)

// PortFree reports whether nothing listens on 127.0.0.1:port.
func PortFree(port int) bool {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

// PortPicker chooses distinct ports for one server. A port the kernel
// gives as free is held open until Close, so a second Pick cannot get it.
type PortPicker struct {
	held   []net.Listener
	chosen []int
}

// Pick returns ask if it is free (taken is an error); else, when ask is 0,
// the first free candidate (0s and ports already picked are skipped); else
// a port the kernel says is free. name is for the error message.
func (p *PortPicker) Pick(name string, ask int, candidates ...int) (int, error) {
	if ask != 0 {
		if !PortFree(ask) {
			return 0, fmt.Errorf("%s port %d is taken", name, ask)
		}
		p.chosen = append(p.chosen, ask)
		return ask, nil
	}
	for _, c := range candidates {
		if c == 0 || slices.Contains(p.chosen, c) {
			continue
		}
		if PortFree(c) {
			p.chosen = append(p.chosen, c)
			return c, nil
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free %s port: %w", name, err)
	}
	p.held = append(p.held, l)
	port := l.Addr().(*net.TCPAddr).Port
	p.chosen = append(p.chosen, port)
	return port, nil
}

// Close releases the ports held by Pick.
func (p *PortPicker) Close() {
	for _, l := range p.held {
		l.Close()
	}
	p.held = nil
}
