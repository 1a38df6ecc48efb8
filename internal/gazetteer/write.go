package gazetteer

import (
	"bytes"
	"encoding/json"
)

// MarshalLines writes items as a gazetteer file: a JSON array with one
// entry per line, the form of the generated files (people.json,
// cities.json), so that a regeneration diffs line by line.
func MarshalLines[T any](items []T) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, it := range items {
		line, err := json.Marshal(it)
		if err != nil {
			return nil, err
		}
		b.Write(line)
		if i < len(items)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	return b.Bytes(), nil
}
