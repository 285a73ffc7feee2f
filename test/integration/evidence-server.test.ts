/**
 * Attachments over HTTP and evidence on a real server (port 0), on PGlite and PostgreSQL:
 * upload with hash check and content sniffing, authorised download with its headers, the
 * `evidence:attest` request, a client-built bundle and an operator export that both verify.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { strFromU8, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, withAttestedProofs } from '../../shared/protocol';
import { buildBundle } from '../../shared/evidence/bundle';
import { bytesToHex, hexToBytes, sha256Hex } from '../../shared/evidence/chain';
import { WellKnownServerKeys } from '../../shared/evidence/format';
import { TINY_PNG, fakeJpeg } from '../../shared/evidence/testkit';
import { verifyBundle, verifyZip } from '../../shared/evidence/verify';
import { exportFromServer } from '../../server/src/features/evidence/service';
import { rotateSigningKey } from '../../server/src/platform/signing/signingKey';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import {
  call,
  clientId,
  closeAll,
  connect,
  request,
  signUp,
  type Client,
  type SignedIn,
} from '../helpers/client';

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

  it('refuses a streamed body as soon as it passes the limit, without a Content-Length', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${t.url}/api/attachments/${'c'.repeat(64)}`);
      const req = httpRequest(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'PUT',
          headers: { authorization: `Bearer ${buyer.session.token}`, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', () => undefined); // the server drops the connection after answering
      const chunk = new Uint8Array(1024 * 1024);
      // One chunk more than the limit; the answer comes while (or after) they are written.
      const write = (n: number): void => {
        if (n === 0) return void req.end();
        if (req.destroyed) return;
        req.write(chunk, (err) => (err ? reject(err) : write(n - 1)));
      };
      write(LIMITS.attachmentBytes / chunk.length + 1);
    });
    expect(status).toBe(413);
    // Nothing was kept, not even the partial temporary file.
    const dir = t.server.ctx.config.attachmentsDir;
    if (dir) expect(existsSync(join(dir, 'tmp')) ? readdirSync(join(dir, 'tmp')) : []).toEqual([]);
  });

  it('stores identical concurrent uploads once (as a file on the embedded store), hash-checked', async () => {
    const bytes = fakeJpeg(2_000_000, 7);
    const sha = sha256Hex(bytes);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => put(t.url, sha, bytes, buyer.session.token)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    const rows = await t.store.query<{ n: number }>(
      'select count(*)::int as n from attachments where sha256 = $1',
      [sha],
    );
    expect(rows[0]?.n).toBe(1);
    const dir = t.server.ctx.config.attachmentsDir;
    if (backend === 'pglite') {
      expect(dir).not.toBeNull();
      const file = join(dir ?? '', sha.slice(0, 2), sha.slice(2, 4), sha);
      expect(sha256Hex(new Uint8Array(readFileSync(file)))).toBe(sha);
      expect(readdirSync(join(dir ?? '', 'tmp'))).toEqual([]);
    }
    const back = await get(t.url, sha, buyer.session.token);
    expect(back.status).toBe(200);
    expect(sha256Hex(new Uint8Array(await back.arrayBuffer()))).toBe(sha);
  });

  it('serves attachments stored in the database before files existed', async () => {
    const bytes = strToU8('stored in the row by an earlier version');
    const sha = sha256Hex(bytes);
    await t.store.query(
      'insert into attachments (sha256, mime, size, data, created_at) values ($1, $2, $3, $4, now())',
      [sha, 'text/plain; charset=utf-8', bytes.length, Buffer.from(bytes)],
    );
    await t.store.query(
      'insert into attachment_uploads (sha256, member_id, uploaded_at) values ($1, $2, now())',
      [sha, buyer.memberId],
    );
    const back = await get(t.url, sha, buyer.session.token);
    expect(back.status).toBe(200);
    expect(strFromU8(new Uint8Array(await back.arrayBuffer()))).toBe(
      'stored in the row by an earlier version',
    );
    expect((await get(t.url, sha, stranger.session.token)).status).toBe(404);
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
        // As the app does: the batch proofs come with the attestation, not the messages.
        messages: withAttestedProofs(messages, att.proofs),
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
      attachmentsDir: t.server.ctx.config.attachmentsDir,
      now: new Date(),
    });
    expect(b.fileName).toMatch(/-TW-42-\d{4}-\d{2}-\d{2}\.tradewind-evidence\.zip$/);
    expect(b.evidence.attachments.every((a) => a.path !== null)).toBe(true);
    const r = verifyBundle(b.files, { expectedKey: bytesToHex(t.signingKey.publicKey) });
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ messages: 2, attachments: 2, attachmentsIncluded: 2 });
  });
});

describe.each(BACKENDS)('hashed text must be well-formed on %s', (backend) => {
  let t: TestServer;
  let buyer: SignedIn;
  let seller: SignedIn;
  beforeAll(async () => {
    t = await startTestServer(backend);
    buyer = await signUp(t.url, 'wf-buyer');
    seller = await signUp(t.url, 'wf-seller');
  });
  afterAll(async () => {
    closeAll(buyer?.socket, seller?.socket);
    await t?.close();
  });

  it('refuses a lone surrogate in text, translation, order and attachment name with a sentence naming the field; stores nothing', async () => {
    const lone = 'Proszę o IP65 \ud83d';
    const cases: [Record<string, unknown>, string][] = [
      [
        { text: lone },
        'The message:send request is not valid (text): The message text contains a lone surrogate',
      ],
      [
        { text: 'ok', translation: { text: lone, lang: 'zh' } },
        'The message:send request is not valid (translation.text): The approved translation contains a lone surrogate',
      ],
      [
        { text: 'ok', order: { orderNo: 'TW-42', title: lone } },
        'The message:send request is not valid (order.title): The product title contains a lone surrogate',
      ],
      [
        {
          text: 'ok',
          attachments: [{ sha256: pngSha0, name: lone, mime: 'image/png', size: TINY_PNG.length }],
        },
        'The message:send request is not valid (attachments.0.name): The attachment name contains a lone surrogate',
      ],
    ];
    for (const [payload, sentence] of cases) {
      const r = (await request(buyer.socket, 'message:send', {
        to: seller.memberId,
        clientId: clientId(),
        ...payload,
      } as never)) as { ok: false; code: string; message: string };
      expect(r).toMatchObject({ ok: false, code: 'bad_request' });
      expect(r.message.startsWith(sentence)).toBe(true);
    }
    // Nothing was stored, and the connection still works: a well-formed Persian text goes through.
    const ok = await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: clientId(),
      text: 'برچسب IP65 را اضافه می‌کنیم 😀',
      lang: 'fa',
    });
    expect(ok.seq).toBe(1);
    const conversationId = [buyer.memberId, seller.memberId].sort().reduce((a, b) => `dm:${a}:${b}`);
    const { messages } = await call(buyer.socket, 'sync:messages', { conversationId, afterSeq: 0 });
    expect(messages.map((m) => m.text)).toEqual(['برچسب IP65 را اضافه می‌کنیم 😀']);
  });
});

const pngSha0 = sha256Hex(TINY_PNG);

describe.each(BACKENDS)('server key replacement on %s', (backend) => {
  const servers: TestServer[] = [];
  const sockets: Client[] = [];
  afterAll(async () => {
    closeAll(...sockets);
    for (const s of servers.reverse()) await s.close();
  });

  it('messages signed before and after a key replacement export and verify against the published keys', async () => {
    const first = await startTestServer(backend);
    servers.push(first);
    const buyer = await signUp(first.url, 'rot-buyer', {
      profile: { timeZone: 'Asia/Tehran', company: '', country: 'IR', languages: ['fa'] },
    });
    const seller = await signUp(first.url, 'rot-seller', { role: 'seller' });
    sockets.push(buyer.socket, seller.socket);
    const conversationId = [buyer.memberId, seller.memberId].sort().reduce((a, b) => `dm:${a}:${b}`);
    const send = (from: Client, to: string, text: string, lang: string) =>
      call(from, 'message:send', { to, clientId: clientId(), text, lang });
    await send(buyer.socket, seller.memberId, 'سلام، ۵۰۰ عدد نوار LED سفارش می‌دهم.', 'fa');
    await send(seller.socket, buyer.memberId, '好的，五月十日前发货。', 'zh');
    const oldKey = first.signingKey;

    // The operator replaces the key (npm run server -- evidence rotate-key) and restarts.
    await first.stop();
    const { current } = rotateSigningKey(join(first.db.dataDir, 'server-key.json'));
    expect(current.retired.map((r) => r.keyId)).toEqual([oldKey.keyId]);
    const second = await startTestServer(backend, { db: first.db });
    servers.push(second);
    expect(second.signingKey.keyId).toBe(current.keyId);
    const b2 = await connect(second.url, buyer.session.token);
    const s2 = await connect(second.url, seller.session.token);
    sockets.push(b2, s2);
    await send(b2, seller.memberId, 'برچسب IP65 نداشت.', 'fa');
    await send(s2, buyer.memberId, '这批货仅供室内使用。', 'zh');

    const published = WellKnownServerKeys.parse(
      await (await fetch(`${second.url}/.well-known/tradewind/server-key.json`)).json(),
    );
    expect(published.keyId).toBe(current.keyId);
    expect(published.keys.map((k) => [k.keyId, k.status])).toEqual([
      [current.keyId, 'current'],
      [oldKey.keyId, 'retired'],
    ]);
    const trusted = published.keys.map((k) => k.publicKey);

    // Client-built bundle from the attestation.
    const att = await call(b2, 'evidence:attest', { conversationId, scope: { kind: 'whole' } });
    expect(att.attestation.statement.keys.map((k) => [k.keyId, k.ranges])).toEqual(
      [
        [oldKey.keyId, [[1, 2]]],
        [current.keyId, [[3, 4]]],
      ].sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)),
    );
    const { messages } = await call(b2, 'sync:messages', { conversationId, afterSeq: 0 });
    const b = buildBundle({
      messages,
      attestation: att.attestation,
      serverPublicKey: hexToBytes(att.publicKey),
      keyUrl: att.keyUrl,
      scope: { kind: 'whole' },
      options: { translations: true, attachments: true },
      exportedAt: new Date().toISOString(),
      exportedBy: buyer.memberId,
      partner: seller.memberId,
    });
    expect(b.evidence.messages.map((m) => m.keyId)).toEqual([
      oldKey.keyId,
      oldKey.keyId,
      current.keyId,
      current.keyId,
    ]);
    expect(verifyZip(b.zip, { expectedKey: trusted }).problems).toEqual([]);
    expect(verifyZip(b.zip, { expectedKey: bytesToHex(current.publicKey) }).problems).toEqual([]);

    // Operator export from the server's records.
    const op = await exportFromServer(second.store, second.signingKey, {
      conversationId,
      scope: { kind: 'whole' },
      options: { translations: true, attachments: true },
      attachmentsDir: second.server.ctx.config.attachmentsDir,
      now: new Date(),
    });
    expect(verifyBundle(op.files, { expectedKey: trusted }).problems).toEqual([]);

    // A message's key id changed (everything else redone) is caught.
    const files = new Map(op.files);
    const e = JSON.parse(strFromU8(files.get('evidence.json') as Uint8Array)) as {
      messages: { keyId: string }[];
    };
    e.messages[0]!.keyId = current.keyId;
    files.set('evidence.json', strToU8(JSON.stringify(e)));
    const r = verifyBundle(files, { expectedKey: trusted });
    expect(r.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['message_key', 'message_signature', 'file_hash_mismatch']),
    );
  });
});
