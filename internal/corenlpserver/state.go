package corenlpserver

// state is CoreNLP's part of what an instance folder remembers in
// state.json; the lifecycle keeps the rest (name, version, pid, ...) in the
// same object.
type state struct {
	Port    int    `json:"port"`
	Heap    string `json:"heap"`
	Threads int    `json:"threads"`
	Preload string `json:"preload,omitempty"`
}
