import {h, table} from '../dom.js';
import {get} from '../api.js';
import {poll} from '../poll.js';
import {time} from '../format.js';

export function render(main, id) {
  const status = h('p', {class: 'status', role: 'status'});
  const summary = h('dl', {class: 'facts'});
  const holder = h('div');
  main.append(h('h1', {}, `Account ${id}`), status, summary, holder);
  return poll(async () => {
    const a = await get(`accounts/${encodeURIComponent(id)}`);
    summary.replaceChildren(
      h('dt', {}, 'Owner'), h('dd', {}, a.owner),
      h('dt', {}, 'Balance'), h('dd', {}, `${a.balance} ${a.currency}`),
      h('dt', {}, 'Lowest allowed balance'), h('dd', {}, `${a.floor} ${a.currency}`),
      h('dt', {}, 'Version'), h('dd', {}, a.version),
      h('dt', {}, 'Last activity'), h('dd', {}, time(a.updatedAt)));
    holder.replaceChildren(a.entries.length === 0 ? h('p', {}, 'No ledger entries yet.') :
      table(`Ledger entries, newest first (up to ${a.entries.length})`, ['When', 'Amount', 'Transfer'],
        a.entries.map(e => h('tr', {},
          h('td', {}, time(e.createdAt)),
          h('td', {class: e.amount.startsWith('-') ? 'num debit' : 'num credit'}, e.amount),
          h('td', {}, h('a', {href: `#/transfers/${e.transferId}`}, e.transferId))))));
  }, 2000, status);
}
