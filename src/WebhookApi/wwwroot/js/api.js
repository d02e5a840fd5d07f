// The only way the UI talks to the service: the REST API under /api/v1, with the bearer token from session storage.
import { scoped, setWorkingEtag } from './working-draft.js';

const TOKEN_KEY = 'gitops.token';

export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.headers = headers;
  }

  get retryAfterSeconds() {
    const header = Number.parseInt(this.headers?.get('Retry-After') ?? '', 10);
    if (Number.isFinite(header)) return header;
    return Number(this.problem.retryAfterSeconds ?? 1);
  }
}

export function getToken() { return sessionStorage.getItem(TOKEN_KEY); }

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
}

let askToken = async () => false;

/** Registers the function that asks the user for a token (returns true when one was entered). */
export function onTokenNeeded(fn) { askToken = fn; }

/** Calls the API. Returns { data, etag, status }. Throws ApiError for non-2xx answers (ProblemDetails in .problem). */
export async function api(method, unscopedPath, options = {}) {
  const { path, ifMatch, draft } = scoped(method, unscopedPath, options.ifMatch);
  const { body, contentType = 'application/json', raw = false, retried = false } = options;
  const headers = { Accept: raw ? 'application/yaml, text/plain, */*' : 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (ifMatch) headers['If-Match'] = ifMatch;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(`/api/v1${path}`, { method, headers, body: payload });
  if (response.status === 401 && !retried && await askToken()) {
    return api(method, unscopedPath, { ...options, retried: true });
  }
  if (!response.ok) {
    let problem = {};
    try { problem = await response.json(); } catch { problem = { title: response.statusText }; }
    throw new ApiError(response.status, problem, response.headers);
  }
  let data = null;
  if (response.status !== 204) {
    const text = await response.text();
    data = raw || text.length === 0 ? text : JSON.parse(text);
  }
  if (draft && method !== 'GET') setWorkingEtag(response.headers.get('ETag'));
  return { data, etag: response.headers.get('ETag'), status: response.status };
}

/** The head sha from an ETag header value ("abc…" → abc…). */
export function headOf(etag) { return etag ? etag.replaceAll('"', '') : ''; }

/** List endpoints answer either an array or { items: [...] }. */
export function itemsOf(data) { return Array.isArray(data) ? data : (data?.items ?? []); }
