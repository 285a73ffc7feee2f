/**
 * Replies (issue 11) on a real server (port 0), on PGlite and PostgreSQL: `message:send` with
 * `replyTo: {seq}` quotes an earlier message of the same conversation; the server refuses a seq
 * that does not exist there; `replyTo` is hashed only when present, so every message without it
 * hashes as before; the bundle carries it, its report says "In reply to #seq", and a tampered
 * `replyTo` fails verification.
 */
import { strFromU8, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../shared/evidence/bundle';
import { canonicalJson, chainContent, hexToBytes } from '../../shared/evidence/chain';
import type { EvidenceJson, Scope } from '../../shared/evidence/format';
import { verifyBundle, verifyZip } from '../../shared/evidence/verify';
import { withAttestedProofs } from '../../shared/protocol';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import { call, clientId, closeAll, once, request, signUp, type SignedIn } from '../helpers/client';

describe.each(BACKENDS)('replies on %s', (backend) => {
  let t: TestServer;
  let buyer: SignedIn;
  let seller: SignedIn;
  let other: SignedIn;
  const dm = (a: SignedIn, b: SignedIn) => `dm:${[a.memberId, b.memberId].sort().join(':')}`;
  const send = (who: SignedIn, to: SignedIn, extra: Record<string, unknown>) =>
    request(who.socket, 'message:send', { to: to.memberId, clientId: clientId(), text: '', ...extra });

  beforeAll(async () => {
    t = await startTestServer(backend);
    buyer = await signUp(t.url, 'rp-buyer', {
      profile: { timeZone: 'Europe/Warsaw', company: '', country: 'PL', languages: ['pl'] },
    });
    seller = await signUp(t.url, 'rp-seller', {
      role: 'seller',
      profile: { timeZone: 'Asia/Shanghai', company: '', country: 'CN', languages: ['zh'] },
    });
    other = await signUp(t.url, 'rp-other', { role: 'seller' });
  });
  afterAll(async () => {
    closeAll(buyer?.socket, seller?.socket, other?.socket);
    await t?.close();
  });

  it('a reply names the earlier message; the partner receives it; catch-up carries it', async () => {
    const order = { orderNo: 'TW-8', title: 'LED strip' };
    expect(await send(seller, buyer, { text: '交货期 20 天', lang: 'zh', order })).toMatchObject({
      ok: true,
      value: { seq: 1 },
    });
    expect(await send(buyer, seller, { text: 'Ile kosztuje wysyłka?', lang: 'pl' })).toMatchObject({
      value: { seq: 2 },
    });
    const atSeller = once(seller.socket, 'message:new', (m) => m.seq === 3);
    expect(
      await send(buyer, seller, { text: 'Czy 20 dni to pewne?', lang: 'pl', replyTo: { seq: 1 } }),
    ).toMatchObject({ ok: true, value: { seq: 3, duplicate: false } });
    expect(await atSeller).toMatchObject({ seq: 3, replyTo: { seq: 1 } });
    const { messages } = await call(seller.socket, 'sync:messages', {
      conversationId: dm(buyer, seller),
      afterSeq: 0,
    });
    expect(messages.map((m) => [m.seq, m.replyTo ?? null])).toEqual([
      [1, null],
      [2, null],
      [3, { seq: 1 }],
    ]);
    // Hashed only when present: the messages without it have no replyTo member in their content.
    expect(canonicalJson(chainContent(messages[1]!))).not.toContain('replyTo');
    expect(canonicalJson(chainContent(messages[2]!))).toContain('"replyTo":{"seq":1}');
  });

  it('refuses a seq of another conversation, an unknown seq and a reply that edits; stores nothing', async () => {
    // rp-seller ↔ rp-other has one message; seq 3 exists only in the buyer's conversation.
    expect(await send(other, seller, { text: 'Hello' })).toMatchObject({ ok: true, value: { seq: 1 } });
    const wrongConversation = await send(other, seller, { text: 'Re', replyTo: { seq: 3 } });
    expect(wrongConversation).toMatchObject({ ok: false, code: 'bad_request' });
    expect(!wrongConversation.ok && wrongConversation.message).toMatch(/no message 3/);
    expect(await send(buyer, seller, { text: 'Re', replyTo: { seq: 99 } })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    expect(await send(buyer, seller, { text: 'Re', replyTo: { seq: 0 } })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    expect(
      await send(buyer, seller, { text: 'Re', replyTo: { seq: 1 }, change: { kind: 'edit', seq: 3 } }),
    ).toMatchObject({ ok: false, code: 'bad_request' });
    const { messages } = await call(buyer.socket, 'sync:messages', {
      conversationId: dm(buyer, seller),
      afterSeq: 3,
    });
    expect(messages).toEqual([]);
  });

  it('a reply to the message just before it in the same group commit is accepted', async () => {
    const first = clientId();
    const [a, b] = await Promise.all([
      request(seller.socket, 'message:send', { to: buyer.memberId, clientId: first, text: 'A' }),
      request(seller.socket, 'message:send', {
        to: buyer.memberId,
        clientId: clientId(),
        text: 'B',
        replyTo: { seq: 4 },
      }),
    ]);
    expect(a).toMatchObject({ ok: true, value: { seq: 4 } });
    expect(b).toMatchObject({ ok: true, value: { seq: 5 } });
  });

  async function bundleOf(scope: Scope) {
    const att = await call(buyer.socket, 'evidence:attest', { conversationId: dm(buyer, seller), scope });
    const { messages } = await call(buyer.socket, 'sync:messages', {
      conversationId: dm(buyer, seller),
      afterSeq: 0,
    });
    const b = buildBundle({
      // As the app does: the batch proofs come with the attestation, not the messages.
      messages: withAttestedProofs(messages, att.proofs),
      attachmentBytes: () => undefined,
      attestation: att.attestation,
      serverPublicKey: hexToBytes(att.publicKey),
      keyUrl: att.keyUrl,
      scope,
      options: { translations: true, attachments: true },
      claim: '',
      disputeId: '',
      exportedAt: new Date().toISOString(),
      exportedBy: buyer.memberId,
      partner: seller.memberId,
    });
    return { b, publicKey: att.publicKey };
  }

  it('the bundle carries replies and verifies; its report says what each reply quotes', async () => {
    const { b, publicKey } = await bundleOf({ kind: 'whole' });
    expect(b.evidence.messages.map((m) => [m.seq, m.replyTo ?? null])).toEqual([
      [1, null],
      [2, null],
      [3, { seq: 1 }],
      [4, null],
      [5, { seq: 4 }],
    ]);
    expect(b.evidence.messages[1]).not.toHaveProperty('replyTo');
    expect(verifyZip(b.zip, { expectedKey: publicKey }).problems).toEqual([]);
    const report = strFromU8(b.files.get('report.html')!);
    expect(report).toContain('In reply to <a href="#m-1">#1</a>');
    expect(report).toContain('In reply to <a href="#m-4">#4</a>');

    // An order export holds the order's message only; a reply outside it is simply not there.
    const byOrder = await bundleOf({ kind: 'order', orderNo: 'TW-8' });
    expect(byOrder.b.evidence.messages.map((m) => m.seq)).toEqual([1]);
    expect(verifyZip(byOrder.b.zip, { expectedKey: publicKey }).problems).toEqual([]);
  });

  it('a tampered replyTo fails verification', async () => {
    const { b, publicKey } = await bundleOf({ kind: 'whole' });
    const tamper = (edit: (e: EvidenceJson) => void) => {
      const files = new Map(b.files);
      const e = JSON.parse(strFromU8(files.get('evidence.json')!)) as EvidenceJson;
      edit(e);
      files.set('evidence.json', strToU8(JSON.stringify(e)));
      return verifyBundle(files, { expectedKey: publicKey }).problems.map((p) => p.code);
    };
    // Pointed at another message, removed, or added to a message that replied to nothing.
    expect(tamper((e) => (e.messages[2]!.replyTo = { seq: 2 }))).toContain('message_hash');
    expect(tamper((e) => delete e.messages[2]!.replyTo)).toContain('message_hash');
    expect(tamper((e) => (e.messages[3]!.replyTo = { seq: 1 }))).toContain('message_hash');
    // A reply to a later message is caught by its own rule too.
    expect(tamper((e) => (e.messages[2]!.replyTo = { seq: 5 }))).toEqual(
      expect.arrayContaining(['message_hash', 'reply_target']),
    );
  });
});
