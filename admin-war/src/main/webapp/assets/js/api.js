// The console's only way to the server: JSON over fetch, with the session's CSRF token on every change.
// From the origin, never from the address as typed: fetch refuses a URL with user:password@ in it.
const base = location.origin + new URL('api/', document.baseURI).pathname;
let session = null;

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : 'HTTP ' + status);
    this.status = status;
    this.code = body && body.error;
  }
}

export async function loadSession() {
  session = await request('GET', 'session');
  return session;
}

export const currentSession = () => session;
export const canChange = () => !!(session && session.canChange);

export async function request(method, path, body, retried = false) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session) headers['X-CSRF-Token'] = session.csrfToken;
  const response = await fetch(base + path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    // The session expired and the server made a new one: fetch its token and try once more.
    if (response.status === 403 && json && json.error === 'CSRF' && !retried) {
      await loadSession();
      return request(method, path, body, true);
    }
    throw new ApiError(response.status, json);
  }
  return json;
}

function safeJson(text) {
  try { return JSON.parse(text); } catch (e) { return { message: text.slice(0, 200) }; }
}

export const get = path => request('GET', path);
export const post = (path, body) => request('POST', path, body === undefined ? {} : body);
export const put = (path, body) => request('PUT', path, body);
export const del = path => request('DELETE', path);
