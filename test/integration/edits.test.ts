/**
 * Edits and retractions (issue 11) on a real server (port 0), on PGlite and PostgreSQL: a change
 * is a new signed message in the chain referring to the one it changes; the rules (own message,
 * an original, not retracted, within the operator's window); both sides receive it; the bundle of
 * the conversation (whole and by order) verifies with every version in it, and a tampered edit
 * history fails verification.
 */
import { strFromU8, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAttestedProofs, type Message } from '../../shared/protocol';
import { buildBundle } from '../../shared/evidence/bundle';
import { hexToBytes } from '../../shared/evidence/chain';
import type { EvidenceJson, Scope } from '../../shared/evidence/format';
import { verifyBundle, verifyZip } from '../../shared/evidence/verify';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import { call, clientId, closeAll, once, request, signUp, type SignedIn } from '../helpers/client';

describe.each(BACKENDS)('edits and retractions on %s', (backend) => {
  let t: TestServer;
  let buyer: SignedIn;
  let seller: SignedIn;
  let clock = Date.parse('2026-03-02T02:00:00.000Z');
  const conversationId = () => [buyer.memberId, seller.memberId].sort().reduce((a, b) => `dm:${a}:${b}`);
  const send = (who: SignedIn, to: SignedIn, extra: Record<string, unknown>) =>
    request(who.socket, 'message:send', { to: to.memberId, clientId: clientId(), text: '', ...extra });

  beforeAll(async () => {
    t = await startTestServer(backend, { now: () => new Date(clock), editWindowMinutes: 15 });
    buyer = await signUp(t.url, 'ed-buyer', {
      profile: { timeZone: 'Europe/Warsaw', company: '', country: 'PL', languages: ['pl'] },
    });
    seller = await signUp(t.url, 'ed-seller', {
      role: 'seller',
      profile: { timeZone: 'Asia/Shanghai', company: '', country: 'CN', languages: ['zh'] },
    });
  });
  afterAll(async () => {
    closeAll(buyer?.socket, seller?.socket);
    await t?.close();
  });

  it('an edit is a new signed message referring to the original; the buyer receives it; the original is untouched', async () => {
    const order = { orderNo: 'TW-7', title: 'LED strip' };
    expect(await send(seller, buyer, { text: '单价 3.20 美元', lang: 'zh', order })).toMatchObject({
      ok: true,
      value: { seq: 1 },
    });
    clock += 60_000;
    expect(await send(buyer, seller, { text: 'Dziękuję', lang: 'pl' })).toMatchObject({ ok: true });
    clock += 5 * 60_000;
    const atBuyer = once(buyer.socket, 'message:new', (m) => m.seq === 3);
    const ack = await send(seller, buyer, {
      text: '单价 3.10 美元',
      lang: 'zh',
      change: { kind: 'edit', seq: 1 },
    });
    expect(ack).toMatchObject({ ok: true, value: { seq: 3, duplicate: false } });
    expect(await atBuyer).toMatchObject({ seq: 3, text: '单价 3.10 美元', change: { kind: 'edit', seq: 1 } });
    const { messages } = await call(buyer.socket, 'sync:messages', {
      conversationId: conversationId(),
      afterSeq: 0,
    });
    expect(messages.map((m) => [m.seq, m.text, m.change ?? null])).toEqual([
      [1, '单价 3.20 美元', null],
      [2, 'Dziękuję', null],
      [3, '单价 3.10 美元', { kind: 'edit', seq: 1 }],
    ]);
    expect(messages[2]?.prevHash).toBe(messages[1]?.hash);
  });

  it('refuses changes to others’ messages, to changes, to missing messages, and malformed changes; stores nothing', async () => {
    const refused: [SignedIn, SignedIn, Record<string, unknown>, string][] = [
      [buyer, seller, { text: 'x', change: { kind: 'edit', seq: 1 } }, 'forbidden'],
      [seller, buyer, { change: { kind: 'retract', seq: 2 } }, 'forbidden'],
      [seller, buyer, { text: 'x', change: { kind: 'edit', seq: 3 } }, 'bad_request'],
      [seller, buyer, { text: 'x', change: { kind: 'edit', seq: 99 } }, 'not_found'],
      [seller, buyer, { text: 'x', change: { kind: 'retract', seq: 1 } }, 'bad_request'],
      [seller, buyer, { text: '', change: { kind: 'edit', seq: 1 } }, 'bad_request'],
      [
        seller,
        buyer,
        { text: 'x', order: { orderNo: 'A' }, change: { kind: 'edit', seq: 1 } },
        'bad_request',
      ],
    ];
    for (const [who, to, extra, code] of refused) {
      const r = await send(who, to, extra);
      expect(r, JSON.stringify(extra)).toMatchObject({ ok: false, code });
      if (!r.ok) expect(r.message).toMatch(/\w+ \w+/);
    }
    const { messages } = await call(seller.socket, 'sync:messages', {
      conversationId: conversationId(),
      afterSeq: 3,
    });
    expect(messages).toEqual([]);
  });

  it('a retraction ends the message’s changes; after the window nothing can be changed', async () => {
    clock += 60_000;
    expect(await send(seller, buyer, { change: { kind: 'retract', seq: 1 } })).toMatchObject({
      ok: true,
      value: { seq: 4 },
    });
    const again = await send(seller, buyer, { text: 'again', change: { kind: 'edit', seq: 1 } });
    expect(again).toMatchObject({ ok: false, code: 'bad_request' });
    expect(!again.ok && again.message).toMatch(/retracted/);
    expect(await send(seller, buyer, { change: { kind: 'retract', seq: 1 } })).toMatchObject({ ok: false });
    expect(await send(seller, buyer, { text: 'Wysyłka jutro', lang: 'pl' })).toMatchObject({
      value: { seq: 5 },
    });
    clock += 15 * 60_000 + 1;
    const late = await send(seller, buyer, { text: 'Wysyłka dziś', change: { kind: 'edit', seq: 5 } });
    expect(late).toMatchObject({ ok: false, code: 'forbidden' });
    expect(!late.ok && late.message).toMatch(/15 minutes/);
    clock -= 2;
    expect(
      await send(seller, buyer, { text: 'Wysyłka dziś', change: { kind: 'edit', seq: 5 } }),
    ).toMatchObject({
      ok: true,
      value: { seq: 6 },
    });
  });

  async function bundleOf(scope: Scope) {
    const att = await call(buyer.socket, 'evidence:attest', { conversationId: conversationId(), scope });
    const { messages } = await call(buyer.socket, 'sync:messages', {
      conversationId: conversationId(),
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
      claim: 'Price changed after agreement',
      disputeId: 'D-11',
      exportedAt: new Date(clock).toISOString(),
      exportedBy: buyer.memberId,
      partner: seller.memberId,
    });
    return { b, publicKey: att.publicKey, messages };
  }

  it('the bundle holds every version with its time and verifies; an order export takes the order’s changes along', async () => {
    const { b, publicKey } = await bundleOf({ kind: 'whole' });
    expect(b.evidence.messages.map((m) => [m.seq, m.change ?? null])).toEqual([
      [1, null],
      [2, null],
      [3, { kind: 'edit', seq: 1 }],
      [4, { kind: 'retract', seq: 1 }],
      [5, null],
      [6, { kind: 'edit', seq: 5 }],
    ]);
    expect(verifyZip(b.zip, { expectedKey: publicKey }).problems).toEqual([]);
    const report = strFromU8(b.files.get('report.html')!);
    expect(report).toContain('Retraction of <a href="#m-1">message #1</a>');
    expect(report).toMatch(
      /Versions: <a href="#m-1">#1<\/a> original 2026-03-02 02:00:00 UTC · <a href="#m-3">#3<\/a> edit [^·]+ · <a href="#m-4">#4<\/a> retraction/,
    );

    const byOrder = await bundleOf({ kind: 'order', orderNo: 'TW-7' });
    expect(byOrder.b.evidence.messages.map((m) => m.seq)).toEqual([1, 3, 4]);
    expect(verifyZip(byOrder.b.zip, { expectedKey: publicKey }).problems).toEqual([]);
  });

  it('a tampered edit history fails verification', async () => {
    const { b, publicKey } = await bundleOf({ kind: 'whole' });
    const tamper = (edit: (e: EvidenceJson) => void) => {
      const files = new Map(b.files);
      const e = JSON.parse(strFromU8(files.get('evidence.json')!)) as EvidenceJson;
      edit(e);
      files.set('evidence.json', strToU8(JSON.stringify(e)));
      return verifyBundle(files, { expectedKey: publicKey }).problems.map((p) => p.code);
    };
    // The edit's text rewritten; the edit made to point at another message; the edit dropped.
    expect(tamper((e) => (e.messages[2]!.text = '单价 2.00 美元'))).toContain('message_hash');
    expect(tamper((e) => (e.messages[5]!.change = { kind: 'edit', seq: 2 }))).toContain('message_hash');
    expect(tamper((e) => e.messages.splice(2, 1))).toContain('attestation_coverage');
    // The original replaced by the edited text (what erasing apps do) is caught too.
    expect(tamper((e) => (e.messages[0]!.text = e.messages[2]!.text))).toContain('message_hash');
  });

  it('old clients’ sends still work and carry no change', async () => {
    const r = (await send(buyer, seller, { text: 'OK' })) as { ok: true; value: { seq: number } };
    const { messages } = await call(seller.socket, 'sync:messages', {
      conversationId: conversationId(),
      afterSeq: r.value.seq - 1,
    });
    expect((messages[0] as Message).change).toBeNull();
  });
});
