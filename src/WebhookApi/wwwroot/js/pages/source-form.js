// The edit form of a source (validation errors shown next to their field) and the dry-run "Test" button.
import { api, ApiError } from '../api.js';
import { h } from '../dom.js';
import { banner, toast, describe, reload, showHead } from '../app.js';
import { diagnostics } from './source.js';

const FIELDS = ['name', 'type', 'enabled', 'labels', 'properties', 'include', 'exclude'];

export function editForm(plugin, source, etag) {
  const path = `/plugins/${encodeURIComponent(plugin)}/sources/${encodeURIComponent(source.id)}`;
  const list = (values) => (values ?? []).join('\n');
  const inputs = {
    name: h('input', { id: 'f-name', name: 'name', value: source.name ?? '', required: true }),
    type: h('input', { id: 'f-type', name: 'type', value: source.type ?? '', required: true }),
    enabled: h('input', { id: 'f-enabled', name: 'enabled', type: 'checkbox', checked: source.enabled }),
    labels: h('textarea', { id: 'f-labels', name: 'labels', rows: 2 }, list(source.labels)),
    properties: h('textarea', { id: 'f-properties', name: 'properties', rows: 5, class: 'mono' }, JSON.stringify(source.properties ?? {}, null, 2)),
    include: h('textarea', { id: 'f-include', name: 'include', rows: 2 }, list(source.include)),
    exclude: h('textarea', { id: 'f-exclude', name: 'exclude', rows: 2 }, list(source.exclude)),
  };
  const errorSlots = Object.fromEntries(FIELDS.map((f) => [f, h('p', { class: 'field-error', id: `e-${f}`, 'aria-live': 'polite' })]));
  const general = h('div', { class: 'form-errors', 'aria-live': 'polite' });
  const testResult = h('div', { class: 'test-result', 'aria-live': 'polite' });
  const hints = { labels: 'one per line', include: 'glob patterns, one per line', exclude: 'glob patterns, one per line', properties: 'JSON object' };
  const field = (name, label) => h('div', { class: `field field-${name}` },
    h('label', { for: inputs[name].id }, label, hints[name] ? h('span', { class: 'muted small' }, ` (${hints[name]})`) : null),
    inputs[name], errorSlots[name]);
  for (const name of FIELDS) inputs[name].setAttribute('aria-describedby', `e-${name}`);

  const form = h('form', { class: 'edit', novalidate: true },
    field('name', 'Name'), field('type', 'Type'), field('enabled', 'Enabled'), field('labels', 'Labels'),
    field('properties', 'Properties'), field('include', 'Include'), field('exclude', 'Exclude'),
    general,
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Save'),
      h('button', { type: 'button', class: 'secondary', onclick: () => test() }, 'Test'),
      h('button', { type: 'button', class: 'secondary', onclick: reload }, 'Discard changes')),
    testResult);

  /** Runs one request with the form's buttons disabled, so a double click cannot send the same If-Match twice. */
  async function whileBusy(work) {
    const buttons = [...form.querySelectorAll('button')];
    for (const button of buttons) button.disabled = true;
    try { await work(); } finally { for (const button of buttons) button.disabled = false; }
  }

  function clearErrors() {
    for (const slot of Object.values(errorSlots)) slot.textContent = '';
    for (const input of Object.values(inputs)) input.removeAttribute('aria-invalid');
    general.replaceChildren();
  }

  function read() {
    const lines = (text) => text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
    let properties;
    try {
      properties = JSON.parse(inputs.properties.value || '{}');
    } catch (error) {
      showFieldError('properties', `Not valid JSON: ${error.message}`);
      return null;
    }
    return {
      id: source.id, name: inputs.name.value.trim(), type: inputs.type.value.trim(), enabled: inputs.enabled.checked,
      labels: lines(inputs.labels.value), properties, include: lines(inputs.include.value), exclude: lines(inputs.exclude.value),
    };
  }

  function showFieldError(name, message) {
    const slot = errorSlots[name];
    slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
    inputs[name].setAttribute('aria-invalid', 'true');
  }

  /** Maps a server error field such as "sources[2].type" or "properties.yamlCatalogPath" to a form field. */
  function fieldOf(path) {
    const parts = String(path ?? '').replace(/\[\d+\]/g, '').split('.').filter(Boolean);
    return parts.reverse().find((p) => FIELDS.includes(p)) ?? (parts.some((p) => p.endsWith('Path')) ? 'properties' : null);
  }

  function showProblem(error) {
    const errors = error.problem?.errors ?? [];
    if (error.status === 422 && errors.length > 0) {
      for (const e of errors) {
        const name = fieldOf(e.field);
        const where = e.file ? ` (${e.file}${e.line ? `:${e.line}` : ''})` : '';
        if (name) showFieldError(name, `${e.message}${where}`);
        else general.append(h('p', { class: 'error' }, `${e.field ? `${e.field}: ` : ''}${e.message}${where}`));
      }
      inputs[fieldOf(errors[0].field) ?? 'name'].focus();
    } else if (error.status === 409) {
      banner('The configuration changed since this page was loaded. Your edit was not saved.', [['Reload', reload]]);
    } else {
      general.append(h('p', { class: 'error' }, describe(error)));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const body = read();
    if (!body) return;
    await whileBusy(async () => {
      try {
        const response = await api('PUT', path, { body, ifMatch: etag });
        showHead(response.etag);
        toast('Saved as a new commit');
        await reload();
      } catch (error) {
        if (error instanceof ApiError) showProblem(error); else general.append(h('p', { class: 'error' }, describe(error)));
      }
    });
  });

  async function test() {
    clearErrors();
    testResult.replaceChildren();
    const body = read();
    if (!body) return;
    await whileBusy(async () => {
      try {
        const { data } = await api('POST', `${path}:test`, { body });
        testResult.replaceChildren(
          h('h3', {}, 'Dry run'),
          h('p', {}, `State ${data.state}, ${data.entityCount} entities. Nothing was written.`),
          (data.firstEntities ?? []).length ? h('p', { class: 'muted' }, `First: ${data.firstEntities.join(', ')}`) : null,
          diagnostics(data.diagnostics ?? []));
      } catch (error) {
        if (error instanceof ApiError) showProblem(error); else general.append(h('p', { class: 'error' }, describe(error)));
      }
    });
  }

  return h('section', { 'aria-labelledby': 'edit-title' }, h('h2', { id: 'edit-title' }, 'Edit'), form);
}
