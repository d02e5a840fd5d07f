// Status: head, mode, last reconcile, and per-plugin desired / running / ConfigMap hashes with drift.
import { api } from '../api.js';
import { h, render as draw, shortSha, shortHash, formatTime, facts, driftBadge } from '../dom.js';
import { showHead } from '../app.js';
import { onPageEvent } from '../live.js';

// Passes seen live while the status page was open (newest first), kept across its re-renders.
const passes = [];

export async function render(view) {
  onPageEvent(({ name, data: pass }) => {
    if (name !== 'pass') return;
    passes.unshift(pass);
    passes.splice(10);
    show(view).catch(() => {}); // the next pass or a reload shows it again
  });
  await show(view);
}

async function show(view) {
  const { data, etag } = await api('GET', '/status');
  showHead(etag);
  const last = data.lastReconcile ?? null;
  const leader = data.leader ?? null;
  draw(view,
    h('h1', {}, 'Status'),
    facts([
      ['Head', h('span', { class: 'mono' }, shortSha(data.head))],
      ['Snapshot hash', h('span', { class: 'mono' }, shortHash(data.snapshotHash))],
      ['Mode', h('span', { class: `badge mode-${String(data.mode).toLowerCase()}` }, data.mode ?? 'unknown')],
      ['Mutations', data.mutationsMode ?? 'Commit'],
      ['Leader', leader ? `${leader.identity ?? '—'}${leader.isLeader ? ' (this replica)' : ''}` : '—'],
      ['Last error', data.lastError ?? '—'],
      ['Last reconcile', last ? `${formatTime(last.startedAt)}: ${last.outcome} in ${last.durationMs} ms` : 'not yet'],
      ['Applied head', last?.appliedHead ? h('span', { class: 'mono' }, shortSha(last.appliedHead)) : '—'],
      ['Signature verification', data.verification?.mode ?? 'Off'],
      ['Signing key', data.verification?.serviceKeyId ? h('span', { class: 'mono' }, data.verification.serviceKeyId) : 'none'],
    ]),
    data.headError?.verification ? h('p', { class: 'error', 'data-verification': data.headError.verification.kind },
      `Branch head ${shortSha(data.headError.head)} is not applied: commit ${shortSha(data.headError.verification.commit)} failed signature verification: `,
      `${data.headError.verification.reason}`,
      data.headError.verification.keyId ? ` (key ${data.headError.verification.keyId}${data.headError.verification.signer ? `, ${data.headError.verification.signer}` : ''})` : '')
      : data.headError ? h('p', { class: 'error' }, `Branch head ${shortSha(data.headError.head)} is invalid and is not applied: `,
        (data.headError.errors ?? []).map((e) => `${e.file}:${e.line}: ${e.message}`).join('; ')) : null,
    passes.length ? h('section', { 'aria-labelledby': 'live-passes-title' }, h('h2', { id: 'live-passes-title' }, 'Passes as they happen'),
      h('ul', { class: 'live-passes' }, passes.map((p) => h('li', { 'data-outcome': p.outcome },
        `${formatTime(p.startedAt)}: ${p.outcome} in ${p.durationMs} ms (${p.reason})`,
        p.appliedHead ? h('span', { class: 'mono' }, ` at ${shortSha(p.appliedHead)}`) : null)))) : null,
    last?.actions?.length ? h('section', {}, h('h2', {}, 'Last pass actions'), h('ul', {}, last.actions.map((a) => h('li', {}, a)))) : null,
    h('h2', {}, 'Plugins'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'status' },
      h('thead', {}, h('tr', {}, ['Plugin', 'Desired', 'Running', 'ConfigMap', 'Drift'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, (data.plugins ?? []).map((p) => h('tr', { 'data-plugin': p.name },
        h('th', { scope: 'row' }, p.name),
        h('td', { class: 'mono' }, shortHash(p.desiredHash)),
        h('td', { class: 'mono' }, shortHash(p.runningHash)),
        h('td', { class: 'mono' }, shortHash(p.configMapHash)),
        h('td', {}, driftBadge(Boolean(p.drift?.plugin || p.drift?.configMap),
          [p.drift?.plugin ? 'plugin' : null, p.drift?.configMap ? 'ConfigMap' : null].filter(Boolean).join(' + ') || 'drift'),
        p.error ? h('span', { class: 'error small' }, ` ${p.error}`) : null)))))));
}
