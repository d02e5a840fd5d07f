// Live updates: one stream of GET /api/v1/events per tab. Read with fetch() and a stream reader, not EventSource:
// EventSource cannot send the Authorization header, and a token in the URL would end up in access logs and history.
// Reconnects with Last-Event-ID; a "reset" (events missed for good) is passed on like any event so pages reload.
import { getToken } from './api.js';

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30000;
const pageListeners = new Set();
let lastEventId = null;
let running = false;
let retryMs = FIRST_RETRY_MS;

/** Registers a listener for the page being shown ({ name, data } per event); dropped at the next route change. */
export function onPageEvent(listener) { pageListeners.add(listener); }

/** Called by the router before a page renders: the previous page's listeners stop. */
export function clearPageListeners() { pageListeners.clear(); }

/** Starts the stream once per tab; it keeps itself connected from then on. */
export function startLive() {
  if (running) return;
  running = true;
  connect();
}

function setState(state) { document.documentElement.dataset.live = state; }

async function connect() {
  const token = getToken();
  if (!token) { setState('off'); setTimeout(connect, FIRST_RETRY_MS); return; }
  const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  try {
    const response = await fetch('/api/v1/events', { headers, cache: 'no-store' });
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    await read(response.body.pipeThrough(new TextDecoderStream()).getReader());
  } catch {
    // The service restarted, the network dropped or the token is not (yet) valid: try again below.
  }
  setState('off');
  // Doubling up to 30 s while the service is away or refuses the token; back to 1 s once a stream opened.
  setTimeout(connect, retryMs);
  retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
}

async function read(reader) {
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replaceAll('\r\n', '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      dispatch(block);
    }
  }
}

function dispatch(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') lastEventId = value;
    else if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return;
  if (name === 'ready' || name === 'reset') { setState('on'); retryMs = FIRST_RETRY_MS; }
  let parsed;
  try { parsed = JSON.parse(data.join('\n')); } catch { return; }
  for (const listener of [...pageListeners]) {
    try { listener({ name, data: parsed }); } catch (error) { console.warn('live update failed', error); }
  }
}
