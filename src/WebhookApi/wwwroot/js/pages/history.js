// History: the audit trail. Commits with author, time, message and changed sources.
import { h, render as draw, shortSha, formatTime } from '../dom.js';
import { loadItems } from '../app.js';

export async function render(view) {
  const commits = await loadItems('/history?limit=100');
  draw(view,
    h('h1', {}, 'History'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'history' },
      h('caption', { class: 'visually-hidden' }, 'Commits, newest first'),
      h('thead', {}, h('tr', {}, ['Commit', 'Message', 'Author', 'Signature', 'Time', 'Changed sources'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, commits.map((c) => h('tr', { 'data-sha': c.sha },
        h('td', {}, h('a', { href: `#/history/${c.sha}`, class: 'mono' }, shortSha(c.sha))),
        h('td', { class: 'summary' }, c.summary ?? c.message),
        h('td', { class: 'author' }, c.author?.name ?? ''),
        h('td', { class: 'signature' }, signatureText(c.signature)),
        h('td', {}, formatTime(c.time)),
        h('td', {}, changed(c))))))));
}

export function changed(commit) {
  const sources = commit.changedSources ?? [];
  if (sources.length === 0) return (commit.changedPlugins ?? []).join(', ') || '—';
  return h('ul', { class: 'plain' }, sources.map((s) => h('li', {}, `${s.plugin}/${s.source} `, h('span', { class: 'muted small' }, String(s.change).toLowerCase()))));
}

/** Signed or not, by whom (principal, key id), verified or not, e.g. "verified: alice@example.test (SHA256:…)". */
export function signatureText(signature) {
  if (!signature?.signed) return 'unsigned';
  const who = [signature.signer, signature.keyId].filter(Boolean).join(' · ') || signature.format || 'unknown key';
  const verdict = signature.verified === true ? 'verified' : signature.verified === false ? `not verified (${signature.reason ?? 'unknown'})` : 'signed';
  return `${verdict}: ${who}`;
}
