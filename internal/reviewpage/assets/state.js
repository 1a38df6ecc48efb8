// The review page's state, shared by its modules.
export const app = {
  scope: null, // {kind: 'document', id} or {kind: 'pair', a, b}
  facts: [], // as the API gave them, rejected ones included
  order: [], // fact ids as listed: to review first, rejected last
  selected: null, // the selected fact's id
  notes: new Map(), // fact id -> the note being written on it
  busy: new Set(), // fact ids with an operation in flight
  log: [], // decisions made in this tab, newest last: {id, label, undone}
  documents: [], // documents facts can be added from: [{id, title}]
  entities: new Map(), // id -> {id, name, aliases, kind}, for suggestions and marks
  loaded: { vocabulary: false, documents: false, scope: false },
  // Set by review.js.
  reload: async () => {},
  render: () => {},
  select: () => {},
};
