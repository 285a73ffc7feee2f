/**
 * A group commit's one signature (docs/evidence.md § Batch signatures) with node:crypto: the tree
 * of shared/evidence/batch.ts, which stays the reference for browsers and verifiers, with OpenSSL's
 * SHA-256 instead of @noble's pure-JS one (~0.7 µs a hash against ~7 µs, chain.ts), and the batch
 * statement signed once instead of every hash (~40 µs each: 38 % of the server's main thread under
 * load, issue 9). batch.test.ts checks the two trees agree byte for byte.
 */
import { hash } from 'node:crypto';
import { batchStatement, type BatchProof } from '../../../../shared/evidence/batch';
import type { BytesSigner } from './sign';

/**
 * `batchTree` of shared/evidence/batch.ts, byte for byte (batch.test.ts), on Buffers: OpenSSL's
 * one-shot SHA-256 (`crypto.hash`) into two reused input buffers, and hex by Buffer's own codec,
 * where the shared reference allocates and converts with @noble's pure-JS helpers — 3.1 µs a
 * message against 6.0 in a batch of 63 (a throwaway loop, 2026-12-07).
 */
export function nodeBatchTree(hashes: readonly string[]): { root: Buffer; paths: string[][] } {
  const paths: string[][] = hashes.map(() => []);
  return { root: treeRoot(hashes, paths), paths };
}

/** The root alone, as a commit signs it (the proofs are made when an export asks: `batchProofs`). */
export function nodeBatchRoot(hashes: readonly string[]): Buffer {
  return treeRoot(hashes, null);
}

/** The tree's root over `hashes`; each leaf's audit path pushed onto `paths` when given. */
function treeRoot(hashes: readonly string[], paths: string[][] | null): Buffer {
  if (hashes.length === 0) throw new Error('A batch has at least one message.');
  const leafIn = Buffer.alloc(33); // 0x00 ‖ the hash's 32 bytes
  const leaves = hashes.map((h) => {
    leafIn.write(h, 1, 'hex');
    return hash('sha256', leafIn, 'buffer');
  });
  const nodeIn = Buffer.alloc(65); // 0x01 ‖ left ‖ right
  nodeIn[0] = 1;
  const build = (lo: number, hi: number): Buffer => {
    if (hi - lo === 1) return leaves[lo]!;
    let k = 1;
    while (k * 2 < hi - lo) k *= 2;
    const left = build(lo, lo + k);
    const right = build(lo + k, hi);
    if (paths) {
      const r = right.toString('hex');
      const l = left.toString('hex');
      for (let i = lo; i < lo + k; i++) paths[i]!.push(r);
      for (let i = lo + k; i < hi; i++) paths[i]!.push(l);
    }
    left.copy(nodeIn, 1);
    right.copy(nodeIn, 33);
    return hash('sha256', nodeIn, 'buffer');
  };
  return build(0, hashes.length);
}

/**
 * The signature of the messages whose chain hashes are `hashes` (hex, at least one, in the order
 * written): with one message, its hash signed as it always was; with more — a batch —
 * `batchStatement` of their tree's root signed once. Their proofs are not made here: the store
 * keeps a batch's hashes (its leaves), and `batchProofs` makes the proofs from them for an export.
 */
export function signBatch(hashes: readonly string[], sign: BytesSigner): string {
  if (hashes.length === 1) return sign(Buffer.from(hashes[0]!, 'hex'));
  return sign(batchStatement(nodeBatchRoot(hashes)));
}

/** The inclusion proof of each message of a batch whose chain hashes are `hashes` (two or more, in order). */
export function batchProofs(hashes: readonly string[]): BatchProof[] {
  const size = hashes.length;
  return nodeBatchTree(hashes).paths.map((path, index) => ({ index, size, path }));
}
