import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../shared/protocol';
import { chainHash, genesisHash, verifyHashSignature } from '../../shared/evidence/chain';
import { DEMO_BUYER, DEMO_CONVERSATIONS, DEMO_PASSWORD, DEMO_USERS } from '../../server/src/demo/data';
import { demoFeature } from '../../server/src/demo/feature';
import { seedDemo } from '../../server/src/demo/seed';
import { defaultFeatures } from '../../server/src/features';
import { CSP } from '../../server/src/platform/http/respond';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import { call, closeAll, connect } from '../helpers/client';

/** A raw GET whose path is sent exactly as written (fetch would normalise `..`). */
function rawGet(
  url: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(BACKENDS)('HTTP and demo data on %s', (backend) => {
  let t: TestServer;
  let outer: string;
  let staticRoot: string;
  beforeAll(async () => {
    // The static directory's parent holds the file a traversal would reach; a directory of this
    // file's own, so that files running side by side never share it.
    outer = await mkdtemp(join(tmpdir(), 'tradewind-static-'));
    staticRoot = join(outer, 'static');
    await mkdir(join(staticRoot, 'assets'), { recursive: true });
    await writeFile(join(staticRoot, 'index.html'), '<!doctype html><title>Tradewind</title>');
    await writeFile(join(staticRoot, 'assets', 'app-1234.js'), 'console.log(1)');
    await writeFile(join(staticRoot, 'assets', 'style.css'), 'body{}');
    await writeFile(join(staticRoot, '.secret'), 'hidden');
    await writeFile(join(outer, 'tradewind-outside.txt'), 'outside');
    t = await startTestServer(backend, {
      staticDir: staticRoot,
      demo: true,
      features: [...defaultFeatures(), demoFeature()],
    });
  });
  afterAll(async () => {
    await t?.close();
    await rm(outer, { recursive: true, force: true });
  });

  it('answers /healthz with the backend and version', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      db: backend,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown,
    });
  });

  it('publishes the server key', async () => {
    const res = await fetch(`${t.url}/.well-known/tradewind/server-key.json`);
    const body = (await res.json()) as Record<string, unknown>;
    const publicKey = Buffer.from(t.signingKey.publicKey).toString('hex');
    // The current key at the top level (as before key replacement) and every key in `keys`.
    expect(body).toEqual({
      format: 'tradewind-server-keys-v1',
      alg: 'Ed25519',
      publicKey,
      keyId: t.signingKey.keyId,
      keys: [{ alg: 'Ed25519', publicKey, keyId: t.signingKey.keyId, status: 'current' }],
    });
    expect(body.publicKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the renderer with content types, a strict CSP, nosniff and an SPA fallback', async () => {
    const index = await fetch(`${t.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CSP);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>Tradewind</title>');

    const js = await fetch(`${t.url}/assets/app-1234.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${t.url}/assets/style.css`)).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );

    // A client-side route falls back to index.html; a missing asset does not.
    const route = await fetch(`${t.url}/chat/some-seller`, { headers: { accept: 'text/html' } });
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Tradewind');
    expect((await fetch(`${t.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${t.url}/api/nothing`)).status).toBe(404);
  });

  it('never serves a file outside the directory, nor dotfiles', async () => {
    for (const path of [
      '/../tradewind-outside.txt',
      '/%2e%2e/tradewind-outside.txt',
      '/assets/..%2f..%2ftradewind-outside.txt',
      '/..%5ctradewind-outside.txt',
      '/.secret',
      '/%00index.html',
    ]) {
      const res = await rawGet(t.url, path);
      expect(res.body, path).not.toContain('outside');
      expect(res.body, path).not.toContain('hidden');
      expect([200, 404], path).toContain(res.status); // 200 only as the SPA fallback page
      if (res.status === 200) expect(res.body).toContain('<title>Tradewind</title>');
    }
  });

  it('seeds demo data idempotently, through the message service, with a valid chain', async () => {
    const first = await seedDemo(t.server.ctx);
    const again = await seedDemo(t.server.ctx);
    expect(first.usersCreated).toBe(DEMO_USERS.length);
    expect(again).toEqual({ usersCreated: 0, messagesCreated: 0 });

    const buyer = await connect(t.url);
    await call(buyer, 'auth:signIn', { memberId: DEMO_BUYER, password: DEMO_PASSWORD });
    const contacts = await call(buyer, 'contact:list', {});
    expect(contacts.map((c) => c.user.memberId).sort()).toEqual(
      DEMO_CONVERSATIONS.map((c) => c.seller).sort(),
    );
    const shenzhen = contacts.find((c) => c.user.memberId === 'sz-brightled');
    expect(shenzhen?.user.profile).toMatchObject({
      timeZone: 'Asia/Shanghai',
      country: 'CN',
      languages: ['zh', 'en'],
    });
    expect(shenzhen?.user.profile.businessHours).toHaveLength(7);

    const summaries = await call(buyer, 'sync:conversations', {});
    expect(summaries).toHaveLength(DEMO_CONVERSATIONS.length);
    for (const c of DEMO_CONVERSATIONS) {
      const id = conversationIdFor(DEMO_BUYER, c.seller);
      const { messages } = await call(buyer, 'sync:messages', { conversationId: id, afterSeq: 0 });
      expect(messages.map((m) => m.text)).toEqual(c.messages.map((m) => m.text));
      let prev = genesisHash(id);
      for (const m of messages) {
        expect(chainHash(prev, m)).toBe(m.hash);
        expect(verifyHashSignature(m.hash, m.signature, t.signingKey.publicKey)).toBe(true);
        prev = m.hash;
      }
      // History is in the past and in order.
      const times = messages.map((m) => Date.parse(m.sentAt));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(times[times.length - 1]!).toBeLessThanOrEqual(Date.now());
    }
    const order = (
      await call(buyer, 'sync:messages', {
        conversationId: conversationIdFor(DEMO_BUYER, 'sz-brightled'),
        afterSeq: 0,
      })
    ).messages.find((m) => m.order);
    expect(order?.order?.orderNo).toBe('TW-2024-0187');
    closeAll(buyer);
  });

  it('hands out a demo-buyer session on loopback only', async () => {
    await seedDemo(t.server.ctx);
    const res = await fetch(`${t.url}/api/demo-session`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; memberId: string; serverUrl: string };
    expect(body).toMatchObject({ memberId: DEMO_BUYER, serverUrl: t.url });
    const s = await connect(t.url, body.token);
    expect((await call(s, 'profile:get', {})).memberId).toBe(DEMO_BUYER);
    closeAll(s);
    // A non-loopback Host (DNS rebinding) is refused.
    const rebound = await rawGet(t.url, '/api/demo-session', { host: 'evil.example:80' });
    expect(rebound.status).toBe(204);
    expect(rebound.body).toBe('');
  });
});

describe('demo session without --demo', () => {
  it('does not exist', async () => {
    const t = await startTestServer('pglite', { features: [...defaultFeatures(), demoFeature()] });
    try {
      const res = await fetch(`${t.url}/api/demo-session`);
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
    } finally {
      await t.close();
    }
  });
});
