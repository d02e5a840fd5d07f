// The working draft: while one is chosen (top-bar selector or "Edit inside this draft"), the editors of plugins,
// sources, files and secrets read and write the draft's branch instead of the tracked one: api.js adds ?draft=<id> to
// their requests and sends the draft's ETag (its head) as If-Match. Kept per tab in session storage.
const KEY = 'gitops.workingDraft';

/** { id, title, etag } of the working draft, or null. */
export function workingDraft() {
  try { return JSON.parse(sessionStorage.getItem(KEY) ?? 'null'); } catch { return null; }
}

export function setWorkingDraft(draft) {
  if (draft) sessionStorage.setItem(KEY, JSON.stringify({ id: draft.id, title: draft.title ?? draft.id, etag: draft.etag ?? null }));
  else sessionStorage.removeItem(KEY);
  document.dispatchEvent(new CustomEvent('working-draft', { detail: workingDraft() }));
}

/** Remembers the draft's new head after a change made inside it. */
export function setWorkingEtag(etag) {
  const draft = workingDraft();
  if (draft && etag) sessionStorage.setItem(KEY, JSON.stringify({ ...draft, etag }));
}

// Reads of the configuration that have a draft view (docs/DRAFTS.md), and the changes that can go to a draft.
const READS = /^\/plugins(\/[^/:?]+(\/sources\/[^/:?]+|\/files(\/[^/?]+)?|\/secrets)?)?$/;
const RUNTIME = /(\/refresh|:test|\/entities|\/events|\/versions)$/;
const CHANGES = /^\/plugins\b|^\/history\/[0-9a-f]{4,40}\/revert$/;

/** The request as it goes out: with ?draft= and the draft's ETag when a working draft applies to it. */
export function scoped(method, path, ifMatch) {
  const draft = workingDraft();
  if (!draft) return { path, ifMatch, draft: null };
  const bare = path.split('?')[0];
  const applies = method === 'GET' ? READS.test(bare) : CHANGES.test(bare) && !RUNTIME.test(bare);
  if (!applies) return { path, ifMatch, draft: null };
  const joined = `${path}${path.includes('?') ? '&' : '?'}draft=${encodeURIComponent(draft.id)}`;
  return { path: joined, ifMatch: method === 'GET' || !ifMatch ? ifMatch : (draft.etag ?? ifMatch), draft };
}
