// The review page: choose a document or a pair of actors, go through their
// facts lowest confidence first, and decide with the mouse or the keyboard.
import { decide, renderLog, undoDecision, undoFact, undoLast } from './actions.js';
import { APIError, forgetKey, getKey, gql, setKey } from './api.js';
import { byConfidence, factItem, stateOf } from './facts.js';
import { addFrom, loadVocabulary, rememberEntity, renderEntityOptions, setDocuments, setupForms } from './forms.js';
import * as Q from './queries.js';
import { app } from './state.js';
import { $, clearErrors, el, showError, showStatus } from './ui.js';

const pageSize = 200; // facts per request (Document.relations allows 500; the complexity limit prefers fewer)
const maxPages = 25;

// --- what is reviewed ---------------------------------------------------

async function fetchDocument(id) {
  const facts = [];
  let after = null;
  let doc = null;
  for (let page = 0; page < maxPages; page++) {
    const data = await gql(Q.DOCUMENT, { id, first: pageSize, after });
    if (!data.document) {
      throw new APIError(`no document ${id}`, 'NOT_FOUND');
    }
    doc = data.document;
    facts.push(...doc.relations);
    if (doc.relations.length < pageSize) {
      break;
    }
    after = doc.relations[doc.relations.length - 1].cursor;
  }
  return { title: doc.title || doc.id, facts, documents: [{ id: doc.id, title: doc.title }] };
}

async function fetchPair(a, b) {
  const data = await gql(Q.PAIR, { a, b });
  const bl = data.bilateral;
  if (!bl) {
    throw new APIError(`nothing is known of ${a} or ${b}`, 'NOT_FOUND');
  }
  return { title: `${bl.a.name} and ${bl.b.name}`, facts: bl.relations, documents: bl.documents };
}

function scopeURL(scope) {
  const p = new URLSearchParams();
  if (scope.kind === 'document') {
    p.set('document', scope.id);
  } else {
    p.set('a', scope.a);
    p.set('b', scope.b);
  }
  // ':' needs no escaping in a query: doc:… stays readable in the address.
  return '?' + p.toString().replace(/%3A/gi, ':');
}

// open reviews a document or a pair: it loads the facts and puts the
// choice in the address (never the key).
async function open(scope) {
  app.scope = scope;
  history.replaceState(null, '', scopeURL(scope));
  if (scope.kind === 'document') {
    $('doc-select').value = scope.id;
  } else {
    $('pair-a').value = scope.a;
    $('pair-b').value = scope.b;
  }
  // Nothing of the previous choice stays on the page, even if this one fails.
  app.selected = null;
  app.facts = [];
  app.loaded.scope = false;
  $('scope-title').textContent = scope.kind === 'document' ? scope.id : `${scope.a} and ${scope.b}`;
  render();
  await setDocuments([]);
  await reload();
  const first = app.order[0];
  if (first) {
    select(first);
  }
}

// reload reads the facts of the current choice again, keeping the
// selection on the same fact (or at the same place). It shows its errors.
async function reload() {
  const scope = app.scope;
  if (!scope) {
    return;
  }
  const where = scope.kind === 'document' ? scope.id : `${scope.a} and ${scope.b}`;
  showStatus('Loading ' + where + '…');
  const index = Math.max(0, app.order.indexOf(app.selected));
  try {
    const got = scope.kind === 'document' ? await fetchDocument(scope.id) : await fetchPair(scope.a, scope.b);
    app.loaded.scope = true;
    app.facts = got.facts;
    $('scope-title').textContent = got.title;
    for (const f of got.facts) {
      rememberEntity(f.subject);
      rememberEntity(f.object);
    }
    renderEntityOptions();
    render();
    if (!app.order.includes(app.selected) && app.order.length > 0) {
      app.selected = app.order[Math.min(index, app.order.length - 1)];
      render();
    }
    showStatus('');
    await setDocuments(got.documents || []);
  } catch (err) {
    app.loaded.scope = false;
    showStatus('');
    showError(err, 'Load ' + where);
  }
}

// --- the list -------------------------------------------------------------

