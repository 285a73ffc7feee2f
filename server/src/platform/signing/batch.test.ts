import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { batchTree, verifyMessageSignature } from '../../../../shared/evidence/batch';
import { bytesToHex, sha256Hex, verifyHashSignature } from '../../../../shared/evidence/chain';
import { generateSigningKey, publicKeyOf } from '../../../../shared/evidence/keys';
import { batchProofs, nodeBatchRoot, nodeBatchTree, signBatch } from './batch';
import { bytesSigner } from './sign';

const hashes = (n: number): string[] => Array.from({ length: n }, () => sha256Hex(randomBytes(64)));

describe('batch signatures (node:crypto)', () => {
  it('build the tree and paths byte for byte as the shared @noble reference does', () => {
    for (let n = 1; n <= 70; n++) {
      const hs = hashes(n);
      const mine = nodeBatchTree(hs);
      const theirs = batchTree(hs);
      expect(bytesToHex(mine.root)).toBe(bytesToHex(theirs.root));
      expect(mine.paths).toEqual(theirs.paths);
    }
    const big = hashes(256);
    expect(bytesToHex(nodeBatchTree(big).root)).toBe(bytesToHex(batchTree(big).root));
    // The root alone, as a commit makes it, is the same root.
    expect(bytesToHex(nodeBatchRoot(big))).toBe(bytesToHex(batchTree(big).root));
  });

  it('sign a batch once, and every message verifies with its proof (batchProofs) and the public key', () => {
    const { secretKey } = generateSigningKey();
    const publicKey = publicKeyOf(secretKey);
    const sign = bytesSigner(secretKey);
    for (const n of [2, 3, 5, 8, 33]) {
      const hs = hashes(n);
      const signature = signBatch(hs, sign);
      const proofs = batchProofs(hs);
      expect(signature).toMatch(/^[0-9a-f]{128}$/);
      expect(proofs).toHaveLength(n);
      hs.forEach((h, i) => {
        expect(proofs[i]).toMatchObject({ index: i, size: n });
        expect(verifyMessageSignature(h, signature, proofs[i], publicKey)).toBe(true);
        // Not a signature of the hash itself, and no other message's proof fits it.
        expect(verifyHashSignature(h, signature, publicKey)).toBe(false);
        expect(verifyMessageSignature(h, signature, proofs[(i + 1) % n], publicKey)).toBe(false);
      });
    }
  });

  it('signs a batch of one as before: the hash itself, no proof', () => {
    const { secretKey } = generateSigningKey();
    const [h] = hashes(1);
    const signature = signBatch([h!], bytesSigner(secretKey));
    expect(verifyHashSignature(h!, signature, publicKeyOf(secretKey))).toBe(true);
    expect(verifyMessageSignature(h!, signature, null, publicKeyOf(secretKey))).toBe(true);
  });
});
