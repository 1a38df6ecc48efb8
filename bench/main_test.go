package main

import (
	"slices"
	"testing"
	"time"
)

func TestInts(t *testing.T) {
	tests := []struct {
		in   string
		want []int
		bad  bool
	}{
		{in: "1-6", want: []int{1, 2, 3, 4, 5, 6}},
		{in: "50,100, 200", want: []int{50, 100, 200}},
		{in: "1,3-4", want: []int{1, 3, 4}},
		{in: "4-2", bad: true},
		{in: "x", bad: true},
		{in: "", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ints(tt.in)
			if (err != nil) != tt.bad {
				t.Fatalf("err %v", err)
			}
			if !tt.bad && !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSmokeKeepsExplicitFlags(t *testing.T) {
	c, err := parseFlags([]string{"--smoke", "--docs", "1000"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Docs != 1000 || c.Duration != 3*time.Second || c.Repeat != 1 {
		t.Errorf("got docs %d duration %v repeat %d", c.Docs, c.Duration, c.Repeat)
	}
	if _, err := parseFlags([]string{"--systems", "elsewhere"}); err == nil {
		t.Error("unknown system accepted")
	}
	if _, err := parseFlags([]string{"--scenarios", "7"}); err == nil {
		t.Error("scenario 7 accepted")
	}
}
