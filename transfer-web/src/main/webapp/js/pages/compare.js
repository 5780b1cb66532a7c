import {h, table} from '../dom.js';
import {ApiError, get} from '../api.js';
import {poll} from '../poll.js';
import {millis} from '../format.js';

const ROWS = [
  ['Transfers/s (finished, last interval)', s => s.rate === null ? '—' : s.rate.toFixed(1)],
  ['Completed', s => s.completed],
  ['Rejected', s => s.rejected],
  ['Failed', s => s.failed],
  ['Latency p50 (submit → final)', s => millis(s.latencyP50Millis)],
  ['Latency p99', s => millis(s.latencyP99Millis)],
  ['Retries (version conflicts)', s => s.versionConflicts],
  ['Duplicates skipped', s => s.duplicatesSkipped],
  ['Redeliveries', s => s.redeliveries],
];

/** Per mode, from the application's metrics (GET /api/statistics reads the /metrics meters), and the latest reports. */
export function render(main) {
  const status = h('p', {class: 'status', role: 'status'});
  const holder = h('div', {id: 'compare'});
  const drills = h('div', {id: 'drill-report'});
  const bench = h('div', {id: 'bench-report'});
  main.append(h('h1', {}, 'Compare'),
    h('p', {class: 'hint'}, 'Counts since the server started. Latency percentiles cover the recent window of the ',
      'metrics timer; the same numbers are at ', h('a', {href: 'metrics?scope=application'}, '/metrics'), '.'),
    status, holder,
    h('h2', {}, 'Latest crash drill report'), drills,
    h('h2', {}, 'Latest benchmark report'), bench);
  let previous = null;
  const stop = poll(async () => {
    const {modes} = await get('statistics');
    const now = performance.now();
    const finished = s => s.completed + s.rejected + s.failed;
    const names = Object.keys(modes).filter(m => !m.startsWith('at-') || finished(modes[m]) > 0);
    for (const name of names) {
      const before = previous?.modes[name];
      modes[name].rate = before ? (finished(modes[name]) - finished(before)) / ((now - previous.at) / 1000) : null;
    }
    previous = {modes, at: now};
    holder.replaceChildren(table('Per mode', ['', ...names],
      ROWS.map(([label, value]) => h('tr', {}, h('th', {scope: 'row'}, label),
        names.map(n => h('td', {class: 'num', 'data-mode': n}, value(modes[n])))))));
  }, 2000, status);
  report('reports/drills', drills);
  report('reports/bench', bench);
  return stop;
}

async function report(path, holder) {
  try {
    holder.replaceChildren(reportView(await get(path)));
  } catch (e) {
    holder.replaceChildren(h('p', {}, e instanceof ApiError && e.status === 404
      ? `No report yet (${e.problem?.detail || 'none'}).` : `Could not load the report: ${e.message}`));
  }
}

/** A report whatever its shape: a list of objects as a table, an object as a list, anything deeper as JSON text. */
function reportView(value) {
  const text = v => (v !== null && typeof v === 'object') ? JSON.stringify(v) : String(v);
  const rows = Array.isArray(value) ? value : Array.isArray(value?.drills) ? value.drills
    : Array.isArray(value?.results) ? value.results : null;
  if (rows && rows.length && rows.every(r => r && typeof r === 'object')) {
    const keys = [...new Set(rows.flatMap(Object.keys))];
    return table(`${rows.length} rows`, keys, rows.map(r => h('tr', {}, keys.map(k => h('td', {}, k in r ? text(r[k]) : '')))));
  }
  if (value && typeof value === 'object') {
    return h('dl', {class: 'facts'}, Object.entries(value).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, text(v))]));
  }
  return h('pre', {}, text(value));
}
