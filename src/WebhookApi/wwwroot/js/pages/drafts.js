// Drafts: the list (newest first, filtered by state) and the form that opens a new one.
import { api, ApiError } from '../api.js';
import { h, render as draw, shortSha, formatTime } from '../dom.js';
import { describe } from '../app.js';
import { chooseDraft, fillDraftSelector } from '../draft-selector.js';

const STATES = ['Open', 'Published', 'Abandoned'];

export async function render(view, { state = 'Open' } = {}) {
  const query = STATES.includes(state) ? `?state=${state}` : '';
  const { data } = await api('GET', `/drafts${query}`);
  const drafts = data?.drafts ?? [];
  const filter = h('select', { id: 'draft-state', 'aria-label': 'State' },
    [...STATES, 'All'].map((s) => h('option', { value: s, selected: s === state || (s === 'All' && !STATES.includes(state)) }, s)));
  filter.addEventListener('change', () => render(view, { state: filter.value }));
  draw(view,
    h('h1', {}, 'Drafts'),
    h('p', { class: 'muted' }, 'A draft is a branch: make changes inside it, see its plan, have it approved, publish it as one commit.'),
    createForm(),
    h('div', { class: 'inline-filter' }, h('label', { for: 'draft-state' }, 'Show '), filter),
    drafts.length === 0 ? h('p', { class: 'muted', id: 'no-drafts' }, 'No drafts.') : h('div', { class: 'table-wrap' }, h('table', { class: 'drafts' },
      h('caption', { class: 'visually-hidden' }, 'Drafts, newest first'),
      h('thead', {}, h('tr', {}, ['Draft', 'State', 'Author', 'Commits', 'Approvals', 'Head', 'Created'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, drafts.map(row)))));
}

function row(draft) {
  const valid = (draft.approvals ?? []).filter((a) => a.valid).length;
  return h('tr', { 'data-draft': draft.id },
    h('th', { scope: 'row' }, h('a', { href: `#/drafts/${encodeURIComponent(draft.id)}` }, draft.title || draft.id),
      h('div', { class: 'muted small mono' }, draft.id)),
    h('td', {}, h('span', { class: `badge draft-${String(draft.state).toLowerCase()}` }, draft.state)),
    h('td', {}, draft.author?.name ?? ''),
    h('td', { class: 'count' }, String((draft.commits ?? []).length)),
    h('td', {}, `${valid} / ${draft.requiredApprovals ?? 0}`),
    h('td', { class: 'mono' }, shortSha(draft.head)),
    h('td', {}, formatTime(draft.created)));
}

function createForm() {
  const title = h('input', { id: 'draft-title', name: 'title', required: true, placeholder: 'Raise timeouts' });
  const name = h('input', { id: 'draft-name', name: 'name', placeholder: 'optional: raise-timeouts', class: 'mono' });
  const error = h('p', { class: 'error', 'aria-live': 'polite', id: 'draft-create-error' });
  const form = h('form', { class: 'edit operator', id: 'draft-create', novalidate: true },
    h('h2', {}, 'New draft'),
    h('div', { class: 'field' }, h('label', { for: 'draft-title' }, 'Title'), title),
    h('div', { class: 'field' }, h('label', { for: 'draft-name' }, 'Id ', h('span', { class: 'muted small' }, '(a branch name; default: from the title)')), name),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create draft')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!title.value.trim()) { error.textContent = 'A title is required.'; title.focus(); return; }
    const body = { title: title.value.trim() };
    if (name.value.trim()) body.name = name.value.trim();
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const { data } = await api('POST', '/drafts', { body });
      await fillDraftSelector();
      await chooseDraftQuietly(data.id);
      location.hash = `#/drafts/${encodeURIComponent(data.id)}`;
    } catch (failure) {
      error.textContent = failure instanceof ApiError ? describe(failure) : String(failure);
      button.disabled = false;
    }
  });
  return form;
}

/** A new draft becomes the working draft right away: the next edits go to it. */
async function chooseDraftQuietly(id) {
  try { await chooseDraft(id); } catch { /* the draft page shows what is wrong */ }
}
