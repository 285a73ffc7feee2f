/**
 * Batch signatures (issue 9, docs/evidence.md § Batch signatures) on a real server, on PGlite and
 * PostgreSQL: the sends of one group commit share ONE signature, of the root of a Merkle tree over
 * their chain hashes, which the store keeps once per batch (its leaves). Their inclusion proofs are
 * not sent — not in the ack, `message:new`, a later sync or a resend's duplicate ack — and
 * `evidence:attest` makes and answers them, so each message
 * verifies on its own with the public key the server publishes. A send committed alone is signed
 * as before: its hash, no proof.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyMessageSignature } from '../../shared/evidence/batch';
import { hexToBytes, verifyHashSignature } from '../../shared/evidence/chain';
import { WellKnownServerKeys } from '../../shared/evidence/format';
import { AttestResponse, conversationIdFor, Message, SendAck, type BatchProof } from '../../shared/protocol';
import { committerOf } from '../../server/src/features/messages/service';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import { call, clientId, closeAll, once, signUp, type SignedIn } from '../helpers/client';
import { expectChained, storedProofs } from '../helpers/history';

describe.each(BACKENDS)('batch signatures on %s', (backend) => {
  let t: TestServer;
  let publicKey: Uint8Array;
  beforeAll(async () => {
    t = await startTestServer(backend);
    const res = await fetch(`${t.url}/.well-known/tradewind/server-key.json`);
    publicKey = hexToBytes(WellKnownServerKeys.parse(await res.json()).publicKey);
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * Holds the sends that reach the server's committer until `n` have, then queues them all in one
   * turn of the event loop: one group commit, whatever the order and timing of the sockets.
   */
  const together = (n: number): (() => void) => {
    const committer = committerOf(t.server.ctx);
    const send = committer.send.bind(committer);
    const held: (() => void)[] = [];
    const spy = vi.spyOn(committer, 'send').mockImplementation(
      (s) =>
        new Promise((resolve, reject) => {
          held.push(() => void send(s).then(resolve, reject));
          if (held.length === n) for (const go of held.splice(0)) go();
        }),
    );
    return () => spy.mockRestore();
  };

  const sendOver = (from: SignedIn, to: SignedIn, text: string, id = clientId()) =>
    call(from.socket, 'message:send', { to: to.memberId, clientId: id, text }).then((a) => SendAck.parse(a));
  const delivered = (to: SignedIn, text: string) =>
    once(to.socket, 'message:new', (m) => m.text === text).then((m) => Message.parse(m));
  const synced = async (who: SignedIn, other: SignedIn) => {
    const conversationId = conversationIdFor(who.memberId, other.memberId);
    const { messages } = await call(who.socket, 'sync:messages', { conversationId, afterSeq: 0 });
    expectChained(conversationId, messages, publicKey, await storedProofs(t.store, conversationId));
    return messages.map((m) => Message.parse(m));
  };
  /** The proofs `evidence:attest` answers for the whole conversation, by seq. */
  const attested = async (who: SignedIn, other: SignedIn): Promise<Map<number, BatchProof>> => {
    const conversationId = conversationIdFor(who.memberId, other.memberId);
    const att = AttestResponse.parse(
      await call(who.socket, 'evidence:attest', { conversationId, scope: { kind: 'whole' } }),
    );
    return new Map((att.proofs ?? []).map((p) => [p.seq, p.proof]));
  };

  it('one signature for a group commit, no proof in the ack, message:new or sync: evidence:attest answers each', async () => {
    const buyer = await signUp(t.url, 'bs-buyer');
    const seller = await signUp(t.url, 'bs-seller');
    const other = await signUp(t.url, 'bs-other');

    // Alone: signed as before, the hash itself, and no proof anywhere.
    const aloneNew = delivered(seller, 'Hello');
    const alone = await sendOver(buyer, seller, 'Hello');
    expect('proof' in alone).toBe(false);
    expect(verifyHashSignature(alone.hash, alone.signature, publicKey)).toBe(true);
    expect('proof' in (await aloneNew)).toBe(false);
    expect(await attested(buyer, seller)).toEqual(new Map());

    // Three sockets, two conversations (one new), one group commit.
    const before = { ...committerOf(t.server.ctx).stats };
    const release = together(3);
    const sends = [
      [buyer, seller, 'Price for 500 units?'],
      [seller, buyer, '12 USD each.'],
      [other, seller, 'Do you ship to Lima?'],
    ] as const;
    let acks: SendAck[];
    let news: Message[];
    try {
      const arriving = sends.map(([, to, text]) => delivered(to, text));
      acks = await Promise.all(sends.map(([from, to, text]) => sendOver(from, to, text)));
      news = await Promise.all(arriving);
    } finally {
      release();
    }
    const stats = committerOf(t.server.ctx).stats;
    expect([stats.batches - before.batches, stats.sends - before.sends]).toEqual([1, 3]);

    const [signature] = acks.map((a) => a.signature);
    expect(acks.map((a) => a.signature)).toEqual([signature, signature, signature]);
    for (const [i, ack] of acks.entries()) {
      // The live messages go without their proofs (the ack, message:new)…
      expect(ack).not.toHaveProperty('proof');
      expect(news[i]).toMatchObject({ hash: ack.hash, signature });
      expect(news[i]).not.toHaveProperty('proof');
      // …and are not signatures of their hashes: without its proof a message does not verify.
      expect(verifyMessageSignature(ack.hash, ack.signature, null, publicKey)).toBe(false);
    }

    // A later sync neither (chained, the signatures checked with the stored proofs).
    const buyerSide = await synced(seller, buyer);
    const otherSide = await synced(seller, other);
    for (const m of [...buyerSide, ...otherSide]) expect(m).not.toHaveProperty('proof');

    // `evidence:attest` answers them: each batched message verifies with its proof and the
    // published key; the lone one needs none.
    const proofsIn = new Map([
      [buyerSide[0]!.conversationId, await attested(seller, buyer)],
      [otherSide[0]!.conversationId, await attested(other, seller)],
    ]);
    const proofOf = (m: Message) => proofsIn.get(m.conversationId)!.get(m.seq);
    const batched = acks.map((ack) => [...buyerSide, ...otherSide].find((m) => m.hash === ack.hash)!);
    expect([...proofsIn.values()].map((p) => p.size)).toEqual([2, 1]);
    // The rows in arrival order at the committer, which the sockets do not fix: each index once.
    expect(batched.map((m) => proofOf(m)!.index).sort()).toEqual([0, 1, 2]);
    for (const m of batched) {
      expect(proofOf(m)).toMatchObject({ size: 3 });
      expect(verifyMessageSignature(m.hash, m.signature, proofOf(m), publicKey)).toBe(true);
    }
    const lone = buyerSide.find((m) => m.hash === alone.hash)!;
    expect(proofOf(lone)).toBeUndefined();
    expect(verifyMessageSignature(lone.hash, lone.signature, null, publicKey)).toBe(true);

    // A resend of a batched message is acked from the store, without the proof either.
    const again = await sendOver(buyer, seller, sends[0][2], news[0]!.clientId);
    expect(again).toMatchObject({ duplicate: true, hash: acks[0]!.hash, signature });
    expect(again).not.toHaveProperty('proof');
    closeAll(buyer.socket, seller.socket, other.socket);
  });

  it('a group commit in conversations the node has written before (PGlite: one request from cached heads)', async () => {
    const buyer = await signUp(t.url, 'bs-c-buyer');
    const seller = await signUp(t.url, 'bs-c-seller');
    await sendOver(buyer, seller, 'Hello');
    const before = { ...committerOf(t.server.ctx).stats };
    const release = together(2);
    let acks: SendAck[];
    try {
      acks = await Promise.all([sendOver(buyer, seller, 'Price?'), sendOver(seller, buyer, '12 USD.')]);
    } finally {
      release();
    }
    const stats = committerOf(t.server.ctx).stats;
    expect(stats.batches - before.batches).toBe(1);
    if (backend === 'pglite') expect(stats.fast - before.fast).toBe(1);
    expect(acks[1]!.signature).toBe(acks[0]!.signature);
    expect(acks.filter((a) => 'proof' in a)).toEqual([]);
    const stored = await synced(buyer, seller);
    const proofs = await attested(buyer, seller);
    expect(stored.map((m) => proofs.get(m.seq)?.index ?? null)).toEqual([null, 0, 1]);
    for (const m of stored.slice(1)) {
      expect(proofs.get(m.seq)).toMatchObject({ size: 2 });
      expect(verifyMessageSignature(m.hash, m.signature, proofs.get(m.seq), publicKey)).toBe(true);
    }
    closeAll(buyer.socket, seller.socket);
  });

  it("keeps a batch's hashes once and no proof in its messages; a message stored with its own proof (migration 710) exports it", async () => {
    const buyer = await signUp(t.url, 'bs-l-buyer');
    const seller = await signUp(t.url, 'bs-l-seller');
    const release = together(3);
    try {
      await Promise.all([
        sendOver(buyer, seller, 'One'),
        sendOver(seller, buyer, 'Two'),
        sendOver(buyer, seller, 'Three'),
      ]);
    } finally {
      release();
    }
    const conversationId = conversationIdFor(buyer.memberId, seller.memberId);
    const rows = await t.store.query<{
      seq: number;
      hash: string;
      proof: unknown;
      batch_id: string | null;
      batch_index: number | null;
    }>(
      'select seq, hash, proof, batch_id::text as batch_id, batch_index from messages where conversation_id = $1 order by seq',
      [conversationId],
    );
    // One batch, whose leaves are the three hashes in the order written; no proof in a message row.
    expect(rows.map((r) => [r.seq, r.batch_index, r.proof])).toEqual([
      [1, 0, null],
      [2, 1, null],
      [3, 2, null],
    ]);
    const batchId = rows[0]!.batch_id;
    expect(rows.map((r) => r.batch_id)).toEqual([batchId, batchId, batchId]);
    const [batch] = await t.store.query<{ leaves: string[] }>(
      'select leaves from message_batches where id = $1::bigint',
      [batchId],
    );
    expect(batch!.leaves).toEqual(rows.map((r) => r.hash));
    const made = await attested(buyer, seller);
    expect([...made.keys()]).toEqual([1, 2, 3]);
    // As migration 710 stored them: each proof in its message row, and no batch row to make it from.
    for (const [seq, proof] of made)
      await t.store.query(
        'update messages set proof = $3::jsonb, batch_id = null, batch_index = null where conversation_id = $1 and seq = $2',
        [conversationId, seq, JSON.stringify(proof)],
      );
    await t.store.query('delete from message_batches where id = $1::bigint', [batchId]);
    expect(await attested(buyer, seller)).toEqual(made);
    for (const m of await synced(buyer, seller))
      expect(verifyMessageSignature(m.hash, m.signature, made.get(m.seq), publicKey)).toBe(true);
    closeAll(buyer.socket, seller.socket);
  });
});
