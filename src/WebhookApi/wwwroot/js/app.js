// Entry point: hash router, token prompt, notifications. Each page module exports render(view, params).
import { api, itemsOf, onTokenNeeded, setToken, getToken, headOf } from './api.js';
import { h, render, shortSha } from './dom.js';
import * as plugins from './pages/plugins.js';
import * as plugin from './pages/plugin.js';
import * as source from './pages/source.js';
import * as history from './pages/history.js';
import * as commit from './pages/commit.js';
import * as status from './pages/status.js';
import * as drafts from './pages/drafts.js';
import * as draft from './pages/draft.js';
import { fillDraftSelector, refreshWorkingDraft } from './draft-selector.js';
import * as search from './pages/search.js';
import { startLive, clearPageListeners } from './live.js';
import { ssoSettings, login, logout, completeLogin, signedIn, expiresIn } from './sso.js';
import { loadMe, whoAmI, applyGrants } from './grants.js';

const routes = [
  [/^#\/plugins\/([^/]+)\/sources\/([^/]+)$/, source, ['plugin', 'source'], 'plugins'],
  [/^#\/plugins\/([^/]+)$/, plugin, ['plugin'], 'plugins'],
  [/^#\/plugins$/, plugins, [], 'plugins'],
  [/^#\/history\/([0-9a-f]{4,40})$/, commit, ['sha'], 'history'],
  [/^#\/history$/, history, [], 'history'],
  [/^#\/status$/, status, [], 'status'],
  [/^#\/drafts\/([^/]+)$/, draft, ['draft'], 'drafts'],
  [/^#\/drafts$/, drafts, [], 'drafts'],
  [/^#\/search\/(.+)$/, search, ['q'], 'search'],
];

const view = document.getElementById('view');

async function route() {
  const hash = location.hash || '#/plugins';
  const match = routes.find(([pattern]) => pattern.test(hash));
  if (!match) { location.hash = '#/plugins'; return; }
  const [pattern, page, names, nav] = match;
  const values = pattern.exec(hash).slice(1).map(decodeURIComponent);
  const params = Object.fromEntries(names.map((name, i) => [name, values[i]]));
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === nav) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  clearBanner();
  clearPageListeners();
  // Each navigation renders into its own slot: a slower, earlier page that finishes late writes into a slot that is no
  // longer shown, instead of over the page the user moved on to.
  const slot = h('div', { class: 'page' }, h('p', { class: 'muted' }, 'Loading…'));
  render(view, slot);
  try {
    const closed = await refreshWorkingDraft();
    if (closed && slot.isConnected) banner(closed);
    if (!slot.isConnected) return;
    await page.render(slot, params);
    applyGrants(slot, params.plugin);
  } catch (error) {
    render(slot, h('h1', {}, 'Could not load this page'), h('p', { class: 'error' }, describe(error)),
      h('button', { type: 'button', onclick: route }, 'Try again'));
  }
  if (slot.isConnected) view.focus({ preventScroll: true });
}

/** A readable one-line description of an ApiError or network failure. */
export function describe(error) {
  if (error?.status) {
    const { title, detail } = error.problem ?? {};
    return [`${error.status}${title ? ` ${title}` : ''}`, detail].filter(Boolean).join(': ');
  }
  return `The service did not answer (${error?.message ?? error}).`;
}

export function toast(message) {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.classList.add('visible');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => box.classList.remove('visible'), 5000);
}

/** A persistent message with optional action buttons, e.g. the 409 "config changed, reload?" prompt. */
export function banner(message, actions = []) {
  const box = document.getElementById('banner');
  render(box, h('div', { class: 'banner' }, h('span', {}, message),
    ...actions.map(([label, fn]) => h('button', { type: 'button', onclick: fn }, label))));
}

export function clearBanner() { document.getElementById('banner').replaceChildren(); }

export function reload() { clearBanner(); return route(); }

/** GETs a list page's data and shows the head it was read at; resolves to the response's items. */
export async function loadItems(path) {
  const { data, etag } = await api('GET', path);
  showHead(etag);
  return itemsOf(data);
}

/** Shows the head sha from the latest ETag in the top bar. */
export function showHead(etag) {
  const head = headOf(etag);
  document.getElementById('head-indicator').textContent = head ? `head ${shortSha(head)}` : '';
}

/** Asks for confirmation with the native dialog; resolves true on confirm. */
export function confirmAction(title, text, confirmLabel = 'Confirm') {
  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = confirmLabel;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = ''; // a dialog keeps the last returnValue; Escape must not reuse an earlier "ok"
    dialog.showModal();
  });
}

function askForToken() {
  const dialog = document.getElementById('token-dialog');
  const input = document.getElementById('token-input');
  input.value = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', async () => {
      if (dialog.returnValue === 'sso') { await login(); resolve(false); return; }
      const ok = dialog.returnValue === 'save' && input.value.trim().length > 0;
      if (ok) { setToken(input.value.trim()); sessionStorage.removeItem('gitops.sso.session'); await showWho(); }
      resolve(ok);
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
}

onTokenNeeded(askForToken);
search.bindSearchBox();
document.getElementById('token-button').addEventListener('click', async () => {
  if (await askForToken()) await route();
});
document.getElementById('token-button').title = getToken() ? 'Change the API token' : 'Enter an API token';
document.getElementById('login-button').addEventListener('click', login);
document.getElementById('logout-button').addEventListener('click', logout);

/** The signed-in person (or token name) in the top bar, and the login/logout buttons that fit. */
async function showWho() {
  const me = getToken() ? await loadMe() : null;
  document.getElementById('who').textContent = me ? `${me.name}${me.grants.length === 0 ? ' (no access granted)' : ''}` : '';
  const sso = await ssoSettings();
  document.getElementById('sso-choice').hidden = !sso;
  document.getElementById('login-button').hidden = !sso || signedIn();
  document.getElementById('logout-button').hidden = !signedIn();
}

// A clear re-login instead of silent failures: a minute before the SSO token expires, and once it has.
setInterval(() => {
  const left = expiresIn();
  if (left === null || left > 60_000) return;
  banner(left > 0 ? 'Your sign-in expires in less than a minute.' : 'Your sign-in has expired.', [['Log in again', login]]);
}, 10_000);

async function start() {
  const failure = await completeLogin();
  await showWho();
  await fillDraftSelector();
  window.addEventListener('hashchange', route);
  await route();
  startLive();
  if (failure) banner(failure);
  else if (signedIn() && whoAmI()?.grants.length === 0) banner('You are signed in, but no group of yours is granted access to any plugin. Ask an administrator.');
}
start();
