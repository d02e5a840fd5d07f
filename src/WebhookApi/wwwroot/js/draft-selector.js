// The working-draft selector in the top bar: "Tracked branch" or one of the open drafts. Choosing a draft makes the
// editors write to it (see working-draft.js); before each page renders, the draft's head (ETag) is read again.
import { api, ApiError, getToken } from './api.js';
import { h, render, shortSha } from './dom.js';
import { workingDraft, setWorkingDraft } from './working-draft.js';

/** Fills the selector with the open drafts; called at start and when drafts change. */
export async function fillDraftSelector() {
  const slot = document.getElementById('draft-picker');
  if (!slot || !getToken()) return;
  let drafts = [];
  try { drafts = (await api('GET', '/drafts?state=Open')).data?.drafts ?? []; } catch { drafts = []; }
  const current = workingDraft();
  if (current && !drafts.some((d) => d.id === current.id)) drafts.unshift({ id: current.id, title: current.title });
  const select = h('select', { id: 'working-draft', 'aria-label': 'Working draft' },
    h('option', { value: '' }, 'Tracked branch'),
    drafts.map((d) => h('option', { value: d.id, selected: current?.id === d.id }, `Draft: ${d.title || d.id}`)));
  select.addEventListener('change', () => chooseDraft(select.value || null));
  render(slot, select);
  showWorkingDraft();
}

/** Makes the draft with this id the working draft (null: the tracked branch) and shows the page again. */
export async function chooseDraft(id) {
  if (!id) setWorkingDraft(null);
  else {
    const { data, etag } = await api('GET', `/drafts/${encodeURIComponent(id)}`);
    setWorkingDraft({ id: data.id, title: data.title, etag });
  }
  await fillDraftSelector();
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** Re-reads the working draft's head before a page renders; a draft that is gone or closed stops being the working one.
 * Returns a message to show when that happened. */
export async function refreshWorkingDraft() {
  const draft = workingDraft();
  if (!draft) { showWorkingDraft(); return null; }
  try {
    const { data, etag } = await api('GET', `/drafts/${encodeURIComponent(draft.id)}`);
    if (data.state === 'Open') {
      setWorkingDraft({ id: data.id, title: data.title, etag });
      showWorkingDraft();
      return null;
    }
    setWorkingDraft(null);
    await fillDraftSelector();
    return `Draft “${data.title || data.id}” is ${String(data.state).toLowerCase()}: you are editing the tracked branch again.`;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) return null;
    setWorkingDraft(null);
    await fillDraftSelector();
    return `Draft “${draft.id}” no longer exists: you are editing the tracked branch again.`;
  }
}

function showWorkingDraft() {
  const draft = workingDraft();
  document.body.classList.toggle('drafting', Boolean(draft));
  const note = document.getElementById('draft-note');
  if (note) note.textContent = draft ? `changes go to draft ${draft.id}${draft.etag ? ` @ ${shortSha(draft.etag.replaceAll('"', ''))}` : ''}` : '';
}