function summary(facts) {
  const n = { unreviewed: 0, confirmed: 0, rejected: 0 };
  facts.forEach((f) => n[stateOf(f)]++);
  return `${facts.length} facts: ${n.unreviewed} to review, ${n.confirmed} confirmed, ${n.rejected} rejected` +
    (app.scope && app.scope.kind === 'document' ? ` · ${app.scope.id}` : '');
}

function render() {
  const open = app.facts.filter((f) => stateOf(f) !== 'rejected').sort(byConfidence);
  const rejected = app.facts.filter((f) => stateOf(f) === 'rejected').sort(byConfidence);
  app.order = [...open, ...rejected].map((f) => f.id);
  const scopeDocument = app.scope && app.scope.kind === 'document' ? app.scope.id : '';
  const item = (f) => factItem(f, {
    selected: f.id === app.selected, busy: app.busy.has(f.id), note: app.notes.get(f.id), scopeDocument,
  });
  $('facts').replaceChildren(...open.map(item));
  $('rejected').replaceChildren(...rejected.map(item));
  $('rejected-title').hidden = rejected.length === 0;
  $('rejected-title').textContent = `Rejected (${rejected.length}): hidden from every list of the API, kept here to undo`;
  $('scope-summary').textContent = app.facts.length === 0 && app.loaded.scope
    ? 'No facts here.'
    : summary(app.facts);
}

function itemOf(id) {
  return document.querySelector(`li.fact[data-id="${CSS.escape(id)}"]`);
}

// select highlights a fact and scrolls it into view.
function select(id) {
  if (!id) {
    return;
  }
  const before = app.selected && itemOf(app.selected);
  if (before) {
    before.classList.remove('selected');
    before.removeAttribute('aria-current');
  }
  app.selected = id;
  const li = itemOf(id);
  if (li) {
    li.classList.add('selected');
    li.setAttribute('aria-current', 'true');
    li.scrollIntoView({ block: 'nearest' });
  }
}

function move(step) {
  if (app.order.length === 0) {
    return;
  }
  const i = app.order.indexOf(app.selected);
  const next = i < 0 ? 0 : Math.min(app.order.length - 1, Math.max(0, i + step));
  select(app.order[next]);
}

function onListClick(e) {
  const li = e.target.closest('li.fact');
  if (!li) {
    return;
  }
  const id = li.dataset.id;
  if (id !== app.selected) {
    select(id);
  }
  const act = e.target.closest('button[data-act]');
  if (act) {
    runAction(act.dataset.act, id);
  }
}

function runAction(act, id) {
  if (!id) {
    return;
  }
  if (act === 'confirm') {
    decide(id, 'CONFIRMED');
  } else if (act === 'reject') {
    decide(id, 'REJECTED');
  } else if (act === 'undo') {
    undoFact(id);
  }
}

// --- keyboard -------------------------------------------------------------

function typing(t) {
  return t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement ||
    (t instanceof HTMLElement && t.isContentEditable);
}

// Keys that act on the list run on keydown; keys that move the focus into
// a field run on keyup, so that their own character is not typed there.
const keys = {
  j: () => move(1),
  ArrowDown: () => move(1),
  k: () => move(-1),
  ArrowUp: () => move(-1),
  c: () => runAction('confirm', app.selected),
  r: () => runAction('reject', app.selected),
  u: () => runAction('undo', app.selected),
  z: () => undoLast(),
  '?': () => toggleHelp(),
};

const focusKeys = {
  n: () => {
    const li = app.selected && itemOf(app.selected);
    const note = li && li.querySelector('input.note');
    if (note) {
      note.focus();
    }
  },
  a: () => addFrom(app.facts.find((f) => f.id === app.selected)),
};

// shortcut is the action of a key event, or null when the event is not
// a shortcut (a modifier is held, a field or the help has the focus).
function shortcut(e, table) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) {
    return null;
  }
  if (typing(e.target) || $('help').open) {
    return null;
  }
  return table[e.key] || null;
}

function onKeyDown(e) {
  if (e.key === 'Escape' && typing(e.target)) {
    e.target.blur();
    return;
  }
  const action = shortcut(e, keys);
  if (action) {
    e.preventDefault();
    action();
  } else if (shortcut(e, focusKeys)) {
    e.preventDefault();
  }
}

