// Small DOM helpers: build elements without innerHTML so that no config value is ever interpreted as markup.

/** h('a', { href: '#/x', class: 'link' }, 'text', child…) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'class') element.className = value;
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function render(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

export function shortSha(sha) { return sha ? sha.slice(0, 8) : ''; }

export function shortHash(hash) { return hash ? hash.slice(0, 12) : '—'; }

export function formatTime(value) {
  if (!value) return 'never';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

export function stateBadge(state) {
  const name = state ?? 'Unknown';
  return h('span', { class: `badge state-${name.toLowerCase()}` }, name);
}

export function driftBadge(drifted, label = 'drift') {
  return drifted
    ? h('span', { class: 'badge drift', title: 'Differs from the repository; the next reconcile pass corrects it' }, label)
    : h('span', { class: 'badge in-sync' }, 'in sync');
}

export function json(value) { return h('pre', { class: 'code' }, JSON.stringify(value ?? {}, null, 2)); }

/** A labelled value list (dl). */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}
