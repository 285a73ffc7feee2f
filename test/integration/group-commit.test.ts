/**
 * Group commit (features/messages/commit.ts) on a real server, on PGlite and PostgreSQL: sends
 * queued in one event-loop turn are one transaction, and each is answered for itself — a
 * duplicate within the batch, refused sends and new conversations next to accepted ones.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { conversationIdFor } from '../../shared/protocol';
import { genesisHash } from '../../shared/evidence/chain';
import { committerOf, sendMessage } from '../../server/src/features/messages/service';
import {
  LOCK_CONVERSATIONS,
  MAX_BATCH,
  MessageCommitter,
  READ_HEADS,
  type PendingSend,
} from '../../server/src/features/messages/commit';
import { appendHistory } from '../../server/src/features/messages';
import { bytesSigner, hashSigner } from '../../server/src/platform/signing/sign';
import type { Statement, Store, Transaction } from '../../server/src/platform/db/store';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import { call, clientId, closeAll, once, signUp, type SignedIn } from '../helpers/client';
import { appendChained, expectChained, storedProofs } from '../helpers/history';

/** A send as the messages feature queues it (`PendingSend`), `sender` to `to`, accepted now. */
const pending = (sender: string, to: string, text: string, id = clientId()): PendingSend => ({
  conversationId: conversationIdFor(sender, to),
  members: [sender, to].sort() as [string, string],
  sender,
  to,
  clientId: id,
  text,
  lang: null,
  translation: null,
  attachments: [],
  order: null,
  change: null,
  changeWindowMs: 15 * 60_000,
  replyTo: null,
  at: new Date(),
});

describe.each(BACKENDS)('group commit on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers each send of one batch for itself; a refused one does not fail its batch-mates', async () => {
    const buyer = await signUp(t.url, 'gc-buyer');
    const seller = await signUp(t.url, 'gc-seller');
    const other = await signUp(t.url, 'gc-other');
    const blocker = await signUp(t.url, 'gc-blocker');
    await call(blocker.socket, 'contact:block', { memberId: buyer.memberId, blocked: true });
    // One message already stored, so the batch extends an existing chain.
    const first = await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: clientId(),
      text: 'Hi',
    });

    const ctx = t.server.ctx;
    const before = { ...committerOf(ctx).stats };
    const a = clientId();
    const send = (to: string, id: string, text: string) =>
      sendMessage(ctx, buyer.memberId, { to, clientId: id, text, attachments: [] });
    // All queued in this turn of the event loop: one group commit.
    const results = await Promise.allSettled([
      send(seller.memberId, a, 'Price for 500 units?'),
      send('gc-nobody-here', clientId(), 'Hello?'),
      send(seller.memberId, a, 'Price for 500 units?'),
      send(blocker.memberId, clientId(), 'Are you there?'),
      send(other.memberId, clientId(), 'New conversation'),
      send(seller.memberId, clientId(), 'And a sample, please.'),
    ]);
    const after = committerOf(ctx).stats;
    expect(after.batches - before.batches).toBe(1);
    expect(after.sends - before.sends).toBe(6);
    expect(after.retriedAlone).toBe(before.retriedAlone);

    const value = (i: number) => {
      const r = results[i]!;
      if (r.status !== 'fulfilled') throw new Error(`send ${i} failed: ${String(r.reason)}`);
      return r.value;
    };
    const code = (i: number) => {
      const r = results[i]!;
      return r.status === 'rejected' ? (r.reason as { code?: string }).code : 'ok';
    };
    expect(value(0)).toMatchObject({ duplicate: false, message: { seq: first.seq + 1 } });
    expect(code(1)).toBe('not_found');
    expect(value(2)).toEqual({ duplicate: true, message: value(0).message });
    expect(code(3)).toBe('blocked');
    expect(value(4)).toMatchObject({ duplicate: false, message: { seq: 1 } });
    expect(value(5)).toMatchObject({ duplicate: false, message: { seq: first.seq + 2 } });

    // The chain continues from the stored message, and is what sync returns.
    const conversationId = conversationIdFor(buyer.memberId, seller.memberId);
    const { messages } = await call(seller.socket, 'sync:messages', { conversationId, afterSeq: 0 });
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expectChained(
      conversationId,
      messages,
      t.signingKey.publicKey,
      await storedProofs(t.store, conversationId),
    );
    expect(messages[1]).toEqual(value(0).message);

    // No conversation was created with the member who blocked the sender, and none with nobody.
    expect(await call(blocker.socket, 'sync:conversations', {})).toEqual([]);
    const listed = await call(buyer.socket, 'sync:conversations', {});
    expect(listed.map((c) => c.id).sort()).toEqual(
      [conversationId, conversationIdFor(buyer.memberId, other.memberId)].sort(),
    );

    // A resend over the socket later is the same stored message.
    const again = await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: a,
      text: 'Price for 500 units?',
    });
    expect(again).toMatchObject({ duplicate: true, seq: value(0).message.seq, hash: value(0).message.hash });
    closeAll(buyer.socket, seller.socket, other.socket, blocker.socket);
  });

  it('rolls a whole batch back when a statement of it fails, then answers each send alone', async () => {
    const buyer = await signUp(t.url, 'gc-rb-buyer');
    const seller = await signUp(t.url, 'gc-rb-seller');
    const fresh = await signUp(t.url, 'gc-rb-fresh');
    const ctx = t.server.ctx;
    const before = { ...committerOf(ctx).stats };
    // Every path's count (the histogram's `path` label).
    const commits = async () =>
      (await ctx.metrics.groupCommitSize.get()).values
        .filter((v) => v.metricName?.endsWith('_count'))
        .reduce((n, v) => n + v.value, 0);
    const commitsBefore = await commits();
    const send = (to: string, text: string) =>
      sendMessage(ctx, buyer.memberId, { to, clientId: clientId(), text, attachments: [] });
    // PostgreSQL refuses a NUL character in text, so the batch's insert fails (past the checks,
    // which the socket's validation would have refused it at): the whole transaction — the new
    // conversation of its third send included — is rolled back, and each send is tried alone.
    const results = await Promise.allSettled([
      send(seller.memberId, 'First'),
      send(seller.memberId, 'Bad \u0000 byte'),
      send(fresh.memberId, 'New conversation, bad \u0000 byte'),
      send(seller.memberId, 'Third'),
    ]);
    const after = committerOf(ctx).stats;
    expect(after.retriedAlone - before.retriedAlone).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    // Counted as what was committed: two transactions of one send each (the stats, the histogram).
    expect([after.batches - before.batches, after.sends - before.sends]).toEqual([2, 2]);
    expect((await commits()) - commitsBefore).toBe(2);
    // The database's own error, to the sender whose message it was (the socket turns it into `internal`):
    // jsonb's refusal of \u0000, the messages reaching the insert as one jsonb document (commit.ts).
    for (const r of [results[1], results[2]])
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: '22P05' });
    const conversationId = conversationIdFor(buyer.memberId, seller.memberId);
    const { messages } = await call(seller.socket, 'sync:messages', { conversationId, afterSeq: 0 });
    expect(messages.map((m) => [m.seq, m.text])).toEqual([
      [1, 'First'],
      [2, 'Third'],
    ]);
    expect(messages[0]!.prevHash).toBe(genesisHash(conversationId));
    expect(messages[1]!.prevHash).toBe(messages[0]!.hash);
    expect(await call(fresh.socket, 'sync:conversations', {})).toEqual([]);
    closeAll(buyer.socket, seller.socket, fresh.socket);
  });

  it('a send in a conversation the node has seen asks nothing outside its group commit', async () => {
    const buyer = await signUp(t.url, 'gc-q-buyer');
    const seller = await signUp(t.url, 'gc-q-seller');
    const away = await signUp(t.url, 'gc-q-away');
    await call(away.socket, 'autoReply:set', { enabled: true, text: 'Back on Monday.' });
    const ctx = t.server.ctx;
    const asked: string[] = [];
    const query = ctx.db.query.bind(ctx.db);
    const spy = vi.spyOn(ctx.db, 'query').mockImplementation((sql, params) => {
      asked.push(sql);
      return query(sql, params);
    });
    const gate = (sql: string) => sql.includes('contact_policy');
    const autoReply = (sql: string) => sql.includes('from auto_replies');
    const send = async (from: SignedIn, to: SignedIn, text: string) => {
      asked.length = 0;
      const delivered = once(to.socket, 'message:new', (m) => m.text === text);
      await call(from.socket, 'message:send', { to: to.memberId, clientId: clientId(), text });
      await delivered;
      await ctx.idle();
      return [...asked];
    };
    try {
      // The first message of a conversation: the message-request gate asks (a new person?).
      expect((await send(buyer, seller, 'Hello')).filter(gate)).toHaveLength(1);
      // The next ones: neither the gate nor the auto-reply's settings (off: the commit read so).
      const next = await send(buyer, seller, 'Price for 500 units?');
      expect(next.filter(gate)).toEqual([]);
      expect(next.filter(autoReply)).toEqual([]);
      const back = await send(seller, buyer, '12 USD each.');
      expect(back.filter(gate)).toEqual([]);
      expect(back.filter(autoReply)).toEqual([]);
      // A recipient with the auto-reply on: its settings are read after the send.
      expect((await send(buyer, away, 'Hello')).filter(autoReply)).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
    closeAll(buyer.socket, seller.socket, away.socket);
  });
});

