// What the caller may do (GET /api/v1/me), so pages hide the controls they may not use; the service enforces it anyway.
import { api } from './api.js';

let me = null;

export async function loadMe() {
  try { me = (await api('GET', '/me')).data; } catch { me = null; }
  return me;
}

export function whoAmI() { return me; }

const RANK = { viewer: 0, operator: 1, admin: 2 };

/** The caller's role on a plugin (or their role everywhere when no plugin is named); null when none. */
export function roleOn(plugin) {
  if (!me) return 'admin'; // unknown (e.g. /me failed): show everything and let the service answer
  if (!plugin) return me.everywhere ?? null;
  return me.plugins.find((p) => p.name === plugin)?.role ?? null;
}

export function may(role, plugin) {
  const held = roleOn(plugin);
  return held !== null && RANK[held] >= RANK[role];
}

// Controls by the role they need: switches and refreshes are an operator's, the rest of the writes an admin's.
const OPERATOR = '.toggle, .refresh';
// Forms marked .operator (e.g. a new draft) are an operator's.
const EDITS = 'form:not([role=search]):not(.operator)';
const ADMIN = `.danger, ${EDITS} button[type=submit], ${EDITS} input, ${EDITS} textarea, ${EDITS} select`;

/** Hides or disables what the caller may not do on the page just rendered. */
export function applyGrants(view, plugin) {
  if (!me) return;
  for (const element of view.querySelectorAll(OPERATOR)) if (!may('operator', plugin)) hide(element);
  for (const element of view.querySelectorAll(ADMIN)) if (!may('admin', plugin)) hide(element);
}

function hide(element) {
  if (element.matches('input, textarea, select')) element.disabled = true; else element.hidden = true;
  element.dataset.hiddenByGrant = 'true';
}
