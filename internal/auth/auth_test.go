package auth

import (
	"net/http/httptest"
	"testing"
)

func TestKeyring(t *testing.T) {
	k := NewKeyring(ParseKeys(" alpha-key-1 ,, beta "))
	tests := []struct {
		name string
		key  string
		want bool
	}{
		{"first key", "alpha-key-1", true},
		{"second key", "beta", true},
		{"empty", "", false},
		{"wrong", "gamma", false},
		{"prefix of a key", "alpha", false},
		{"longer than a key", "alpha-key-1-and-more", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := k.Valid(tt.key); got != tt.want {
				t.Errorf("Valid(%q) = %v, want %v", tt.key, got, tt.want)
			}
		})
	}
	if NewKeyring(nil).Valid("x") {
		t.Error("an empty keyring accepted a key")
	}
}

func TestBearerToken(t *testing.T) {
	tests := []struct{ name, header, want string }{
		{"bearer", "Bearer abc", "abc"},
		{"lower case", "bearer abc", "abc"},
		{"basic", "Basic abc", ""},
		{"none", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/graphql", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			if got := BearerToken(r); got != tt.want {
				t.Errorf("BearerToken = %q, want %q", got, tt.want)
			}
		})
	}
}
