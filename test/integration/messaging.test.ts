import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConversationSummary, conversationIdFor, type Message } from '../../shared/protocol';
import {
  CONVERSATIONS_OF,
  CONVERSATIONS_PAGE,
  conversationsOf,
  toSummary,
  type ConversationRow,
} from '../../server/src/features/messages/service';
import { JsonText } from '../../server/src/platform/socket/jsonText';
import { chainHash, hexToBytes } from '../../shared/evidence/chain';
import { expectChained } from '../helpers/history';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import {
  barrier,
  call,
  clientId,
  closeAll,
  connect,
  once,
  record,
  request,
  secondDevice,
  signUp,
  uniqueId,
  type Client,
  type SignedIn,
} from '../helpers/client';

/** Fetches a whole conversation through sync:messages, page by page. */
async function syncAll(
  socket: Client,
  conversationId: string,
  pageSize: number,
  afterSeq = 0,
): Promise<{ messages: Message[]; pages: number }> {
  const messages: Message[] = [];
  let pages = 0;
  let after = afterSeq;
  for (;;) {
    const page = await call(socket, 'sync:messages', { conversationId, afterSeq: after, limit: pageSize });
    pages++;
    messages.push(...page.messages);
    if (!page.hasMore) return { messages, pages };
    after = page.messages[page.messages.length - 1]!.seq;
  }
}

