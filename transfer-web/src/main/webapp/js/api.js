// The REST API, relative to the page, so that the UI works under any host and port the server has. The
// browser sends the login cookie; changes carry the session's token against cross-site request forgery.
import {session} from './session.js';

/** An answer that was not 2xx: the problem document (RFC 9457) when the server sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function read(response) {
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  // The login has ended (logged out elsewhere, or the session expired): back to the login form.
  if (response.status === 401) window.dispatchEvent(new Event('ledgerline:logged-out'));
  if (!response.ok) throw new ApiError(response.status, body);
  return {status: response.status, body};
}

export async function get(path) {
  return (await read(await fetch(`api/${path}`, {headers: {Accept: 'application/json'}}))).body;
}

export async function post(path, json) {
  return read(await fetch(`api/${path}`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': session().csrfToken || ''},
    body: JSON.stringify(json),
  }));
}

/** The server's readiness document (/health/ready answers 503 with the same document when not ready). */
export async function readiness() {
  const response = await fetch('health/ready', {headers: {Accept: 'application/json'}});
  return response.json();
}
