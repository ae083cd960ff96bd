/** Sign in with an API key (an admin creates keys with `tournee keys create`). */
import { describe } from '../api.ts';
import { clear, h } from '../dom.ts';

export function renderLogin(main: HTMLElement, signIn: (key: string, keep: boolean) => Promise<void>): void {
  const input = h('input', {
    id: 'api-key',
    name: 'api-key',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'api-key-help',
  });
  const keep = h('input', { id: 'keep', type: 'checkbox' });
  const status = h('p', { id: 'login-status', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    { class: 'card login', novalidate: true },
    h('label', { for: 'api-key' }, 'API key'),
    input,
    h('p', { id: 'api-key-help', class: 'muted' }, 'Your key starts with tk_. Ask your administrator for one.'),
    h('p', { class: 'check' }, keep, h('label', { for: 'keep' }, 'Keep me signed in on this device')),
    button,
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = input.value.trim();
    if (!key) {
      status.className = 'error';
      status.textContent = 'Enter your API key.';
      input.focus();
      return;
    }
    button.disabled = true;
    status.className = '';
    status.textContent = 'Signing in…';
    try {
      await signIn(key, keep.checked);
    } catch (err) {
      status.className = 'error';
      status.textContent = describe(err);
      input.select();
      input.focus();
    } finally {
      button.disabled = false;
    }
  });
  clear(main, h('h1', {}, 'Sign in'), form);
  input.focus();
}
