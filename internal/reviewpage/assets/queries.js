// The GraphQL documents of the review page. They are constants: data goes
// in variables only. (A test validates each one against the schema.)

// What the page shows of a fact.
const FACT = `fragment Fact on Relation {
  id type origin modality confidence
  subject { id name aliases }
  object { id name aliases }
  review { id verdict by at note }
  evidence { id sentence start end document { id title } }
}`;

// The relationship types and modalities, read from the schema itself.
export const VOCABULARY = `query ReviewVocabulary {
  predicate: __type(name: "Predicate") { enumValues { name description } }
  modality: __type(name: "Modality") { enumValues { name description } }
}`;

export const DOCUMENTS = `query ReviewDocuments($first: Int!) {
  documents(first: $first) { edges { node { id title publishedAt } } }
}`;

// One page of a document's facts, rejected ones included.
export const DOCUMENT = `query ReviewDocument($id: ID!, $first: Int!, $after: String) {
  document(id: $id) {
    id title source publishedAt
    relations(first: $first, after: $after, includeRejected: true) { ...Fact cursor }
  }
}
` + FACT;

export const SENTENCES = `query ReviewSentences($id: ID!) {
  document(id: $id) { id title sentences { id text start end } }
}`;

// The direct facts between two actors, rejected ones included.
export const PAIR = `query ReviewPair($a: ID!, $b: ID!) {
  bilateral(a: $a, b: $b, includeRejected: true) {
    a { id name } b { id name }
    relations { ...Fact }
    documents { id title }
  }
}
` + FACT;

export const ENTITIES = `query ReviewEntities($q: String!) {
  entities(filter: {nameContains: $q}, first: 12) { edges { node { id name kind aliases } } }
}`;

export const REVIEW = `mutation ReviewFact($id: ID!, $verdict: Verdict!, $note: String) {
  reviewFact(input: {id: $id, verdict: $verdict, note: $note}) { ...Fact }
}
` + FACT;

export const UNDO = `mutation UndoReview($id: ID!) {
  undoReview(id: $id) { id action fact undoneBy }
}`;

export const ADD = `mutation AddFact($input: AddFactInput!) {
  addFact(input: $input) { ...Fact }
}
` + FACT;

export const MERGE = `mutation MergeEntities($keep: ID!, $merge: ID!, $note: String) {
  mergeEntities(keep: $keep, merge: $merge, note: $note) { id name aliases }
}`;

// The newest standing decisions, to find the merge just made (for undo).
export const MERGES = `query ReviewMerges {
  reviews(filter: {undone: false}, first: 50) { id action keep merge }
}`;
