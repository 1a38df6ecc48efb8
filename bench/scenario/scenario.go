// Package scenario holds the benchmark's questions: for each scenario, the
// GraphQL request diplograph and the peer get, the minimal Cypher the floor
// runs, and the normaliser that turns each system's answer into one canonical
// form, so that answers can be checked equal before anything is timed.
package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// ID numbers the scenarios as the issue does.
type ID int

// The scenarios.
const (
	Country    ID = 1 // one country with its direct (outgoing) relations and their targets' names
	Bilateral  ID = 2 // all facts between a busy pair, with evidence sentences
	Neighbours ID = 3 // depth-2 neighbourhood of a busy organization (along MEMBER_OF)
	Search     ID = 4 // full-text search over names and evidence
	List       ID = 5 // 100 countries, each with its first 5 relations (the N+1 trap)
	Ingest     ID = 6 // scenario 2 while documents are ingested
)

// All lists the scenarios in order.
var All = []ID{Country, Bilateral, Neighbours, Search, List, Ingest}

// Name is a short description for tables.
func (id ID) Name() string {
	switch id {
	case Country:
		return "country + relations"
	case Bilateral:
		return "bilateral + evidence"
	case Neighbours:
		return "neighbours depth 2"
	case Search:
		return "full-text search"
	case List:
		return "100 countries x 5 relations"
	case Ingest:
		return "bilateral during ingest"
	}
	return fmt.Sprintf("scenario %d", int(id))
}

// Params are the arguments of a scenario, chosen from the loaded corpus.
type Params struct {
	Country string // scenario 1
	A, B    string // scenarios 2 and 6
	Org     string // scenario 3
	Query   string // scenario 4, already in Lucene form (lower-case terms)
	First   int    // scenario 4
}

// Systems.
const (
	Diplograph = "diplograph"
	Peer       = "peer"
	Floor      = "floor"
)

// Rel is the canonical form of one fact; fields a scenario does not ask for
// stay empty.
type Rel struct {
	Key        string   `json:"key"`
	Type       string   `json:"type"`
	Subject    string   `json:"subject,omitempty"`
	Object     string   `json:"object,omitempty"`
	Target     string   `json:"target,omitempty"`
	TargetName string   `json:"targetName,omitempty"`
	Modality   string   `json:"modality"`
	Evidence   []string `json:"evidence,omitempty"`
}

// Node is an entity id and name.
type Node struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Hit is one search result.
type Hit struct {
	Entity   string   `json:"entity,omitempty"`
	Sentence string   `json:"sentence,omitempty"`
	Mentions []string `json:"mentions,omitempty"`
}

// CountryAnswer answers scenario 1.
type CountryAnswer struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Relations []Rel  `json:"relations"`
}

// ListRow is one country of scenario 5.
type ListRow struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	First []Rel  `json:"first"`
}

// ListAnswer answers scenario 5.
type ListAnswer struct {
	Total     int       `json:"total"`
	Countries []ListRow `json:"countries"`
}

// ListSize and ListFirst are scenario 5's page size and relations per country.
const (
	ListSize  = 100
	ListFirst = 5
	// CountryMax bounds scenario 1: the country is chosen with fewer outgoing
	// facts than this, so that every system returns all of them.
	CountryMax = 200
)

// Equal compares two canonical answers.
func Equal(a, b any) bool { return reflect.DeepEqual(a, b) }

// Diff describes where two canonical answers differ, for error messages.
func Diff(a, b any) string {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if bytes.Equal(ja, jb) {
		return ""
	}
	i := 0
	for i < len(ja) && i < len(jb) && ja[i] == jb[i] {
		i++
	}
	lo := max(0, i-120)
	return fmt.Sprintf("differ at byte %d (sizes %d, %d):\n  %s\n  %s", i, len(ja), len(jb),
		ja[lo:min(len(ja), i+120)], jb[lo:min(len(jb), i+120)])
}

// relLess orders facts as diplograph lists an entity's relations: by type,
// the other end's name, then key.
func relLess(a, b Rel) bool {
	if a.Type != b.Type {
		return a.Type < b.Type
	}
	if a.TargetName != b.TargetName {
		return a.TargetName < b.TargetName
	}
	return a.Key < b.Key
}

func sortByKey(rs []Rel) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Key < rs[j].Key })
}

func upper(s string) string { return strings.ToUpper(s) }

func lower(s string) string { return strings.ToLower(s) }
