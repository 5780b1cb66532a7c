import {h} from '../dom.js';
import {get, readiness} from '../api.js';
import {poll} from '../poll.js';
import {time} from '../format.js';

function check(name, holds, numbers, detail, description, [good, bad] = ['holds', 'BROKEN']) {
  return h('li', {class: `check ${holds ? 'ok' : 'bad'}`, 'data-check': name},
    h('span', {class: 'verdict'}, holds ? good : bad),
    h('strong', {}, name), ' ', h('span', {class: 'numbers'}, numbers),
    description ? h('p', {class: 'hint'}, description) : null,
    detail ? h('p', {class: 'detail'}, detail) : null);
}

/** The invariants of the ledger checked now from the database, and what is waiting in the outbox and on the dead-letter queues. */
export function render(main) {
  const status = h('p', {class: 'status', role: 'status'});
  const checkedAt = h('p', {class: 'hint'});
  const invariants = h('ul', {class: 'checks', id: 'invariants'});
  const waiting = h('ul', {class: 'checks', id: 'backlog'});
  const ready = h('ul', {class: 'checks', id: 'readiness'});
  main.append(h('h1', {}, 'Health of the money'), status,
    h('h2', {}, 'Invariants'), checkedAt, invariants,
    h('h2', {}, 'Waiting'), waiting,
    h('h2', {}, 'Readiness'), ready);
  return poll(async () => {
    const [report, backlog, readyDoc] = await Promise.all([get('invariants'), get('backlog'), readiness()]);
    checkedAt.textContent = `Checked ${time(report.checkedAt)}; a transfer QUEUED for more than 60 s counts as lost.`;
    invariants.replaceChildren(...report.results.map(r =>
      check(r.name, r.holds, `${r.violations} violation${r.violations === 1 ? '' : 's'}`, r.detail, r.description)));
    waiting.replaceChildren(
      check('outbox backlog', backlog.outboxUnpublished === 0, `${backlog.outboxUnpublished} unpublished`, null,
        'Outbox rows the relay has not published yet. Red while transfers are being submitted is normal; red that stays is not.',
        ['empty', 'waiting']),
      ...Object.entries(backlog.deadLetters).map(([queue, depth]) =>
        check(`dead letters on ${queue}`, depth === 0, `${depth} waiting`, null,
          'Messages the broker gave up on, not yet taken by the dead-letter consumer (a queue browser\'s count).',
          ['empty', 'waiting'])));
    ready.replaceChildren(...(readyDoc.checks || []).map(c =>
      check(c.name, c.status === 'UP', '', Object.entries(c.data || {}).map(([k, v]) => `${k}: ${v}`).join(', '), null,
        ['up', 'DOWN'])));
  }, 3000, status);
}
