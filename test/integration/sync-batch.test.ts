/**
 * `sync:batch` (issue 10, docs/protocol.md § Sync): many conversations' catch-up in one request,
 * on PGlite and PostgreSQL — every page is what `sync:messages` answers for the same cursor, the
 * answer's message budget is handed out in the cursors' order and paging on `hasMore` gets every
 * message exactly once; a foreign conversation refuses the whole request as `sync:messages` does;
 * bad input is `bad_request` / `too_large` naming the field, never `internal`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, conversationIdFor, type Message, type SyncCursor } from '../../shared/protocol';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import { appendChained, signUpMany } from '../helpers/history';
import {
  call,
  clientId,
  closeAll,
  connect,
  rawRequest,
  request,
  signUp,
  type Client,
  type SignedIn,
} from '../helpers/client';

/** A conversation's whole history through sync:messages (the reference answer). */
async function viaSyncMessages(socket: Client, conversationId: string, afterSeq = 0): Promise<Message[]> {
  const out: Message[] = [];
  for (;;) {
    const page = await call(socket, 'sync:messages', {
      conversationId,
      afterSeq: out.at(-1)?.seq ?? afterSeq,
    });
    out.push(...page.messages);
    if (!page.hasMore) return out;
  }
}

describe.each(BACKENDS)('sync:batch on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a page per cursor, in order, each as sync:messages answers it', async () => {
    const seller = await signUp(t.url, 'batch-seller', { role: 'seller' });
    const buyers = await signUpMany(t.url, 3, 'batch-buyer');
    const [a, b, c] = await Promise.all(
      buyers.map((buyer, i) => appendChained(t, seller.memberId, buyer.memberId, [3, 5, 1][i] ?? 1)),
    );
    // A live message too: the batch reads what the send path stored, as sync:messages does.
    const ack = await call(buyers[2]!.socket, 'message:send', {
      to: seller.memberId,
      clientId: clientId(),
      text: 'live one',
    });
    expect(ack.seq).toBe(2);
    // Mine, but without messages yet.
    const empty = conversationIdFor(seller.memberId, (await signUp(t.url, 'batch-quiet')).memberId);

    const cursors: SyncCursor[] = [
      { conversationId: b!, afterSeq: 2 },
      { conversationId: a!, afterSeq: 0 },
      { conversationId: empty, afterSeq: 0 },
      { conversationId: c!, afterSeq: 0 },
    ];
    const { pages } = await call(seller.socket, 'sync:batch', { cursors });
    expect(pages.map((p) => p.conversationId)).toEqual([b, a, empty, c]);
    for (const [i, cursor] of cursors.entries()) {
      const single = await call(seller.socket, 'sync:messages', cursor);
      expect(pages[i]).toEqual({ conversationId: cursor.conversationId, ...single });
    }
    expect(pages.map((p) => p.messages.map((m) => m.seq))).toEqual([[3, 4, 5], [1, 2, 3], [], [1, 2]]);
    expect(pages.every((p) => !p.hasMore)).toBe(true);
    expect(pages[3]?.messages[1]?.text).toBe('live one');

    // `limit` is per conversation; beyond the last seq is an empty page.
    const small = await call(seller.socket, 'sync:batch', {
      cursors: [
        { conversationId: b!, afterSeq: 0 },
        { conversationId: a!, afterSeq: 3 },
        { conversationId: c!, afterSeq: 1 },
      ],
      limit: 2,
    });
    expect(small.pages.map((p) => [p.messages.map((m) => m.seq), p.hasMore])).toEqual([
      [[1, 2], true],
      [[], false],
      [[2], false],
    ]);
    // The buyer sees the same conversation from the other side.
    const theirs = await call(buyers[0]!.socket, 'sync:batch', {
      cursors: [{ conversationId: a!, afterSeq: 1 }],
    });
    expect(theirs.pages[0]?.messages.map((m) => m.seq)).toEqual([2, 3]);
    closeAll(seller.socket, ...buyers.map((x) => x.socket));
  });

  it('hands out at most 1000 messages per answer, in the cursors order; paging on hasMore gets each once', async () => {
    const seller = await signUp(t.url, 'budget-seller', { role: 'seller' });
    const buyers = await signUpMany(t.url, 6, 'budget-buyer');
    const ids: string[] = [];
    for (const buyer of buyers) ids.push(await appendChained(t, seller.memberId, buyer.memberId, 250));

    const first = await call(seller.socket, 'sync:batch', {
      cursors: ids.map((conversationId) => ({ conversationId, afterSeq: 0 })),
    });
    const sizes = first.pages.map((p) => p.messages.length);
    expect(sizes).toEqual([200, 200, 200, 200, 200, 0]);
    expect(sizes.reduce((x, y) => x + y, 0)).toBe(LIMITS.syncBatchMessages);
    expect(first.pages.every((p) => p.hasMore)).toBe(true);

    // A client's loop: ask again after the last seq received, until no page has more.
    const got = new Map<string, Message[]>(ids.map((id) => [id, []]));
    let pending = ids.map((conversationId) => ({ conversationId, afterSeq: 0 }));
    for (let rounds = 0; pending.length > 0; rounds++) {
      expect(rounds).toBeLessThan(10);
      const { pages } = await call(seller.socket, 'sync:batch', { cursors: pending });
      const next: SyncCursor[] = [];
      for (const [i, page] of pages.entries()) {
        got.get(page.conversationId)!.push(...page.messages);
        const afterSeq = page.messages.at(-1)?.seq ?? pending[i]!.afterSeq;
        if (page.hasMore) next.push({ conversationId: page.conversationId, afterSeq });
      }
      pending = next;
    }
    for (const id of ids) expect(got.get(id)).toEqual(await viaSyncMessages(seller.socket, id));

    // `limit` up to the whole answer (issue 10): one conversation's page of 1000 in one answer,
    // and the budget still caps the answer over several.
    const one = await appendChained(t, seller.memberId, (await signUp(t.url, 'budget-long')).memberId, 1200);
    const long = await call(seller.socket, 'sync:batch', {
      cursors: [{ conversationId: one, afterSeq: 0 }],
      limit: LIMITS.syncBatchMessages,
    });
    expect(long.pages[0]?.messages.map((m) => m.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(long.pages[0]?.hasMore).toBe(true);
    const capped = await call(seller.socket, 'sync:batch', {
      cursors: [
        { conversationId: ids[0]!, afterSeq: 0 },
        { conversationId: one, afterSeq: 0 },
      ],
      limit: LIMITS.syncBatchMessages,
    });
    expect(capped.pages.map((p) => [p.messages.length, p.hasMore])).toEqual([
      [250, false],
      [750, true],
    ]);
    closeAll(seller.socket, ...buyers.map((x) => x.socket));
  });

  it('refuses the whole batch when one conversation is not mine, as sync:messages refuses it', async () => {
    const [buyer, seller, eve] = (await signUpMany(t.url, 3, 'auth')) as [SignedIn, SignedIn, SignedIn];
    const theirs = await appendChained(t, buyer.memberId, seller.memberId, 2);
    const evesOwn = await appendChained(t, eve.memberId, seller.memberId, 2);
    const single = await request(eve.socket, 'sync:messages', { conversationId: theirs, afterSeq: 0 });
    expect(single).toMatchObject({ ok: false, code: 'forbidden' });
    const batch = await request(eve.socket, 'sync:batch', {
      cursors: [
        { conversationId: evesOwn, afterSeq: 0 },
        { conversationId: theirs, afterSeq: 0 },
      ],
    });
    expect(batch).toMatchObject({
      ok: false,
      code: 'forbidden',
      details: { path: 'cursors.1.conversationId' },
    });
    expect(JSON.stringify(batch)).not.toContain('#1'); // nothing of either conversation
    for (const conversationId of ['garbage', `dm:${eve.memberId}:${eve.memberId}`, 'dm:zz-a:aa-b'])
      expect(
        await request(eve.socket, 'sync:batch', { cursors: [{ conversationId, afterSeq: 0 }] }),
      ).toMatchObject({ ok: false, code: 'forbidden', details: { path: 'cursors.0.conversationId' } });
    // Signed out: as every request that needs a session.
    const anonymous = await connect(t.url);
    expect(
      await request(anonymous, 'sync:batch', { cursors: [{ conversationId: evesOwn, afterSeq: 0 }] }),
    ).toMatchObject({ ok: false, code: 'unauthenticated' });
    closeAll(buyer.socket, seller.socket, eve.socket, anonymous);
  });

  it('answers bad input with bad_request or too_large naming the field, never internal', async () => {
    const [me, other] = (await signUpMany(t.url, 2, 'bad')) as [SignedIn, SignedIn];
    const id = conversationIdFor(me.memberId, other.memberId);
    const ok = { conversationId: id, afterSeq: 0 };
    const cases: [unknown, string, string][] = [
      [{}, 'bad_request', 'cursors'],
      [{ cursors: [] }, 'bad_request', 'cursors'],
      [{ cursors: 'all' }, 'bad_request', 'cursors'],
      [{ cursors: [ok, { ...ok }] }, 'bad_request', 'cursors.1.conversationId'],
      [{ cursors: [{ ...ok, afterSeq: -1 }] }, 'bad_request', 'cursors.0.afterSeq'],
      [{ cursors: [{ ...ok, afterSeq: 1.5 }] }, 'bad_request', 'cursors.0.afterSeq'],
      [{ cursors: [ok, { conversationId: id }] }, 'bad_request', 'cursors.1.afterSeq'],
      [{ cursors: [{ ...ok, conversationId: 'dm:a\u0000' }] }, 'bad_request', 'cursors.0.conversationId'],
      [{ cursors: [{ ...ok, conversationId: 'dm:\ud800' }] }, 'bad_request', 'cursors.0.conversationId'],
      [{ cursors: [ok], limit: 0 }, 'bad_request', 'limit'],
      [{ cursors: [{ ...ok, afterSeq: 2 ** 31 }] }, 'too_large', 'cursors.0.afterSeq'],
      [{ cursors: [{ ...ok, conversationId: 'x'.repeat(201) }] }, 'too_large', 'cursors.0.conversationId'],
      [{ cursors: [ok], limit: LIMITS.syncBatchMessages + 1 }, 'too_large', 'limit'],
      [
        {
          cursors: Array.from({ length: LIMITS.syncBatchConversations + 1 }, (_, i) => ({
            conversationId: `dm:${i}`,
            afterSeq: 0,
          })),
        },
        'too_large',
        'cursors',
      ],
      ['not an object', 'bad_request', ''],
    ];
    for (const [payload, code, path] of cases) {
      const r = (await rawRequest(me.socket, 'sync:batch', payload)) as {
        ok: boolean;
        code: string;
        message: string;
        details?: { issues: { path: string }[] };
      };
      expect(r, JSON.stringify(payload).slice(0, 120)).toMatchObject({ ok: false, code });
      if (path) {
        expect(r.details?.issues.map((i) => i.path)).toContain(path);
        expect(r.message).toContain(`(${path})`);
      }
    }
    // The socket still serves, and exactly 500 cursors of mine are fine.
    const mine = Array.from({ length: LIMITS.syncBatchConversations }, (_, i) => ({
      conversationId: conversationIdFor(me.memberId, `peer-${String(i).padStart(3, '0')}`),
      afterSeq: 0,
    }));
    const { pages } = await call(me.socket, 'sync:batch', { cursors: mine });
    expect(pages).toHaveLength(LIMITS.syncBatchConversations);
    expect(pages.every((p) => p.messages.length === 0 && !p.hasMore)).toBe(true);
    closeAll(me.socket, other.socket);
  });
});
