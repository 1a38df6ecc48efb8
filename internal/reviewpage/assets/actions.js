// What a reviewer does: confirm, reject and undo facts, add facts and
// merge nodes. Each action calls one mutation; a failure is shown with
// its code and leaves the page as it was (notes and form inputs stay).
import { gql } from './api.js';
import * as Q from './queries.js';
import { app } from './state.js';
import { $, describe, el, showError, showStatus } from './ui.js';

function factById(id) {
  return app.facts.find((f) => f.id === id);
}

// remember adds a decision to this tab's log, so it can be undone there
// (and by z).
function remember(id, label) {
  app.log.push({ id, label, undone: false });
  renderLog();
}

export function renderLog() {
  const items = app.log.slice().reverse().map((d) => {
    const undo = el('button', { type: 'button', 'data-review': d.id, disabled: d.undone }, d.undone ? 'undone' : 'Undo');
    return el('li', { class: d.undone ? 'undone' : '' }, el('span', {}, d.label + ' '), undo);
  });
  if (items.length === 0) {
    items.push(el('li', { class: 'empty muted' }, 'None yet.'));
  }
  $('log').replaceChildren(...items);
}

// decide records a verdict (CONFIRMED or REJECTED) on a fact, with the
// note written on it, and moves the selection to the fact listed after it.
export async function decide(id, verdict) {
  const f = factById(id);
  if (!f || app.busy.has(id)) {
    return;
  }
  const what = (verdict === 'REJECTED' ? 'Reject ' : 'Confirm ') + describe(f);
  const note = (app.notes.get(id) || '').trim();
  app.busy.add(id);
  app.render();
  try {
    const data = await gql(Q.REVIEW, { id, verdict, note: note || null });
    const updated = data.reviewFact;
    app.facts = app.facts.map((x) => (x.id === id ? updated : x));
    app.notes.delete(id);
    const next = app.order[app.order.indexOf(id) + 1];
    remember(updated.review.id, `${verdict === 'REJECTED' ? 'Rejected' : 'Confirmed'}: ${describe(updated)}`);
    app.busy.delete(id);
    app.render();
    if (next) {
      app.select(next);
    }
    showStatus(`${verdict === 'REJECTED' ? 'Rejected' : 'Confirmed'}: ${describe(updated)} (as ${updated.review.by}).`);
  } catch (err) {
    app.busy.delete(id);
    app.render();
    showError(err, what);
  }
}

// undoDecision undoes a decision by its id, then reloads the list.
export async function undoDecision(reviewId, what) {
  try {
    const data = await gql(Q.UNDO, { id: reviewId });
    for (const d of app.log) {
      if (d.id === reviewId) {
        d.undone = true;
      }
    }
    renderLog();
    await app.reload();
    showStatus(`Undone (${data.undoReview.action.toLowerCase()}): ${what}.`);
    return true;
  } catch (err) {
    showError(err, 'Undo ' + what);
    return false;
  }
}

// undoFact undoes the standing decision on a fact.
export async function undoFact(id) {
  const f = factById(id);
  if (!f || app.busy.has(id)) {
    return;
  }
  if (!f.review) {
    showStatus(`Nothing to undo: nobody decided on ${describe(f)}.`);
    return;
  }
  app.busy.add(id);
  app.render();
  try {
    await undoDecision(f.review.id, describe(f));
  } finally {
    app.busy.delete(id);
    app.render();
  }
}

// undoLast undoes the newest decision of this tab that stands.
export async function undoLast() {
  const d = app.log.slice().reverse().find((x) => !x.undone);
  if (!d) {
    showStatus('Nothing to undo: no decision made in this tab stands.');
    return;
  }
  await undoDecision(d.id, d.label);
}

// addFact adds a fact from a sentence; it returns the new fact's id, or
// null when the API refused it.
export async function addFact(input) {
  let f;
  try {
    f = (await gql(Q.ADD, { input })).addFact;
  } catch (err) {
    showError(err, `Add ${input.subject} ${input.type} ${input.object}`);
    return null;
  }
  remember(f.review ? f.review.id : f.id, 'Added: ' + describe(f));
  app.selected = f.id; // listed selected from the first drawing on
  await app.reload();
  const listed = app.facts.some((x) => x.id === f.id);
  if (listed) {
    app.select(f.id);
  }
  showStatus(`Added: ${describe(f)}` + (listed ? '.' : ' (not listed here: it is not between the two actors).'));
  return f.id;
}

// mergeEntities merges one node into another and reloads the list.
export async function mergeEntities(keep, merge, note) {
  let kept;
  try {
    kept = (await gql(Q.MERGE, { keep, merge, note: note || null })).mergeEntities;
  } catch (err) {
    showError(err, `Merge ${merge} into ${keep}`);
    return false;
  }
  const label = `Merged ${merge} into ${kept.name} (${kept.id})`;
  try {
    const d = (await gql(Q.MERGES)).reviews.find((x) => x.action === 'MERGED' && x.keep === kept.id && x.merge === merge);
    if (d) {
      remember(d.id, label);
    }
  } catch {
    // The merge stands; only its entry in this tab's log is missing.
  }
  await app.reload();
  showStatus(label + '.');
  return true;
}
