import {h, table} from '../dom.js';
import {get} from '../api.js';
import {poll} from '../poll.js';
import {clock, latencyMillis, millis, time} from '../format.js';

const STATUSES = ['QUEUED', 'COMPLETED', 'REJECTED', 'FAILED'];

/** Who ended a transfer and under which coordinator, e.g. "liberty/ledgerline (liberty-tm)"; empty while queued. */
function appliedBy(t) {
  return t.appliedBy ? `${t.appliedBy} (${t.coordinator})` : '';
}

/** The newest transfers, refreshed every second, filtered in the page by mode and status. */
export function render(main) {
  const status = h('p', {class: 'status', role: 'status'});
  const modeFilter = h('select', {id: 'filter-mode'}, h('option', {value: ''}, 'all'));
  const statusFilter = h('select', {id: 'filter-status'}, h('option', {value: ''}, 'all'),
    STATUSES.map(s => h('option', {value: s}, s)));
  const holder = h('div');
  let latest = [];
  let previous = '';
  const show = () => {
    const shown = latest.filter(t => (!modeFilter.value || t.mode === modeFilter.value)
      && (!statusFilter.value || t.status === statusFilter.value));
    holder.replaceChildren(table(`Newest transfers (${shown.length} of the last ${latest.length})`,
      ['Submitted', 'Transfer', 'Mode', 'From → to', 'Amount', 'Status', 'Reason', 'Latency', 'Applied by'],
      shown.map(t => h('tr', {'data-transfer-id': t.id, 'data-idempotency-key': t.idempotencyKey},
        h('td', {title: time(t.createdAt)}, clock(t.createdAt)),
        h('td', {}, h('a', {href: `#/transfers/${t.id}`}, t.id.slice(0, 8))),
        h('td', {class: 'mode'}, t.mode),
        h('td', {}, `${t.fromAccount} → ${t.toAccount}`),
        h('td', {class: 'num'}, `${t.amount} ${t.currency}`),
        h('td', {class: 'status-cell'}, h('span', {class: `badge ${t.status.toLowerCase()}`}, t.status)),
        h('td', {class: 'reason'}, t.reason || t.lastError || ''),
        h('td', {class: 'num'}, millis(latencyMillis(t))),
        h('td', {class: 'applied-by'}, appliedBy(t))))));
  };
  modeFilter.addEventListener('change', show);
  statusFilter.addEventListener('change', show);
  main.append(h('h1', {}, 'Transfers'),
    h('form', {class: 'filters', onsubmit: e => e.preventDefault()},
      h('label', {for: 'filter-mode'}, 'Mode'), modeFilter,
      h('label', {for: 'filter-status'}, 'Status'), statusFilter),
    status, holder);
  get('settings').then(s => modeFilter.append(...s.modes.map(m =>
    h('option', {value: m.name}, m.unsafe ? `${m.name} (UNSAFE)` : m.name))))
    .catch(e => { status.textContent = `Could not load the modes: ${e.message}`; });
  return poll(async () => {
    const list = await get('transfers?limit=100');
    // Re-drawn only when something changed, so that keyboard focus in the table survives a quiet refresh.
    const text = JSON.stringify(list);
    if (text === previous) return;
    previous = text;
    latest = list;
    show();
  }, 1000, status);
}
