// One commit with its diff, and revert with confirmation.
import { api } from '../api.js';
import { h, render as draw, shortSha, formatTime, facts } from '../dom.js';
import { showHead, confirmAction, toast, banner, describe } from '../app.js';
import { changed, signatureText } from './history.js';

export async function render(view, { sha }) {
  const { data, etag } = await api('GET', `/history/${sha}`);
  showHead(etag);
  const revert = h('button', { type: 'button', class: 'danger' }, 'Revert this commit');
  revert.addEventListener('click', async () => {
    const ok = await confirmAction('Revert commit', `Create a new commit that undoes ${shortSha(data.sha)} “${data.summary}”?`, 'Revert');
    if (!ok) return;
    revert.disabled = true;
    try {
      const { data: result, etag: newEtag } = await api('POST', `/history/${data.sha}/revert`, { ifMatch: etag });
      showHead(newEtag);
      toast(`Reverted as ${shortSha(result?.head ?? '')}`);
      location.hash = '#/history';
    } catch (error) {
      banner(`Could not revert: ${describe(error)}`);
      revert.disabled = false;
    }
  });
  draw(view,
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/history' }, 'History'), ' / ', shortSha(data.sha)),
    h('h1', {}, data.summary ?? shortSha(data.sha)),
    facts([
      ['Commit', h('span', { class: 'mono' }, data.sha)],
      ['Author', `${data.author?.name ?? ''} <${data.author?.email ?? ''}>`],
      ['Time', formatTime(data.time)],
      ['Signature', signatureText(data.signature)],
      ['Changed sources', changed(data)],
    ]),
    h('pre', { class: 'message' }, data.message ?? ''),
    revert,
    h('h2', {}, 'Diff'),
    ...(data.files ?? []).map(fileDiff));
}

function fileDiff(file) {
  const lines = String(file.patch ?? '').split('\n').map((line) => {
    const kind = line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : '';
    return h('span', { class: `line ${kind}` }, `${line}\n`);
  });
  return h('section', { class: 'file-diff' },
    h('h3', { class: 'mono' }, `${file.path} `, h('span', { class: 'muted small' }, file.status)),
    h('pre', { class: 'diff' }, lines));
}
