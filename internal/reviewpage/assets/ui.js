// DOM helpers of the review page. Everything that comes from the API is
// put in the page as text: el() takes strings as text nodes, and no code
// here reads or writes HTML.

// el builds an element: props are properties (class via "class", data-*
// and aria-* as attributes), children are nodes or strings (text).
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k === 'class') {
      e.className = v;
    } else if (k.startsWith('data-') || k.startsWith('aria-')) {
      e.setAttribute(k, String(v));
    } else {
      e[k] = v;
    }
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) {
      continue;
    }
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

export const $ = (id) => document.getElementById(id);

// What each error code asks the reviewer to do.
const hints = {
  UNAUTHENTICATED: 'Enter a valid API key at the top of the page; it is kept in this tab only.',
  BAD_USER_INPUT: 'Nothing was changed: correct the input and try again.',
  NOT_FOUND: 'It may have been merged or removed meanwhile: reload the list.',
  UNAVAILABLE: 'The graph is not reachable right now: try again in a moment.',
  RATE_LIMITED: 'Too many requests: wait a minute.',
  NETWORK: 'Check the connection to the server.',
};

const maxErrors = 6;

// showError lists an error at the top of the page, with its code, the
// API's message, what was being done and what to do about it. It stays
// until dismissed.
export function showError(err, what) {
  const code = (err && err.code) || 'ERROR';
  const msg = (err && err.message) || String(err);
  const list = $('errors');
  const close = el('button', { type: 'button', class: 'dismiss', title: 'Dismiss', 'aria-label': 'Dismiss' }, '×');
  const item = el('li', { class: 'error', 'data-code': code },
    el('strong', { class: 'code' }, code),
    what ? el('span', { class: 'what' }, what + ': ') : null,
    el('span', { class: 'message' }, msg),
    hints[code] ? el('span', { class: 'hint' }, ' ' + hints[code]) : null,
    close);
  close.addEventListener('click', () => item.remove());
  list.prepend(item);
  while (list.children.length > maxErrors) {
    list.lastElementChild.remove();
  }
}

// clearErrors removes the listed errors of a code (all when none given).
export function clearErrors(code) {
  for (const item of [...$('errors').children]) {
    if (!code || item.dataset.code === code) {
      item.remove();
    }
  }
}

// showStatus says what just happened (polite live region).
export function showStatus(text) {
  $('status').textContent = text;
}

// describe names a fact in words: "Kazakhstan SANCTIONS Saudi Arabia".
export function describe(f) {
  return `${f.subject.name} ${f.type} ${f.object.name}`;
}
