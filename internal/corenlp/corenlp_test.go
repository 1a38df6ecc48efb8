package corenlp

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestPieces(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		max     int
		want    []string
		wantErr bool
	}{
		{"short text is one piece", "a\nb\n", 10, []string{"a\nb\n"}, false},
		{"cut at the last line end that fits", "aaaa\nbbbb\ncc\n", 10, []string{"aaaa\nbbbb\n", "cc\n"}, false},
		{"no limit", "aaaa\nbbbb\n", 0, []string{"aaaa\nbbbb\n"}, false},
		{"a line longer than the limit", "aaaaaaaaaaaa\nb", 5, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ps := pieces(tc.text, tc.max)
			var got []string
			var err error
			for _, p := range ps {
				if p.err != nil {
					err = p.err
					break
				}
				got = append(got, tc.text[p.start:p.end])
			}
			if tc.wantErr {
				if !errors.Is(err, ErrTooLarge) {
					t.Fatalf("want ErrTooLarge, got %v", err)
				}
				return
			}
			if err != nil || strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("got %q (%v), want %q", got, err, tc.want)
			}
		})
	}
}

func TestByteOffsets(t *testing.T) {
	// "é" is one UTF-16 unit and two bytes; "😀" is two units and four bytes.
	text := "é😀a"
	offs := byteOffsets(text)
	want := []int{0, 2, 2, 6, 7}
	if len(offs) != len(want) {
		t.Fatalf("got %v, want %v", offs, want)
	}
	for i := range want {
		if offs[i] != want[i] {
			t.Fatalf("got %v, want %v", offs, want)
		}
	}
}

func TestNewRejectsBadURL(t *testing.T) {
	for _, u := range []string{"", "localhost:9000", "ftp://x", "http://"} {
		if _, err := New(u); err == nil {
			t.Errorf("New(%q) accepted", u)
		}
	}
}

func TestUnavailable(t *testing.T) {
	c, err := New("http://127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Annotate(context.Background(), "Chile signed."); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("want ErrUnavailable, got %v", err)
	}
	if err := c.Ready(context.Background()); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Ready: want ErrUnavailable, got %v", err)
	}
}
