// A plan (docs/DRAFTS.md) as a readable diff: per plugin and source what is added, removed or changed, each field's
// value before → after, entity counts drawn as two small bars with the delta, the ConfigMap parts that change, and the
// validation errors with file:line:column.
import { h, shortSha } from './dom.js';

const SIGN = { Added: '+', Removed: '−', Changed: '~' };

export function planView(plan) {
  const plugins = plan.plugins ?? [];
  const summary = plan.summary ?? {};
  return h('div', { class: 'plan', 'data-valid': String(plan.valid !== false) },
    h('p', { class: 'plan-summary' },
      plan.valid === false ? h('span', { class: 'badge state-error' }, 'not valid') : h('span', { class: 'badge state-ready' }, 'valid'), ' ',
      `${summary.plugins ?? plugins.length} plugin(s): ${summary.sourcesAdded ?? 0} source(s) added, ${summary.sourcesRemoved ?? 0} removed, `
        + `${summary.sourcesChanged ?? 0} changed · base ${shortSha(plan.base)}${plan.head ? ` → head ${shortSha(plan.head)}` : ''}`,
      ' ', entityBars({ before: summary.entitiesBefore, after: summary.entitiesAfter })),
    errorList(plan.errors ?? []),
    plugins.length === 0 ? h('p', { class: 'muted' }, 'No changes to any plugin.') : plugins.map(pluginBlock));
}

function pluginBlock(plugin) {
  return h('section', { class: `plan-plugin change-${String(plugin.change).toLowerCase()}`, 'data-plugin': plugin.plugin },
    h('h3', {}, h('span', { class: 'sign', 'aria-hidden': 'true' }, SIGN[plugin.change] ?? '~'), ' ', plugin.plugin, ' ',
      h('span', { class: 'muted small' }, String(plugin.change).toLowerCase()), ' ', entityBars(plugin.entities)),
    fieldTable(plugin.config ?? []),
    (plugin.sources ?? []).map(sourceBlock),
    (plugin.configMaps ?? []).length === 0 ? null : h('ul', { class: 'plain plan-configmaps' }, plugin.configMaps.map((c) =>
      h('li', {}, h('span', { class: 'sign' }, SIGN[c.change] ?? '~'), ' ConfigMap ', h('code', {}, c.name), ' key ', h('code', {}, c.key),
        ' ', h('span', { class: 'muted small' }, String(c.change).toLowerCase())))));
}

function sourceBlock(source) {
  const fields = source.fields ?? [];
  return h('div', { class: `plan-source change-${String(source.change).toLowerCase()}`, 'data-source': source.id },
    h('h4', {}, h('span', { class: 'sign', 'aria-hidden': 'true' }, SIGN[source.change] ?? '~'), ' source ', h('code', {}, source.id), ' ',
      h('span', { class: 'muted small' }, String(source.change).toLowerCase()), ' ', entityBars(source.entities)),
    fieldTable(fields),
    (source.files ?? []).length ? h('p', { class: 'small' }, 'Files changed: ', source.files.map((f, i) => [i ? ', ' : '', h('code', {}, f)])) : null,
    (source.secrets ?? []).length ? h('p', { class: 'small' }, 'Secrets changed: ', source.secrets.join(', ')) : null);
}

function fieldTable(fields) {
  return fields.length === 0 ? null : h('table', { class: 'plan-fields' },
      h('thead', {}, h('tr', {}, ['Field', 'Before', 'After'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, fields.map((f) => h('tr', { 'data-field': f.path },
        h('th', { scope: 'row' }, h('code', {}, f.path)),
        h('td', { class: 'before' }, value(f, 'before')),
        h('td', { class: 'after' }, value(f, 'after'))))));
}

function value(field, side) {
  if (!(side in field) || field[side] === undefined || field[side] === null) return h('span', { class: 'muted' }, '(none)');
  return h('code', {}, JSON.stringify(field[side]));
}

/** Entity counts before → after as two bars scaled to the larger count, with the delta; "?" for a count that could not be loaded. */
export function entityBars(entities) {
  if (!entities) return null;
  const { before, after } = entities;
  const known = [before, after].filter((n) => typeof n === 'number');
  if (known.length === 0 && before === undefined && after === undefined) return null;
  const max = Math.max(1, ...known);
  const bar = (n, kind) => h('span', { class: `bar ${kind}`, style: `width:${typeof n === 'number' ? Math.max(2, Math.round((n / max) * 60)) : 0}px`, 'aria-hidden': 'true' });
  const delta = typeof before === 'number' && typeof after === 'number' ? after - before : null;
  const text = `${before ?? '?'} → ${after ?? '?'}`;
  const deltaText = delta === null ? '' : delta === 0 ? ' (±0)' : ` (${delta > 0 ? '+' : ''}${delta})`;
  return h('span', { class: 'entity-delta', title: `entities ${text}` },
    h('span', { class: 'bars' }, bar(before, 'before'), bar(after, delta !== null && delta < 0 ? 'after fewer' : 'after')),
    h('span', { class: 'entity-text' }, `entities ${text}${deltaText}`));
}

function errorList(errors) {
  if (errors.length === 0) return null;
  return h('ul', { class: 'plan-errors diagnostics' }, errors.map((e) => h('li', { class: 'severity-error' },
    h('code', {}, `${e.file ?? ''}${e.line ? `:${e.line}` : ''}${e.column ? `:${e.column}` : ''}`), ' ', e.message)));
}
