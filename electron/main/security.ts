/**
 * Security policy of the desktop app as pure functions, so every rule is unit-tested without
 * Electron: what the app's own origin is, the Content-Security-Policy, which navigations and
 * external links are allowed, and which permissions the renderer gets.
 */

/**
 * The renderer is served from a privileged custom scheme rather than file://. Why:
 *   - `app://tradewind` is a real, stable origin of its own (registered `standard` + `secure`),
 *     so IndexedDB (the renderer's source of truth) and the IPC sender check are tied to it,
 *     while every file:// page on the disk would share one opaque origin with the app;
 *   - the protocol handler serves only files inside the built renderer folder (see
 *     appProtocol.ts), whereas a file:// page may load or navigate to any local file;
 *   - the CSP can say `'self'` and mean exactly the app's bundle.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tradewind';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

function tryParse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True if `url` is a page of the app itself. Compares scheme and host, not `URL.origin`:
 * Node's URL parser does not know that `app:` is registered as standard and reports the origin
 * of any `app://` URL as "null".
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  const u = tryParse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** Longest URL we hand to the operating system. */
const MAX_EXTERNAL_URL = 2048;

/**
 * Links the renderer wants to open go to the user's browser only if they are plain https URLs
 * with a host and without credentials. Returns the normalised URL to open, or null.
 * (No http:, file:, smb:, javascript:, custom schemes: those can launch local programs.)
 */
export function safeExternalUrl(url: string): string | null {
  if (url.length > MAX_EXTERNAL_URL) return null;
  const u = tryParse(url);
  if (!u || u.protocol !== 'https:' || u.hostname === '' || u.username !== '' || u.password !== '')
    return null;
  return u.href;
}

/** What to do with a navigation (`will-navigate`, `will-redirect`) or a `window.open`. */
export type NavigationDecision = { action: 'allow' } | { action: 'deny'; openExternally?: string };

/** Navigation inside the window: only the app's own pages; https links go to the browser. */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return { action: 'allow' };
  const external = safeExternalUrl(url);
  return external ? { action: 'deny', openExternally: external } : { action: 'deny' };
}

/** `window.open` never creates a window; an https link goes to the browser. */
export function decideWindowOpen(url: string): NavigationDecision {
  const external = safeExternalUrl(url);
  return external ? { action: 'deny', openExternally: external } : { action: 'deny' };
}

/** The http(s) origin of the server and its websocket twin, for connect-src. */
export function serverOrigins(serverUrl: string): string[] {
  const u = tryParse(serverUrl);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return [];
  const ws = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return [u.origin, `${ws}//${u.host}`];
}

/**
 * The renderer's Content-Security-Policy. Scripts only from the app bundle (no inline script,
 * no eval), network only to the configured server (HTTP + websocket), no plugins, frames,
 * forms or <base>. Inline styles are allowed because style attributes cannot run script and
 * the UI library sets them; everything else that could execute is not.
 */
export function buildCsp(serverUrl: string): string {
  const server = serverOrigins(serverUrl);
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...server.slice(0, 1)],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", ...server],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/**
 * Adds the CSP to a response's headers (for `webRequest.onHeadersReceived`), replacing any CSP
 * the response carried, whatever the case of its header name.
 */
export function withCsp(
  headers: Record<string, string[]> | undefined,
  csp: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/**
 * Headers main puts on every response of the app's session: the CSP, and for responses from the
 * configured server only, `Access-Control-Allow-Origin: app://tradewind` when the server sent no
 * CORS header itself. A browser-mode server has no reason to know the desktop app's origin; this
 * lets the app's own pages read simple responses (GET /api/demo-session, socket.io polling) from
 * the one server the CSP allows, and nothing else. Requests that need a CORS preflight still need
 * the server to answer it.
 */
export function responseHeaders(
  responseUrl: string,
  headers: Record<string, string[]> | undefined,
  csp: string,
  serverUrl: string,
): Record<string, string[]> {
  const out = withCsp(headers, csp);
  const [serverOrigin] = serverOrigins(serverUrl);
  const u = tryParse(responseUrl);
  if (serverOrigin && u && u.origin === serverOrigin) {
    const hasCors = Object.keys(out).some((k) => k.toLowerCase() === 'access-control-allow-origin');
    if (!hasCors) {
      out['Access-Control-Allow-Origin'] = [APP_ORIGIN];
      const varyKey = Object.keys(out).find((k) => k.toLowerCase() === 'vary') ?? 'Vary';
      out[varyKey] = [...(out[varyKey] ?? []), 'Origin'];
    }
  }
  return out;
}

/** Permission requests: notifications from the app's own pages, nothing else, ever. */
export function allowPermission(permission: string, requestingUrl: string | null | undefined): boolean {
  return permission === 'notifications' && isAppUrl(requestingUrl);
}
