// A source: properties, include/exclude, diagnostics, first entities with filter and paging, edit form and dry run.
import { api, ApiError, headOf } from '../api.js';
import { h, render as draw, json, stateBadge, formatTime, facts, shortHash, shortSha } from '../dom.js';
import { showHead, banner, reload } from '../app.js';
import { onPageEvent } from '../live.js';
import { editForm } from './source-form.js';
import { versionsSection, eventsSection } from './source-history.js';
import { workingDraft } from '../working-draft.js';

const PAGE_SIZE = 20;

export async function render(view, { plugin, source: id }) {
  const path = `/plugins/${encodeURIComponent(plugin)}/sources/${encodeURIComponent(id)}`;
  const { data: source, etag } = await api('GET', path);
  showHead(etag);
  const status = source.status ?? {};
  const entities = h('section', { 'aria-labelledby': 'entities-title' }, h('h2', { id: 'entities-title' }, 'Entities'));
  draw(view,
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
      h('a', { href: '#/plugins' }, 'Plugins'), ' / ',
      h('a', { href: `#/plugins/${encodeURIComponent(plugin)}` }, plugin), ' / ', source.id),
    h('h1', {}, source.name || source.id, ' ', stateBadge(status.state ?? (source.enabled ? 'Loading' : 'Disabled'))),
    h('div', { class: 'columns' },
      h('section', { 'aria-labelledby': 'details-title' },
        h('h2', { id: 'details-title' }, 'Details'),
        facts([
          ['Id', source.id], ['Type', source.type], ['Enabled', source.enabled ? 'yes' : 'no'],
          ['Labels', (source.labels ?? []).join(', ') || '—'],
          ['Include', (source.include ?? []).join(', ') || '—'], ['Exclude', (source.exclude ?? []).join(', ') || '—'],
          ['Entities', String(status.entityCount ?? 0)], ['Last refresh', formatTime(status.lastRefreshedAt)],
          ['Applied hash', shortHash(status.appliedHash)],
        ]),
        h('h3', {}, 'Properties'), json(source.properties)),
      h('section', { 'aria-labelledby': 'diagnostics-title' },
        h('h2', { id: 'diagnostics-title' }, 'Diagnostics'), diagnostics(status.diagnostics ?? []))),
    entities,
    editForm(plugin, source, etag),
    h('div', { class: 'columns' }, versionsSection(plugin), eventsSection(plugin, id)));
  // The form will be refused (409) once the head moves: say so as soon as it does, not at save time.
  onPageEvent(({ name, data }) => {
    if (name === 'head' && data.head !== headOf(etag) && !workingDraft()) {
      banner(`The configuration changed while this form was open (head is now ${shortSha(data.head)}). Saving would be refused; reload to edit the current version.`,
        [['Reload', reload]]);
    }
  });
  await loadEntities(entities, path, '', []);
}

export function diagnostics(list) {
  if (list.length === 0) return h('p', { class: 'muted' }, 'No diagnostics.');
  return h('ul', { class: 'diagnostics' }, list.map((d) => h('li', { class: `severity-${String(d.severity).toLowerCase()}` },
    h('strong', {}, d.severity), ' ', d.message,
    d.file ? h('span', { class: 'muted' }, ` (${d.file}${d.line ? `:${d.line}` : ''})`) : null)));
}

async function loadEntities(section, path, filter, tokens) {
  const query = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
  if (filter) query.set('filter', filter);
  const token = tokens.at(-1);
  if (token) query.set('pageToken', token);
  const input = h('input', { type: 'search', id: 'entity-filter', value: filter, placeholder: 'Filter by name' });
  const form = h('form', { class: 'inline', role: 'search' },
    h('label', { for: 'entity-filter' }, 'Filter'), input, h('button', { type: 'submit', class: 'secondary' }, 'Apply'));
  form.addEventListener('submit', (event) => { event.preventDefault(); loadEntities(section, path, input.value.trim(), []); });
  let body;
  try {
    const { data } = await api('GET', `${path}/entities?${query}`);
    const items = data?.items ?? [];
    const previous = h('button', { type: 'button', class: 'secondary', disabled: tokens.length === 0 }, 'Previous');
    previous.addEventListener('click', () => loadEntities(section, path, filter, tokens.slice(0, -1)));
    const next = h('button', { type: 'button', class: 'secondary', disabled: !data?.nextPageToken }, 'Next');
    next.addEventListener('click', () => loadEntities(section, path, filter, [...tokens, data.nextPageToken]));
    body = [
      h('p', { class: 'muted' }, `${data?.totalSize ?? items.length} entities${filter ? ` matching “${filter}”` : ''}`),
      items.length === 0 ? h('p', {}, 'None.') : h('ul', { class: 'entities' }, items.map((e) =>
        h('li', {}, h('strong', {}, e.name), e.description ? h('span', { class: 'muted' }, ` — ${e.description}`) : null))),
      h('div', { class: 'pager' }, previous, next),
    ];
  } catch (error) {
    body = [h('p', { class: 'error' }, error instanceof ApiError ? error.message : String(error))];
  }
  section.replaceChildren(h('h2', { id: 'entities-title' }, 'Entities'), form, ...body);
}
