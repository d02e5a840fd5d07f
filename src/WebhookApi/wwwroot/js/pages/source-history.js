// On a source page: its plugin's versions (the commits that changed the plugin, the applied one marked, roll back to
// any of them) and the source's events timeline (state changes, refreshes, commits, drafts), both paged newest first.
import { api } from '../api.js';
import { h, shortSha, formatTime } from '../dom.js';
import { confirmAction, toast, banner, describe, reload, showHead } from '../app.js';

export function versionsSection(plugin) {
  const section = h('section', { 'aria-labelledby': 'versions-title', id: 'versions' }, h('h2', { id: 'versions-title' }, `Versions of ${plugin}`));
  loadVersions(section, plugin, null, []);
  return section;
}

export function eventsSection(plugin, id) {
  const section = h('section', { 'aria-labelledby': 'events-title', id: 'events' }, h('h2', { id: 'events-title' }, 'Events'));
  const list = h('ol', { class: 'timeline' });
  section.append(list);
  loadEvents(section, list, `/plugins/${encodeURIComponent(plugin)}/sources/${encodeURIComponent(id)}/events`, null);
  return section;
}

/** One page (20, newest first) of a paged list; null after showing why it could not be read. */
async function page(section, path, cursor) {
  try {
    return (await api('GET', `${path}?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).data;
  } catch (error) {
    section.append(h('p', { class: 'error' }, describe(error)));
    return null;
  }
}

async function loadVersions(section, plugin, cursor, shown) {
  const data = await page(section, `/plugins/${encodeURIComponent(plugin)}/versions`, cursor);
  if (!data) return;
  const versions = [...shown, ...(data.versions ?? [])];
  const more = data.next ? h('button', { type: 'button', class: 'secondary' }, 'Older versions') : null;
  more?.addEventListener('click', () => loadVersions(section, plugin, data.next, versions));
  const drafts = data.drafts ?? [];
  section.replaceChildren(h('h2', { id: 'versions-title' }, `Versions of ${plugin}`),
    h('div', { class: 'table-wrap' }, h('table', { class: 'versions' },
      h('caption', { class: 'visually-hidden' }, `Commits that changed plugin ${plugin}, newest first`),
      h('thead', {}, h('tr', {}, ['Commit', 'Summary', 'Author', 'Date', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, versions.map((v) => versionRow(plugin, v))))),
    more,
    drafts.length === 0 ? null : h('p', { class: 'small' }, 'Open drafts touching this plugin: ',
      drafts.map((d, i) => [i ? ', ' : '', h('a', { href: `#/drafts/${encodeURIComponent(d.id)}` }, d.title || d.id)])));
}

function versionRow(plugin, version) {
  const applied = version.applied ? h('span', { class: 'badge state-ready applied' }, 'applied') : null;
  const rollback = version.applied ? null : h('button', { type: 'button', class: 'danger small rollback' }, 'Roll back to this');
  rollback?.addEventListener('click', async () => {
    const ok = await confirmAction('Roll back', `Write a new commit that restores ${plugin} as it was at ${shortSha(version.sha)} “${version.summary}”? Other plugins stay as they are.`, 'Roll back');
    if (!ok) return;
    rollback.disabled = true;
    try {
      const { etag: head } = await api('GET', `/plugins/${encodeURIComponent(plugin)}`);
      const { data, etag } = await api('POST', `/plugins/${encodeURIComponent(plugin)}:rollback`, { body: { to: version.sha }, ifMatch: head });
      showHead(etag);
      toast(`Rolled ${plugin} back to ${shortSha(version.sha)} (commit ${shortSha(data?.head)})`);
      await reload();
    } catch (error) {
      banner(`Could not roll back: ${describe(error)}`);
      rollback.disabled = false;
    }
  });
  return h('tr', { 'data-sha': version.sha, class: version.applied ? 'applied' : '' },
    h('td', {}, h('a', { href: `#/history/${version.sha}`, class: 'mono' }, shortSha(version.sha)), ' ', applied),
    h('td', {}, version.summary ?? ''),
    h('td', {}, version.author?.name ?? ''),
    h('td', {}, formatTime(version.date)),
    h('td', {}, rollback));
}

async function loadEvents(section, list, path, cursor) {
  section.querySelector('.more-events')?.remove();
  const data = await page(section, path, cursor);
  if (!data) return;
  const events = data.events ?? [];
  if (events.length === 0 && !cursor) list.replaceWith(h('p', { class: 'muted' }, 'No events yet.'));
  for (const event of events) list.append(eventItem(event));
  if (data.next) {
    const more = h('button', { type: 'button', class: 'secondary more-events' }, 'Older events');
    more.addEventListener('click', () => loadEvents(section, list, path, data.next));
    section.append(more);
  }
}

function eventItem(event) {
  const kind = String(event.kind ?? 'Event');
  const what = kind === 'StateChanged' ? `${event.previousState ?? '?'} → ${event.state ?? '?'}`
    : kind === 'Refreshed' ? `refreshed${event.state ? `: ${event.state}` : ''}`
      : event.summary ?? kind;
  return h('li', { class: `event kind-${kind.toLowerCase()}`, 'data-kind': kind },
    h('time', { datetime: event.at ?? '' }, formatTime(event.at)), ' ',
    h('span', { class: 'badge' }, kind), ' ', what,
    event.reason ? h('span', { class: 'muted' }, ` — ${event.reason}`) : null,
    event.commit ? [' ', h('a', { href: `#/history/${event.commit}`, class: 'mono' }, shortSha(event.commit))] : null,
    event.author ? h('span', { class: 'muted small' }, ` by ${event.author}`) : null,
    event.draft ? [' ', h('a', { href: `#/drafts/${encodeURIComponent(event.draft)}` }, `draft ${event.draft}`)] : null);
}
