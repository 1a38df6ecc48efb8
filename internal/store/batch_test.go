package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/diplograph/diplograph/internal/ontology"

	"github.com/diplograph/diplograph/internal/errs"
)

func TestLoadBatchEqualsOneByOne(t *testing.T) {
	s := newStore(t)
	load(t, s, docAExtraction())
	load(t, s, docBExtraction())
	want := counts(t, s)

	s = newStore(t)
	ctx := context.Background()
	bs, err := s.LoadBatch(ctx, []*ontology.Extraction{docAExtraction(), docBExtraction(), docAExtraction()})
	if err != nil {
		t.Fatal(err)
	}
	if got := counts(t, s); got != want {
		t.Errorf("batch: %+v, one by one: %+v", got, want)
	}
	if len(bs.Docs) != 3 || !bs.Docs[0].New || !bs.Docs[1].New || bs.Docs[2].New {
		t.Errorf("batch docs = %+v, want new, new, not new (a repeat)", bs.Docs)
	}
	bs, err = s.LoadBatch(ctx, []*ontology.Extraction{docBExtraction(), docAExtraction()})
	if err != nil {
		t.Fatal(err)
	}
	if !bs.Docs[0].Unchanged() || !bs.Docs[1].Unchanged() || !bs.Total.Unchanged() {
		t.Errorf("reloading the batch wrote: %+v", bs)
	}
	if got := counts(t, s); got != want {
		t.Errorf("after reloading the batch: %+v, want %+v", got, want)
	}
}

func TestLoadBatchIsAllOrNothing(t *testing.T) {
	s := newStore(t)
	before := counts(t, s)
	bad := docBExtraction()
	bad.Relations[0].Object = "NOWHERE"
	if _, err := s.LoadBatch(context.Background(), []*ontology.Extraction{docAExtraction(), bad}); !errors.Is(err, errs.ErrInvalid) {
		t.Fatalf("LoadBatch with a bad document = %v, want errs.ErrInvalid", err)
	}
	if got := counts(t, s); got != before {
		t.Errorf("a rejected batch wrote: %+v -> %+v", before, got)
	}
}
