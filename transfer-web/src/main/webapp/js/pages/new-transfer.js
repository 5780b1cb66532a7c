import {h} from '../dom.js';
import {ApiError, get, post} from '../api.js';
import {debitsAnyAccount} from '../session.js';

/** The request fields the API names in its problem details, and the input each belongs to. */
const FIELDS = ['fromAccount', 'toAccount', 'amount', 'currency', 'mode', 'idempotencyKey'];

/** A key for one rendering of the form: a double click or a resubmit sends the same key, so one transfer. */
function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; 127.0.0.1 is one, a plain-HTTP host name is not.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map(v => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

function field(name, label, control, hint) {
  control.id = name;
  control.name = name;
  control.setAttribute('aria-describedby', `${name}-error${hint ? ` ${name}-hint` : ''}`);
  return h('div', {class: 'field'},
    h('label', {for: name}, label),
    control,
    hint ? h('p', {id: `${name}-hint`, class: 'hint'}, hint) : null,
    h('p', {id: `${name}-error`, class: 'field-error', 'aria-live': 'polite'}));
}

export function render(main) {
  const form = h('form', {id: 'transfer-form', novalidate: true});
  const result = h('div', {id: 'transfer-result', role: 'status', 'aria-live': 'polite'});
  main.append(h('h1', {}, 'New transfer'), form, result);
  let stopped = false;
  Promise.all([get('accounts'), get('settings')]).then(([accounts, settings]) => {
    if (!stopped) build(form, result, accounts, settings);
  }).catch(e => { result.textContent = `Could not load the accounts: ${e.message}`; });
  return () => { stopped = true; };
}

function build(form, result, accounts, settings) {
  const accountOption = a => h('option', {value: a.id}, `${a.id} · ${a.owner} (${a.balance} ${a.currency})`);
  const from = h('select', {required: true}, accounts.map(accountOption));
  // A customer sees only their own accounts, and may credit any: the account to credit is typed.
  const to = debitsAnyAccount()
    ? h('select', {required: true}, accounts.map(accountOption))
    : h('input', {type: 'text', autocomplete: 'off', required: true, placeholder: 'ACC-002'});
  if (debitsAnyAccount() && accounts.length > 1) to.value = accounts[1].id;
  const amount = h('input', {type: 'text', inputmode: 'decimal', autocomplete: 'off', required: true, placeholder: '12.34'});
  const currency = h('select', {required: true},
    [...new Set(accounts.map(a => a.currency))].sort().map(c => h('option', {value: c}, c)));
  const followFrom = () => { currency.value = accounts.find(a => a.id === from.value)?.currency || currency.value; };
  from.addEventListener('change', followFrom);
  followFrom();
  const mode = h('select', {required: true}, settings.modes.map(m =>
    h('option', {value: m.name, class: m.unsafe ? 'unsafe' : null},
      m.unsafe ? `UNSAFE: ${m.name} (demonstration only)` : m.name)));
  mode.value = settings.defaultMode;
  const key = h('input', {type: 'text', readonly: true, value: newKey()});
  const submit = h('button', {type: 'submit', id: 'submit-transfer'}, 'Submit transfer');
  const again = h('button', {type: 'button', id: 'new-form', class: 'secondary'}, 'New transfer (new key)');
  const formError = h('p', {id: 'form-error', class: 'field-error', 'aria-live': 'polite'});

  form.replaceChildren(
    field('fromAccount', 'From account', from),
    field('toAccount', 'To account', to),
    field('amount', 'Amount', amount, 'In major units, e.g. 12.34'),
    field('currency', 'Currency', currency),
    field('mode', 'Mode', mode, settings.unsafeModesEnabled
      ? 'UNSAFE modes lose or duplicate money on a crash: for the drills, never for real money.'
      : 'xa: two-phase commit. idempotent: outbox, versioned updates, processed-message record.'),
    field('idempotencyKey', 'Idempotency key', key, 'New for each form: sending this form twice makes one transfer.'),
    formError,
    h('div', {class: 'actions'}, submit, again));

  const showUnsafe = () => mode.classList.toggle('unsafe', settings.modes.find(m => m.name === mode.value)?.unsafe);
  mode.addEventListener('change', showUnsafe);
  showUnsafe();

  again.addEventListener('click', () => {
    result.replaceChildren();
    build(form, result, accounts, settings);
    amount.focus();
  });

  let inFlight = false;
  form.addEventListener('submit', async event => {
    event.preventDefault();
    // A second click while the first request runs is dropped here; one that comes later carries the same
    // key, and the server answers it with the same transfer.
    if (inFlight) return;
    inFlight = true;
    submit.disabled = true;
    clearErrors(form, formError);
    try {
      const {status, body} = await post('transfers', {
        fromAccount: from.value, toAccount: to.value.trim(), amount: amount.value.trim(),
        currency: currency.value, mode: mode.value, idempotencyKey: key.value,
      });
      result.replaceChildren(h('p', {'data-transfer-id': body.id},
        status === 202 ? 'Accepted: ' : 'Already submitted with this key: ',
        h('a', {href: `#/transfers/${body.id}`}, `transfer ${body.id.slice(0, 8)}`),
        ` (${body.mode}, ${body.status}). `, h('a', {href: '#/transfers'}, 'Watch it in the live list.')));
    } catch (e) {
      showErrors(form, formError, e);
    } finally {
      inFlight = false;
      submit.disabled = false;
    }
  });
}

function clearErrors(form, formError) {
  formError.textContent = '';
  for (const name of FIELDS) {
    form.querySelector(`#${name}-error`).textContent = '';
    form.querySelector(`#${name}`).removeAttribute('aria-invalid');
  }
}

/** Each field error next to its field; errors about no field of the form (the body, the network) above the buttons. */
function showErrors(form, formError, error) {
  const errors = error instanceof ApiError && error.problem?.errors ? error.problem.errors : [];
  const elsewhere = [];
  for (const {field, message} of errors) {
    if (FIELDS.includes(field)) {
      const slot = form.querySelector(`#${field}-error`);
      slot.textContent = slot.textContent ? `${slot.textContent}; ${message}` : `${field} ${message}`;
      form.querySelector(`#${field}`).setAttribute('aria-invalid', 'true');
    } else {
      elsewhere.push(`${field} ${message}`);
    }
  }
  if (errors.length === 0) elsewhere.push(error.message);
  formError.textContent = elsewhere.join('; ');
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
}
