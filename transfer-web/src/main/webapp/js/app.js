// The one-page application: a hash route chooses the page; each page polls what it shows and stops when left.
// Nothing is shown before a login; then each role sees the pages it may use.
import {h} from './dom.js';
import * as login from './pages/login.js';
import {load, logout, seesEverything, session, submits} from './session.js';
import * as accounts from './pages/accounts.js';
import * as account from './pages/account.js';
import * as newTransfer from './pages/new-transfer.js';
import * as transfers from './pages/transfers.js';
import * as transfer from './pages/transfer.js';
import * as health from './pages/health.js';
import * as compare from './pages/compare.js';

const routes = [
  [/^#\/accounts\/([A-Za-z0-9-]+)$/, account],
  [/^#\/accounts$/, accounts],
  [/^#\/new$/, newTransfer],
  [/^#\/transfers\/([0-9a-f-]+)$/, transfer],
  [/^#\/transfers$/, transfers],
  [/^#\/health$/, health],
  [/^#\/compare$/, compare],
];

let leave = () => {};

/** The header's "who": the user, their roles and a way out; the nav offers only what the role may use. */
function showWho() {
  const who = document.getElementById('who');
  const {authenticated, user, roles} = session();
  for (const link of document.querySelectorAll('nav [data-needs]')) {
    const needs = link.dataset.needs;
    link.hidden = !authenticated || (needs === 'sees-everything' && !seesEverything()) || (needs === 'submits' && !submits());
  }
  if (!authenticated) {
    who.replaceChildren();
    return;
  }
  const out = h('button', {type: 'button', id: 'logout', class: 'secondary'}, 'Log out');
  out.addEventListener('click', async () => {
    await logout();
    show();
  });
  who.replaceChildren(h('span', {id: 'who-user'}, `${user} (${roles.join(', ')})`), ' ', out);
}

function show() {
  const hash = location.hash || '#/accounts';
  const main = document.getElementById('main');
  leave();
  leave = () => {};
  main.replaceChildren();
  showWho();
  if (!session().authenticated) {
    login.render(main, show);
    document.title = 'Log in · Ledgerline';
    return;
  }
  for (const link of document.querySelectorAll('nav a')) {
    const current = hash === link.getAttribute('href') || hash.startsWith(`${link.getAttribute('href')}/`);
    if (current) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  for (const [pattern, page] of routes) {
    const match = hash.match(pattern);
    if (match) {
      leave = page.render(main, ...match.slice(1)) || (() => {});
      document.title = `${main.querySelector('h1')?.textContent || 'Ledgerline'} · Ledgerline`;
      return;
    }
  }
  main.append(h('h1', {}, 'Not found'), h('p', {}, 'No page at ', h('code', {}, hash), '.'));
}

window.addEventListener('hashchange', () => {
  show();
  document.getElementById('main').focus();
});
window.addEventListener('ledgerline:logged-out', async () => {
  if (session().authenticated) {
    await load();
    show();
  }
});
load().then(show, show);
