import {h} from '../dom.js';
import {login} from '../session.js';

/** The login form; calls loggedIn() once the server has accepted the user. */
export function render(main, loggedIn) {
  const user = h('input', {type: 'text', id: 'username', name: 'username', autocomplete: 'username', required: true});
  const password = h('input', {type: 'password', id: 'password', name: 'password', autocomplete: 'current-password', required: true});
  const error = h('p', {id: 'login-error', class: 'field-error', 'aria-live': 'polite'});
  const submit = h('button', {type: 'submit', id: 'login-submit'}, 'Log in');
  const form = h('form', {id: 'login-form'},
    h('div', {class: 'field'}, h('label', {for: 'username'}, 'User name'), user),
    h('div', {class: 'field'}, h('label', {for: 'password'}, 'Password'), password),
    error,
    h('div', {class: 'actions'}, submit));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    try {
      await login(user.value.trim(), password.value);
      password.value = '';
      loggedIn();
    } catch (e) {
      error.textContent = e.message;
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  main.append(h('h1', {}, 'Log in'),
    h('p', {}, 'The demo users and their passwords are listed in the README.'), form);
  user.focus();
}
