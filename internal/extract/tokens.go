package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word or punctuation mark of a sentence, by byte offsets into
// the normalised document text.
type token struct {
	s, e int
	// key is the comparison form: lower case, British spellings folded to
	// American ones ("organisation" -> "organization").
	key  string
	word bool // letters or digits
	cap  bool // starts with an upper-case letter
	num  bool // all digits
}

// spellings folds spelling variants so that one trie key matches both.
var spellings = map[string]string{
	"organisation": "organization", "organisations": "organizations", "programme": "program",
	"programmes": "programs", "defence": "defense", "centre": "center", "labour": "labor",
	"türkiye": "turkiye",
}

// tokenize cuts t[start:end] into tokens. Words are runs of letters, digits
// and combining marks; every other non-space rune is a token of its own.
func tokenize(t string, start, end int, buf []token) []token {
	return tokenizeLower(t, "", start, end, buf)
}

// asciiLower returns t with ASCII capitals lowered (same byte offsets), so
// that tokens of capitalised ASCII words can take their keys from it
// without allocating.
func asciiLower(t string) string {
	i := 0
	for i < len(t) && !('A' <= t[i] && t[i] <= 'Z') {
		i++
	}
	if i == len(t) {
		return t
	}
	b := []byte(t)
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

// tokenizeLower is tokenize with lower = asciiLower(t) (or "").
func tokenizeLower(t, lower string, start, end int, buf []token) []token {
	i := start
	for i < end {
		r, size := rune(t[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(t[i:end])
		}
		if r == ' ' || unicode.IsSpace(r) {
			i += size
			continue
		}
		if isWordRune(r) {
			j := i + size
			for j < end {
				r2, s2 := rune(t[j]), 1
				if r2 >= utf8.RuneSelf {
					r2, s2 = utf8.DecodeRuneInString(t[j:end])
				}
				if !isWordRune(r2) {
					break
				}
				j += s2
			}
			if w := t[i:j]; lower != "" && isASCII(w) {
				c := w[0]
				buf = append(buf, token{s: i, e: j, word: true, cap: 'A' <= c && c <= 'Z', num: '0' <= c && c <= '9', key: foldLower(lower[i:j])})
			} else {
				buf = append(buf, newWord(w, i, j))
			}
			i = j
			continue
		}
		buf = append(buf, token{s: i, e: i + size, key: t[i : i+size]})
		i += size
	}
	return buf
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func newWord(w string, s, e int) token {
	first, _ := utf8.DecodeRuneInString(w)
	tk := token{s: s, e: e, word: true, cap: unicode.IsUpper(first), num: unicode.IsDigit(first)}
	tk.key = foldWord(w)
	return tk
}

// foldLower folds the spelling of an already lower-case word.
func foldLower(w string) string {
	if len(w) >= 6 && strings.IndexByte("opdclt", w[0]) >= 0 {
		if v, ok := spellings[w]; ok {
			return v
		}
	}
	return w
}

// foldWord lower-cases w (without allocating when it is already lower-case
// ASCII) and folds spelling variants.
func foldWord(w string) string {
	lower := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			lower = false
			break
		}
	}
	if !lower {
		w = strings.ToLower(w)
	}
	// Every key of spellings is at least 6 bytes and starts with one of
	// these letters: most words skip the lookup.
	if len(w) >= 6 && strings.IndexByte("opdclt", w[0]) >= 0 {
		if v, ok := spellings[w]; ok {
			return v
		}
	}
	return w
}

// keysOf tokenizes a surface form of the gazetteer into trie keys.
func keysOf(form string) []string {
	toks := tokenize(form, 0, len(form), nil)
	keys := make([]string, len(toks))
	for i, tk := range toks {
		keys[i] = tk.key
	}
	return keys
}
