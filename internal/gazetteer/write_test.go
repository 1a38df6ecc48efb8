package gazetteer

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestMarshalLines(t *testing.T) {
	cities := []City{{Name: "Arequipa", Country: "PE", Population: 1000000}, {Name: "Jeddah", Country: "SA"}}
	data, err := MarshalLines(cities)
	if err != nil {
		t.Fatal(err)
	}
	want := "[\n{\"name\":\"Arequipa\",\"country\":\"PE\",\"population\":1000000},\n{\"name\":\"Jeddah\",\"country\":\"SA\"}\n]\n"
	if string(data) != want {
		t.Errorf("got\n%s\nwant\n%s", data, want)
	}
	var back []City
	if err := json.Unmarshal(data, &back); err != nil || len(back) != 2 || back[1].Name != "Jeddah" {
		t.Errorf("round trip: %v %+v", err, back)
	}
	if empty, _ := MarshalLines([]City{}); !bytes.Equal(empty, []byte("[\n]\n")) {
		t.Errorf("empty: %q", empty)
	}
}
