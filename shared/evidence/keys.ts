import { ed25519 } from '@noble/curves/ed25519.js';

/** A fresh Ed25519 key pair (32-byte secret, 32-byte public). */
export function generateSigningKey(): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const secretKey = ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}
