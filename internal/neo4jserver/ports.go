package neo4jserver

import (
	"fmt"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// choosePorts picks the Bolt and HTTP ports: each asked-for port if free
// (taken is an error); else, when 0, the instance's previous port, then the
// default one, if free; else a port the kernel says is free. With
// avoidDefaults set, 7687/7474 are never taken: a shared test instance on
// them would get the connections (and wrong passwords) of every tool that
// defaults to them.
func choosePorts(askBolt, askHTTP, prevBolt, prevHTTP int, avoidDefaults bool) (bolt, http int, err error) {
	var picker jvmservice.PortPicker
	defer picker.Close()
	candidates := func(prev, def int) []int {
		if !avoidDefaults {
			return []int{prev, def}
		}
		if prev == DefaultBoltPort || prev == DefaultHTTPPort {
			return nil
		}
		return []int{prev}
	}
	if bolt, err = picker.Pick("bolt", askBolt, candidates(prevBolt, DefaultBoltPort)...); err != nil {
		return 0, 0, fmt.Errorf("neo4jserver: %w", err)
	}
	if http, err = picker.Pick("http", askHTTP, candidates(prevHTTP, DefaultHTTPPort)...); err != nil {
		return 0, 0, fmt.Errorf("neo4jserver: %w", err)
	}
	if bolt == http {
		return 0, 0, fmt.Errorf("neo4jserver: bolt and http ports are both %d", bolt)
	}
	return bolt, http, nil
}

// portFree reports whether nothing listens on 127.0.0.1:port.
func portFree(port int) bool { return jvmservice.PortFree(port) }
