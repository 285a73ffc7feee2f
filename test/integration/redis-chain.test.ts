/**
 * Two nodes on one PostgreSQL database and one Redis, both writing into the same conversation at
 * once (each node group-commits its own sends): the conversation must come out gapless, chained
 * and signed, exactly once per client id — checked with the shared verifier functions and by
 * verifying an operator export of the whole conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIdFor, type Message, type SendAck } from '../../shared/protocol';
import { bytesToHex } from '../../shared/evidence/chain';
import { expectChained, storedProofs } from '../helpers/history';
import { verifyBundle } from '../../shared/evidence/verify';
import { exportFromServer } from '../../server/src/features/evidence';
import { committerOf } from '../../server/src/features/messages/service';
import {
  REDIS_TEST_URL,
  testRedisPrefix,
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../helpers/server';
import { call, clientId, closeAll, secondDevice, signUp, type Client } from '../helpers/client';
import { redisLeftovers } from '../helpers/redis';

/** Sends per writer (four writers, two per node), and how many each keeps in flight. */
const PER_WRITER = 100;
const IN_FLIGHT = 4;

describe('two nodes writing into one conversation', () => {
  let db: TestDatabase;
  let node1: TestServer;
  let node2: TestServer;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    node1 = await startTestServer('postgres', { db, redisUrl: REDIS_TEST_URL });
    node2 = await startTestServer('postgres', { db, redisUrl: REDIS_TEST_URL });
  });
  afterAll(async () => {
    await node1?.close();
    await node2?.close();
    await db?.dispose();
  });

  it('stores a gapless, correctly chained, verifiable conversation, each client id once', async () => {
    const buyer = await signUp(node1.url, 'cw-buyer');
    const seller = await signUp(node2.url, 'cw-seller');
    const buyerOn2 = await secondDevice(node2.url, buyer);
    const sellerOn1 = await secondDevice(node1.url, seller);
    const conversationId = conversationIdFor(buyer.memberId, seller.memberId);

    // Each writer keeps a few sends in flight, so both nodes commit batch after batch into the
    // conversation at the same time; some of the buyer's client ids are sent again at the same
    // moment through the other node, racing the original.
    const writers: { socket: Client; to: string; ids: string[] }[] = [
      { socket: buyer.socket, to: seller.memberId, ids: [] },
      { socket: buyerOn2, to: seller.memberId, ids: [] },
      { socket: seller.socket, to: buyer.memberId, ids: [] },
      { socket: sellerOn1, to: buyer.memberId, ids: [] },
    ];
    for (const w of writers) for (let i = 0; i < PER_WRITER; i++) w.ids.push(clientId());
    const racing = new Set(writers[0]!.ids.filter((_, i) => i % 10 === 0));
    const acks: { id: string; ack: SendAck }[] = [];
    const write = async (n: number, lane: number) => {
      const w = writers[n]!;
      for (let i = lane; i < PER_WRITER; i += IN_FLIGHT) {
        const id = w.ids[i]!;
        const payload = { to: w.to, clientId: id, text: `writer ${n} message ${i}` };
        const resend = racing.has(id) ? [call(writers[1]!.socket, 'message:send', payload)] : [];
        for (const ack of await Promise.all([call(w.socket, 'message:send', payload), ...resend]))
          acks.push({ id, ack });
      }
    };
    await Promise.all(
      writers.flatMap((_, n) => Array.from({ length: IN_FLIGHT }, (_, lane) => write(n, lane))),
    );

    // Both nodes committed batches into the conversation while the other did, and the row lock
    // serialised them: no batch failed (e.g. on a seq the other node took) and was retried alone.
    const stats = [committerOf(node1.server.ctx).stats, committerOf(node2.server.ctx).stats];
    expect(stats.every((s) => s.batches > 1)).toBe(true);
    expect(stats.map((s) => s.retriedAlone)).toEqual([0, 0]);

    // Each client id has exactly one seq; the racing resend was answered with the original.
    const seqOf = new Map<string, number>();
    for (const { id, ack } of acks) {
      const known = seqOf.get(id);
      if (known === undefined) seqOf.set(id, ack.seq);
      else expect(ack.seq).toBe(known);
    }
    const total = writers.length * PER_WRITER;
    expect(seqOf.size).toBe(total);
    expect(acks.filter((a) => a.ack.duplicate)).toHaveLength(racing.size);

    // The whole conversation, paged as a client catches up.
    const messages: Message[] = [];
    for (let more = true; more;) {
      const page = await call(buyer.socket, 'sync:messages', {
        conversationId,
        afterSeq: messages.at(-1)?.seq ?? 0,
        limit: 100,
      });
      messages.push(...page.messages);
      more = page.hasMore;
    }
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const publicKey = node1.signingKey.publicKey;
    expectChained(conversationId, messages, publicKey, await storedProofs(node1.store, conversationId));
    for (const m of messages) expect(seqOf.get(m.clientId)).toBe(m.seq);
    const list = await call(seller.socket, 'sync:conversations', {});
    expect(list.find((c) => c.id === conversationId)?.lastSeq).toBe(total);

    const bundle = await exportFromServer(node2.store, node2.signingKey, {
      conversationId,
      scope: { kind: 'whole' },
      options: { translations: true, attachments: true },
      now: new Date(),
    });
    const verified = verifyBundle(bundle.files, { expectedKey: bytesToHex(publicKey) });
    expect(verified.problems).toEqual([]);
    expect(verified.summary).toMatchObject({ messages: total });
    closeAll(buyer.socket, seller.socket, buyerOn2, sellerOn1);
  });
});

describe('Redis after this file', () => {
  it('holds no lasting key under the test prefix once both nodes have stopped', async () => {
    // Rate-limit windows expire by themselves; presence, devices and heartbeats must be gone.
    expect((await redisLeftovers(testRedisPrefix(), true)).lasting).toEqual([]);
  });
});
