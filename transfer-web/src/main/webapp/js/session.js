// Who is logged in, and what the UI offers them. The server decides what each role may do (every API call
// is checked there); the UI only leaves out what the server would refuse.

let current = {authenticated: false, user: null, roles: [], csrfToken: null};

async function read(response) {
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  return {ok: response.ok, status: response.status, body};
}

/** Asks the server who this browser is logged in as (an open URL: no password dialog, whatever the answer). */
export async function load() {
  const {ok, body} = await read(await fetch('api/session', {headers: {Accept: 'application/json'}}));
  current = ok ? body : {authenticated: false, user: null, roles: [], csrfToken: null};
  return current;
}

/** Logs in; resolves to the session, or rejects with the server's reason. */
export async function login(username, password) {
  const {ok, body} = await read(await fetch('api/session', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Accept: 'application/json'},
    body: JSON.stringify({username, password}),
  }));
  if (!ok) throw new Error(body?.detail || 'The login failed.');
  current = body;
  return current;
}

export async function logout() {
  await fetch('api/session', {method: 'DELETE', headers: {'X-CSRF-Token': current.csrfToken || ''}});
  current = {authenticated: false, user: null, roles: [], csrfToken: null};
}

export function session() {
  return current;
}

const has = role => current.roles.includes(role);

/** Operators, auditors and admins see every account and the health of the money; customers their own. */
export function seesEverything() {
  return has('operator') || has('auditor') || has('admin');
}

/** Customers, operators and admins may submit transfers; auditors read only. */
export function submits() {
  return has('customer') || has('operator') || has('admin');
}

/** Operators and admins may debit any account; a customer only their own and must type the account to credit. */
export function debitsAnyAccount() {
  return has('operator') || has('admin');
}
