// The one-page application: a hash route chooses the page; each page polls what it shows and stops when left.
import {h} from './dom.js';
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

function show() {
  const hash = location.hash || '#/accounts';
  const main = document.getElementById('main');
  leave();
  leave = () => {};
  main.replaceChildren();
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
show();
