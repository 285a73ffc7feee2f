/**
 * Attachments over HTTP and evidence on a real server (port 0), on PGlite and PostgreSQL:
 * upload with hash check and content sniffing, authorised download with its headers, the
 * `evidence:attest` request, a client-built bundle and an operator export that both verify.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/protocol';
import { buildBundle } from '../../shared/evidence/bundle';
import { bytesToHex, hexToBytes, sha256Hex } from '../../shared/evidence/chain';
import { TINY_PNG, fakeJpeg } from '../../shared/evidence/testkit';
import { verifyBundle, verifyZip } from '../../shared/evidence/verify';
import { exportFromServer } from '../../server/src/evidence/service';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import { call, clientId, closeAll, request, signUp, type SignedIn } from '../helpers/client';

const put = (url: string, sha: string, body: Uint8Array, token?: string, type = 'text/plain') =>
  fetch(`${url}/api/attachments/${sha}`, {
    method: 'PUT',
    body: new Blob([body as Uint8Array<ArrayBuffer>]),
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
const get = (url: string, sha: string, token?: string, extra: Record<string, string> = {}) =>
  fetch(`${url}/api/attachments/${sha}?name=${encodeURIComponent('zdjęcie 1.png')}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
  });

describe.each(BACKENDS)('attachments and evidence on %s', (backend) => {
  let t: TestServer;
  let buyer: SignedIn;
  let seller: SignedIn;
  let stranger: SignedIn;
  const photo = fakeJpeg(300_000, 42);
  const photoSha = sha256Hex(photo);
  const pngSha = sha256Hex(TINY_PNG);

  beforeAll(async () => {
    t = await startTestServer(backend);
    buyer = await signUp(t.url, 'ev-buyer', {
      displayName: 'Anna Kowalska',
      profile: { timeZone: 'Europe/Warsaw', company: '', country: 'PL', languages: ['pl'] },
    });
    seller = await signUp(t.url, 'ev-seller', {
      displayName: '李伟',
      role: 'seller',
      profile: { timeZone: 'Asia/Shanghai', company: '', country: 'CN', languages: ['zh'] },
    });
    stranger = await signUp(t.url, 'ev-other');
  });
  afterAll(async () => {
    closeAll(buyer?.socket, seller?.socket, stranger?.socket);
    await t?.close();
  });

  it('stores an upload under its SHA-256 with the type sniffed from the bytes', async () => {
    const r = await put(t.url, pngSha, TINY_PNG, buyer.session.token, 'text/html');
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({
      ok: true,
      value: { sha256: pngSha, mime: 'image/png', size: TINY_PNG.length, created: true },
    });
    const again = await put(t.url, pngSha, TINY_PNG, buyer.session.token);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { value: { created: boolean } }).value.created).toBe(false);
    expect((await put(t.url, photoSha, photo, buyer.session.token)).status).toBe(201);
  });

  it('refuses a hash mismatch, no session, a bad address and an oversized body', async () => {
    const wrong = await put(t.url, 'a'.repeat(64), TINY_PNG, buyer.session.token);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ ok: false, code: 'bad_request' });
    expect((await put(t.url, pngSha, TINY_PNG)).status).toBe(401);
    expect((await put(t.url, 'not-a-hash', TINY_PNG, buyer.session.token)).status).toBe(404);
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${t.url}/api/attachments/${'b'.repeat(64)}`);
      const req = httpRequest(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'PUT',
          headers: {
            authorization: `Bearer ${buyer.session.token}`,
            'content-length': LIMITS.attachmentBytes + 1,
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(new Uint8Array(1024));
    });
    expect(status).toBe(413);
  });

  it('serves an attachment to its uploader and to participants of a message that references it, to no one else', async () => {
    expect((await get(t.url, pngSha, seller.session.token)).status).toBe(404); // not shared yet
    const own = await get(t.url, pngSha, buyer.session.token);
    expect(own.status).toBe(200);
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(TINY_PNG);
    expect(own.headers.get('content-type')).toBe('image/png');
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect(own.headers.get('content-disposition')).toBe(
      `inline; filename="zdj_cie 1.png"; filename*=UTF-8''zdj%C4%99cie%201.png`,
    );
    expect(own.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(own.headers.get('etag')).toBe(`"${pngSha}"`);
    expect((await get(t.url, pngSha, buyer.session.token, { 'if-none-match': `"${pngSha}"` })).status).toBe(
      304,
    );
    expect((await get(t.url, pngSha)).status).toBe(401);

    await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: clientId(),
      text: 'Etykieta z dostawy: brak IP65.',
      lang: 'pl',
      translation: { text: '到货标签：没有IP65。', lang: 'zh' },
      attachments: [
        {
          sha256: pngSha,
          name: 'etykieta.png',
          mime: 'image/png',
          size: TINY_PNG.length,
          width: 1,
          height: 1,
        },
        { sha256: photoSha, name: 'paczka.jpg', mime: 'image/jpeg', size: photo.length },
      ],
      order: { orderNo: 'TW-42', productId: 'LED-5050', title: 'Taśma LED', quantity: 500 },
    });
    await call(seller.socket, 'message:send', {
      to: buyer.memberId,
      clientId: clientId(),
      text: '这批货仅供室内使用。',
      lang: 'zh',
    });
    await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: clientId(),
      text: 'Zamówienie TW-42: otwieram spór.',
      lang: 'pl',
      order: { orderNo: 'TW-42' },
    });

    const theirs = await get(t.url, pngSha, seller.session.token);
    expect(theirs.status).toBe(200);
    expect((await get(t.url, pngSha, stranger.session.token)).status).toBe(404);
  });

  it('attests a scope for participants only, and the client-built bundle verifies against the published key', async () => {
    const conversationId = [buyer.memberId, seller.memberId].sort().reduce((a, b) => `dm:${a}:${b}`);
    expect(
      await request(stranger.socket, 'evidence:attest', { conversationId, scope: { kind: 'whole' } }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(
      await request(buyer.socket, 'evidence:attest', {
        conversationId,
        scope: { kind: 'order', orderNo: 'none' },
      }),
    ).toMatchObject({ ok: false, code: 'not_found' });
    expect(
      await request(buyer.socket, 'evidence:attest', { conversationId, scope: { kind: 'bogus' } as never }),
    ).toMatchObject({ ok: false, code: 'bad_request' });

    const published = (await (await fetch(`${t.url}/.well-known/tradewind/server-key.json`)).json()) as {
      publicKey: string;
    };
    for (const scope of [{ kind: 'whole' as const }, { kind: 'order' as const, orderNo: 'TW-42' }]) {
      const att = await call(buyer.socket, 'evidence:attest', { conversationId, scope });
      expect(att.publicKey).toBe(published.publicKey);
      expect(att.keyUrl).toBe(`${t.url}/.well-known/tradewind/server-key.json`);
      const { messages } = await call(buyer.socket, 'sync:messages', { conversationId, afterSeq: 0 });
      const bytes = new Map<string, Uint8Array>();
      for (const sha of [pngSha, photoSha])
        bytes.set(sha, new Uint8Array(await (await get(t.url, sha, buyer.session.token)).arrayBuffer()));
      const b = buildBundle({
        messages,
        attachmentBytes: (s) => bytes.get(s),
        attestation: att.attestation,
        serverPublicKey: hexToBytes(att.publicKey),
        keyUrl: att.keyUrl,
        scope,
        options: { translations: true, attachments: true },
        claim: 'Item not as described',
        disputeId: 'D-1',
        exportedAt: new Date().toISOString(),
        exportedBy: buyer.memberId,
        partner: seller.memberId,
      });
      expect(b.evidence.messages.map((m) => m.seq)).toEqual(scope.kind === 'whole' ? [1, 2, 3] : [1, 3]);
      expect(b.evidence.participants.map((p) => p.timeZone).sort()).toEqual([
        'Asia/Shanghai',
        'Europe/Warsaw',
      ]);
      const r = verifyZip(b.zip, { expectedKey: published.publicKey });
      expect(r.problems).toEqual([]);
    }
  });

  it('the operator export builds the same verifiable bundle from the server records', async () => {
    const conversationId = [buyer.memberId, seller.memberId].sort().reduce((a, b) => `dm:${a}:${b}`);
    const b = await exportFromServer(t.store, t.signingKey, {
      conversationId,
      scope: { kind: 'order', orderNo: 'TW-42' },
      options: { translations: true, attachments: true },
      now: new Date(),
    });
    expect(b.fileName).toMatch(/-TW-42-\d{4}-\d{2}-\d{2}\.tradewind-evidence\.zip$/);
    expect(b.evidence.attachments.every((a) => a.path !== null)).toBe(true);
    const r = verifyBundle(b.files, { expectedKey: bytesToHex(t.signingKey.publicKey) });
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ messages: 2, attachments: 2, attachmentsIncluded: 2 });
  });
});
