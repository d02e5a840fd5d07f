// Search: the box in the top bar and the results page (#/search/<words>): plugins, sources, labels and entities the
// caller may read, from GET /api/v1/search, a page at a time.
import { api } from '../api.js';
import { h, render as draw } from '../dom.js';

const KIND_LABEL = { plugin: 'Plugin', source: 'Source', label: 'Label', entity: 'Entity' };

/** Sends the top bar's search box to the results page. */
export function bindSearchBox() {
  const form = document.getElementById('search-form');
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    const words = document.getElementById('search-input').value.trim();
    if (words) location.hash = `#/search/${encodeURIComponent(words)}`;
  });
}

export async function render(view, { q }) {
  const input = document.getElementById('search-input');
  if (input) input.value = q;
  const list = h('ul', { class: 'search-results', 'aria-label': 'Search results' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'More results');
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  let shown = 0;
  async function load(cursor) {
    const { data } = await api('GET', `/search?q=${encodeURIComponent(q)}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const item of data.items) list.append(result(item));
    shown += data.items.length;
    count.textContent = shown === 0 ? 'Nothing matches.' : `${shown} result${shown === 1 ? '' : 's'}${data.nextCursor ? ' so far' : ''}`;
    more.hidden = !data.nextCursor;
    more.onclick = () => load(data.nextCursor);
  }
  await load(null);
  draw(view, h('h1', {}, 'Search: ', h('q', {}, q)), count, list, more);
}

function result(item) {
  const href = item.source
    ? `#/plugins/${encodeURIComponent(item.plugin)}/sources/${encodeURIComponent(item.source)}`
    : `#/plugins/${encodeURIComponent(item.plugin)}`;
  const where = item.source ? `${item.plugin} / ${item.source}` : item.plugin;
  return h('li', { 'data-kind': item.kind },
    h('span', { class: 'badge' }, KIND_LABEL[item.kind] ?? item.kind), ' ',
    h('a', { href }, item.name), ' ',
    h('span', { class: 'muted small' }, item.kind === 'plugin' ? '' : `in ${where}`));
}
