import { describe, expect, it } from 'vitest';
import { publishedKeys } from './exportEvidence';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const KA = '0123456789abcdef';
const KB = 'fedcba9876543210';
const current = { alg: 'Ed25519', publicKey: A, keyId: KA, status: 'current' };
const retired = {
  alg: 'Ed25519',
  publicKey: B,
  keyId: KB,
  status: 'retired',
  retiredAt: '2025-01-01T00:00:00.000Z',
};
const doc = {
  format: 'tradewind-server-keys-v1',
  alg: 'Ed25519',
  publicKey: A,
  keyId: KA,
  keys: [current, retired],
};

describe('the published server key document', () => {
  it('yields the current key and every listed key; a pre-rotation server’s document its one key', () => {
    expect(publishedKeys(doc)).toEqual([A, A, B]);
    expect(publishedKeys({ alg: 'Ed25519', publicKey: A, keyId: KA })).toEqual([A]);
  });
  it('is parsed, not trusted: anything else is refused', () => {
    for (const bad of [
      null,
      'key',
      [],
      {},
      { alg: 'Ed25519', publicKey: A.toUpperCase(), keyId: KA },
      { alg: 'RSA', publicKey: A, keyId: KA },
      { alg: 'Ed25519', publicKey: A },
      { alg: 'Ed25519', publicKey: `${A}00`, keyId: KA },
      { ...doc, keys: [] },
      { ...doc, keys: [{ ...retired, publicKey: 'zz' }] },
      { ...doc, format: 'tradewind-server-keys-v9' },
      { alg: 'Ed25519', publicKey: A, keyId: KA, keys: [{ publicKey: B }] },
    ]) {
      expect(publishedKeys(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
