package soak_test

import (
	"context"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/soak"
)

func TestSoakRefusesRemoteTargets(t *testing.T) {
	for _, u := range []string{"http://example.com", "http://10.0.0.1:8080", "ftp://127.0.0.1", "http://[::2]:80"} {
		if _, err := soak.Run(context.Background(), soak.Options{URL: u, Duration: time.Second}); err == nil {
			t.Errorf("%s: accepted", u)
		}
	}
	if _, err := soak.Run(context.Background(), soak.Options{URL: "http://127.0.0.1:1", Duration: 3 * time.Hour}); err == nil {
		t.Errorf("a 3-hour soak was accepted")
	}
}
