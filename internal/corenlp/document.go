package corenlp

// Document is an annotated text.
type Document struct {
	Sentences []Sentence
}

// Sentence is one sentence: tokens, dependencies and entity mentions.
// Token indexes are 0-based; Gov is -1 for the root.
type Sentence struct {
	Index    int
	Tokens   []Token
	Basic    []Dep // basic dependencies: a tree
	Deps     []Dep // enhanced++ dependencies: a graph
	Mentions []Mention
}

// Token is one token; Begin and End are byte offsets into the text sent.
type Token struct {
	Word, Lemma, POS, NER string
	Begin, End            int
}

// Dep is one dependency edge, Gov -Rel-> Dep ("nsubj", "obl:with", ...).
type Dep struct {
	Rel      string
	Gov, Dep int
}

// Mention is a named-entity span of tokens [Start, End).
type Mention struct {
	Start, End int
	NER, Text  string
}

// Begin is the byte offset of the sentence's first token.
func (s *Sentence) Begin() int {
	if len(s.Tokens) == 0 {
		return 0
	}
	return s.Tokens[0].Begin
}

// End is the byte offset after the sentence's last token.
func (s *Sentence) End() int {
	if len(s.Tokens) == 0 {
		return 0
	}
	return s.Tokens[len(s.Tokens)-1].End
}

func (s *Sentence) shift(by int) {
	for i := range s.Tokens {
		s.Tokens[i].Begin += by
		s.Tokens[i].End += by
	}
}
