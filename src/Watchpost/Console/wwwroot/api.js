// The console's HTTP API (docs/console-api.md): JSON in and out, the antiforgery token on every change.

let csrf = '';

export function setCsrf(token) {
  csrf = token || '';
}

/** An answer that was not 2xx: status and the server's {error} text (null when it gave none). */
export class ApiError extends Error {
  constructor(status, serverMessage) {
    super(serverMessage || `HTTP ${status}`);
    this.status = status;
    this.serverMessage = serverMessage;
  }
}

async function request(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (method !== 'GET') {
    init.headers['X-Watchpost-Csrf'] = csrf;
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, null);
  }
  if (response.status === 401) {
    // The session expired: the login page brings the guard back here.
    location.href = '/login?returnUrl=' + encodeURIComponent(location.pathname + location.search);
    throw new ApiError(401, null);
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, json && typeof json.error === 'string' ? json.error : null);
  }
  return json;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});
export const put = (path, body) => request('PUT', path, body);

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? '?' + s : '';
}

export const enc = encodeURIComponent;
