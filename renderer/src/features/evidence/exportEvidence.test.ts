import { describe, expect, it } from 'vitest';
import { publishedKeys } from './exportEvidence';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('the published server key document', () => {
  it('yields the current key, and the listed keys when there are any', () => {
    expect(publishedKeys({ alg: 'Ed25519', publicKey: A, keyId: '0123456789abcdef' })).toEqual([A]);
    expect(
      publishedKeys({
        format: 'tradewind-server-keys-v1',
        alg: 'Ed25519',
        publicKey: A,
        keyId: 'k1',
        keys: [
          { alg: 'Ed25519', publicKey: A, keyId: 'k1', status: 'current' },
          {
            alg: 'Ed25519',
            publicKey: B,
            keyId: 'k0',
            status: 'retired',
            retiredAt: '2025-01-01T00:00:00.000Z',
          },
        ],
      }),
    ).toEqual([A, A, B]);
  });
  it('is parsed, not trusted: anything else is refused', () => {
    for (const doc of [
      null,
      'key',
      [],
      {},
      { alg: 'Ed25519', publicKey: A.toUpperCase(), keyId: 'x' },
      { alg: 'RSA', publicKey: A, keyId: 'x' },
      { alg: 'Ed25519', publicKey: A },
      { alg: 'Ed25519', publicKey: `${A}00`, keyId: 'x' },
      { alg: 'Ed25519', publicKey: A, keyId: 'x', keys: [{ publicKey: 'zz' }] },
    ]) {
      expect(publishedKeys(doc), JSON.stringify(doc)).toBeNull();
    }
  });
});
