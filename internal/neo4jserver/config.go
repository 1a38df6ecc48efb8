package neo4jserver

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// confSettings are the neo4j.conf settings of a local instance living in
// dir on the given ports; o.ExtraConfig adds to or overrides them.
func confSettings(o Options, dir string, boltPort, httpPort int) map[string]string {
	s := map[string]string{
		"server.default_listen_address":     "127.0.0.1",
		"server.default_advertised_address": "127.0.0.1",
		"server.bolt.enabled":               "true",
		"server.bolt.listen_address":        ":" + strconv.Itoa(boltPort),
		"server.bolt.advertised_address":    ":" + strconv.Itoa(boltPort),
		"server.http.enabled":               "true",
		"server.http.listen_address":        ":" + strconv.Itoa(httpPort),
		"server.http.advertised_address":    ":" + strconv.Itoa(httpPort),
		"server.https.enabled":              "false",
		"server.memory.pagecache.size":      o.PageCache,
		"server.memory.heap.initial_size":   o.HeapInitial,
		"server.memory.heap.max_size":       o.HeapMax,
		"dbms.usage_report.enabled":         "false",
		"server.directories.data":           filepath.Join(dir, "data"),
		"server.directories.logs":           filepath.Join(dir, "logs"),
		"server.directories.plugins":        filepath.Join(dir, "plugins"),
		"server.directories.import":         filepath.Join(dir, "import"),
		"server.directories.run":            filepath.Join(dir, "run"),
		"server.directories.licenses":       filepath.Join(dir, "licenses"),
		"server.directories.dumps.root":     filepath.Join(dir, "data", "dumps"),
		// A development server: keep two transaction log files, not a week's worth.
		"db.tx_log.rotation.retention_policy": "2 files",
	}
	if o.APOC {
		s["dbms.security.procedures.unrestricted"] = "apoc.*"
	}
	for k, v := range o.ExtraConfig {
		s[k] = v
	}
	return s
}

// renderConf writes settings as neo4j.conf lines, sorted by key so the file
// is stable.
func renderConf(settings map[string]string) string {
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("# Written by diplograph for this instance; edits are overwritten at the next start.\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s\n", k, settings[k])
	}
	return b.String()
}
