// A plugin's sources: state, entity count, last refresh, labels, enabled toggle and refresh button.
import { api, itemsOf, ApiError } from '../api.js';
import { h, render as draw, json, stateBadge, formatTime, shortSha } from '../dom.js';
import { showHead, banner, toast, describe, reload } from '../app.js';
import { headOf } from '../api.js';
import { secretsSection } from './secrets.js';
import { onPageEvent } from '../live.js';

let etag = null;

export async function render(view, { plugin }) {
  const response = await api('GET', `/plugins/${encodeURIComponent(plugin)}`);
  etag = response.etag;
  showHead(etag);
  const data = response.data;
  const sources = itemsOf(data.sources);
  draw(view,
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/plugins' }, 'Plugins'), ' / ', plugin),
    h('h1', {}, `Sources of ${plugin}`),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'sources' },
        h('caption', { class: 'visually-hidden' }, `Sources of plugin ${plugin}`),
        h('thead', {}, h('tr', {},
          ['Source', 'State', 'Entities', 'Last refresh', 'Labels', 'Enabled', ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, sources.map((s) => row(plugin, s))))),
    h('details', {}, h('summary', {}, 'Config block'), json(data.config)),
    secretsSection(plugin, { get: () => etag, set: (value) => { etag = value ?? etag; } }));
  onPageEvent((event) => live(view, plugin, event));
}

/** Keeps the table in step with changes made elsewhere: a new head re-reads the sources (a toggle flipped by someone
 * else flips here), a source status change updates its row in place. */
async function live(view, plugin, { name, data }) {
  if (name === 'source' && data.plugin === plugin) {
    const tr = [...view.querySelectorAll('tr[data-source]')].find((row) => row.dataset.source === data.source);
    if (!tr || !data.status) return;
    tr.querySelector('.state').replaceChildren(stateBadge(data.status.state));
    tr.querySelector('.count').textContent = String(data.status.entityCount ?? 0);
    tr.querySelector('.refreshed').textContent = formatTime(data.status.lastRefreshedAt);
    return;
  }
  if ((name === 'head' && data.head !== headOf(etag)) || name === 'reset') {
    const response = await api('GET', `/plugins/${encodeURIComponent(plugin)}`);
    etag = response.etag;
    showHead(etag);
    for (const source of itemsOf(response.data.sources)) {
      const tr = [...view.querySelectorAll('tr[data-source]')].find((row) => row.dataset.source === source.id);
      const toggle = tr?.querySelector('input.toggle');
      if (toggle && !toggle.disabled) toggle.checked = source.enabled;
    }
  }
}

function row(plugin, source) {
  const status = source.status ?? {};
  const tr = h('tr', { 'data-source': source.id });
  const link = h('a', { href: `#/plugins/${encodeURIComponent(plugin)}/sources/${encodeURIComponent(source.id)}` }, source.name || source.id);
  const toggle = h('input', {
    type: 'checkbox', role: 'switch', class: 'toggle', checked: source.enabled,
    'aria-label': `Enabled: ${source.name || source.id}`,
  });
  toggle.addEventListener('change', () => setEnabled(plugin, source, toggle));
  const refresh = h('button', { type: 'button', class: 'secondary refresh', 'aria-label': `Refresh ${source.name || source.id}` }, 'Refresh');
  refresh.addEventListener('click', () => refreshSource(plugin, source, refresh, tr));
  tr.append(
    h('th', { scope: 'row' }, link, h('div', { class: 'muted small' }, `${source.id} · ${source.type}`)),
    h('td', { class: 'state' }, stateBadge(status.state ?? (source.enabled ? 'Loading' : 'Disabled'))),
    h('td', { class: 'count' }, String(status.entityCount ?? 0)),
    h('td', { class: 'refreshed' }, formatTime(status.lastRefreshedAt)),
    h('td', {}, (source.labels ?? []).map((l) => h('span', { class: 'label' }, l))),
    h('td', {}, toggle),
    h('td', {}, refresh));
  return tr;
}

async function setEnabled(plugin, source, toggle) {
  const wanted = toggle.checked;
  toggle.disabled = true;
  try {
    const response = await api('PATCH', `/plugins/${encodeURIComponent(plugin)}/sources/${encodeURIComponent(source.id)}`,
      { body: { enabled: wanted }, ifMatch: etag, contentType: 'application/merge-patch+json' });
    etag = response.etag ?? etag;
    showHead(etag);
    source.enabled = wanted;
    toast(`${source.name || source.id} ${wanted ? 'enabled' : 'disabled'} (commit ${shortSha(headOf(etag))})`);
  } catch (error) {
    toggle.checked = !wanted;
    if (error instanceof ApiError && error.status === 409) {
      const current = error.problem.currentHead;
      banner(`The configuration changed since this page was loaded${current ? ` (head is now ${shortSha(current)})` : ''}. Your change was not applied.`,
        [['Reload', reload]]);
    } else {
      banner(`Could not change ${source.name || source.id}: ${describe(error)}`);
    }
  } finally {
    toggle.disabled = false;
  }
}

async function refreshSource(plugin, source, button, tr) {
  button.disabled = true;
  try {
    const { data } = await api('POST', `/plugins/${encodeURIComponent(plugin)}/sources/${encodeURIComponent(source.id)}/refresh`);
    const status = data?.status ?? data ?? {};
    tr.querySelector('.state').replaceChildren(stateBadge(status.state));
    tr.querySelector('.count').textContent = String(status.entityCount ?? 0);
    tr.querySelector('.refreshed').textContent = formatTime(status.lastRefreshedAt);
    toast(`${source.name || source.id} refreshed: ${status.entityCount ?? 0} entities`);
    button.disabled = false;
  } catch (error) {
    if (error instanceof ApiError && error.status === 429) {
      countdown(button, error.retryAfterSeconds);
    } else {
      banner(`Refresh of ${source.name || source.id} failed: ${describe(error)}`);
      button.disabled = false;
    }
  }
}

/** After a 429: say when to retry, and re-enable the button then. */
function countdown(button, seconds) {
  let left = Math.max(1, seconds);
  const label = button.textContent;
  const tick = () => {
    if (left <= 0) {
      button.textContent = label;
      button.disabled = false;
      button.removeAttribute('title');
      return;
    }
    button.textContent = `Retry in ${left} s`;
    button.title = `Rate limited: refresh again in ${left} s`;
    left -= 1;
    setTimeout(tick, 1000);
  };
  toast(`Refresh is rate limited; try again in ${left} s`);
  tick();
}