describe.each(BACKENDS)('contacts and messages on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function pair(): Promise<[SignedIn, SignedIn]> {
    const buyer = await signUp(t.url, 'buyer', { profile: { timeZone: 'Europe/Warsaw', languages: ['pl'] } });
    const seller = await signUp(t.url, 'seller', {
      role: 'seller',
      profile: { timeZone: 'Asia/Shanghai', languages: ['zh'] },
    });
    return [buyer, seller];
  }

  it('looks users up by exact member id and manages contacts (one-directional, synced to other devices)', async () => {
    const [buyer, seller] = await pair();
    const found = await call(buyer.socket, 'user:lookup', { memberId: seller.memberId });
    expect(found).toMatchObject({
      memberId: seller.memberId,
      role: 'seller',
      profile: { timeZone: 'Asia/Shanghai' },
    });
    expect(await request(buyer.socket, 'user:lookup', { memberId: uniqueId('ghost') })).toMatchObject({
      ok: false,
      code: 'not_found',
    });

    const laptop = await secondDevice(t.url, buyer);
    const changed = once(laptop, 'contact:changed');
    const contact = await call(buyer.socket, 'contact:add', { memberId: seller.memberId });
    expect(contact).toMatchObject({
      user: { memberId: seller.memberId },
      blocked: false,
      groupId: null,
      pinned: false,
      note: '',
    });
    expect(contact.presence).toMatchObject({ memberId: seller.memberId, state: 'online', lastSeen: null });
    expect(await changed).toMatchObject({ kind: 'upsert', contact: { user: { memberId: seller.memberId } } });

    expect((await call(buyer.socket, 'contact:list', {})).map((c) => c.user.memberId)).toEqual([
      seller.memberId,
    ]);
    // One-directional: the seller's list is still empty.
    expect(await call(seller.socket, 'contact:list', {})).toEqual([]);
    expect(await request(buyer.socket, 'contact:add', { memberId: buyer.memberId })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    expect(await request(buyer.socket, 'contact:add', { memberId: uniqueId('ghost') })).toMatchObject({
      ok: false,
      code: 'not_found',
    });

    const removed = once(laptop, 'contact:changed');
    expect(await call(buyer.socket, 'contact:remove', { memberId: seller.memberId })).toEqual({});
    expect(await removed).toEqual({ kind: 'removed', memberId: seller.memberId });
    expect(await call(buyer.socket, 'contact:list', {})).toEqual([]);
    expect(await request(buyer.socket, 'contact:remove', { memberId: seller.memberId })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    closeAll(buyer.socket, seller.socket, laptop);
  });

  it('delivers messages both ways in seq order, to the other devices of the sender too', async () => {
    const [buyer, seller] = await pair();
    const buyerLaptop = await secondDevice(t.url, buyer);
    const conversationId = conversationIdFor(buyer.memberId, seller.memberId);

    const atSeller = once(seller.socket, 'message:new');
    const atLaptop = once(buyerLaptop, 'message:new');
    const log = record(buyer.socket);
    const ack1 = await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: clientId(),
      text: 'What is the MOQ?',
      lang: 'en',
    });
    expect(ack1).toMatchObject({ conversationId, seq: 1, duplicate: false });
    const m1 = await atSeller;
    expect(m1).toMatchObject({
      conversationId,
      seq: 1,
      sender: buyer.memberId,
      text: 'What is the MOQ?',
      lang: 'en',
      hash: ack1.hash,
      sentAt: ack1.sentAt,
    });
    expect(await atLaptop).toEqual(m1);

    const atBuyer = once(buyer.socket, 'message:new');
    const ack2 = await call(seller.socket, 'message:send', {
      to: buyer.memberId,
      clientId: clientId(),
      text: '最小起订量是500件。',
      lang: 'zh',
      order: { orderNo: 'PO-77', quantity: 500 },
    });
    expect(ack2.seq).toBe(2);
    const m2 = await atBuyer;
    expect(m2).toMatchObject({
      seq: 2,
      sender: seller.memberId,
      order: { orderNo: 'PO-77', quantity: 500 },
      prevHash: m1.hash,
    });
    // The sending socket got an ack, not a copy of its own message.
    await barrier(buyer.socket);
    expect(
      log.events.filter((e) => e.event === 'message:new').map((e) => (e.payload as Message).seq),
    ).toEqual([2]);

    // Many quick sends keep a gapless order.
    const acks = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(buyer.socket, 'message:send', { to: seller.memberId, clientId: clientId(), text: `line ${i}` }),
      ),
    );
    expect(acks.map((a) => a.seq).sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

    const summaries = await call(seller.socket, 'sync:conversations', {});
    expect(summaries).toEqual([
      expect.objectContaining({
        id: conversationId,
        lastSeq: 12,
        participants: [buyer.memberId, seller.memberId].sort(),
        // Created by its first message, at the time that message was accepted, written as
        // `toISOString` writes it (the store formats it: docs/protocol.md § Sync).
        createdAt: m1.sentAt,
        receipts: {
          [buyer.memberId]: { delivered: 0, read: 0 },
          [seller.memberId]: { delivered: 0, read: 0 },
        },
      }),
    ]);
    expect(summaries[0]!.createdAt).toBe(new Date(summaries[0]!.createdAt).toISOString());
    closeAll(buyer.socket, seller.socket, buyerLaptop);
  });

  it('de-duplicates a re-sent clientId and acks the stored message', async () => {
    const [buyer, seller] = await pair();
    const id = clientId();
    const first = await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: id,
      text: 'Samples please',
    });
    const again = await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: id,
      text: 'Samples please',
    });
    expect(again).toEqual({ ...first, duplicate: true });
    const next = await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: clientId(),
      text: 'And a catalogue',
    });
    expect(next.seq).toBe(first.seq + 1);
    const { messages } = await syncAll(seller.socket, first.conversationId, 50);
    expect(messages.map((m) => m.text)).toEqual(['Samples please', 'And a catalogue']);
    closeAll(buyer.socket, seller.socket);
  });

  it('acks a resend whose first ack was lost as a duplicate, even after the recipient blocked the sender', async () => {
    const [buyer, seller] = await pair();
    const id = clientId();
    const first = await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: id,
      text: 'Deposit sent',
    });
    // The ack never reached the buyer's outbox; meanwhile the seller blocks the buyer.
    await call(seller.socket, 'contact:block', { memberId: buyer.memberId, blocked: true });
    const again = await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: id,
      text: 'Deposit sent',
    });
    expect(again).toEqual({ ...first, duplicate: true });
    // A new message is refused as before.
    expect(
      await request(buyer.socket, 'message:send', {
        to: seller.memberId,
        clientId: clientId(),
        text: 'hello?',
      }),
    ).toMatchObject({
      ok: false,
      code: 'blocked',
    });
    closeAll(buyer.socket, seller.socket);
  });

  it('stores messages for an offline user and delivers them through sync after reconnect, paged', async () => {
    const [buyer, seller] = await pair();
    const conversationId = conversationIdFor(buyer.memberId, seller.memberId);
    await call(buyer.socket, 'message:send', { to: seller.memberId, clientId: clientId(), text: 'before' });
    const seen = await syncAll(seller.socket, conversationId, 50);
    const cursor = seen.messages[seen.messages.length - 1]!.seq;
    closeAll(seller.socket); // seller goes offline

    for (let i = 0; i < 7; i++) {
      await call(buyer.socket, 'message:send', {
        to: seller.memberId,
        clientId: clientId(),
        text: `offline ${i}`,
      });
    }
    const back = await connect(t.url, seller.session.token);
    const summaries = await call(back, 'sync:conversations', {});
    expect(summaries.find((c) => c.id === conversationId)?.lastSeq).toBe(8);
    const caught = await syncAll(back, conversationId, 3, cursor);
    expect(caught.pages).toBe(3);
    expect(caught.messages.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(caught.messages.map((m) => m.text)).toEqual(Array.from({ length: 7 }, (_, i) => `offline ${i}`));
    const empty = await call(back, 'sync:messages', { conversationId, afterSeq: 8 });
    expect(empty).toEqual({ messages: [], hasMore: false });
    closeAll(buyer.socket, back);
  });

  it('records delivered/read receipts monotonically and tells both participants', async () => {
    const [buyer, seller] = await pair();
    const conversationId = conversationIdFor(buyer.memberId, seller.memberId);
    for (let i = 0; i < 3; i++)
      await call(buyer.socket, 'message:send', { to: seller.memberId, clientId: clientId(), text: `m${i}` });

    const atBuyer = once(buyer.socket, 'receipt:updated');
    const delivered = await call(seller.socket, 'message:receipt', {
      conversationId,
      kind: 'delivered',
      upToSeq: 3,
    });
    expect(delivered).toEqual({ conversationId, memberId: seller.memberId, delivered: 3, read: 0 });
    expect(await atBuyer).toEqual(delivered);

    const readAt = once(buyer.socket, 'receipt:updated', (r) => r.read > 0);
    expect(
      await call(seller.socket, 'message:receipt', { conversationId, kind: 'read', upToSeq: 2 }),
    ).toMatchObject({ delivered: 3, read: 2 });
    expect(await readAt).toMatchObject({ memberId: seller.memberId, read: 2 });
    // Lower values never go back.
    expect(
      await call(seller.socket, 'message:receipt', { conversationId, kind: 'read', upToSeq: 1 }),
    ).toMatchObject({ delivered: 3, read: 2 });
    // Beyond the last message is refused; strangers cannot send receipts.
    expect(
      await request(seller.socket, 'message:receipt', { conversationId, kind: 'read', upToSeq: 99 }),
    ).toMatchObject({ ok: false, code: 'bad_request' });
    const stranger = await signUp(t.url, 'stranger');
    expect(
      await request(stranger.socket, 'message:receipt', { conversationId, kind: 'read', upToSeq: 1 }),
    ).toMatchObject({ ok: false, code: 'forbidden' });

    const [summary] = await call(buyer.socket, 'sync:conversations', {});
    expect(summary?.receipts[seller.memberId]).toEqual({ delivered: 3, read: 2 });
    expect(summary?.receipts[buyer.memberId]).toEqual({ delivered: 0, read: 0 });
    closeAll(buyer.socket, seller.socket, stranger.socket);
  });

  it('pages sync:conversations by id when asked for a limit, and still answers {} with the whole list', async () => {
    const seller = await signUp(t.url, 'seller', { role: 'seller' });
    const buyers = [];
    for (let i = 0; i < 5; i++) buyers.push(await signUp(t.url, `pager${i}`));
    for (const b of buyers)
      await call(b.socket, 'message:send', { to: seller.memberId, clientId: clientId(), text: 'hello' });
    const all = await call(seller.socket, 'sync:conversations', {});
    const ids = all.map((c) => c.id);
    expect([...ids].sort()).toEqual(buyers.map((b) => conversationIdFor(b.memberId, seller.memberId)).sort());

    const paged: string[] = [];
    const sizes: number[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await call(seller.socket, 'sync:conversations', { limit: 2, after });
      sizes.push(page.length);
      paged.push(...page.map((c) => c.id));
      if (page.length < 2) break;
      after = page.at(-1)!.id;
    }
    expect(sizes).toEqual([2, 2, 1]);
    // Id order, no duplicates, nothing missing; a page carries the same summaries as the whole list.
    expect(paged).toEqual([...ids].sort());
    const [first] = await call(seller.socket, 'sync:conversations', { limit: 1 });
    expect(first).toEqual(all.find((c) => c.id === paged[0]));
    // PGlite writes the answer's JSON (JsonText): the same JSON value as the summaries of
    // PostgreSQL's rows, in the same order, whole list and page alike.
    const rowPath = async (page: { limit?: number; after?: string }) =>
      (page.limit === undefined
        ? await t.store.query<ConversationRow>(CONVERSATIONS_OF, [seller.memberId])
        : await t.store.query<ConversationRow>(CONVERSATIONS_PAGE, [seller.memberId, page.after, page.limit])
      ).map(toSummary);
    for (const page of [{}, { limit: 2, after: paged[0]! }]) {
      const answer = await conversationsOf(t.store, seller.memberId, page);
      expect(answer instanceof JsonText).toBe(backend === 'pglite');
      const parsed = z.array(ConversationSummary).parse(JSON.parse(JSON.stringify(answer)));
      expect(parsed).toEqual(await rowPath(page));
      expect(parsed).toEqual(await call(seller.socket, 'sync:conversations', page));
    }
    // `after` alone is refused (a client that pages says how much it wants).
    expect(await request(seller.socket, 'sync:conversations', { after: paged[0] })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    closeAll(seller.socket, ...buyers.map((b) => b.socket));
  });

  it('answers sync:conversations with valid JSON whatever characters a stored id holds', async () => {
    // No writer stores such ids (member ids are letters, digits, . - _); rows written by other
    // means must still not spoil the answer for the member who has them.
    const seller = await signUp(t.url, 'oddids', { role: 'seller' });
    const odd = ['q"uote', 'back\\slash', 'tab\tnew\nline', 'bell\u0007x', 'ünï 中'];
    for (const [i, other] of odd.entries()) {
      await t.store.query(
        `insert into users (member_id, display_name, password_hash, role, member_since)
         values ($1, 'x', 'x', 'buyer', now()) on conflict do nothing`,
        [other],
      );
      await t.store.query(
        `insert into conversations (id, member_a, member_b, head_hash, created_at)
         values ($1, $2, $3, 'x', now() + make_interval(secs => $4))`,
        [`odd:${other}:${seller.memberId}`, other, seller.memberId, i],
      );
    }
    const all = await call(seller.socket, 'sync:conversations', {});
    expect(all.map((c) => c.participants[0])).toEqual(odd);
    expect(all.map((c) => Object.keys(c.receipts))).toEqual(odd.map((o) => [o, seller.memberId]));
    const page = await call(seller.socket, 'sync:conversations', { limit: 10 });
    expect(page.map((c) => c.id).sort()).toEqual(all.map((c) => c.id).sort());
    closeAll(seller.socket);
  });

  it('relays typing to the partner only', async () => {
    const [buyer, seller] = await pair();
    await call(buyer.socket, 'message:send', { to: seller.memberId, clientId: clientId(), text: 'hello' });
    const typing = once(seller.socket, 'typing:changed');
    expect(await call(buyer.socket, 'typing:set', { to: seller.memberId, typing: true })).toEqual({});
    expect(await typing).toEqual({
      conversationId: conversationIdFor(buyer.memberId, seller.memberId),
      memberId: buyer.memberId,
      typing: true,
    });
    const stopped = once(seller.socket, 'typing:changed', (e) => !e.typing);
    await call(buyer.socket, 'typing:set', { to: seller.memberId, typing: false });
    expect((await stopped).typing).toBe(false);
    closeAll(buyer.socket, seller.socket);
  });

  it('relays typing only within a conversation or to someone who lists the typist, never to a stranger', async () => {
    const [buyer, seller] = await pair();
    const stranger = await signUp(t.url, 'stranger');
    const log = record(stranger.socket);
    // A member id that exists is not enough: ok for the typist, nothing for the stranger.
    expect(await call(buyer.socket, 'typing:set', { to: stranger.memberId, typing: true })).toEqual({});
    // The same connection delivers in order: a message sent afterwards arrives after any typing event.
    const arrived = once(stranger.socket, 'message:new');
    await call(buyer.socket, 'message:send', {
      to: stranger.memberId,
      clientId: clientId(),
      text: 'Do you sell valves?',
    });
    await arrived;
    expect(log.events.map((e) => e.event)).toEqual(['message:new']);
    // Now there is a conversation: typing reaches them.
    const typingNow = once(stranger.socket, 'typing:changed');
    await call(buyer.socket, 'typing:set', { to: stranger.memberId, typing: true });
    expect(await typingNow).toMatchObject({ memberId: buyer.memberId, typing: true });

    // No conversation, but the seller lists the buyer as a contact: typing reaches the seller.
    await call(seller.socket, 'contact:add', { memberId: buyer.memberId });
    const sellerTyping = once(seller.socket, 'typing:changed');
    await call(buyer.socket, 'typing:set', { to: seller.memberId, typing: true });
    expect(await sellerTyping).toMatchObject({ memberId: buyer.memberId, typing: true });
    // The other way round (the seller is in nobody's list of the buyer's): not relayed.
    const buyerLog = record(buyer.socket);
    await call(seller.socket, 'typing:set', { to: buyer.memberId, typing: true });
    await barrier(buyer.socket);
    expect(buyerLog.events.filter((e) => e.event === 'typing:changed')).toEqual([]);
    closeAll(buyer.socket, seller.socket, stranger.socket);
  });

  it('pushes profile changes to my other devices and to users who list me, not to strangers or users I blocked', async () => {
    const [fan, seller] = await pair();
    const laptop = await secondDevice(t.url, seller);
    const blockedFan = await signUp(t.url, 'blockedfan');
    const stranger = await signUp(t.url, 'stranger');
    const partner = await signUp(t.url, 'partner'); // talks with the seller but does not list them
    await call(fan.socket, 'contact:add', { memberId: seller.memberId });
    await call(fan.socket, 'contact:pin', { memberId: seller.memberId, pinned: true });
    await call(blockedFan.socket, 'contact:add', { memberId: seller.memberId });
    await call(seller.socket, 'contact:block', { memberId: blockedFan.memberId, blocked: true });
    await call(partner.socket, 'message:send', { to: seller.memberId, clientId: clientId(), text: 'hi' });
    const logs = [blockedFan, stranger, partner].map((u) => ({ u, log: record(u.socket) }));
    const ownLog = record(seller.socket);

    const onLaptop = once(laptop, 'profile:changed');
    const atFan = once(fan.socket, 'contact:changed');
    const me = await call(seller.socket, 'profile:update', {
      displayName: 'Li Wei Valves',
      profile: { company: 'Wenzhou Valves' },
    });
    expect(await onLaptop).toEqual(me);
    const change = await atFan;
    expect(change.kind).toBe('upsert');
    const card = change.kind === 'upsert' ? change.contact : null;
    expect(card?.user).toEqual({
      memberId: seller.memberId,
      displayName: 'Li Wei Valves',
      role: me.role,
      profile: me.profile,
      memberSince: me.memberSince,
    });
    // The fan's own placement is kept; presence as the fan may see it.
    expect(card).toMatchObject({
      pinned: true,
      blocked: false,
      presence: { memberId: seller.memberId, state: 'online' },
    });
    // Nobody else heard of it: barriers prove everything sent before has arrived.
    for (const { u, log } of logs) {
      await barrier(u.socket);
      expect(
        log.events.filter((e) => e.event === 'contact:changed' || e.event === 'profile:changed'),
      ).toEqual([]);
    }
    await barrier(seller.socket);
    expect(ownLog.events.filter((e) => e.event === 'profile:changed')).toEqual([]); // the ack is enough
    // A change of private settings only (reading language) is not a card change: contacts hear nothing.
    const fanLog = record(fan.socket);
    const laptopAgain = once(laptop, 'profile:changed');
    await call(seller.socket, 'profile:update', { readLanguage: 'en' });
    expect((await laptopAgain).readLanguage).toBe('en');
    await barrier(fan.socket);
    expect(fanLog.events.filter((e) => e.event === 'contact:changed')).toEqual([]);
    closeAll(seller.socket, fan.socket, laptop, blockedFan.socket, stranger.socket, partner.socket);
  });

  it('lets only participants read a conversation', async () => {
    const [buyer, seller] = await pair();
    const eve = await signUp(t.url, 'eve');
    const ack = await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: clientId(),
      text: 'price list attached',
    });
    expect(
      await request(eve.socket, 'sync:messages', { conversationId: ack.conversationId, afterSeq: 0 }),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(
      await request(eve.socket, 'sync:messages', { conversationId: 'garbage', afterSeq: 0 }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await call(eve.socket, 'sync:conversations', {})).toEqual([]);
    expect(
      await request(buyer.socket, 'message:send', { to: buyer.memberId, clientId: clientId(), text: 'me' }),
    ).toMatchObject({ ok: false, code: 'bad_request' });
    expect(
      await request(buyer.socket, 'message:send', {
        to: uniqueId('ghost'),
        clientId: clientId(),
        text: 'hello?',
      }),
    ).toMatchObject({ ok: false, code: 'not_found' });
    closeAll(buyer.socket, seller.socket, eve.socket);
  });

  it('refuses messages to someone who blocked you, and typing is not relayed', async () => {
    const [buyer, seller] = await pair();
    await call(buyer.socket, 'message:send', { to: seller.memberId, clientId: clientId(), text: 'first' });
    const blocked = await call(seller.socket, 'contact:block', { memberId: buyer.memberId, blocked: true });
    expect(blocked).toMatchObject({ blocked: true, user: { memberId: buyer.memberId } });

    expect(
      await request(buyer.socket, 'message:send', {
        to: seller.memberId,
        clientId: clientId(),
        text: 'hello?',
      }),
    ).toMatchObject({
      ok: false,
      code: 'blocked',
    });
    expect(
      await request(seller.socket, 'message:send', { to: buyer.memberId, clientId: clientId(), text: 'x' }),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const log = record(seller.socket);
    expect(await call(buyer.socket, 'typing:set', { to: seller.memberId, typing: true })).toEqual({});
    await barrier(seller.socket);
    expect(log.events.filter((e) => e.event === 'typing:changed')).toEqual([]);

    // Unblocked: messages flow again; a block-only entry leaves the list.
    const unblocked = await call(seller.socket, 'contact:block', {
      memberId: buyer.memberId,
      blocked: false,
    });
    expect(unblocked.blocked).toBe(false);
    expect(await call(seller.socket, 'contact:list', {})).toEqual([]);
    expect(
      (await call(buyer.socket, 'message:send', { to: seller.memberId, clientId: clientId(), text: 'again' }))
        .seq,
    ).toBe(2);
    closeAll(buyer.socket, seller.socket);
  });

  it('accepts attachment references only to bytes the sender uploaded, with the server-sniffed type and size', async () => {
    const [buyer, seller] = await pair();
    // A hash nobody uploaded, and one the seller uploaded but the buyer never saw: both refused.
    const unknown = await request(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: clientId(),
      text: 'see photo',
      attachments: [{ sha256: 'b'.repeat(64), name: 'x.jpg', mime: 'image/jpeg', size: 1 }],
    });
    expect(unknown).toMatchObject({ ok: false, code: 'not_found' });
    const png = await uploadPng(seller.session.token);
    const foreign = await request(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: clientId(),
      text: 'see photo',
      attachments: [{ ...png, name: 'stolen.png', mime: 'image/png' }],
    });
    expect(foreign).toMatchObject({ ok: false, code: 'not_found' });
    // The uploader may send it; the stored reference carries the server's type and size, not the claim.
    await call(seller.socket, 'message:send', {
      to: buyer.memberId,
      clientId: clientId(),
      text: 'photo',
      attachments: [{ sha256: png.sha256, name: 'photo.png', mime: 'application/x-claimed', size: 1 }],
    });
    const { messages } = await syncAll(buyer.socket, conversationIdFor(buyer.memberId, seller.memberId), 200);
    expect(messages.at(-1)?.attachments).toEqual([
      { sha256: png.sha256, name: 'photo.png', mime: 'image/png', size: png.size },
    ]);
    // The connection survived the refusals.
    expect(buyer.socket.connected).toBe(true);
    closeAll(buyer.socket, seller.socket);
  });

  /** Uploads a small PNG over HTTP as the given session; returns its hash and size. */
  async function uploadPng(token: string): Promise<{ sha256: string; size: number }> {
    const bytes = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(64)]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const res = await fetch(`${t.url}/api/attachments/${sha256}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(res.status).toBeLessThan(300);
    return { sha256, size: bytes.length };
  }

  it('chains and signs every message so that anyone with the public key can verify it', async () => {
    const [buyer, seller] = await pair();
    const photo = await uploadPng(seller.session.token);
    for (let i = 0; i < 4; i++) {
      const [from, to] = i % 2 === 0 ? [buyer, seller] : [seller, buyer];
      await call(from.socket, 'message:send', {
        to: to.memberId,
        clientId: clientId(),
        text: `message ${i}`,
        lang: 'en',
        translation: i === 0 ? { text: `wiadomość ${i}`, lang: 'pl' } : undefined,
        attachments:
          i === 1
            ? [{ sha256: photo.sha256, name: 'photo.png', mime: 'image/png', size: photo.size }]
            : undefined,
      });
    }
    const conversationId = conversationIdFor(buyer.memberId, seller.memberId);
    const { messages } = await syncAll(buyer.socket, conversationId, 200);
    expect(messages).toHaveLength(4);

    const keyRes = await fetch(`${t.url}/.well-known/tradewind/server-key.json`);
    const key = (await keyRes.json()) as { alg: string; publicKey: string; keyId: string };
    expect(key.alg).toBe('Ed25519');
    const publicKey = hexToBytes(key.publicKey);

    expectChained(conversationId, messages, publicKey);
    // Tampering is detectable: a changed text no longer hashes to the signed value.
    const forged = { ...messages[1]!, text: 'message 1 (edited)' };
    expect(chainHash(forged.prevHash, forged)).not.toBe(forged.hash);
    closeAll(buyer.socket, seller.socket);
  });
});
