/**
 * Issue 13, hole 2: the Origin allow-list (server/src/platform/http/origin.ts). A page from a
 * foreign origin cannot open the socket — over WebSocket or long-polling — nor call the HTTP
 * API; the server's own origin, the desktop app, the configured list and non-browser clients
 * (no Origin header) can.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { APP_ORIGIN } from '../../electron/main/security';
import { DESKTOP_APP_ORIGIN } from '../../shared/origins';
import { startTestServer, type TestServer } from '../helpers/server';

const FOREIGN = 'https://evil.example';
const LISTED = 'https://portal.example';

describe('origin allow-list', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('pglite', { allowedOrigins: [LISTED] });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Connects socket.io-client over one transport with an Origin header; resolves with the outcome. */
  function connectWith(origin: string | undefined, transport: 'websocket' | 'polling'): Promise<string> {
    const socket = io(t.url, {
      transports: [transport],
      reconnection: false,
      forceNew: true,
      ...(origin === undefined ? {} : { extraHeaders: { origin } }),
    });
    return new Promise((resolve) => {
      socket.once('connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.once('connect_error', (err) => {
        socket.close();
        resolve(`refused: ${err.message}`);
      });
    });
  }

  it.each(['websocket', 'polling'] as const)('%s: a foreign origin is refused', async (transport) => {
    expect(await connectWith(FOREIGN, transport)).toMatch(/^refused/);
    expect(await connectWith('null', transport)).toMatch(/^refused/);
  });

  it.each(['websocket', 'polling'] as const)(
    '%s: the own origin, the desktop app, a listed origin and a client without Origin connect',
    async (transport) => {
      for (const origin of [t.url, DESKTOP_APP_ORIGIN, LISTED, undefined])
        expect({ origin, outcome: await connectWith(origin, transport) }).toEqual({
          origin,
          outcome: 'connected',
        });
    },
  );

  it('the refusal is an HTTP error with a sentence before any socket exists, on both transports', async () => {
    // engine.io refuses a WebSocket upgrade with 400 and the reason as the body.
    const upgrade = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const ws = new WebSocket(`${t.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
        headers: { Origin: FOREIGN },
      });
      ws.on('error', () => undefined);
      ws.once('open', () => reject(new Error('the WebSocket opened')));
      ws.once('unexpected-response', (req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
          req.destroy();
        });
      });
    });
    expect(upgrade).toEqual({ status: 400, body: 'This origin may not connect to this server.' });
    const polling = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { Origin: FOREIGN },
    });
    expect(polling.status).toBe(403);
    expect(await polling.json()).toEqual({ code: 4, message: 'This origin may not connect to this server.' });
    expect(t.server.io.of('/').sockets.size).toBe(0);
  });

  it('the HTTP API refuses a foreign origin and answers the desktop app with CORS, preflight included', async () => {
    const path = `${t.url}/api/attachments/${'a'.repeat(64)}`;
    const foreign = await fetch(path, { headers: { Origin: FOREIGN } });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, code: 'forbidden' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await fetch(path, {
      method: 'OPTIONS',
      headers: {
        Origin: DESKTOP_APP_ORIGIN,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');

    // Past the origin check, the request meets the API's own rules (no session: 401).
    const desktop = await fetch(path, { headers: { Origin: DESKTOP_APP_ORIGIN } });
    expect(desktop.status).toBe(401);
    expect(desktop.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN);
    expect((await fetch(path)).status).toBe(401);
    expect((await fetch(path, { headers: { Origin: t.url } })).status).toBe(401);

    // Public documents stay public: verifiers fetch the server key from anywhere.
    const key = await fetch(`${t.url}/.well-known/tradewind/server-key.json`, {
      headers: { Origin: FOREIGN },
    });
    expect(key.status).toBe(200);
  });

  it("the desktop app's origin is the one electron/main serves the renderer from", () => {
    expect(DESKTOP_APP_ORIGIN).toBe(APP_ORIGIN);
  });
});
