package app

import (
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/synth"
)

// Synthetic is the generator of the synthetic corpus in the genre for
// seed, over the embedded reference data: the same seed gives the same
// articles.
func Synthetic(seed uint64) (*synth.Generator, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, err
	}
	return synth.New(g, seed)
}
