/**
 * Which web pages may use this server: the Origin allow-list of the socket (WebSocket and
 * long-polling handshakes) and of the HTTP API under `/api/` (docs/operations.md § Origins).
 *
 * Allowed: the server's own origin (the Origin's host and port are the request's `Host`, over
 * http or https, so it holds behind a TLS proxy too), the operator's public URL, the desktop
 * app (`app://tradewind`) and the origins listed in `TRADEWIND_ALLOWED_ORIGINS`. Refused: any
 * other origin, and `Origin: null` (sandboxed frames, file:// pages).
 *
 * A request without an Origin header is allowed. Browsers always send Origin on a WebSocket
 * handshake and on every cross-origin fetch or XHR, and a page cannot remove it; only
 * non-browser clients (the CLI, scripts, other servers, tests) leave it out — and those are not
 * bound by a browser's same-origin rules anyway: they could send any Origin they liked. The
 * allow-list keeps foreign web pages from using a visitor's browser against the server; it is
 * not authentication (sessions are bearer tokens, never cookies, so nothing is sent ambiently).
 */
import { DESKTOP_APP_ORIGIN } from '../../../../shared/origins';
import { AppError } from '../../../../shared/result';

export interface OriginPolicy {
  /** Whether a request with this Origin header (absent = not a browser) and Host header may proceed. */
  allows(origin: string | undefined, host: string | undefined): boolean;
  /**
   * The origin to name in `Access-Control-Allow-Origin` for a cross-origin caller that is allowed
   * (the desktop app, the configured list), or null (same origin, no Origin, or refused).
   */
  corsOrigin(origin: string | undefined): string | null;
}

/** `scheme://host[:port]`, lower-case, for any absolute URL (also `app:` URLs, whose WHATWG origin is "null"). */
function normalise(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (!url.host || url.username || url.password) return null;
  return `${url.protocol}//${url.host}`.toLowerCase();
}

/**
 * The origins of `TRADEWIND_ALLOWED_ORIGINS` (comma-separated, e.g.
 * `https://portal.example,https://intranet.example:8443`). An entry that is not an origin fails
 * the start, naming it: a security setting is never half-applied.
 */
export function allowedOriginsOf(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((entry) => {
      const origin = normalise(entry);
      if (!origin || new URL(entry).pathname.replace(/^\/$/, '') !== '')
        throw new AppError(
          'bad_request',
          `TRADEWIND_ALLOWED_ORIGINS: "${entry}" is not an origin (scheme://host[:port], no path), e.g. https://portal.example`,
        );
      return origin;
    });
}

export function originPolicy(options: {
  publicUrl: string | null;
  allowed: readonly string[];
}): OriginPolicy {
  const foreign = new Set<string>([DESKTOP_APP_ORIGIN, ...options.allowed.map((o) => normalise(o) ?? o)]);
  const own = options.publicUrl ? normalise(options.publicUrl) : null;
  const listed = (origin: string): string | null => {
    const o = normalise(origin);
    return o !== null && foreign.has(o) ? o : null;
  };
  return {
    allows(origin, host) {
      if (origin === undefined) return true;
      const o = normalise(origin);
      if (o === null) return false;
      if (o === own || foreign.has(o)) return true;
      return (
        (o.startsWith('http://') || o.startsWith('https://')) &&
        host !== undefined &&
        o.slice(o.indexOf('//') + 2) === host.toLowerCase()
      );
    },
    corsOrigin(origin) {
      if (origin === undefined) return null;
      return listed(origin) === null ? null : origin;
    },
  };
}
