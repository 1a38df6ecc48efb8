package neo4jserver

// state is Neo4j's part of what an instance folder remembers in state.json
// (mode 0600: it holds the password); the lifecycle keeps the rest (name,
// version, pid, ...) in the same object.
type state struct {
	BoltPort    int    `json:"bolt_port"`
	HTTPPort    int    `json:"http_port"`
	Password    string `json:"password"`
	PasswordSet bool   `json:"password_set"` // the initial neo4j/neo4j password was changed
	APOC        bool   `json:"apoc,omitempty"`
}

func (st state) conn() Conn { return localConn(st.BoltPort, st.HTTPPort, st.Password) }
