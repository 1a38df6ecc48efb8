// The side forms: adding a fact from a sentence of a document, merging two
// nodes, and the entity suggestions both use. The relationship types and
// modalities come from the schema (introspection), not from a list here.
import { addFact, mergeEntities } from './actions.js';
import { gql } from './api.js';
import { highlighted, termsOf } from './highlight.js';
import * as Q from './queries.js';
import { app } from './state.js';
import { $, el, showError } from './ui.js';

let sentences = []; // of the document chosen in the add form
let sentencesOf = ''; // that document's id

// loadVocabulary fills the type and modality choices from the schema.
// Without introspection the type is typed in, and the API checks it.
export async function loadVocabulary() {
  try {
    const v = await gql(Q.VOCABULARY);
    const options = (t, def) => ((t && t.enumValues) || []).map((e) =>
      el('option', { value: e.name, title: e.description || '', selected: e.name === def }, e.name));
    const types = options(v.predicate);
    if (types.length === 0) {
      throw new Error('the schema lists no relationship types');
    }
    $('add-type').replaceChildren(...types);
    $('add-modality').replaceChildren(...options(v.modality, 'ASSERTED'));
    app.loaded.vocabulary = true;
  } catch (err) {
    $('add-type').hidden = true;
    $('add-type').required = false;
    $('add-type-free').hidden = false;
    $('add-type-free').required = true;
    $('add-modality').replaceChildren(el('option', { value: '' }, 'asserted (default)'));
    showError(err, 'Read the relationship types from the schema (type one in instead)');
  }
}

// rememberEntity keeps an entity for suggestions and marks.
export function rememberEntity(e) {
  const known = app.entities.get(e.id) || {};
  app.entities.set(e.id, { ...known, ...e, aliases: e.aliases || known.aliases || [] });
}

export function renderEntityOptions() {
  const opts = [...app.entities.values()]
    .sort((x, y) => x.name.localeCompare(y.name))
    .map((e) => el('option', { value: e.id, label: `${e.name}${e.kind ? ' · ' + e.kind.toLowerCase() : ''}` }));
  $('entity-options').replaceChildren(...opts);
}

let lookupTimer = 0;

// suggest looks up entities whose name contains what is typed.
function suggest(ev) {
  const q = ev.target.value.trim();
  clearTimeout(lookupTimer);
  if (q.length < 2 || app.entities.has(q)) {
    return;
  }
  lookupTimer = setTimeout(async () => {
    try {
      const data = await gql(Q.ENTITIES, { q });
      data.entities.edges.forEach((e) => rememberEntity(e.node));
      renderEntityOptions();
    } catch (err) {
      showError(err, `Look up entities named like “${q}”`);
    }
  }, 250);
}

// setDocuments lists the documents facts can be added from; the add form
// shows a choice when there is more than one (a pair's documents).
export async function setDocuments(docs) {
  app.documents = docs;
  const choose = docs.length > 1;
  $('add-document').hidden = !choose;
  $('add-document-label').hidden = !choose;
  $('add-document').replaceChildren(...docs.map((d) => el('option', { value: d.id }, d.title || d.id)));
  if (docs.length === 0) {
    sentences = [];
    sentencesOf = '';
    $('add-sentence').replaceChildren(el('option', { value: '' }, 'no document to add facts from'));
    return;
  }
  const keep = docs.some((d) => d.id === sentencesOf) ? sentencesOf : docs[0].id;
  $('add-document').value = keep;
  await loadSentences(keep);
}

async function loadSentences(docId) {
  try {
    const data = await gql(Q.SENTENCES, { id: docId });
    sentences = data.document.sentences;
    const previous = sentencesOf === docId ? $('add-sentence').value : '';
    sentencesOf = docId;
    const opts = sentences.map((s, i) => el('option', { value: String(i) },
      `${s.start}–${s.end}: ${s.text.length > 90 ? s.text.slice(0, 89) + '…' : s.text}`));
    if (opts.length === 0) {
      opts.push(el('option', { value: '' }, 'this document keeps no text: no sentences to add from'));
    }
    $('add-sentence').replaceChildren(...opts);
    if (previous !== '' && Number(previous) < sentences.length) {
      $('add-sentence').value = previous;
    }
    preview();
  } catch (err) {
    showError(err, 'Read the sentences of ' + docId);
  }
}

// preview shows the chosen sentence with the chosen ends' names marked.
function preview() {
  const s = sentences[Number($('add-sentence').value)];
  if (!s) {
    $('add-preview').replaceChildren();
    return;
  }
  const groups = [];
  for (const [input, cls] of [['add-subject', 'subject'], ['add-object', 'object']]) {
    const e = app.entities.get($(input).value.trim());
    if (e) {
      groups.push({ terms: termsOf(e), cls });
    }
  }
  $('add-preview').replaceChildren(highlighted(s.text, groups));
}

// addFrom prepares the add form with the sentence of a listed fact.
export async function addFrom(f) {
  const ev = f && f.evidence && f.evidence[0];
  if (ev && ev.document && app.documents.some((d) => d.id === ev.document.id)) {
    if (sentencesOf !== ev.document.id) {
      $('add-document').value = ev.document.id;
      await loadSentences(ev.document.id);
    }
    const i = sentences.findIndex((s) => s.start === ev.start && s.end === ev.end);
    if (i >= 0) {
      $('add-sentence').value = String(i);
      preview();
    }
  }
  $('add-subject').focus();
}

async function submitAdd(e) {
  e.preventDefault();
  const s = sentences[Number($('add-sentence').value)];
  if (!s) {
    showError({ code: 'BAD_USER_INPUT', message: 'choose a sentence of a document first' }, 'Add a fact');
    return;
  }
  const type = $('add-type').hidden ? $('add-type-free').value.trim().toUpperCase() : $('add-type').value;
  const input = {
    subject: $('add-subject').value.trim(),
    type,
    object: $('add-object').value.trim(),
    evidence: { document: sentencesOf, start: s.start, end: s.end },
  };
  if ($('add-modality').value) {
    input.modality = $('add-modality').value;
  }
  const note = $('add-note').value.trim();
  if (note) {
    input.note = note;
  }
  if (await addFact(input)) {
    $('add-object').value = '';
    $('add-note').value = '';
    preview();
  }
}

async function submitMerge(e) {
  e.preventDefault();
  const keep = $('merge-keep').value.trim();
  const merge = $('merge-merge').value.trim();
  if (await mergeEntities(keep, merge, $('merge-note').value.trim())) {
    for (const id of ['merge-keep', 'merge-merge', 'merge-note']) {
      $(id).value = '';
    }
  }
}

// setupForms wires the add and merge forms.
export function setupForms() {
  $('add-document').addEventListener('change', () => loadSentences($('add-document').value));
  $('add-sentence').addEventListener('change', preview);
  for (const id of ['add-subject', 'add-object', 'merge-keep', 'merge-merge', 'pair-a', 'pair-b']) {
    $(id).addEventListener('input', suggest);
  }
  for (const id of ['add-subject', 'add-object']) {
    $(id).addEventListener('input', preview);
  }
  $('add-form').addEventListener('submit', submitAdd);
  $('merge-form').addEventListener('submit', submitMerge);
}
