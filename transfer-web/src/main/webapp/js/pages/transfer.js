import {h} from '../dom.js';
import {get} from '../api.js';
import {poll} from '../poll.js';
import {latencyMillis, millis, time} from '../format.js';

export function render(main, id) {
  const status = h('p', {class: 'status', role: 'status'});
  const facts = h('dl', {class: 'facts'});
  main.append(h('h1', {}, 'Transfer'), h('p', {}, h('code', {}, id)), status, facts);
  return poll(async () => {
    const t = await get(`transfers/${encodeURIComponent(id)}`);
    facts.replaceChildren(
      h('dt', {}, 'Status'), h('dd', {}, h('span', {class: `badge ${t.status.toLowerCase()}`}, t.status)),
      h('dt', {}, 'Reason'), h('dd', {}, t.reason || '—'),
      h('dt', {}, 'Mode'), h('dd', {}, t.mode),
      h('dt', {}, 'From'), h('dd', {}, h('a', {href: `#/accounts/${t.fromAccount}`}, t.fromAccount)),
      h('dt', {}, 'To'), h('dd', {}, h('a', {href: `#/accounts/${t.toAccount}`}, t.toAccount)),
      h('dt', {}, 'Amount'), h('dd', {}, `${t.amount} ${t.currency}`),
      h('dt', {}, 'Idempotency key'), h('dd', {}, h('code', {}, t.idempotencyKey)),
      h('dt', {}, 'Submitted'), h('dd', {}, time(t.createdAt)),
      h('dt', {}, 'Finished'), h('dd', {}, time(t.completedAt)),
      h('dt', {}, 'Applied by'), h('dd', {class: 'applied-by'}, t.appliedBy || '—'),
      h('dt', {}, 'Coordinator'), h('dd', {class: 'coordinator'}, t.coordinator || '—'),
      h('dt', {}, 'Latency'), h('dd', {}, millis(latencyMillis(t))),
      h('dt', {}, 'Failed deliveries'), h('dd', {}, t.failedDeliveries),
      h('dt', {}, 'Last error'), h('dd', {}, t.lastError || '—'));
  }, 1500, status);
}
