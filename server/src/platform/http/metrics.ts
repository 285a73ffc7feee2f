/**
 * `GET /metrics`: the Prometheus registry of this node (docs/operations.md § Metrics).
 *
 * Protected by default: with `TRADEWIND_METRICS_TOKEN` set, a scraper sends
 * `Authorization: Bearer <token>` (from anywhere); without it only this machine may scrape
 * (loopback peer *and* loopback Host header, so neither a proxy forwarding a public host name nor
 * a DNS-rebinding page gets in). Anyone else gets 404, as if there were nothing here.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { fail } from '../../../../shared/result';
import type { HttpRoute } from '../socket/registry';
import { isLoopback, sendJson } from './respond';

export const METRICS_PATH = '/metrics';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Whether this request may read the metrics (`token`: TRADEWIND_METRICS_TOKEN, or null). */
export function mayScrape(req: IncomingMessage, token: string | null): boolean {
  if (token === null) return isLoopback(req);
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  // Equal-length digests: the comparison takes the same time whatever was sent.
  return Boolean(m?.[1]) && timingSafeEqual(digest(m?.[1] ?? ''), digest(token));
}

export const metricsRoute: HttpRoute = async (req, res, url, ctx) => {
  if (url.pathname !== METRICS_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  if (!mayScrape(req, ctx.config.metricsToken)) {
    sendJson(res, 404, fail('not_found', 'There is nothing at this address.'));
    return true;
  }
  const body = await ctx.metrics.registry.metrics();
  res.writeHead(200, { 'Content-Type': ctx.metrics.registry.contentType, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
};
