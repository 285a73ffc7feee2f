/**
 * The batch proofs of stored messages, for an export (docs/evidence.md § Batch signatures). A
 * message signed with batch-mates since migration 711 names its batch and its place in it; its
 * proof is made from the batch's leaves — the chain hashes the commit signed, in order — with the
 * server's own tree (`batchProofs`), each batch once. A message stored before keeps the proof it
 * was written with (migration 710). A message signed alone has none.
 */
import type { BatchProof } from '../../../../shared/protocol';
import type { Queryable } from '../../platform/db/store';
import { batchProofs } from '../../platform/signing/batch';
import type { MessageRow } from './rows';

/** The columns of a stored message that say how it was signed (`batch_id`: compared as text). */
export type ProofColumns = Pick<MessageRow, 'seq' | 'hash' | 'proof' | 'batch_id' | 'batch_index'>;

/** The columns `proofsOf` reads, for a select of `messages`. */
export const PROOF_COLUMNS = 'seq, hash, proof, batch_id, batch_index';

/** Each of `rows`' proof, by seq (the rows of one conversation), for those signed in a batch. */
export async function proofsOf(
  db: Queryable,
  rows: readonly ProofColumns[],
): Promise<Map<number, BatchProof>> {
  const ids = [...new Set(rows.flatMap((r) => (r.batch_id == null ? [] : [String(r.batch_id)])))];
  const batches = new Map<string, { leaves: string[]; proofs: BatchProof[] }>();
  if (ids.length > 0)
    for (const b of await db.query<{ id: string; leaves: string[] }>(
      'select id::text as id, leaves from message_batches where id = any($1::bigint[])',
      [ids],
    ))
      batches.set(b.id, { leaves: b.leaves, proofs: batchProofs(b.leaves) });
  const out = new Map<number, BatchProof>();
  for (const r of rows) {
    if (r.proof) {
      out.set(r.seq, r.proof);
      continue;
    }
    if (r.batch_id == null || r.batch_index == null) continue;
    const batch = batches.get(String(r.batch_id));
    // A proof of another hash would only fail the verifier later, far from the cause.
    if (batch?.leaves[r.batch_index] !== r.hash)
      throw new Error(
        `Message ${r.seq}'s batch ${String(r.batch_id)} does not hold its hash at ${r.batch_index}.`,
      );
    out.set(r.seq, batch.proofs[r.batch_index]!);
  }
  return out;
}
