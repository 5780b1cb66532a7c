import {h, table} from '../dom.js';
import {get} from '../api.js';
import {sum} from '../money.js';
import {poll} from '../poll.js';
import {time} from '../format.js';

export function render(main) {
  const status = h('p', {class: 'status', role: 'status'});
  const holder = h('div');
  main.append(h('h1', {}, 'Accounts'), status, holder);
  return poll(async () => {
    const accounts = await get('accounts');
    const currencies = [...new Set(accounts.map(a => a.currency))].sort();
    holder.replaceChildren(table('Every account, with its balance',
      ['Account', 'Owner', 'Balance', 'Currency', 'Version', 'Last activity'],
      accounts.map(a => h('tr', {'data-account': a.id},
        h('td', {}, h('a', {href: `#/accounts/${a.id}`}, a.id)),
        h('td', {}, a.owner),
        h('td', {class: 'num'}, a.balance),
        h('td', {}, a.currency),
        h('td', {class: 'num'}, a.version),
        h('td', {}, time(a.updatedAt)))),
      currencies.map(c => h('tr', {class: 'total'},
        h('th', {scope: 'row', colspan: 2}, `Total ${c}`),
        h('td', {class: 'num', 'data-total': c}, sum(accounts.filter(a => a.currency === c).map(a => a.balance))),
        h('td', {}, c), h('td'), h('td')))));
  }, 2000, status);
}
