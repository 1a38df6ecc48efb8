// How a fact is shown: its ends and type, its confidence, modality,
// origin and review state, its evidence sentences with the words that
// carry it marked, and its actions.
import { highlighted, termsOf } from './highlight.js';
import { el } from './ui.js';

// stateOf is a fact's review state: unreviewed, confirmed or rejected.
export function stateOf(f) {
  if (!f.review) {
    return 'unreviewed';
  }
  return f.review.verdict === 'REJECTED' ? 'rejected' : 'confirmed';
}

// byConfidence orders facts lowest confidence first, then by their words.
export function byConfidence(x, y) {
  return x.confidence - y.confidence ||
    x.subject.name.localeCompare(y.subject.name) ||
    x.type.localeCompare(y.type) ||
    x.object.name.localeCompare(y.object.name) ||
    x.id.localeCompare(y.id);
}

function end(entity, role) {
  return el('span', { class: 'end ' + role, title: role },
    el('span', { class: 'name' }, entity.name), ' ', el('code', {}, entity.id));
}

function when(at) {
  return typeof at === 'string' ? at.slice(0, 16).replace('T', ' ') : '';
}

function stateText(f) {
  const r = f.review;
  if (!r) {
    return 'not reviewed';
  }
  const verdict = r.verdict === 'REJECTED' ? 'Rejected' : 'Confirmed';
  return `${verdict} by ${r.by}, ${when(r.at)}` + (r.note ? ` — “${r.note}”` : '');
}

function evidenceList(f, scopeDocument) {
  if (!f.evidence || f.evidence.length === 0) {
    return el('p', { class: 'no-evidence muted' },
      f.origin === 'reference' ? 'from the reference data: no sentence' : 'no evidence sentence');
  }
  const groups = [
    { terms: termsOf(f.subject), cls: 'subject' },
    { terms: termsOf(f.object), cls: 'object' },
  ];
  return el('ul', { class: 'evidence' }, f.evidence.map((ev) => {
    const doc = ev.document || {};
    const source = doc.id && doc.id !== scopeDocument
      ? el('span', { class: 'source muted' }, ' — ' + (doc.title || doc.id))
      : null;
    return el('li', { 'data-sentence': ev.id },
      el('q', { class: 'sentence' }, highlighted(ev.sentence, groups)), source);
  }));
}

// factItem renders one fact as a list item. opts: selected, busy, note,
// scopeDocument (evidence from another document names it).
export function factItem(f, opts = {}) {
  const state = stateOf(f);
  const classes = ['fact', state];
  if (opts.selected) {
    classes.push('selected');
  }
  if (opts.busy) {
    classes.push('busy');
  }
  const note = el('input', {
    class: 'note', type: 'text', value: opts.note || '', placeholder: 'note (optional)',
    'aria-label': 'Note on the decision', 'data-act': 'note',
  });
  const confidence = Number(f.confidence);
  return el('li', { class: classes.join(' '), 'data-id': f.id, 'aria-current': opts.selected ? 'true' : null },
    el('div', { class: 'fact-line' },
      end(f.subject, 'subject'), ' ', el('span', { class: 'predicate' }, f.type), ' ', end(f.object, 'object')),
    el('div', { class: 'facets' },
      el('span', { class: 'facet confidence', title: 'confidence' },
        el('meter', { min: 0, max: 1, value: confidence }), ' ' + confidence.toFixed(2)),
      el('span', { class: 'facet modality', title: 'modality' }, String(f.modality).toLowerCase()),
      el('span', { class: 'facet origin origin-' + f.origin, title: 'origin' }, f.origin === 'person' ? 'added by a person' : f.origin),
      el('span', { class: 'facet state state-' + state, title: 'review' }, stateText(f))),
    evidenceList(f, opts.scopeDocument),
    el('div', { class: 'actions' },
      note,
      el('button', { type: 'button', 'data-act': 'confirm', disabled: opts.busy || state === 'confirmed' },
        'Confirm ', el('kbd', {}, 'c')),
      el('button', { type: 'button', 'data-act': 'reject', disabled: opts.busy || state === 'rejected' },
        'Reject ', el('kbd', {}, 'r')),
      el('button', { type: 'button', 'data-act': 'undo', disabled: opts.busy || !f.review },
        'Undo ', el('kbd', {}, 'u'))));
}
