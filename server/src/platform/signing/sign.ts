/**
 * The server's Ed25519 signatures with node:crypto (OpenSSL): ~50 µs per signature where the
 * pure-JS signer in shared/ takes ~1 ms. Ed25519 is deterministic (RFC 8032), so the signature
 * is byte-identical to `signHash` in shared/evidence/chain.ts, which stays the reference that
 * browsers and verifiers use (sign.test.ts checks the two agree).
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

/** DER prefix of a PKCS#8 Ed25519 private key (RFC 8410); the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The node:crypto key of a 32-byte Ed25519 secret key. */
export function privateKeyObject(secretKey: Uint8Array): KeyObject {
  if (secretKey.length !== 32) throw new Error('An Ed25519 secret key is 32 bytes.');
  return createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, secretKey]),
    format: 'der',
    type: 'pkcs8',
  });
}

/** Signs a chain hash (64 hex digits) with Ed25519; the signature as 128 hex digits. */
export type HashSigner = (hashHex: string) => string;

/**
 * Signs bytes with Ed25519; the signature as 128 hex digits. The group commit signs with it: a
 * lone message's hash (its 32 bytes), or a batch statement (platform/signing/batch.ts).
 */
export type BytesSigner = (data: Uint8Array) => string;

export function bytesSigner(secretKey: Uint8Array): BytesSigner {
  const key = privateKeyObject(secretKey);
  return (data) => sign(null, data, key).toString('hex');
}

export function hashSigner(secretKey: Uint8Array): HashSigner {
  const signBytes = bytesSigner(secretKey);
  return (hashHex) => signBytes(Buffer.from(hashHex, 'hex'));
}
