// Package auth checks API keys. Keys are kept only as SHA-256 hashes and
// compared in constant time over those fixed-length hashes, so neither a
// key's content nor its length leaks through timing. Keys are never logged.
package auth

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"
)

// Keyring holds the hashes of the accepted API keys and their names.
type Keyring struct {
	hashes [][sha256.Size]byte
	names  []string
}

// NewKeyring accepts the given keys (empty entries and surrounding spaces
// ignored). A key written "name:secret" is the secret, known by that name
// (who reviewed a fact); any other key is named "key-" and the first eight
// hex digits of its hash, which tells keys apart without revealing them.
func NewKeyring(keys []string) *Keyring {
	k := &Keyring{}
	for _, key := range keys {
		key = strings.TrimSpace(key)
		name, secret, named := strings.Cut(key, ":")
		if !named || strings.TrimSpace(name) == "" || strings.TrimSpace(secret) == "" {
			name, secret = "", key
		}
		if secret = strings.TrimSpace(secret); secret == "" {
			continue
		}
		h := sha256.Sum256([]byte(secret))
		if name = strings.TrimSpace(name); name == "" {
			name = "key-" + hex.EncodeToString(h[:4])
		}
		k.hashes = append(k.hashes, h)
		k.names = append(k.names, name)
	}
	return k
}

// ParseKeys splits a comma-separated list (DIPLOGRAPH_API_KEYS).
func ParseKeys(s string) []string {
	var out []string
	for _, k := range strings.Split(s, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// Len is the number of accepted keys.
func (k *Keyring) Len() int { return len(k.hashes) }

// Valid reports whether key is one of the accepted keys. It compares the
// hash with every accepted hash, without stopping early.
func (k *Keyring) Valid(key string) bool {
	_, ok := k.Name(key)
	return ok
}

// Name returns the name of key when it is an accepted key. It compares the
// hash with every accepted hash, without stopping early.
func (k *Keyring) Name(key string) (string, bool) {
	if key == "" || k == nil {
		return "", false
	}
	h := sha256.Sum256([]byte(key))
	found := -1
	for i := range k.hashes {
		if subtle.ConstantTimeCompare(h[:], k.hashes[i][:]) == 1 {
			found = i
		}
	}
	if found < 0 {
		return "", false
	}
	return k.names[found], true
}

// BearerToken returns the token of an "Authorization: Bearer <token>" header.
func BearerToken(r *http.Request) string {
	h := r.Header.Get("Authorization")
	const prefix = "bearer "
	if len(h) < len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return ""
	}
	return strings.TrimSpace(h[len(prefix):])
}

// Status is what the request's credentials were worth.
type Status struct {
	Presented bool   // an Authorization header carried a token
	Valid     bool   // the token is an accepted key
	Name      string // the accepted key's name (Keyring.Name)
}

type statusKey struct{}

// WithStatus returns a context carrying s.
func WithStatus(ctx context.Context, s Status) context.Context {
	return context.WithValue(ctx, statusKey{}, s)
}

// StatusFrom returns the request's Status (zero when none was recorded).
func StatusFrom(ctx context.Context) Status {
	s, _ := ctx.Value(statusKey{}).(Status)
	return s
}
