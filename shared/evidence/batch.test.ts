import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchStatement, batchTree, rootFromProof, verifyMessageSignature, type BatchProof } from './batch';

/** RFC 9162 § 2.1.1's MTH written out as the RFC states it, recursively: the reference. */
function mth(d: Uint8Array[]): Uint8Array {
  if (d.length === 1) return sha256(concatBytes(Uint8Array.of(0), d[0]!));
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return sha256(concatBytes(Uint8Array.of(1), mth(d.slice(0, k)), mth(d.slice(k))));
}

const hashes = (n: number, seed = 0): string[] =>
  Array.from({ length: n }, (_, i) => bytesToHex(sha256(new TextEncoder().encode(`m${seed}:${i}`))));

describe('batch signatures (RFC 9162 Merkle tree)', () => {
  it('the root is RFC 9162 MTH over the raw hash bytes, and every leaf’s path leads to it', () => {
    for (let n = 1; n <= 70; n++) {
      const hs = hashes(n, n);
      const { root, paths } = batchTree(hs);
      expect(bytesToHex(root)).toBe(bytesToHex(mth(hs.map(hexToBytes))));
      if (n === 1) expect(paths).toEqual([[]]);
      else
        hs.forEach((h, i) => {
          const back = rootFromProof(h, { index: i, size: n, path: paths[i]! });
          expect(back && bytesToHex(back)).toBe(bytesToHex(root));
        });
    }
  });

  it('a proof leads nowhere with another hash, index, size, or a path cut, lengthened or changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.nat(), (n, pick) => {
        const hs = hashes(n, pick);
        const i = pick % n;
        const { root, paths } = batchTree(hs);
        const good: BatchProof = { index: i, size: n, path: paths[i]! };
        const root1 = bytesToHex(root);
        const leads = (h: string, p: BatchProof): boolean => {
          const r = rootFromProof(h, p);
          return r !== null && bytesToHex(r) === root1;
        };
        expect(leads(hs[i]!, good)).toBe(true);
        expect(leads(hs[(i + 1) % n]!, good)).toBe(false);
        expect(leads(hs[i]!, { ...good, index: (i + 1) % n })).toBe(false);
        expect(leads(hs[i]!, { ...good, path: good.path.slice(1) })).toBe(false);
        expect(leads(hs[i]!, { ...good, path: [...good.path, good.path[0]!] })).toBe(false);
        const changed = [...good.path];
        changed[pick % changed.length] = hs[i]!;
        expect(leads(hs[i]!, { ...good, path: changed })).toBe(false);
        expect(rootFromProof(hs[i]!, { ...good, index: n })).toBeNull();
        expect(rootFromProof(hs[i]!, { ...good, size: 1, index: 0 })).toBeNull();
        expect(rootFromProof(hs[i]!, { ...good, path: ['zz'.repeat(32)] })).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('verifies a batch signature with its proof, a lone signature without one, and never one as the other', () => {
    const secret = ed25519.utils.randomSecretKey();
    const pub = ed25519.getPublicKey(secret);
    const hs = hashes(5);
    const { root, paths } = batchTree(hs);
    const batchSig = bytesToHex(ed25519.sign(batchStatement(root), secret));
    hs.forEach((h, i) => {
      const proof = { index: i, size: 5, path: paths[i]! };
      expect(verifyMessageSignature(h, batchSig, proof, pub)).toBe(true);
      // The batch signature is not a signature of the hash, and a proof of another message fails.
      expect(verifyMessageSignature(h, batchSig, null, pub)).toBe(false);
      expect(verifyMessageSignature(h, batchSig, { ...proof, index: (i + 1) % 5 }, pub)).toBe(false);
    });
    const lone = bytesToHex(ed25519.sign(hexToBytes(hs[0]!), secret));
    expect(verifyMessageSignature(hs[0]!, lone, undefined, pub)).toBe(true);
    expect(verifyMessageSignature(hs[0]!, lone, { index: 0, size: 5, path: paths[0]! }, pub)).toBe(false);
    expect(verifyMessageSignature(hs[0]!, 'ab', null, pub)).toBe(false);
    // Signed bytes: 51, never 32 (a message hash) and never starting with "{" (an attestation).
    expect(batchStatement(root).length).toBe(51);
    expect(batchStatement(root)[0]).not.toBe('{'.charCodeAt(0));
  });
});
