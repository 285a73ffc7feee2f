/**
 * The `app://tradewind/` protocol handler: serves the built renderer, and only it.
 *
 * Path traversal is impossible by construction: the URL path is decoded once, refused if it
 * holds NUL, backslashes or a drive letter, resolved against the renderer folder, and refused
 * unless the result is still inside that folder. Unknown paths without an extension are
 * client-side routes and get index.html; unknown files are 404. Every HTML response carries
 * the CSP, so it holds even where `webRequest` does not see custom-protocol responses.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export type ResolvedAppPath =
  { ok: true; file: string; spaFallback: boolean } | { ok: false; status: 400 | 404 };

/** Maps an `app://tradewind/...` request URL to a file inside `root`, or refuses it. */
export function resolveAppPath(root: string, requestUrl: string): ResolvedAppPath {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return { ok: false, status: 404 };

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\') || /^\/*[A-Za-z]:/.test(pathname))
    return { ok: false, status: 400 };

  const rootAbs = resolve(root);
  const rel = pathname.replace(/^\/+/, '') || 'index.html';
  const file = resolve(rootAbs, rel);
  const inside = relative(rootAbs, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
    return { ok: false, status: 404 };
  return { ok: true, file, spaFallback: extname(file) === '' };
}

export interface FileReader {
  readFile(file: string): Promise<Uint8Array>;
}

/** Builds the response for one request. Never throws; a missing file is a 404. */
export async function serveAppRequest(
  root: string,
  requestUrl: string,
  fs: FileReader,
  csp: string,
): Promise<Response> {
  const resolved = resolveAppPath(root, requestUrl);
  if (!resolved.ok) return new Response(null, { status: resolved.status });

  const candidates = resolved.spaFallback ? [resolve(root, 'index.html')] : [resolved.file];
  for (const file of candidates) {
    try {
      const body = await fs.readFile(file);
      const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
      const headers: Record<string, string> = {
        'Content-Type': type,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      };
      if (type.startsWith('text/html')) headers['Content-Security-Policy'] = csp;
      return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers });
    } catch {
      // fall through to 404
    }
  }
  return new Response(null, { status: 404 });
}
