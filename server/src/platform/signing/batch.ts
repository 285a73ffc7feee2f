/**
 * A group commit's one signature (docs/evidence.md § Batch signatures) with node:crypto: the tree
 * of shared/evidence/batch.ts, which stays the reference for browsers and verifiers, with OpenSSL's
 * SHA-256 instead of @noble's pure-JS one (~2 µs a hash against ~7 µs, chain.ts), and the batch
 * statement signed once instead of every hash (~40 µs each: 38 % of the server's main thread under
 * load, issue 9). batch.test.ts checks the two trees agree byte for byte.
 */
import { createHash } from 'node:crypto';
import { batchStatement, batchTree, type BatchProof, type Sha256 } from '../../../../shared/evidence/batch';
import type { BytesSigner } from './sign';

/** SHA-256 with node:crypto; a Buffer, which is a Uint8Array. */
export const sha256: Sha256 = (data) => createHash('sha256').update(data).digest();

/** `batchTree` of shared/evidence/batch.ts with node:crypto's SHA-256. */
export function nodeBatchTree(hashes: readonly string[]): { root: Uint8Array; paths: string[][] } {
  return batchTree(hashes, sha256);
}

/**
 * The signature of the messages whose chain hashes are `hashes` (hex, at least one, in the order
 * written) and each one's proof: with one message, its hash signed as it always was and no proof;
 * with more, `batchStatement` of their tree's root signed once, and each its inclusion proof.
 */
export function signBatch(
  hashes: readonly string[],
  sign: BytesSigner,
): { signature: string; proofs: BatchProof[] | null } {
  if (hashes.length === 1) return { signature: sign(Buffer.from(hashes[0]!, 'hex')), proofs: null };
  const { root, paths } = nodeBatchTree(hashes);
  const size = hashes.length;
  return {
    signature: sign(batchStatement(root)),
    proofs: paths.map((path, index) => ({ index, size, path })),
  };
}
