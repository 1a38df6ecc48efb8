// The review page's GraphQL client: one POST to /graphql per operation,
// with the GraphQL document and its variables kept apart (documents come
// from queries.js only), the reviewer's key as a Bearer token, and every
// failure turned into an APIError that carries the API's error code.

const KEY = 'diplograph.review.key';

// The key lives in this tab's sessionStorage only: never in the URL, in
// localStorage or in a log.
export function getKey() {
  try {
    return sessionStorage.getItem(KEY) || '';
  } catch {
    return '';
  }
}

export function setKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

// APIError is a failed operation: code is the API's extensions.code
// (UNAUTHENTICATED, BAD_USER_INPUT, NOT_FOUND, ...), or NETWORK / HTTP_<status>
// when no GraphQL answer came back.
export class APIError extends Error {
  constructor(message, code, status) {
    super(message);
    this.name = 'APIError';
    this.code = code || 'ERROR';
    this.status = status || 0;
  }
}

// gql runs one operation and returns its data; it throws an APIError when
// the answer carries errors (all their messages, the first one's code).
export async function gql(query, variables = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const key = getKey();
  if (key) {
    headers.Authorization = 'Bearer ' + key;
  }
  let resp;
  try {
    resp = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new APIError('the server could not be reached (' + e.message + ')', 'NETWORK');
  }
  let body;
  try {
    body = await resp.json();
  } catch {
    throw new APIError(`the server answered ${resp.status} ${resp.statusText} without a GraphQL response`,
      'HTTP_' + resp.status, resp.status);
  }
  const errors = Array.isArray(body && body.errors) ? body.errors : [];
  if (errors.length > 0) {
    const code = (errors[0].extensions && errors[0].extensions.code) || 'ERROR';
    const messages = [...new Set(errors.map((e) => String(e.message)))];
    throw new APIError(messages.join('; '), code, resp.status);
  }
  if (!resp.ok || !body || !body.data) {
    throw new APIError(`the server answered ${resp.status} ${resp.statusText}`, 'HTTP_' + resp.status, resp.status);
  }
  return body.data;
}
