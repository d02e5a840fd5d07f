// Plugins page: each plugin with its config block, source counts and drift badge.
import { h, render as draw, json, driftBadge, shortHash } from '../dom.js';
import { loadItems } from '../app.js';

export async function render(view) {
  const plugins = await loadItems('/plugins');
  draw(view,
    h('h1', {}, 'Plugins'),
    plugins.length === 0
      ? h('p', { class: 'muted' }, 'No plugins in the repository yet.')
      : h('div', { class: 'cards' }, plugins.map(card)));
}

function card(plugin) {
  const status = plugin.status ?? {};
  const id = `plugin-${plugin.name}`;
  return h('section', { class: 'card', 'aria-labelledby': id, 'data-plugin': plugin.name },
    h('header', {},
      h('h2', { id }, h('a', { href: `#/plugins/${encodeURIComponent(plugin.name)}` }, plugin.name)),
      driftBadge(Boolean(status.drift))),
    h('p', {}, `${plugin.sourceCount ?? 0} sources, ${plugin.enabledCount ?? 0} enabled`,
      status.error ? h('span', { class: 'badge state-error' }, `${status.error} in error`) : null),
    h('p', { class: 'muted small' }, `hash ${shortHash(plugin.hash)}`),
    h('details', {}, h('summary', {}, 'Config block'), json(plugin.config)));
}
