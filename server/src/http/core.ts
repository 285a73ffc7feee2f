/** Core HTTP endpoints: /healthz and the server's public key. */
import { bytesToHex } from '../../../shared/evidence/chain';
import type { HttpRoute } from '../handlers/registry';
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
  sendJson(res, 200, { alg: 'Ed25519', publicKey: bytesToHex(ctx.signingKey.publicKey), keyId: ctx.signingKey.keyId });
  return true;
};