/**
 * The pipeline (`TRADEWIND_COMMIT_PIPELINE`): a batch queued while the previous one is committing
 * starts once that one holds its locks, and a conversation in both still gets its seqs in arrival
 * order with an unbroken chain. With a pipeline of 1 the second batch waits for the first to settle.
 */
describe.each(BACKENDS)('group commit pipeline on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  for (const depth of [1, 2]) {
    it(`with ${depth} in flight: seqs in arrival order across batches, the chain unbroken`, async () => {
      await arrivalOrder(depth, false);
    });
  }
  it("as the store's only writer (PGlite's committer): seqs in arrival order across batches, the chain unbroken", async () => {
    await arrivalOrder(1, true);
  });

  async function arrivalOrder(depth: number, singleWriter: boolean): Promise<void> {
    const prefix = `gcp${depth}${singleWriter ? 's' : ''}`;
    const buyer = await signUp(t.url, `${prefix}-buyer`);
    const seller = await signUp(t.url, `${prefix}-seller`);
    const other = await signUp(t.url, `${prefix}-other`);
    const committer = new MessageCommitter(t.store, bytesSigner(t.signingKey.secretKey), t.signingKey.keyId, {
      pipeline: depth,
      singleWriter,
    });
    const send = (to: string, text: string) => committer.send(pending(buyer.memberId, to, text));
    // First batch: this turn. The committer starts it in the check phase of this loop iteration;
    // the second batch is queued in the same phase, before any answer of the store can arrive.
    const first = [send(seller.memberId, 'A1'), send(seller.memberId, 'A2')];
    await new Promise((r) => setImmediate(r));
    const second = [send(seller.memberId, 'B1'), send(other.memberId, 'B2'), send(seller.memberId, 'B3')];
    const results = await Promise.all([...first, ...second]);
    await committer.idle();

    expect(committer.stats).toMatchObject({ batches: 2, sends: 5, retriedAlone: 0 });
    // Depth 2 starts the second batch while the first commits; depth 1 never does.
    expect(committer.stats.pipelined).toBe(depth === 2 ? 1 : 0);
    expect(results.map((r) => [r.message.text, r.message.seq])).toEqual([
      ['A1', 1],
      ['A2', 2],
      ['B1', 3],
      ['B2', 1],
      ['B3', 4],
    ]);
    const conversationId = conversationIdFor(buyer.memberId, seller.memberId);
    const { messages } = await call(seller.socket, 'sync:messages', { conversationId, afterSeq: 0 });
    expect(messages.map((m) => m.text)).toEqual(['A1', 'A2', 'B1', 'B3']);
    expectChained(
      conversationId,
      messages,
      t.signingKey.publicKey,
      await storedProofs(t.store, conversationId),
    );
    closeAll(buyer.socket, seller.socket, other.socket);
  }

  // Issue 9: PGlite's thread runs one request at a time; a group commit that held it from its reads
  // to its write kept every other statement of the node waiting while this thread hashed and signed.
  it.runIf(backend === 'pglite')(
    'on PGlite, a statement asked while a group commit signs runs before its write, not after it',
    async () => {
      const buyer = await signUp(t.url, 'gcs-buyer');
      const seller = await signUp(t.url, 'gcs-seller');
      const signer = bytesSigner(t.signingKey.secretKey);
      const orderOf = async (singleWriter: boolean) => {
        const order: string[] = [];
        const asked: Promise<unknown>[] = [];
        const committer = new MessageCommitter(
          t.store,
          (data) => {
            if (asked.length === 0)
              asked.push(
                t.store.query('select 1 as one').then(() => order.push('statement asked while signing')),
              );
            return signer(data);
          },
          t.signingKey.keyId,
          { singleWriter },
        );
        await committer
          .send(pending(buyer.memberId, seller.memberId, 'Hello'))
          .then(() => order.push('send'));
        await Promise.all(asked);
        return order;
      };
      // Held across the signing (the transaction of PostgreSQL's committer): the statement waits.
      expect(await orderOf(false)).toEqual(['send', 'statement asked while signing']);
      // The store's only writer reads and writes in two short transactions: it does not.
      expect(await orderOf(true)).toEqual(['statement asked while signing', 'send']);
      closeAll(buyer.socket, seller.socket);
    },
  );

  // The single writer reads the heads, then signs with the store free: another writer
  // (appendHistory, the operator's seeding) may take the next seq in between. The write then fails
  // on the messages' primary key, and every send — a batch's only one too — is tried again alone.
  for (const n of [1, 2])
    it.runIf(backend === 'pglite')(
      `on PGlite, ${n} send${n > 1 ? 's' : ''} overtaken by another writer while signing: tried again alone, acked, the chain unbroken`,
      async () => {
        const buyer = await signUp(t.url, `gco${n}-buyer`);
        const seller = await signUp(t.url, `gco${n}-seller`);
        const conversationId = await appendChained(t, buyer.memberId, seller.memberId, 1);
        const signer = bytesSigner(t.signingKey.secretKey);
        const overtaking: Promise<number>[] = [];
        const committer = new MessageCommitter(
          t.store,
          (data) => {
            // Asked at the first signature, so it reaches the store before this commit's write.
            if (overtaking.length === 0)
              overtaking.push(
                appendHistory(
                  t.store,
                  { sign: hashSigner(t.signingKey.secretKey), keyId: t.signingKey.keyId },
                  conversationId,
                  [{ sender: seller.memberId, text: 'Seeded', lang: null, sentAt: new Date().toISOString() }],
                  new Date(),
                ),
              );
            return signer(data);
          },
          t.signingKey.keyId,
          { singleWriter: true },
        );
        const texts = Array.from({ length: n }, (_, i) => `Send ${i + 1}`);
        const results = await Promise.allSettled(
          texts.map((text) => committer.send(pending(buyer.memberId, seller.memberId, text))),
        );
        expect(await Promise.all(overtaking)).toEqual([2]);
        expect(results.map((r) => (r.status === 'fulfilled' ? 'ok' : String(r.reason)))).toEqual(
          texts.map(() => 'ok'),
        );
        expect(committer.stats.retriedAlone).toBe(1);
        const { messages } = await call(seller.socket, 'sync:messages', { conversationId, afterSeq: 0 });
        expect(messages.map((m) => [m.seq, m.text])).toEqual([
          [1, `${conversationId} #1`],
          [2, 'Seeded'],
          ...texts.map((text, i) => [3 + i, text]),
        ]);
        expectChained(
          conversationId,
          messages,
          t.signingKey.publicKey,
          await storedProofs(t.store, conversationId),
        );
        closeAll(buyer.socket, seller.socket);
      },
    );
});

