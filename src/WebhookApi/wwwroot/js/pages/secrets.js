// A plugin's secrets: names, key id and last commit only. Values are write-only: the form sends one and forgets it.
import { api, ApiError, headOf } from '../api.js';
import { h, formatTime, shortSha } from '../dom.js';
import { showHead, banner, toast, describe } from '../app.js';

/** The secrets section of a plugin page; `head` reads and updates the page's ETag. */
export function secretsSection(plugin, head) {
  const body = h('tbody');
  const table = h('table', { class: 'secrets' },
    h('caption', { class: 'visually-hidden' }, `Secrets of plugin ${plugin}`),
    h('thead', {}, h('tr', {}, ['Name', 'Format', 'Key id', 'Last change'].map((c) => h('th', { scope: 'col' }, c)))),
    body);
  const name = h('input', { id: 'secret-name', name: 'name', required: true, autocomplete: 'off', pattern: '[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127}' });
  const value = h('input', { id: 'secret-value', name: 'value', type: 'password', required: true, autocomplete: 'new-password' });
  const submit = h('button', { type: 'submit' }, 'Set / replace');
  const form = h('form', { class: 'edit secret-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'secret-name' }, 'Name'), name),
    h('div', { class: 'field' }, h('label', { for: 'secret-value' }, 'Value', h('span', { class: 'muted small' }, ' (write-only: encrypted before it is committed, never shown again)')), value),
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!name.value || !value.value) { banner('A secret needs a name and a value'); return; }
    submit.disabled = true;
    try {
      const response = await api('PUT', `/plugins/${encodeURIComponent(plugin)}/secrets/${encodeURIComponent(name.value)}`,
        { body: { value: value.value }, ifMatch: head.get() });
      head.set(response.etag);
      showHead(response.etag);
      toast(`Secret ${name.value} set (commit ${shortSha(headOf(response.etag))})`);
      name.value = '';
      await load(plugin, body);
    } catch (error) {
      banner(error instanceof ApiError && error.status === 409
        ? 'The configuration changed since this page was loaded; reload it and set the secret again.'
        : `Could not set the secret: ${describe(error)}`);
    } finally {
      value.value = ''; // the value never stays in the page
      submit.disabled = false;
    }
  });
  load(plugin, body);
  return h('section', { 'aria-labelledby': 'secrets-title' }, h('h2', { id: 'secrets-title' }, 'Secrets'), h('div', { class: 'table-wrap' }, table), form);
}

async function load(plugin, body) {
  try {
    const { data } = await api('GET', `/plugins/${encodeURIComponent(plugin)}/secrets`);
    const rows = (data?.secrets ?? []).map((s) => h('tr', { 'data-secret': s.name },
      h('th', { scope: 'row' }, s.name),
      h('td', {}, s.format),
      h('td', {}, s.keyId ?? '—'),
      h('td', {}, s.lastCommit ? `${shortSha(s.lastCommit)} · ${s.lastChangedBy ?? ''} · ${formatTime(s.lastChangedAt)}` : '—')));
    body.replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: 4, class: 'muted' }, 'No secrets'))]));
  } catch (error) {
    body.replaceChildren(h('tr', {}, h('td', { colspan: 4, class: 'error' }, describe(error))));
  }
}
