// Marks, in an evidence sentence, the words that carry a fact: the names
// and aliases of its subject and its object where they occur as words.

const WORD = /[\p{L}\p{N}]/u;

// termsOf lists an entity's name and aliases (two characters or more),
// each once whatever its case.
export function termsOf(entity) {
  const seen = new Set();
  const out = [];
  for (const t of [entity && entity.name, ...((entity && entity.aliases) || [])]) {
    const term = typeof t === 'string' ? t.trim() : '';
    if (term.length < 2 || seen.has(term.toLowerCase())) {
      continue;
    }
    seen.add(term.toLowerCase());
    out.push(term);
  }
  return out;
}

// escapeRegExp escapes the syntax characters (the only escapes a
// Unicode-mode expression accepts).
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// spansOf finds where the terms occur in text as whole words, ignoring
// case: [{start, end, cls}] in order, without overlaps (at one place the
// longest term wins). groups is [{terms, cls}].
export function spansOf(text, groups) {
  const found = [];
  for (const { terms, cls } of groups) {
    for (const term of terms) {
      const re = new RegExp(escapeRegExp(term), 'giu');
      for (const m of text.matchAll(re)) {
        const start = m.index;
        const end = start + m[0].length;
        const before = start > 0 ? text[start - 1] : '';
        const after = end < text.length ? text[end] : '';
        if ((before && WORD.test(before) && WORD.test(m[0][0])) || (after && WORD.test(after) && WORD.test(m[0][m[0].length - 1]))) {
          continue;
        }
        found.push({ start, end, cls });
      }
    }
  }
  found.sort((x, y) => x.start - y.start || (y.end - y.start) - (x.end - x.start));
  const out = [];
  let last = 0;
  for (const s of found) {
    if (s.start >= last) {
      out.push(s);
      last = s.end;
    }
  }
  return out;
}

// highlighted renders text with <mark class="cls"> around the spans, as
// DOM nodes (never as HTML).
export function highlighted(text, groups) {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const s of spansOf(text, groups)) {
    if (s.start > at) {
      frag.append(document.createTextNode(text.slice(at, s.start)));
    }
    const mark = document.createElement('mark');
    mark.className = s.cls;
    mark.textContent = text.slice(s.start, s.end);
    frag.append(mark);
    at = s.end;
  }
  if (at < text.length) {
    frag.append(document.createTextNode(text.slice(at)));
  }
  return frag;
}
