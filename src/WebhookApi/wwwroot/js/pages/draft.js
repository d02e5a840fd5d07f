// One draft: its commits, approvals and plan, and the buttons to edit inside it, approve, publish and abandon.
import { api, ApiError, headOf } from '../api.js';
import { h, render as draw, shortSha, formatTime, facts } from '../dom.js';
import { showHead, confirmAction, toast, banner, describe, reload } from '../app.js';
import { planView } from '../plan-view.js';
import { workingDraft } from '../working-draft.js';
import { chooseDraft, fillDraftSelector } from '../draft-selector.js';

export async function render(view, { draft: id }) {
  const path = `/drafts/${encodeURIComponent(id)}`;
  const { data: draft, etag } = await api('GET', path);
  const open = draft.state === 'Open';
  const planSection = h('section', { 'aria-labelledby': 'plan-title', id: 'plan' }, h('h2', { id: 'plan-title' }, 'Plan'), h('p', { class: 'muted' }, 'Loading…'));
  const message = h('div', { class: 'form-errors', id: 'draft-error', 'aria-live': 'polite' });
  const working = workingDraft()?.id === draft.id;
  const button = (label, attributes, action) => {
    const element = h('button', { type: 'button', ...attributes }, label);
    element.addEventListener('click', async () => {
      message.replaceChildren();
      element.disabled = true;
      try { await action(); } catch (error) { showProblem(message, error); element.disabled = false; }
    });
    return element;
  };
  const actions = !open ? null : h('div', { class: 'actions' },
    working
      ? button('Stop editing inside this draft', { class: 'secondary', id: 'draft-stop' }, () => chooseDraft(null))
      : button('Edit inside this draft', { class: 'secondary', id: 'draft-edit' }, async () => { await chooseDraft(draft.id); toast(`Changes now go to draft ${draft.id}`); }),
    button('Approve', { id: 'draft-approve' }, async () => {
      await api('POST', `${path}/approvals`);
      toast('Approved');
      await reload();
    }),
    button('Publish', { id: 'draft-publish' }, async () => {
      if (!await confirmAction('Publish draft', `Land “${draft.title}” on the tracked branch as one commit?`, 'Publish')) throw null;
      const { data, etag: head } = await api('POST', `${path}:publish`, { ifMatch: etag });
      showHead(head);
      await fillDraftSelector();
      toast(`Published as ${shortSha(data?.commit ?? headOf(head))}`);
      await reload();
    }),
    button('Abandon', { class: 'secondary', id: 'draft-abandon' }, async () => {
      if (!await confirmAction('Abandon draft', `Close “${draft.title}” without publishing? Its branch is kept as archive/${draft.branch}.`, 'Abandon')) throw null;
      await api('DELETE', path);
      if (working) await chooseDraft(null);
      await fillDraftSelector();
      toast('Abandoned');
      await reload();
    }));
  draw(view,
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/drafts' }, 'Drafts'), ' / ', draft.id),
    h('h1', {}, draft.title || draft.id, ' ', h('span', { class: `badge draft-${String(draft.state).toLowerCase()}`, id: 'draft-state-badge' }, draft.state)),
    facts([
      ['Branch', h('code', {}, draft.branch)],
      ['Author', `${draft.author?.name ?? ''} <${draft.author?.email ?? ''}>`],
      ['Created', formatTime(draft.created)],
      ['Base → head', h('span', { class: 'mono' }, `${shortSha(draft.base)} → ${shortSha(draft.head)}`)],
      ['Plugins', (draft.plugins ?? []).join(', ') || '—'],
      ['Approvals', h('span', { id: 'draft-approvals' }, `${(draft.approvals ?? []).filter((a) => a.valid).length} of ${draft.requiredApprovals ?? 0} required`
        + (draft.missingApprovals ? ` (${draft.missingApprovals} missing)` : ''))],
      ['Published', draft.published ? h('a', { href: `#/history/${draft.published.commit}`, class: 'mono', id: 'draft-published' }, shortSha(draft.published.commit)) : '—'],
    ]),
    working ? h('p', { class: 'note' }, 'This is your working draft: edits on the plugin and source pages go to it.') : null,
    actions, message,
    h('div', { class: 'columns' },
      h('section', { 'aria-labelledby': 'commits-title' }, h('h2', { id: 'commits-title' }, 'Commits'), commitList(draft.commits ?? [])),
      h('section', { 'aria-labelledby': 'approvals-title' }, h('h2', { id: 'approvals-title' }, 'Approvals'), approvalList(draft.approvals ?? []))),
    planSection);
  await loadPlan(planSection, path);
}

async function loadPlan(section, path) {
  let body;
  try {
    const { data } = await api('GET', `${path}/plan`);
    body = planView(data);
  } catch (error) {
    body = h('p', { class: 'error' }, describe(error));
  }
  section.replaceChildren(h('h2', { id: 'plan-title' }, 'Plan'), body);
}

function commitList(commits) {
  if (commits.length === 0) return h('p', { class: 'muted' }, 'No commits yet: choose “Edit inside this draft”, then change sources or files.');
  return h('ul', { class: 'plain draft-commits' }, commits.map((c) => h('li', {},
    h('code', {}, shortSha(c.sha)), ' ', c.summary, ' ', h('span', { class: 'muted small' }, `${c.author?.name ?? ''}, ${formatTime(c.date)}`))));
}

function approvalList(approvals) {
  if (approvals.length === 0) return h('p', { class: 'muted' }, 'None yet.');
  return h('ul', { class: 'plain draft-approval-list' }, approvals.map((a) => h('li', {},
    `${a.name} <${a.email}> `, h('span', { class: `badge ${a.valid ? 'state-ready' : 'state-disabled'}` }, a.valid ? 'valid' : 'void: the draft moved'),
    ' ', h('span', { class: 'muted small' }, `at ${shortSha(a.head)}, ${formatTime(a.at)}`))));
}

/** A refused action in words: the missing approvals, the overlapping files, or the ProblemDetails title and detail. */
function showProblem(slot, error) {
  if (error === null) return; // cancelled in the confirmation dialog
  const lines = [h('p', { class: 'error' }, describe(error))];
  const problem = error instanceof ApiError ? error.problem : {};
  if (problem.missing !== undefined) lines.push(h('p', {}, `${problem.missing} more approval(s) needed, from someone other than the author.`));
  if (Array.isArray(problem.files) && problem.files.length > 0) {
    lines.push(h('p', {}, `Changed on the tracked branch too (draft ${shortSha(problem.draftHead)}, branch ${shortSha(problem.branchHead)}):`),
      h('ul', {}, problem.files.map((f) => h('li', { class: 'mono' }, f))));
  }
  if (error instanceof ApiError && error.status === 409 && !problem.files) {
    banner('The draft changed since this page was loaded.', [['Reload', reload]]);
  }
  slot.replaceChildren(...lines);
}
