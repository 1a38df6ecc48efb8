package reliability_test

import (
	"encoding/json"

	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/server"
)

func ontologyDoc(title string) ontology.Doc { return ontology.Doc{Title: title} }

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

func serverConfigZero() server.Config { return server.Config{} }