function onKeyUp(e) {
  const action = shortcut(e, focusKeys);
  if (action) {
    e.preventDefault();
    action();
  }
}

function toggleHelp() {
  const help = $('help');
  if (help.open) {
    help.close();
  } else {
    help.showModal();
  }
}

// --- the key and the choices ----------------------------------------------

function showKeyState() {
  const has = getKey() !== '';
  $('key-state').textContent = has ? 'key set for this tab' : 'no key: you can read, not decide';
  $('key-state').classList.toggle('muted', !has);
  $('key-forget').hidden = !has;
}

async function loadDocumentList() {
  try {
    const data = await gql(Q.DOCUMENTS, { first: 200 });
    const docs = data.documents.edges.map((e) => e.node);
    const current = app.scope && app.scope.kind === 'document' ? app.scope.id : '';
    if (current && !docs.some((d) => d.id === current)) {
      docs.unshift({ id: current, title: current });
    }
    const opts = docs.map((d) => el('option', { value: d.id },
      (d.title || d.id) + (d.publishedAt ? ` (${d.publishedAt})` : '')));
    $('doc-select').replaceChildren(el('option', { value: '' }, docs.length ? 'choose a document…' : 'no documents yet'), ...opts);
    $('doc-select').value = current;
    app.loaded.documents = true;
  } catch (err) {
    $('doc-select').replaceChildren(el('option', { value: '' }, 'documents could not be listed'));
    showError(err, 'List the documents');
  }
}

function setupChoices() {
  $('key-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = $('key-input').value.trim();
    $('key-input').value = '';
    if (!key) {
      showError({ code: 'BAD_USER_INPUT', message: 'the key is empty' }, 'Use a key');
      return;
    }
    setKey(key);
    clearErrors('UNAUTHENTICATED');
    showKeyState();
    showStatus('Key set for this tab.');
    if (!app.loaded.documents) {
      await loadDocumentList();
    }
    if (!app.loaded.vocabulary) {
      await loadVocabulary();
    }
    if (app.scope && !app.loaded.scope) {
      await reload();
    }
  });
  $('key-forget').addEventListener('click', () => {
    forgetKey();
    showKeyState();
    showStatus('Key forgotten.');
  });
  $('doc-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = $('doc-select').value;
    if (id) {
      open({ kind: 'document', id });
    }
  });
  $('pair-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const a = $('pair-a').value.trim();
    const b = $('pair-b').value.trim();
    if (a && b) {
      open({ kind: 'pair', a, b });
    } else {
      showError({ code: 'BAD_USER_INPUT', message: 'give both actors (ids such as KZ and SA)' }, 'Review a pair');
    }
  });
}

function start() {
  app.reload = reload;
  app.render = render;
  app.select = select;
  setupChoices();
  setupForms();
  showKeyState();
  for (const list of [$('facts'), $('rejected')]) {
    list.addEventListener('click', onListClick);
    list.addEventListener('input', (e) => {
      const li = e.target.closest('li.fact');
      if (li && e.target.dataset.act === 'note') {
        app.notes.set(li.dataset.id, e.target.value);
      }
    });
  }
  $('log').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-review]');
    const d = b && app.log.find((x) => x.id === b.dataset.review);
    if (d && !d.undone) {
      undoDecision(d.id, d.label);
    }
  });
  $('help-button').addEventListener('click', toggleHelp);
  $('help-close').addEventListener('click', () => $('help').close());
  document.addEventListener('keydown', onKeyDown);
  document.addEventListener('keyup', onKeyUp);
  renderLog();
  const p = new URLSearchParams(location.search);
  const document_ = p.get('document');
  if (document_) {
    app.scope = { kind: 'document', id: document_ };
  }
  loadVocabulary();
  loadDocumentList().then(() => {
    if (document_) {
      open({ kind: 'document', id: document_ });
    } else if (p.get('a') && p.get('b')) {
      open({ kind: 'pair', a: p.get('a'), b: p.get('b') });
    }
  });
}

start();
