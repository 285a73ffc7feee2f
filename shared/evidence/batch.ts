/**
 * One signature for a group commit (docs/evidence.md § Batch signatures): when the server stores
 * several messages in one transaction, it signs ONE statement — the root of a Merkle tree over
 * their chain hashes, in the order written — instead of each hash, and gives each message its
 * inclusion proof. Each message stays verifiable on its own: its hash, its proof and the batch's
 * signature. The tree is RFC 9162's (Certificate Transparency 2.0, § 2.1): leaf = SHA-256(0x00 ‖
 * d), node = SHA-256(0x01 ‖ left ‖ right), a tree of n > 1 leaves split at the largest power of two
 * below n; a leaf's data d is the 32 raw bytes of the message's chain hash.
 *
 * A batch of one is signed as before (the signature over the hash itself, no proof). The signed
 * bytes are `UTF8("tradewind-batch-v1\n") ‖ root` (51 bytes): never exactly 32 bytes like a
 * message-hash signature, never starting with `{` like an attestation, so no signature can pass
 * for another kind. The functions take the SHA-256 to use: @noble's here (browsers, verifiers),
 * node:crypto's on the server (server/src/platform/signing/batch.ts); both give the same bytes.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { BatchProof } from '../protocol/schemas';

/** Domain separation of a batch root's signature. */
export const BATCH_VERSION = 'tradewind-batch-v1';

export type { BatchProof };

/** SHA-256 of one byte string. */
export type Sha256 = (data: Uint8Array) => Uint8Array;

const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);
const PREFIX = utf8ToBytes(`${BATCH_VERSION}\n`);

export const leafHash = (hashHex: string, h: Sha256 = sha256): Uint8Array =>
  h(concatBytes(LEAF, hexToBytes(hashHex)));
export const nodeHash = (left: Uint8Array, right: Uint8Array, h: Sha256 = sha256): Uint8Array =>
  h(concatBytes(NODE, left, right));

/** The bytes the server signs for a batch whose tree has root `root`. */
export const batchStatement = (root: Uint8Array): Uint8Array => concatBytes(PREFIX, root);

/** The largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The tree over `hashes` (chain hashes, hex, at least one): its root and every leaf's audit path
 * (hex), in one pass — n leaf and n − 1 node hashes.
 */
export function batchTree(
  hashes: readonly string[],
  h: Sha256 = sha256,
): { root: Uint8Array; paths: string[][] } {
  if (hashes.length === 0) throw new Error('A batch has at least one message.');
  const leaves = hashes.map((x) => leafHash(x, h));
  const paths: string[][] = hashes.map(() => []);
  const build = (lo: number, hi: number): Uint8Array => {
    if (hi - lo === 1) return leaves[lo]!;
    const k = split(hi - lo);
    const left = build(lo, lo + k);
    const right = build(lo + k, hi);
    const r = bytesToHex(right);
    const l = bytesToHex(left);
    for (let i = lo; i < lo + k; i++) paths[i]!.push(r);
    for (let i = lo + k; i < hi; i++) paths[i]!.push(l);
    return nodeHash(left, right, h);
  };
  return { root: build(0, hashes.length), paths };
}

/**
 * The root that `proof` leads to from the chain hash `hashHex` (RFC 9162 § 2.1.3.2), or null when
 * the proof cannot be one for a tree of its size (index out of range, a path too short or too
 * long, a malformed hash).
 */
export function rootFromProof(hashHex: string, proof: BatchProof, h: Sha256 = sha256): Uint8Array | null {
  const { index, size, path } = proof;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || size < 2 || index < 0 || index >= size)
    return null;
  if (!path.every((p) => /^[0-9a-f]{64}$/.test(p))) return null;
  let fn = index;
  let sn = size - 1;
  let r = leafHash(hashHex, h);
  for (const p of path) {
    if (sn === 0) return null;
    const sibling = hexToBytes(p);
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(sibling, r, h);
      if (fn % 2 === 0)
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
    } else r = nodeHash(r, sibling, h);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/**
 * Whether `signatureHex` is the server key's signature of the message whose chain hash is
 * `hashHex`: with a proof, a batch signature over the root the proof leads to; without one, a
 * signature of the hash itself (docs/evidence.md § Chain).
 */
export function verifyMessageSignature(
  hashHex: string,
  signatureHex: string,
  proof: BatchProof | null | undefined,
  publicKey: Uint8Array,
  verify: (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean = (s, m, k) =>
    ed25519.verify(s, m, k),
): boolean {
  try {
    if (!/^[0-9a-f]{128}$/.test(signatureHex) || !/^[0-9a-f]{64}$/.test(hashHex)) return false;
    if (!proof) return verify(hexToBytes(signatureHex), hexToBytes(hashHex), publicKey);
    const root = rootFromProof(hashHex, proof);
    return root !== null && verify(hexToBytes(signatureHex), batchStatement(root), publicKey);
  } catch {
    return false;
  }
}
