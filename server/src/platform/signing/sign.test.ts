import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, signHash, verifyHashSignature } from '../../../../shared/evidence/chain';
import { generateSigningKey, publicKeyOf } from '../../../../shared/evidence/keys';
import { hashSigner } from './sign';

describe('hashSigner (node:crypto)', () => {
  it('signs byte for byte like the shared pure-JS signer, and the shared verifier accepts it', () => {
    for (let i = 0; i < 20; i++) {
      const { secretKey } = generateSigningKey();
      const hash = sha256Hex(randomBytes(64));
      const signature = hashSigner(secretKey)(hash);
      expect(signature).toMatch(/^[0-9a-f]{128}$/);
      expect(signature).toBe(signHash(hash, secretKey));
      expect(verifyHashSignature(hash, signature, publicKeyOf(secretKey))).toBe(true);
    }
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => hashSigner(new Uint8Array(31))).toThrow(/32 bytes/);
  });
});
