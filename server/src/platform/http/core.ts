/** Core HTTP endpoints: /healthz and the server's public key. */
import type { HttpRoute } from '../socket/registry';
import { wellKnownKeys } from '../signing/signingKey';
import { sendJson } from './respond';

export const SERVER_KEY_PATH = '/.well-known/tradewind/server-key.json';

export const healthRoute: HttpRoute = async (req, res, url, ctx) => {
  if (url.pathname !== '/healthz' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  try {
    await ctx.db.query('select 1');
    sendJson(res, 200, { ok: true, db: ctx.db.kind, version: ctx.config.version });
  } catch (err) {
    ctx.logger.error('health check failed', { err });
    sendJson(res, 503, { ok: false, db: ctx.db.kind, version: ctx.config.version });
  }
  return true;
};

export const serverKeyRoute: HttpRoute = (req, res, url, ctx) => {
  if (url.pathname !== SERVER_KEY_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  res.setHeader('Access-Control-Allow-Origin', '*'); // public information, verifiers may fetch it from anywhere
  // The current key at the top level (what clients read before key replacement existed) and every
  // key, current and retired, in `keys` (schema: WellKnownServerKeys in shared/evidence/format.ts).
  sendJson(res, 200, wellKnownKeys(ctx.signingKey));
  return true;
};