/**
 * The single writer's cached heads (commit.ts, `commitCached`): a batch whose conversations'
 * heads are cached is written in one statement that checks what the read path would have read —
 * the recipient, blocks either way, a stored client id, the head itself — and writes nothing when
 * one is wrong; the read path then answers the batch as it always has.
 */
describe.each(BACKENDS)("the single writer's cached heads on %s", (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * A committer of its own (the store's only writer, as on PGlite) whose cache holds the pair's
   * head; `pipeline` 2 as the server builds it on PGlite. `hold()` holds back the store's answers
   * to its transactions until the function it returns is called: a write asked of the store stays
   * in flight, whatever the machine's speed (the store runs it; the committer waits).
   */
  const warmed = async (prefix: string, pipeline = 1) => {
    const buyer = await signUp(t.url, `${prefix}-buyer`);
    const seller = await signUp(t.url, `${prefix}-seller`);
    let held: Promise<void> | null = null;
    const store: Store = {
      kind: t.store.kind,
      query: t.store.query.bind(t.store),
      exec: t.store.exec.bind(t.store),
      batch: t.store.batch.bind(t.store),
      transaction: <T>(fn: (tx: Transaction) => Promise<T>) => {
        const answer = t.store.transaction(fn);
        if (!held) return answer;
        answer.catch(() => undefined); // answered below, once released
        return held.then(() => answer);
      },
      // The committer's write from cached heads (one transaction of its own): held alike.
      writeAlone: <T extends object>(s: Statement<T>) => {
        const answer = t.store.writeAlone(s);
        if (!held) return answer;
        answer.catch(() => undefined);
        return held.then(() => answer);
      },
      close: t.store.close.bind(t.store),
    };
    const hold = () => {
      let release!: () => void;
      held = new Promise((r) => (release = r));
      return () => {
        held = null;
        release();
      };
    };
    const committer = new MessageCommitter(store, bytesSigner(t.signingKey.secretKey), t.signingKey.keyId, {
      pipeline,
      singleWriter: true,
    });
    const first = await committer.send(pending(buyer.memberId, seller.memberId, 'Hello'));
    expect(committer.stats.fast).toBe(0);
    const conversationId = conversationIdFor(buyer.memberId, seller.memberId);
    const stored = async () =>
      (await call(seller.socket, 'sync:messages', { conversationId, afterSeq: 0 })).messages;
    return { buyer, seller, committer, first, conversationId, stored, hold };
  };

  it('writes the next send of a cached conversation in one request, chained, with the recipient facts', async () => {
    const { buyer, seller, committer, conversationId, stored } = await warmed('hc-fast');
    await call(seller.socket, 'autoReply:set', { enabled: true, text: 'Back on Monday.' });
    const batch = ['Price?', 'And samples?'].map((text) =>
      committer.send(pending(buyer.memberId, seller.memberId, text)),
    );
    const results = await Promise.all(batch);
    expect(committer.stats).toMatchObject({ fast: 1, fellBack: 0, retriedAlone: 0 });
    expect(results.map((r) => [r.message.seq, r.duplicate])).toEqual([
      [2, false],
      [3, false],
    ]);
    // Read by the write itself: the away auto-reply's trigger sees the recipient's setting.
    expect(results[0]!.recipient).toEqual({ requestToSender: null, autoReplyOn: true });
    const messages = await stored();
    expect(messages.map((m) => m.text)).toEqual(['Hello', 'Price?', 'And samples?']);
    expectChained(
      conversationId,
      messages,
      t.signingKey.publicKey,
      await storedProofs(t.store, conversationId),
    );
    closeAll(buyer.socket, seller.socket);
  });

  for (const who of ['recipient', 'sender'] as const)
    it(`refuses a send after the head was cached when the ${who} has since blocked the other`, async () => {
      const { buyer, seller, committer, stored } = await warmed(`hc-block-${who[0]}`);
      if (who === 'recipient')
        await call(seller.socket, 'contact:block', { memberId: buyer.memberId, blocked: true });
      else await call(buyer.socket, 'contact:block', { memberId: seller.memberId, blocked: true });
      const [refused, fine] = await Promise.allSettled([
        committer.send(pending(buyer.memberId, seller.memberId, 'Still there?')),
        // A batch-mate in another conversation (not cached): the read path answers both.
        committer.send(pending(seller.memberId, `${buyer.memberId}-nobody`, 'Hi')),
      ]);
      expect(refused.status === 'rejected' && (refused.reason as { code?: string }).code).toBe(
        who === 'recipient' ? 'blocked' : 'forbidden',
      );
      expect(fine.status === 'rejected' && (fine.reason as { code?: string }).code).toBe('not_found');
      // Alone in its batch, with its head cached: tried in one request, refused by the write.
      const again = committer.send(pending(buyer.memberId, seller.memberId, 'Hello?'));
      await expect(again).rejects.toMatchObject({ code: who === 'recipient' ? 'blocked' : 'forbidden' });
      expect(committer.stats).toMatchObject({ fast: 1, fellBack: 1 });
      expect((await stored()).map((m) => m.text)).toEqual(['Hello']);
      closeAll(buyer.socket, seller.socket);
    });

  it('answers a resend of a stored client id as the duplicate it is, writing nothing', async () => {
    const { buyer, seller, committer, first, conversationId, stored } = await warmed('hc-dup');
    const twice = await committer.send(
      pending(buyer.memberId, seller.memberId, 'Hello', first.message.clientId),
    );
    expect(twice).toEqual({ message: first.message, duplicate: true });
    expect(committer.stats).toMatchObject({ fast: 1, fellBack: 1, retriedAlone: 0 });
    // The head is still the first message's: the next send follows it.
    const next = await committer.send(pending(buyer.memberId, seller.memberId, 'Next'));
    expect(next.message).toMatchObject({ seq: 2, prevHash: first.message.hash });
    expect(committer.stats).toMatchObject({ fast: 2, fellBack: 1 });
    const messages = await stored();
    expect(messages.map((m) => m.text)).toEqual(['Hello', 'Next']);
    expectChained(
      conversationId,
      messages,
      t.signingKey.publicKey,
      await storedProofs(t.store, conversationId),
    );
    closeAll(buyer.socket, seller.socket);
  });

  it('notices a head moved by another writer (a stale cache) and follows it: gapless, chained', async () => {
    const { buyer, seller, committer, conversationId, stored } = await warmed('hc-stale');
    // The operator's seeding writes two messages behind the committer's back.
    await appendChained(t, buyer.memberId, seller.memberId, 2);
    // A reply to the newest of them: beyond the cached head (1), within the real one (3).
    const reply = { ...pending(buyer.memberId, seller.memberId, 'Re: #2'), replyTo: { seq: 3 } };
    const plain = pending(buyer.memberId, seller.memberId, 'After the seeding');
    const [a, b] = await Promise.all([committer.send(reply), committer.send(plain)]);
    expect([a.message.seq, b.message.seq]).toEqual([4, 5]);
    expect(a.message.replyTo).toEqual({ seq: 3 });
    // The reply's refusal on the cached head is not trusted: the read path decided the batch.
    expect(committer.stats).toMatchObject({ retriedAlone: 0 });
    // Now cached again from that read: the next send is one request.
    const fastBefore = committer.stats.fast;
    const c = await committer.send(pending(buyer.memberId, seller.memberId, 'Fast again'));
    expect(c.message.seq).toBe(6);
    expect(committer.stats.fast).toBe(fastBefore + 1);
    const messages = await stored();
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expectChained(
      conversationId,
      messages,
      t.signingKey.publicKey,
      await storedProofs(t.store, conversationId),
    );
    closeAll(buyer.socket, seller.socket);
  });

  it('notices a head moved by another writer when nothing in the batch relies on more than the head', async () => {
    const { buyer, seller, committer, conversationId, stored } = await warmed('hc-stale2');
    await appendChained(t, buyer.memberId, seller.memberId, 1);
    const r = await committer.send(pending(buyer.memberId, seller.memberId, 'After the seeding'));
    expect(r.message.seq).toBe(3);
    expect(committer.stats).toMatchObject({ fast: 1, fellBack: 1, retriedAlone: 0 });
    const messages = await stored();
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expectChained(
      conversationId,
      messages,
      t.signingKey.publicKey,
      await storedProofs(t.store, conversationId),
    );
    closeAll(buyer.socket, seller.socket);
  });

  /**
   * Pipelined: `send` queues for the next turn's group commit, so a send made a turn later, while
   * the first batch's write is held (`hold`: asked, not answered), is decided on the heads that
   * write writes; a turn after that, its own write is asked too.
   */
  const nextTurn = () => new Promise((r) => setImmediate(r));
  // Only on PGlite, whose thread serves requests in the order asked (a pg pool's connections do
  // not): the committer pipelines a single writer there alone.
  const pipelines = backend === 'pglite';

  it.runIf(pipelines)(
    'pipelines the next batch behind a write in flight: consecutive seqs, chained',
    async () => {
      const { buyer, seller, committer, conversationId, stored, hold } = await warmed('hc-pipe', 2);
      const release = hold();
      const a = committer.send(pending(buyer.memberId, seller.memberId, 'One'));
      await nextTurn();
      const b = committer.send(pending(seller.memberId, buyer.memberId, 'Two'));
      await nextTurn();
      release();
      const [ra, rb] = await Promise.all([a, b]);
      expect([ra.message.seq, rb.message.seq]).toEqual([2, 3]);
      expect(rb.message.prevHash).toBe(ra.message.hash);
      expect(committer.stats).toMatchObject({ batches: 3, pipelined: 1, retriedAlone: 0 });
      const messages = await stored();
      expect(messages.map((m) => m.text)).toEqual(['Hello', 'One', 'Two']);
      expectChained(
        conversationId,
        messages,
        t.signingKey.publicKey,
        await storedProofs(t.store, conversationId),
      );
      closeAll(buyer.socket, seller.socket);
    },
  );

  it.runIf(pipelines)(
    'a batch pipelined behind a write that wrote nothing follows it: gapless, in arrival order',
    async () => {
      const { buyer, seller, committer, conversationId, stored, hold } = await warmed('hc-pipe-stale', 2);
      // Behind the committer's back: the cached head (1) is stale, so the first write writes nothing.
      await appendChained(t, buyer.memberId, seller.memberId, 2);
      const release = hold();
      const a = committer.send(pending(buyer.memberId, seller.memberId, 'First'));
      await nextTurn();
      // Decided on the head the first write would have written: the store never had it.
      const b = committer.send(pending(buyer.memberId, seller.memberId, 'Second'));
      await nextTurn();
      release();
      const [ra, rb] = await Promise.all([a, b]);
      expect([ra.message.seq, rb.message.seq]).toEqual([4, 5]);
      expect(committer.stats).toMatchObject({ pipelined: 1, retriedAlone: 0 });
      const messages = await stored();
      expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(messages.slice(3).map((m) => m.text)).toEqual(['First', 'Second']);
      expectChained(
        conversationId,
        messages,
        t.signingKey.publicKey,
        await storedProofs(t.store, conversationId),
      );
      closeAll(buyer.socket, seller.socket);
    },
  );

  it.runIf(pipelines)(
    'answers a resend pipelined behind its own first send as the duplicate it is',
    async () => {
      const { buyer, seller, committer, conversationId, stored, hold } = await warmed('hc-pipe-dup', 2);
      const id = clientId();
      const release = hold();
      const a = committer.send(pending(buyer.memberId, seller.memberId, 'Once', id));
      await nextTurn();
      const b = committer.send(pending(buyer.memberId, seller.memberId, 'Once', id));
      await nextTurn();
      release();
      const [ra, rb] = await Promise.all([a, b]);
      expect(ra.duplicate).toBe(false);
      expect(rb).toEqual({ message: ra.message, duplicate: true });
      expect(committer.stats).toMatchObject({ pipelined: 1, fellBack: 1, retriedAlone: 0 });
      // The head is the first send's: the next one follows it.
      const next = await committer.send(pending(buyer.memberId, seller.memberId, 'Next'));
      expect(next.message).toMatchObject({ seq: 3, prevHash: ra.message.hash });
      const messages = await stored();
      expect(messages.map((m) => m.text)).toEqual(['Hello', 'Once', 'Next']);
      expectChained(
        conversationId,
        messages,
        t.signingKey.publicKey,
        await storedProofs(t.store, conversationId),
      );
      closeAll(buyer.socket, seller.socket);
    },
  );

  it.runIf(pipelines)(
    'a batch queued behind two in flight that both fall back does not overtake the second',
    async () => {
      const { buyer, seller, committer, conversationId, stored, hold } = await warmed('hc-pipe-order', 2);
      // Stale head: the first write writes nothing, the one pipelined behind it neither.
      await appendChained(t, buyer.memberId, seller.memberId, 2);
      const release = hold();
      const a = committer.send(pending(buyer.memberId, seller.memberId, 'First'));
      await nextTurn();
      const b = committer.send(pending(buyer.memberId, seller.memberId, 'Second'));
      await nextTurn();
      // Queued while both are in flight: starts when the first is over — the first's read path has
      // cached the head again, but the second has yet to read and write on it.
      const c = committer.send(pending(buyer.memberId, seller.memberId, 'Third'));
      release();
      const rs = await Promise.all([a, b, c]);
      expect(rs.map((r) => r.message.seq)).toEqual([4, 5, 6]);
      expect(committer.stats).toMatchObject({ batches: 4, sends: 4, retriedAlone: 0 });
      const messages = await stored();
      expect(messages.slice(3).map((m) => m.text)).toEqual(['First', 'Second', 'Third']);
      expectChained(
        conversationId,
        messages,
        t.signingKey.publicKey,
        await storedProofs(t.store, conversationId),
      );
      closeAll(buyer.socket, seller.socket);
    },
  );

  it.runIf(pipelines)(
    'a write that throws, a resend beside it and a batch pipelined behind it: each answered once, nothing on unwritten heads',
    async () => {
      const { buyer, seller, committer, first, conversationId, stored, hold } = await warmed(
        'hc-pipe-fault',
        2,
      );
      const other = await signUp(t.url, 'hc-pipe-fault-other');
      const warm = await committer.send(pending(buyer.memberId, other.memberId, 'Hi'));
      const release = hold();
      // Batch 1, from cached heads: its insert fails (jsonb refuses NUL) past a resend of a stored
      // client id — the write throws, not a unique violation.
      const good = clientId();
      const a = [
        committer.send(pending(buyer.memberId, seller.memberId, 'Hello', first.message.clientId)),
        committer.send(pending(buyer.memberId, seller.memberId, 'Bad \u0000 byte')),
        committer.send(pending(buyer.memberId, seller.memberId, 'Good', good)),
      ];
      await nextTurn();
      // Batch 2, decided on the heads batch 1 never writes: a resend of `Good` (stored only by batch
      // 1's retry); `other` blocks the buyer after it was decided (its write checks that).
      const b = [
        committer.send(pending(buyer.memberId, seller.memberId, 'Good', good)),
        committer.send(pending(seller.memberId, buyer.memberId, 'Reply')),
        committer.send(pending(buyer.memberId, other.memberId, 'Still there?')),
      ];
      await call(other.socket, 'contact:block', { memberId: buyer.memberId, blocked: true });
      release();
      const [ra, rb] = await Promise.all([Promise.allSettled(a), Promise.allSettled(b)]);
      expect(committer.stats).toMatchObject({ pipelined: 1, retriedAlone: 1 });
      const outcome = (
        r: PromiseSettledResult<{ message: { seq: number; text: string }; duplicate: boolean }>,
      ) =>
        r.status === 'fulfilled'
          ? [r.value.message.seq, r.value.message.text, r.value.duplicate]
          : (r.reason as { code?: string }).code;
      expect([...ra, ...rb].map(outcome)).toEqual([
        [1, 'Hello', true],
        '22P05',
        [2, 'Good', false],
        [2, 'Good', true],
        [3, 'Reply', false],
        'blocked',
      ]);
      const messages = await stored();
      expect(messages.map((m) => m.text)).toEqual(['Hello', 'Good', 'Reply']);
      expectChained(
        conversationId,
        messages,
        t.signingKey.publicKey,
        await storedProofs(t.store, conversationId),
      );
      const others = await call(other.socket, 'sync:messages', {
        conversationId: warm.message.conversationId,
        afterSeq: 0,
      });
      expect(others.messages.map((m) => m.text)).toEqual(['Hi']);
      // The heads cached now are the store's: the next send is written from them.
      const fastBefore = committer.stats.fast;
      const next = await committer.send(pending(buyer.memberId, seller.memberId, 'Next'));
      expect(next.message).toMatchObject({ seq: 4, prevHash: messages[2]!.hash });
      expect(committer.stats.fast).toBe(fastBefore + 1);
      closeAll(buyer.socket, seller.socket, other.socket);
    },
  );

  it.runIf(pipelines)(
    'on PGlite, seeding between a write in flight and the batch pipelined behind it: the seeding follows the first, the second the seeding',
    async () => {
      const { buyer, seller, committer, conversationId, stored, hold } = await warmed('hc-pipe-seed', 2);
      const release = hold();
      const a = committer.send(pending(buyer.memberId, seller.memberId, 'First'));
      await nextTurn();
      const b = committer.send(pending(buyer.memberId, seller.memberId, 'Second'));
      // Its transaction asks PGlite's thread now, before the second batch's write (next turn),
      // which was decided on the head the first writes and finds the seeding's instead.
      const seeded = appendChained(t, buyer.memberId, seller.memberId, 1);
      await nextTurn();
      release();
      const [ra, rb] = await Promise.all([a, b, seeded]);
      expect([ra.message.seq, rb.message.seq]).toEqual([2, 4]);
      expect(committer.stats).toMatchObject({ pipelined: 1, fellBack: 1, retriedAlone: 0 });
      const messages = await stored();
      expect(messages.map((m) => m.text)).toEqual(['Hello', 'First', `${conversationId} #1`, 'Second']);
      expectChained(
        conversationId,
        messages,
        t.signingKey.publicKey,
        await storedProofs(t.store, conversationId),
      );
      closeAll(buyer.socket, seller.socket);
    },
  );

  it.runIf(pipelines)(
    'more than two batches queued at once behind a stale head: two in flight, every send stored once, in order',
    async () => {
      const { buyer, seller, committer, conversationId } = await warmed('hc-pipe-many', 2);
      await appendChained(t, buyer.memberId, seller.memberId, 1);
      const n = 3 * MAX_BATCH;
      const texts = Array.from({ length: n }, (_, i) => `m${i}`);
      // One turn: MAX_BATCH each, the first written from the cached (stale) head.
      const results = await Promise.all(
        texts.map((text, i) =>
          committer.send(
            i % 2
              ? pending(seller.memberId, buyer.memberId, text)
              : pending(buyer.memberId, seller.memberId, text),
          ),
        ),
      );
      expect(results.map((r) => r.message.seq)).toEqual(texts.map((_, i) => 3 + i));
      // The pipeline's bound held: each batch started with at most one other in flight.
      expect(committer.stats).toMatchObject({ batches: 4, sends: n + 1, pipelined: 2, retriedAlone: 0 });
      const messages = [];
      for (let after = 0; ;) {
        const page = (await call(seller.socket, 'sync:messages', { conversationId, afterSeq: after }))
          .messages;
        if (page.length === 0) break;
        messages.push(...page);
        after = page[page.length - 1]!.seq;
      }
      expect(messages.slice(2).map((m) => m.text)).toEqual(texts);
      expectChained(
        conversationId,
        messages,
        t.signingKey.publicKey,
        await storedProofs(t.store, conversationId),
      );
      closeAll(buyer.socket, seller.socket);
    },
  );
});

/**
 * PostgreSQL's committer (`optimistic`: one of several writers, each keeping the heads it wrote)
 * — two committers on one store stand for two nodes. A batch that starts alone with its heads
 * cached is one statement (`writeAlone`); a head the other node moved fails it, and the locking
 * path stores the batch after the other node's messages. Also on PGlite, where the server does not
 * build it so: the same statements.
 */
describe.each(BACKENDS)('several writers from cached heads on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** One node's committer, as the server builds it on PostgreSQL; on `store` (a wrapper) when given. */
  const node = (store: Store = t.store) =>
    new MessageCommitter(store, bytesSigner(t.signingKey.secretKey), t.signingKey.keyId, {
      pipeline: 2,
      optimistic: true,
    });
  const pair = async (prefix: string) => {
    const buyer = await signUp(t.url, `${prefix}-buyer`);
    const seller = await signUp(t.url, `${prefix}-seller`);
    const conversationId = conversationIdFor(buyer.memberId, seller.memberId);
    const stored = async () =>
      (await call(seller.socket, 'sync:messages', { conversationId, afterSeq: 0 })).messages;
    return { buyer, seller, conversationId, stored };
  };

  it('writes a cached conversation in one statement, and follows a head another node moved', async () => {
    const { buyer, seller, conversationId, stored } = await pair('ow-alt');
    const a = node();
    const b = node();
    const m1 = await a.send(pending(buyer.memberId, seller.memberId, 'Hello from A'));
    expect(a.stats).toMatchObject({ fast: 0, fellBack: 0 });
    // A wrote the head: its next send is one statement.
    const m2 = await a.send(pending(seller.memberId, buyer.memberId, 'Hi, A again'));
    expect(a.stats).toMatchObject({ fast: 1, fellBack: 0 });
    // B has no head cached: the locking path, after A's messages.
    const m3 = await b.send(pending(buyer.memberId, seller.memberId, 'Now from B'));
    expect(b.stats).toMatchObject({ fast: 0, fellBack: 0 });
    // A's head is stale now: its one statement writes nothing, and the locking path follows B.
    const m4 = await a.send(pending(seller.memberId, buyer.memberId, 'A, after B'));
    expect(a.stats).toMatchObject({ fast: 2, fellBack: 1, retriedAlone: 0 });
    // And cached afresh from that path.
    const m5 = await a.send(pending(buyer.memberId, seller.memberId, 'A, fast again'));
    expect(a.stats).toMatchObject({ fast: 3, fellBack: 1 });
    expect([m1, m2, m3, m4, m5].map((r) => r.message.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(m4.message.prevHash).toBe(m3.message.hash);
    const messages = await stored();
    expect(messages.map((m) => m.text)).toEqual([
      'Hello from A',
      'Hi, A again',
      'Now from B',
      'A, after B',
      'A, fast again',
    ]);
    expectChained(conversationId, messages, t.signingKey.publicKey);
    closeAll(buyer.socket, seller.socket);
  });

  it.runIf(backend === 'postgres')(
    'two nodes writing from the same cached head at once: the second statement finds the head moved under its lock, its batch follows the other',
    async () => {
      const { buyer, seller, conversationId, stored } = await pair('ow-race');
      const a = node();
      const b = node();
      const first = await a.send(pending(buyer.memberId, seller.memberId, 'Hello'));
      // B caches the same head: a resend of A's message, answered as a duplicate under the lock.
      const again = await b.send(pending(buyer.memberId, seller.memberId, 'Hello', first.message.clientId));
      expect(again.duplicate).toBe(true);
      // Hold the conversation row: both statements wait for its lock before reading the head.
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let held!: () => void;
      const holding = new Promise<void>((r) => (held = r));
      const holder = t.store.transaction(async (tx) => {
        await tx.query('select id from conversations where id = $1 for update', [conversationId]);
        held();
        await released;
      });
      await holding;
      const fromA = a.send(pending(buyer.memberId, seller.memberId, 'From A'));
      const fromB = b.send(pending(seller.memberId, buyer.memberId, 'From B'));
      try {
        // Both statements are waiting for a lock (PostgreSQL says so), not merely sent.
        await vi.waitFor(
          async () => {
            const [w] = await t.store.query<{ n: number }>(
              `select count(*)::int as n from pg_stat_activity
               where datname = current_database() and wait_event_type = 'Lock' and query like '%locked as materialized%'`,
            );
            expect(w!.n).toBe(2);
          },
          { timeout: 20_000, interval: 20 },
        );
      } finally {
        release();
        await holder;
      }
      const [ra, rb] = await Promise.all([fromA, fromB]);
      // One wrote seq 2 from the cached head; the other, locking the row after that commit, read
      // the moved head, wrote nothing, and its batch took the locking path after it.
      expect([ra.message.seq, rb.message.seq].sort()).toEqual([2, 3]);
      expect(a.stats.fast + b.stats.fast).toBe(2);
      expect(a.stats.fellBack + b.stats.fellBack).toBe(1);
      expect(a.stats.retriedAlone + b.stats.retriedAlone).toBe(0);
      const messages = await stored();
      expect(messages.map((m) => m.seq)).toEqual([1, 2, 3]);
      expect(messages.filter((m) => m.text === 'From A' || m.text === 'From B')).toHaveLength(2);
      expectChained(conversationId, messages, t.signingKey.publicKey);
      closeAll(buyer.socket, seller.socket);
    },
  );
  /**
   * A gate for a store's calls: once `arm`ed, the next call through `pass` waits for `release`
   * before it reaches the store; every other call goes at once.
   */
  const gate = () => {
    let armed = false;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    return {
      arm: () => void (armed = true),
      release: () => release(),
      pass<T>(run: () => Promise<T>): Promise<T> {
        if (!armed) return run();
        armed = false;
        return released.then(run);
      },
    };
  };

  /**
   * The store's one-statement writes through a `gate`, each recorded by the conversations it
   * covers ($3), in the order written.
   */
  const gatedWrites = () => {
    const writes: string[][] = [];
    const held = gate();
    const writeAlone = <T extends object>(s: Statement<T>) => {
      writes.push([...(s.params[2] as string[])]);
      return held.pass(() => t.store.writeAlone(s));
    };
    return { writes, held, writeAlone };
  };

  it('writes another conversation beside a write from cached heads; a send of the same conversation waits for it', async () => {
    const x = await pair('ow-beside-x');
    const y = await pair('ow-beside-y');
    const { writes, held, writeAlone } = gatedWrites();
    const store: Store = { ...t.store, writeAlone };
    const a = node(store);
    // Both heads cached: each conversation's first send takes the locking path.
    await a.send(pending(x.buyer.memberId, x.seller.memberId, 'X one'));
    await a.send(pending(y.buyer.memberId, y.seller.memberId, 'Y one'));
    expect(writes).toEqual([]);
    held.arm();
    const x2 = a.send(pending(x.seller.memberId, x.buyer.memberId, 'X two'));
    await vi.waitFor(() => expect(writes).toEqual([[x.conversationId]]));
    // In one turn: a send of X (its write is held) and one of Y.
    const x3 = a.send(pending(x.buyer.memberId, x.seller.memberId, 'X three'));
    const sentY = a.send(pending(y.seller.memberId, y.buyer.memberId, 'Y two'));
    try {
      // Y's write is sent while X's is held (a committer that waited for X would never send it).
      await vi.waitFor(() => expect(writes).toHaveLength(2), { timeout: 10_000 });
      const y2 = await sentY;
      expect(y2.message.seq).toBe(2);
      // X's next send was not written beside X's own write.
      expect(writes).toEqual([[x.conversationId], [y.conversationId]]);
    } finally {
      held.release();
    }
    const [r2, r3] = await Promise.all([x2, x3]);
    expect([r2.message.seq, r3.message.seq]).toEqual([2, 3]);
    expect(r3.message.prevHash).toBe(r2.message.hash);
    expect(writes).toEqual([[x.conversationId], [y.conversationId], [x.conversationId]]);
    expect(a.stats).toMatchObject({ fast: 3, fellBack: 0, retriedAlone: 0 });
    expect((await x.stored()).map((m) => m.text)).toEqual(['X one', 'X two', 'X three']);
    expect((await y.stored()).map((m) => m.text)).toEqual(['Y one', 'Y two']);
    expectChained(x.conversationId, await x.stored(), t.signingKey.publicKey);
    expectChained(y.conversationId, await y.stored(), t.signingKey.publicKey);
    closeAll(x.buyer.socket, x.seller.socket, y.buyer.socket, y.seller.socket);
  });

  it('keeps a conversation whose write from cached heads fell back out of later batches until that fallback is over', async () => {
    const x = await pair('ow-behind-x');
    const y = await pair('ow-behind-y');
    const { writes, held: heldWrite, writeAlone } = gatedWrites();
    let transactions = 0;
    const heldTransaction = gate();
    const store: Store = {
      ...t.store,
      writeAlone,
      transaction: <T>(fn: (tx: Transaction) => Promise<T>) => {
        transactions += 1;
        return heldTransaction.pass(() => t.store.transaction(fn));
      },
    };
    const a = node(store);
    const b = node();
    await a.send(pending(x.buyer.memberId, x.seller.memberId, 'X one'));
    await a.send(pending(y.buyer.memberId, y.seller.memberId, 'Y one'));
    writes.length = 0;
    transactions = 0;
    // A's write of X is held while the other node writes X: released, it finds the head moved.
    heldWrite.arm();
    const x2 = a.send(pending(x.seller.memberId, x.buyer.memberId, 'X two'));
    await vi.waitFor(() => expect(writes).toEqual([[x.conversationId]]));
    await b.send(pending(x.buyer.memberId, x.seller.memberId, 'X from the other node'));
    const x3 = a.send(pending(x.buyer.memberId, x.seller.memberId, 'X three'));
    heldTransaction.arm();
    heldWrite.release();
    try {
      // X two's fallback (the locking path) has started, and is held before its first statement.
      await vi.waitFor(() => expect(transactions).toBe(1), { timeout: 10_000 });
      expect(a.stats.fellBack).toBe(1);
      // A later send of Y is written and answered; X three, queued before it, has not started.
      const y2 = await a.send(pending(y.seller.memberId, y.buyer.memberId, 'Y two'));
      expect(y2.message.seq).toBe(2);
      expect(writes).toEqual([[x.conversationId], [y.conversationId]]);
      expect(transactions).toBe(1);
    } finally {
      heldTransaction.release();
    }
    const [r2, r3] = await Promise.all([x2, x3]);
    expect([r2.message.seq, r3.message.seq]).toEqual([3, 4]);
    expect((await x.stored()).map((m) => m.text)).toEqual([
      'X one',
      'X from the other node',
      'X two',
      'X three',
    ]);
    expectChained(x.conversationId, await x.stored(), t.signingKey.publicKey);
    expectChained(y.conversationId, await y.stored(), t.signingKey.publicKey);
    closeAll(x.buyer.socket, x.seller.socket, y.buyer.socket, y.seller.socket);
  });

  it('takes the locking path when its one statement fails for any reason: the send is stored', async () => {
    const { buyer, seller, conversationId, stored } = await pair('ow-fail');
    let failNext = false;
    const store: Store = {
      ...t.store,
      writeAlone: <T extends object>(s: Statement<T>) => {
        if (!failNext) return t.store.writeAlone(s);
        failNext = false;
        // As a dropped connection, or a deadlock's victim: no unique violation.
        return Promise.reject(
          Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' }),
        );
      },
    };
    const a = node(store);
    await a.send(pending(buyer.memberId, seller.memberId, 'Hello'));
    failNext = true;
    const r = await a.send(pending(buyer.memberId, seller.memberId, 'Still stored'));
    expect(r.message.seq).toBe(2);
    expect(a.stats).toMatchObject({ fast: 1, retriedAlone: 0 });
    const messages = await stored();
    expect(messages.map((m) => m.text)).toEqual(['Hello', 'Still stored']);
    expectChained(conversationId, messages, t.signingKey.publicKey);
    closeAll(buyer.socket, seller.socket);
  });

  it("retries a failed batch one send at a time on the locking path, never the single writer's reads", async () => {
    const { buyer, seller, stored } = await pair('ow-alone');
    const sql: string[] = [];
    const store: Store = {
      ...t.store,
      transaction: <T>(fn: (tx: Transaction) => Promise<T>) =>
        t.store.transaction((tx) =>
          fn({
            ...tx,
            query: (q, p) => (sql.push(q), tx.query(q, p)),
            batch: (s) => (s.forEach((x) => sql.push(x.sql)), tx.batch(s)),
            commitWith: (s) => (s.forEach((x) => sql.push(x.sql)), tx.commitWith(s)),
          }),
        ),
    };
    const a = node(store);
    // A text the store refuses fails its whole batch (a NUL on PostgreSQL; on PGlite too).
    const [bad, good] = await Promise.allSettled([
      a.send(pending(buyer.memberId, seller.memberId, 'bad \u0000 text')),
      a.send(pending(seller.memberId, buyer.memberId, 'Fine')),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good.status === 'fulfilled' && good.value.message.seq).toBe(1);
    expect(a.stats.retriedAlone).toBe(1);
    expect(sql).not.toContain(READ_HEADS);
    expect(sql).toContain(LOCK_CONVERSATIONS);
    expect((await stored()).map((m) => m.text)).toEqual(['Fine']);
    closeAll(buyer.socket, seller.socket);
  });
});
