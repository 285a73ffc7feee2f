/**
 * HTTP routes of attachments (docs/protocol.md § Attachments):
 *
 *   PUT /api/attachments/<sha256>   Authorization: Bearer <session token>; body = the bytes.
 *     201 {ok:true, value:{sha256, mime, size, created:true}} (200 with created:false when known)
 *     400 bad_request (hash mismatch, empty), 401 unauthenticated, 413 too_large (by
 *     Content-Length before reading, or as soon as the streamed count passes the limit)
 *   GET|HEAD /api/attachments/<sha256>[?name=<file name>]   Authorization: Bearer <token>
 *     200 the bytes with the sniffed Content-Type, Content-Disposition (inline for photos,
 *     attachment otherwise), X-Content-Type-Options: nosniff, ETag "<sha256>", private immutable
 *     caching; 304 on If-None-Match; 404 when missing *or* not readable by the caller (no
 *     existence oracle).
 *
 * Browsers cannot put a header on <img src>: the renderer fetches with the header and shows the
 * bytes through a blob: URL (and keeps them in IndexedDB for offline use).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { LIMITS, type UploadedAttachment } from '../../../../shared/protocol';
import { isInlineImage } from '../../../../shared/evidence/sniff';
import { AppError, fail, ok, toFailure } from '../../../../shared/result';
import type { ErrorCode } from '../../../../shared/result';
import type { ServerContext } from '../../platform/context';
import type { HttpRoute } from '../../platform/socket/registry';
import { sendJson } from '../../platform/http/respond';
import { resolveToken } from '../auth';
import { receive } from './files';
import { SHA256_RE, getAttachment, mayRead, storeReceived } from './service';

export const ATTACHMENTS_PREFIX = '/api/attachments/';

const STATUS: Partial<Record<ErrorCode, number>> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
};

async function caller(req: IncomingMessage, ctx: ServerContext): Promise<string> {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const session = m?.[1] ? await resolveToken(ctx.db, m[1], ctx.now()) : null;
  if (!session) throw new AppError('unauthenticated', 'Sign in to send or open attachments.');
  return session.memberId;
}

/** Where an upload is streamed to: the attachments directory, or (bytes in the row) a temporary one. */
const uploadDir = (ctx: ServerContext): string =>
  ctx.config.attachmentsDir ?? join(tmpdir(), 'tradewind-uploads');

/**
 * Receives a PUT: refused `too_large` by its Content-Length before a byte is read, else streamed
 * to a file while hashed and counted (refused as soon as the count passes the limit), then kept.
 */
async function upload(req: IncomingMessage, ctx: ServerContext, sha256: string): Promise<UploadedAttachment> {
  const memberId = await caller(req, ctx);
  const limit = LIMITS.attachmentBytes;
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit)
    throw new AppError('too_large', `An attachment has at most ${limit} bytes.`);
  const received = await receive(req, uploadDir(ctx), limit);
  return storeReceived(ctx.db, ctx.config.attachmentsDir, memberId, sha256, received, ctx.now());
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters must not reach a header
  const clean = name.replace(/[\u0000-\u001f\u007f"\\/]/g, '_').slice(0, 200) || 'attachment';
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(clean)}`;
}

function sendFailure(res: ServerResponse, err: unknown, ctx: ServerContext): void {
  const f = toFailure(err);
  if (f.code === 'internal') ctx.logger.error('attachment request failed', { err });
  sendJson(res, STATUS[f.code] ?? 500, f);
}

export const attachmentsRoute: HttpRoute = async (req, res, url, ctx) => {
  if (!url.pathname.startsWith(ATTACHMENTS_PREFIX)) return false;
  const sha256 = url.pathname.slice(ATTACHMENTS_PREFIX.length);
  if (!SHA256_RE.test(sha256)) {
    sendJson(
      res,
      404,
      fail('not_found', 'An attachment address ends in its SHA-256 (64 lower-case hex digits).'),
    );
    return true;
  }
  try {
    if (req.method === 'PUT') {
      const started = performance.now();
      try {
        const value = await upload(req, ctx, sha256);
        ctx.metrics.uploads.inc({ result: value.created ? 'created' : 'existing' });
        ctx.metrics.uploadBytes.inc(value.size);
        sendJson(res, value.created ? 201 : 200, ok(value));
      } catch (err) {
        ctx.metrics.uploads.inc({ result: toFailure(err).code });
        throw err;
      } finally {
        ctx.metrics.uploadSeconds.observe((performance.now() - started) / 1000);
      }
      return true;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const memberId = await caller(req, ctx);
      const a = (await mayRead(ctx.db, memberId, sha256))
        ? await getAttachment(ctx.db, ctx.config.attachmentsDir, sha256)
        : null;
      if (!a) throw new AppError('not_found', 'There is no such attachment, or it was not shared with you.');
      const etag = `"${a.sha256}"`;
      const headers: Record<string, string | number> = {
        'Content-Type': a.mime,
        'Content-Disposition': contentDisposition(
          isInlineImage(a.mime) ? 'inline' : 'attachment',
          url.searchParams.get('name') ?? a.sha256,
        ),
        'X-Content-Type-Options': 'nosniff',
        // Content-addressed: the bytes behind this URL never change. Private: it needs a session.
        'Cache-Control': 'private, max-age=31536000, immutable',
        ETag: etag,
        // A served file can never run code or be framed, even if a browser opens it directly.
        'Content-Security-Policy':
          "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
        'Cross-Origin-Resource-Policy': 'same-origin',
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ETag: etag, 'Cache-Control': headers['Cache-Control'] as string });
        res.end();
        return true;
      }
      res.writeHead(200, { ...headers, 'Content-Length': a.size });
      if (req.method === 'HEAD') res.end();
      // Streamed from the file (or the row): never the whole attachment in memory per download.
      else await pipeline(a.body(), res);
      return true;
    }
    res.setHeader('Allow', 'GET, HEAD, PUT');
    sendJson(res, 405, fail('bad_request', `${req.method ?? ''} is not allowed here.`));
    return true;
  } catch (err) {
    if (!req.complete) {
      // The body was not (fully) read: answer, then drop the connection instead of draining it.
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.destroy());
    }
    sendFailure(res, err, ctx);
    return true;
  }
};
