/**
 * Serves the built renderer (browser mode) from one directory: GET/HEAD only, files resolved
 * strictly inside the root (no traversal, no dotfiles, no symlinks out), SPA fallback to
 * index.html for navigations, long caching for hashed assets.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import type { HttpRoute } from '../socket/registry';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
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
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Resolves a URL path to a file inside `root`, or null when it would leave it or is not allowed. */
export async function resolveStaticPath(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return null;
  const candidate = resolve(root, ...segments);
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  try {
    const real = await realpath(candidate);
    if (real !== root && !real.startsWith(root + sep)) return null;
    const s = await stat(real);
    return s.isFile() ? real : null;
  } catch {
    return null;
  }
}

/** Streams one file (GET) or only its headers (HEAD) with the given Cache-Control. */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  cache: string,
): Promise<void> {
  const s = await stat(file);
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': s.size,
    'Cache-Control': cache,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done, fail) => {
    const stream = createReadStream(file);
    stream.on('error', fail);
    res.on('close', () => {
      stream.destroy();
      done();
    });
    stream.pipe(res);
  });
}

export async function staticRoute(staticDir: string): Promise<HttpRoute> {
  const root = await realpath(resolve(staticDir)).catch(() => resolve(staticDir));
  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) return false;
    const file = await resolveStaticPath(root, url.pathname);
    if (file) {
      const hashed = url.pathname.startsWith('/assets/');
      await sendFile(req, res, file, hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      return true;
    }
    // SPA fallback: a navigation to a client route gets index.html; a missing asset stays a 404.
    const wantsHtml = (req.headers.accept ?? '').includes('text/html') || extname(url.pathname) === '';
    if (!wantsHtml) return false;
    const index = await resolveStaticPath(root, '/index.html');
    if (!index) return false;
    await sendFile(req, res, index, 'no-cache');
    return true;
  };
}
