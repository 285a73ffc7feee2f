/**
 * `message:receipts` (issue 10, docs/protocol.md § Receipts): the receipts a catch-up owes, many
 * conversations per request, on PGlite and PostgreSQL — each records and answers what
 * `message:receipt` would, monotonic, and both participants' other sockets get `receipt:updated`;
 * a receipt `message:receipt` would refuse (a foreign conversation, beyond the last message, a
 * conversation without messages) refuses the whole request naming it, with nothing recorded;
 * bad input is `bad_request` / `too_large` naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, conversationIdFor, type ReceiptEvent } from '../../shared/protocol';
import { recordReceipts } from '../../server/src/features/messages/service';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import { appendChained, signUpMany } from '../helpers/history';
import {
  barrier,
  call,
  closeAll,
  once,
  rawRequest,
  record,
  request,
  secondDevice,
  signUp,
  type SignedIn,
} from '../helpers/client';

describe.each(BACKENDS)('message:receipts on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** My marks in each conversation, as sync:conversations reports them. */
  async function marks(who: SignedIn): Promise<Map<string, { delivered: number; read: number }>> {
    const all = await call(who.socket, 'sync:conversations', {});
    return new Map(all.map((c) => [c.id, c.receipts[who.memberId] ?? { delivered: 0, read: 0 }]));
  }

  it('records each receipt as message:receipt would, answers in order, and tells both sides', async () => {
    const seller = await signUp(t.url, 'rcpts-seller', { role: 'seller' });
    const buyers = await signUpMany(t.url, 3, 'rcpts-buyer');
    const [a, b, c] = await Promise.all(
      buyers.map((buyer, i) => appendChained(t, buyer.memberId, seller.memberId, [3, 4, 2][i] ?? 1)),
    );
    const other = await secondDevice(t.url, seller);
    const heard = record(other);
    const buyerHears = once(buyers[0]!.socket, 'receipt:updated', (r) => r.conversationId === a);

    const { receipts } = await call(seller.socket, 'message:receipts', {
      receipts: [
        { conversationId: b!, kind: 'read', upToSeq: 3 },
        { conversationId: a!, kind: 'delivered', upToSeq: 3 },
        { conversationId: c!, kind: 'delivered', upToSeq: 1 },
      ],
    });
    const me = seller.memberId;
    expect(receipts).toEqual<ReceiptEvent[]>([
      { conversationId: b!, memberId: me, delivered: 3, read: 3 }, // read implies delivered
      { conversationId: a!, memberId: me, delivered: 3, read: 0 },
      { conversationId: c!, memberId: me, delivered: 1, read: 0 },
    ]);
    expect(await buyerHears).toEqual(receipts[1]);
    await barrier(other);
    expect(heard.events.filter((e) => e.event === 'receipt:updated').map((e) => e.payload)).toEqual(receipts);
    const stored = await marks(seller);
    expect([b, a, c].map((id) => stored.get(id!))).toEqual(
      receipts.map((r) => ({ delivered: r.delivered, read: r.read })),
    );

    // Monotonic, and the same answer message:receipt gives for the same conversation.
    const again = await call(seller.socket, 'message:receipts', {
      receipts: [
        { conversationId: a!, kind: 'delivered', upToSeq: 1 },
        { conversationId: b!, kind: 'delivered', upToSeq: 4 },
      ],
    });
    expect(again.receipts).toEqual([
      { conversationId: a!, memberId: me, delivered: 3, read: 0 },
      { conversationId: b!, memberId: me, delivered: 4, read: 3 },
    ]);
    const single = await call(seller.socket, 'message:receipt', {
      conversationId: a!,
      kind: 'delivered',
      upToSeq: 2,
    });
    expect(single).toEqual(again.receipts[0]);
    closeAll(seller.socket, other, ...buyers.map((x) => x.socket));
  });

  it('refuses the whole request, naming the receipt, when message:receipt would refuse one', async () => {
    const [me, partner, eve] = (await signUpMany(t.url, 3, 'rcpts-refuse')) as [SignedIn, SignedIn, SignedIn];
    const mine = await appendChained(t, me.memberId, partner.memberId, 2);
    const theirs = await appendChained(t, partner.memberId, eve.memberId, 2);
    const quiet = conversationIdFor(me.memberId, eve.memberId); // no messages
    const ok = { conversationId: mine, kind: 'delivered' as const, upToSeq: 2 };
    const cases: [unknown[], string, string][] = [
      [[ok, { conversationId: theirs, kind: 'read', upToSeq: 1 }], 'forbidden', 'receipts.1.conversationId'],
      [
        [ok, { conversationId: 'garbage', kind: 'read', upToSeq: 1 }],
        'forbidden',
        'receipts.1.conversationId',
      ],
      [[{ ...ok, upToSeq: 3 }], 'bad_request', 'receipts.0.upToSeq'],
      [[ok, { conversationId: quiet, kind: 'read', upToSeq: 1 }], 'not_found', 'receipts.1.conversationId'],
    ];
    for (const [receipts, code, path] of cases) {
      const r = await request(me.socket, 'message:receipts', { receipts: receipts as never });
      expect(r, JSON.stringify(receipts)).toMatchObject({ ok: false, code, details: { path } });
      expect(r.ok ? '' : r.message).toContain(path);
    }
    // Nothing of a refused request was recorded.
    expect((await marks(me)).get(mine)).toEqual({ delivered: 0, read: 0 });
    closeAll(me.socket, partner.socket, eve.socket);
  });

  it('answers bad input with bad_request or too_large naming the field, never internal', async () => {
    const [me, other] = (await signUpMany(t.url, 2, 'rcpts-bad')) as [SignedIn, SignedIn];
    const id = conversationIdFor(me.memberId, other.memberId);
    const ok = { conversationId: id, kind: 'delivered', upToSeq: 1 };
    const cases: [unknown, string, string][] = [
      [{}, 'bad_request', 'receipts'],
      [{ receipts: [] }, 'bad_request', 'receipts'],
      [{ receipts: [ok, { ...ok }] }, 'bad_request', 'receipts.1.conversationId'],
      [{ receipts: [{ ...ok, kind: 'seen' }] }, 'bad_request', 'receipts.0.kind'],
      [{ receipts: [{ ...ok, upToSeq: 0 }] }, 'bad_request', 'receipts.0.upToSeq'],
      [{ receipts: [{ ...ok, upToSeq: 2 ** 31 }] }, 'too_large', 'receipts.0.upToSeq'],
      [
        {
          receipts: Array.from({ length: LIMITS.receiptsBatch + 1 }, (_, i) => ({
            ...ok,
            conversationId: `dm:${i}`,
          })),
        },
        'too_large',
        'receipts',
      ],
    ];
    for (const [payload, code, path] of cases) {
      const r = (await rawRequest(me.socket, 'message:receipts', payload)) as {
        ok: boolean;
        code: string;
        details?: { issues: { path: string }[] };
      };
      expect(r, JSON.stringify(payload).slice(0, 120)).toMatchObject({ ok: false, code });
      expect(r.details?.issues.map((i) => i.path)).toContain(path);
    }
    closeAll(me.socket, other.socket);
  });

  // PostgreSQL only: PGlite has one connection, so two transactions never hold locks at once.
  if (backend === 'postgres')
    it('locks its conversations in the order a group commit does, so the two cannot deadlock', async () => {
      const seller = await signUp(t.url, 'rcpts-lock-seller', { role: 'seller' });
      const buyers = await signUpMany(t.url, 2, 'rcpts-lock-buyer');
      const ids = await Promise.all(buyers.map((b) => appendChained(t, b.memberId, seller.memberId, 2)));
      const [low, high] = [...ids].sort() as [string, string];
      const waitingOnLock = async (): Promise<void> => {
        // Wait until another backend of this database waits for a row lock (the receipts'
        // transaction, behind the one below); bounded by the test's timeout.
        for (;;) {
          const [row] = await t.store.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity
             where datname = current_database() and wait_event_type = 'Lock'`,
          );
          if ((row?.n ?? 0) > 0) return;
          await new Promise((r) => setImmediate(r));
        }
      };
      // As a group commit of both conversations: the lower id locked first, then — while the
      // receipts of both, named in the other order, are on their way — the higher one.
      const pending = await t.store.transaction(async (tx) => {
        await tx.query('select id from conversations where id = $1 for update', [low]);
        const receipts = recordReceipts(t.store, seller.memberId, [
          { conversationId: high, kind: 'delivered', upToSeq: 2 },
          { conversationId: low, kind: 'read', upToSeq: 1 },
        ]);
        receipts.catch(() => {}); // awaited below; settled while this transaction still runs if it fails
        await waitingOnLock();
        // Had the receipts locked `high` first (the request's order), this would deadlock and
        // PostgreSQL would abort one of the two.
        await tx.query('select id from conversations where id = $1 for update', [high]);
        return { receipts };
      });
      expect(await pending.receipts).toEqual([
        { conversationId: high, memberId: seller.memberId, delivered: 2, read: 0 },
        { conversationId: low, memberId: seller.memberId, delivered: 1, read: 1 },
      ]);
      closeAll(seller.socket, ...buyers.map((b) => b.socket));
    });
});
