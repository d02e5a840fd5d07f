// Single sign-on from the browser: authorization code flow with PKCE against the configured OpenID provider (a public
// client: no secret here). The access token goes where a static token would (session storage); near its expiry the
// page says so and offers to log in again. Logout clears it and ends the provider session.
import { setToken, getToken } from './api.js';

const PENDING_KEY = 'gitops.sso.pending';
const SESSION_KEY = 'gitops.sso.session';

let settings = null;

/** The service's SSO settings (GET /api/v1/auth/oidc, anonymous) and the provider's discovery document; null without SSO. */
export async function ssoSettings() {
  if (settings !== null) return settings.enabled ? settings : null;
  try {
    const client = await (await fetch('/api/v1/auth/oidc', { headers: { Accept: 'application/json' } })).json();
    if (!client.enabled) { settings = { enabled: false }; return null; }
    const discovery = await (await fetch(`${client.authority.replace(/\/$/, '')}/.well-known/openid-configuration`)).json();
    settings = { ...client, discovery };
  } catch {
    settings = { enabled: false };
  }
  return settings.enabled ? settings : null;
}

function randomText(bytes = 32) {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function redirectUri() { return `${location.origin}/`; }

/** Sends the browser to the provider's login page. */
export async function login() {
  const sso = await ssoSettings();
  if (!sso) return;
  const verifier = randomText();
  const state = randomText(16);
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, back: location.hash }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: sso.clientId, redirect_uri: redirectUri(), scope: sso.scopes,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  if (sso.resource) query.set('resource', sso.resource);
  location.assign(`${sso.discovery.authorization_endpoint}?${query}`);
}

/** On the way back from the provider (?code=…&state=…): exchanges the code for tokens. Returns a message on failure. */
export async function completeLogin() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `${location.pathname}${pending?.back ?? ''}`);
  if (params.has('error')) return `Login failed: ${params.get('error_description') ?? params.get('error')}`;
  if (!pending || pending.state !== params.get('state')) return 'Login failed: the answer does not belong to a login started here (state mismatch)';
  const sso = await ssoSettings();
  const form = new URLSearchParams({
    grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(), client_id: sso.clientId, code_verifier: pending.verifier,
  });
  if (sso.resource) form.set('resource', sso.resource);
  const response = await fetch(sso.discovery.token_endpoint, { method: 'POST', body: form });
  const tokens = await response.json().catch(() => ({}));
  if (!response.ok || !tokens.access_token) return `Login failed: ${tokens.error_description ?? tokens.error ?? response.status}`;
  setToken(tokens.access_token);
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({ idToken: tokens.id_token ?? null, expiresAt: Date.now() + (tokens.expires_in ?? 300) * 1000 }));
  return null;
}

/** Whether the current token came from SSO (rather than the token prompt). */
export function signedIn() { return getToken() !== null && sessionStorage.getItem(SESSION_KEY) !== null; }

/** Milliseconds until the SSO token expires (negative once expired); null without an SSO session. */
export function expiresIn() {
  const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
  return session ? session.expiresAt - Date.now() : null;
}

/** Forgets the token and ends the provider session (back to this page afterwards). */
export async function logout() {
  const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
  setToken(null);
  sessionStorage.removeItem(SESSION_KEY);
  const sso = await ssoSettings();
  const end = sso?.discovery?.end_session_endpoint;
  if (!end || !session) { location.reload(); return; }
  const query = new URLSearchParams({ client_id: sso.clientId, post_logout_redirect_uri: redirectUri() });
  if (session.idToken) query.set('id_token_hint', session.idToken);
  location.assign(`${end}?${query}`);
}
