/**
 * Fixtures the integration suites share: members signed up in turn, and a conversation's history
 * written straight into the store, chained and signed as live messages are (appendHistory, the
 * operator's seeding path).
 */
import { expect } from 'vitest';
import { verifyMessageSignature } from '../../shared/evidence/batch';
import { chainHash, genesisHash } from '../../shared/evidence/chain';
import { conversationIdFor, type BatchProof, type Message } from '../../shared/protocol';
import {
  PROOF_COLUMNS,
  appendHistory,
  proofsOf,
  type ProofColumns,
} from '../../server/src/features/messages';
import type { Queryable } from '../../server/src/platform/db/store';
import { hashSigner } from '../../server/src/platform/signing/sign';
import { signUp, type SignedIn } from './client';
import type { TestServer } from './server';

/** `n` new members, one after another (scrypt at its real cost: at once they time out on a busy machine). */
export async function signUpMany(url: string, n: number, prefix: string): Promise<SignedIn[]> {
  const out: SignedIn[] = [];
  for (let i = 0; i < n; i++) out.push(await signUp(url, prefix));
  return out;
}

/**
 * Appends `n` chained, signed messages (alternating senders, `a` first, one a second from
 * 2026-11-01 08:00 UTC) to the conversation of `a` and `b`; returns its id.
 */
export async function appendChained(t: TestServer, a: string, b: string, n: number): Promise<string> {
  const id = conversationIdFor(a, b);
  const signer = { sign: hashSigner(t.signingKey.secretKey), keyId: t.signingKey.keyId };
  const start = Date.parse('2026-11-01T08:00:00.000Z');
  await appendHistory(
    t.store,
    signer,
    id,
    Array.from({ length: n }, (_, i) => ({
      sender: i % 2 === 0 ? a : b,
      text: `${id} #${i + 1}`,
      lang: 'en',
      sentAt: new Date(start + i * 1000).toISOString(),
    })),
    new Date(start),
  );
  return id;
}

/**
 * The batch proofs of a conversation's stored messages, by seq, as an export makes them from the
 * store (`proofsOf`, which checks each message's hash is its batch's leaf at its place): live
 * messages go without them (docs/evidence.md § Batch signatures). First, of every batch in the
 * store: as many messages refer to it as it has leaves — no batch row written without its messages
 * (a write whose checks failed), none of its messages written elsewhere.
 */
export async function storedProofs(db: Queryable, conversationId: string): Promise<Map<number, BatchProof>> {
  const unequal = await db.query<{ id: string; leaves: number; written: number }>(
    `select b.id::text as id, jsonb_array_length(b.leaves) as leaves, count(m.seq)::int as written
     from message_batches b left join messages m on m.batch_id = b.id
     group by b.id, b.leaves having count(m.seq) <> jsonb_array_length(b.leaves)`,
  );
  expect(unequal).toEqual([]);
  const rows = await db.query<ProofColumns>(
    `select ${PROOF_COLUMNS} from messages where conversation_id = $1`,
    [conversationId],
  );
  return proofsOf(db, rows);
}

/**
 * `messages` are the conversation's from seq 1: each links to the one before, hashed and signed
 * (alone, or with its group commit's batch-mates: then its proof is in `proofs`, `storedProofs`).
 */
export function expectChained(
  conversationId: string,
  messages: readonly Message[],
  publicKey: Uint8Array,
  proofs: ReadonlyMap<number, BatchProof> = new Map(),
): void {
  let prev = genesisHash(conversationId);
  for (const m of messages) {
    expect(m.prevHash).toBe(prev);
    expect(chainHash(prev, m)).toBe(m.hash);
    expect(verifyMessageSignature(m.hash, m.signature, proofs.get(m.seq), publicKey)).toBe(true);
    prev = m.hash;
  }
}
