/**
 * Message requests and the daily limit of new people (issue 11) against a real server on port 0,
 * on PGlite and PostgreSQL: a stranger's message to an "ask me first" user is stored and opens a
 * request that the recipient accepts, ignores or blocks; a policy "anyone" user is unaffected;
 * one account may write to only so many new people a day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../shared/protocol';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import {
  barrier,
  call,
  clientId,
  closeAll,
  once,
  record,
  request,
  secondDevice,
  signUp,
  type SignedIn,
} from '../helpers/client';

describe.each(BACKENDS)('message requests on %s', (backend) => {
  let t: TestServer;
  /** A server whose operator allows 2 new people a day. */
  let limited: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    limited = await startTestServer(backend, { newContactsPerDay: 2 });
  });
  afterAll(async () => {
    await limited?.close();
    await t?.close();
  });

  async function asker(prefix: string): Promise<SignedIn> {
    const seller = await signUp(t.url, prefix, { role: 'seller' });
    await call(seller.socket, 'profile:update', { contactPolicy: 'ask' });
    return seller;
  }

  const send = (who: SignedIn, to: string, text: string) =>
    request(who.socket, 'message:send', { to, clientId: clientId(), text });

  it('a stranger writes to an "ask me first" seller: stored, held as a request, accepted into contacts', async () => {
    const seller = await asker('rqs');
    const sellerB = await secondDevice(t.url, seller);
    const buyer = await signUp(t.url, 'rqb');
    const buyerB = await secondDevice(t.url, buyer);
    const conversationId = conversationIdFor(seller.memberId, buyer.memberId);

    // The request reaches the seller's devices before the message does.
    const sellerLog = record(seller.socket);
    const buyerHearsRequest = once(buyerB, 'contactRequest:changed');
    const delivered = once(seller.socket, 'message:new', (m) => m.seq === 1);
    const first = await send(buyer, seller.memberId, 'Hello, do you ship to Poland?');
    expect(first).toMatchObject({ ok: true, value: { seq: 1, duplicate: false } });
    await delivered;
    const order = sellerLog.events.map((e) => e.event).filter((e) => e !== 'presence:changed');
    expect(order).toEqual(['contactRequest:received', 'message:new']);
    expect(sellerLog.events[0]!.payload).toMatchObject({
      direction: 'incoming',
      state: 'pending',
      user: { memberId: buyer.memberId, displayName: `User ${buyer.memberId}` },
    });
    // Every device of the sender learns that it waits for acceptance (the sending one too).
    expect(await buyerHearsRequest).toMatchObject({
      direction: 'outgoing',
      state: 'pending',
      user: { memberId: seller.memberId },
    });

    // A second message joins the request: no new request event.
    expect(await send(buyer, seller.memberId, 'MOQ 300?')).toMatchObject({ ok: true, value: { seq: 2 } });
    await barrier(seller.socket);
    expect(sellerLog.events.filter((e) => e.event === 'contactRequest:received')).toHaveLength(1);

    // Stored as ordinary messages, in the conversation both sides sync.
    const page = await call(seller.socket, 'sync:messages', { conversationId, afterSeq: 0 });
    expect(page.messages.map((m) => m.text)).toEqual(['Hello, do you ship to Poland?', 'MOQ 300?']);
    expect(
      (await call(seller.socket, 'contactRequest:list', { all: true })).map((r) => [
        r.direction,
        r.state,
        r.user.memberId,
      ]),
    ).toEqual([['incoming', 'pending', buyer.memberId]]);
    expect(await call(buyer.socket, 'contactRequest:list', {})).toEqual([
      expect.objectContaining({ direction: 'outgoing', state: 'pending' }),
    ]);
    expect(await call(seller.socket, 'contact:list', {})).toEqual([]);

    // Accepting: contacts both ways; the buyer's devices hear it; the chat continues.
    const buyerAccepted = once(buyer.socket, 'contactRequest:changed', (r) => r.state === 'accepted');
    const otherDevice = once(sellerB, 'contactRequest:changed', (r) => r.state === 'accepted');
    await call(seller.socket, 'contactRequest:accept', { memberId: buyer.memberId });
    await buyerAccepted;
    await otherDevice;
    expect((await call(seller.socket, 'contact:list', {})).map((c) => c.user.memberId)).toEqual([
      buyer.memberId,
    ]);
    expect((await call(buyer.socket, 'contact:list', {})).map((c) => c.user.memberId)).toEqual([
      seller.memberId,
    ]);
    expect(await call(seller.socket, 'contactRequest:list', { all: true })).toEqual([]);
    const reply = await send(seller, buyer.memberId, 'Yes, 300 is fine.');
    expect(reply).toMatchObject({ ok: true, value: { seq: 3 } });
    closeAll(seller.socket, sellerB, buyer.socket, buyerB);
  });

  it('ignoring is silent: the sender still sees "pending" and may keep writing; nothing is lost', async () => {
    const seller = await asker('rqi');
    const buyer = await signUp(t.url, 'rqp');
    const requested = once(seller.socket, 'contactRequest:received');
    await send(buyer, seller.memberId, 'Cheap watches!');
    await requested;
    const buyerLog = record(buyer.socket);
    await call(seller.socket, 'contactRequest:decline', { memberId: buyer.memberId });
    await barrier(buyer.socket);
    expect(buyerLog.events.filter((e) => e.event.startsWith('contact'))).toEqual([]);
    expect(await call(buyer.socket, 'contactRequest:list', {})).toEqual([
      expect.objectContaining({ direction: 'outgoing', state: 'pending' }),
    ]);

    // Later messages are stored and delivered to the devices (which keep them out of sight), but
    // announce no new request.
    const sellerLog = record(seller.socket);
    const arrived = once(seller.socket, 'message:new', (m) => m.seq === 2);
    expect(await send(buyer, seller.memberId, 'Still there?')).toMatchObject({ ok: true, value: { seq: 2 } });
    await arrived;
    expect(sellerLog.events.filter((e) => e.event === 'contactRequest:received')).toEqual([]);
    // An older client's list leaves ignored requests out; `all` names them, so they stay hidden.
    expect(await call(seller.socket, 'contactRequest:list', {})).toEqual([]);
    expect(await call(seller.socket, 'contactRequest:list', { all: true })).toEqual([
      expect.objectContaining({ direction: 'incoming', state: 'declined' }),
    ]);
    // An ignored request may still be accepted later, and then the whole history is there.
    await call(seller.socket, 'contactRequest:accept', { memberId: buyer.memberId });
    const page = await call(seller.socket, 'sync:messages', {
      conversationId: conversationIdFor(seller.memberId, buyer.memberId),
      afterSeq: 0,
    });
    expect(page.messages.map((m) => m.text)).toEqual(['Cheap watches!', 'Still there?']);
    closeAll(seller.socket, buyer.socket);
  });

  it('blocking from a request: the sender is refused as before and sees nothing new', async () => {
    const seller = await asker('rqk');
    const buyer = await signUp(t.url, 'rqx');
    const requested = once(seller.socket, 'contactRequest:received');
    await send(buyer, seller.memberId, 'Buy followers');
    await requested;
    const buyerLog = record(buyer.socket);
    const blocked = await call(seller.socket, 'contact:block', { memberId: buyer.memberId, blocked: true });
    expect(blocked).toMatchObject({ blocked: true, user: { memberId: buyer.memberId } });
    expect(await send(buyer, seller.memberId, 'Hello?')).toMatchObject({ ok: false, code: 'blocked' });
    await barrier(buyer.socket);
    expect(buyerLog.events.filter((e) => e.event !== 'presence:changed')).toEqual([]);
    expect(await call(buyer.socket, 'contactRequest:list', {})).toEqual([
      expect.objectContaining({ direction: 'outgoing', state: 'pending' }),
    ]);
    // Not shown as a request; `all` names it (from someone I blocked) so clients keep it hidden.
    expect(await call(seller.socket, 'contactRequest:list', {})).toEqual([]);
    expect(
      (await call(seller.socket, 'contactRequest:list', { all: true })).map((r) => [
        r.direction,
        r.state,
        r.user.memberId,
      ]),
    ).toEqual([['incoming', 'pending', buyer.memberId]]);
    // Unblocked: the request is back, and the buyer may write again.
    await call(seller.socket, 'contact:block', { memberId: buyer.memberId, blocked: false });
    expect(await call(seller.socket, 'contactRequest:list', {})).toHaveLength(1);
    expect(await send(buyer, seller.memberId, 'Sorry.')).toMatchObject({ ok: true, value: { seq: 2 } });
    closeAll(seller.socket, buyer.socket);
  });

  it('writing back accepts; a policy "anyone" user gets no request at all', async () => {
    const seller = await asker('rqw');
    const buyer = await signUp(t.url, 'rqa');
    const requested = once(seller.socket, 'contactRequest:received');
    await send(buyer, seller.memberId, 'Hi');
    await requested;
    const buyerAccepted = once(buyer.socket, 'contactRequest:changed', (r) => r.state === 'accepted');
    expect(await send(seller, buyer.memberId, 'Hello!')).toMatchObject({ ok: true });
    await buyerAccepted;
    expect((await call(seller.socket, 'contact:list', {})).map((c) => c.user.memberId)).toEqual([
      buyer.memberId,
    ]);

    // Policy "anyone" (the default): messages arrive as always, no request, no event.
    const open = await signUp(t.url, 'rqo', { role: 'seller' });
    const openLog = record(open.socket);
    const arrived = once(open.socket, 'message:new');
    expect(await send(buyer, open.memberId, 'Hi there')).toMatchObject({ ok: true, value: { seq: 1 } });
    await arrived;
    await barrier(open.socket);
    expect(openLog.events.map((e) => e.event).filter((e) => e.startsWith('contact'))).toEqual([]);
    expect(await call(open.socket, 'contactRequest:list', { all: true })).toEqual([]);
    expect(await call(buyer.socket, 'contactRequest:list', { all: true })).toEqual([
      // Only the accepted request is gone; nothing towards the open seller.
    ]);

    // An "ask me first" seller writing first to a stranger: the stranger's reply is no request.
    const other = await signUp(t.url, 'rqr');
    expect(await send(seller, other.memberId, 'We make LED strips.')).toMatchObject({ ok: true });
    const sellerLog = record(seller.socket);
    expect(await send(other, seller.memberId, 'Tell me more')).toMatchObject({ ok: true });
    await barrier(seller.socket);
    expect(sellerLog.events.filter((e) => e.event === 'contactRequest:received')).toEqual([]);
    closeAll(seller.socket, buyer.socket, open.socket, other.socket);
  });

  it('the daily limit of new people: rate_limited with the wait; contacts and ongoing chats unaffected', async () => {
    const spammer = await signUp(limited.url, 'rql');
    const friend = await signUp(limited.url, 'rqf');
    const targets = await Promise.all([1, 2, 3].map(() => signUp(limited.url, 'rqt')));
    // Someone who lists me is no new person.
    await call(friend.socket, 'contact:add', { memberId: spammer.memberId });
    const to = (who: SignedIn, text: string) => send(spammer, who.memberId, text);

    expect(await to(targets[0]!, 'one')).toMatchObject({ ok: true });
    expect(await to(targets[1]!, 'two')).toMatchObject({ ok: true });
    const third = await to(targets[2]!, 'three');
    expect(third).toMatchObject({ ok: false, code: 'rate_limited', details: { limit: 'newContactsPerDay' } });
    if (third.ok) throw new Error('expected a refusal');
    const wait = (third.details as { retryAfterMs: number }).retryAfterMs;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(24 * 3600 * 1000);
    expect(third.message).toMatch(/2 new people today/);
    // Nothing was stored for the refused one.
    const convs = await call(spammer.socket, 'sync:conversations', {});
    expect(convs.map((c) => c.id).sort()).toEqual(
      [targets[0]!, targets[1]!].map((p) => conversationIdFor(spammer.memberId, p.memberId)).sort(),
    );
    // Ongoing conversations and people who list me are not limited.
    expect(await to(targets[0]!, 'one again')).toMatchObject({ ok: true, value: { seq: 2 } });
    expect(await to(friend, 'hi friend')).toMatchObject({ ok: true });
    // The limit is per account: someone else writes to the third target freely.
    expect(await send(friend, targets[2]!.memberId, 'hello')).toMatchObject({ ok: true });
    closeAll(spammer.socket, friend.socket, ...targets.map((p) => p.socket));
  });
});
