import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bytesToHex, hexToBytes, sha256Hex } from '../../shared/evidence/chain';
import { generateSigningKey, publicKeyOf } from '../../shared/evidence/keys';

/** The server's Ed25519 key; it signs every message hash (docs/evidence.md). */
export interface SigningKey {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  /** First 16 hex digits of SHA-256(public key): names the key in messages and attestations. */
  keyId: string;
}

/** The key file's JSON form (`<dataDir>/server-key.json`, mode 0600). */
interface KeyFile {
  alg: 'Ed25519';
  keyId: string;
  publicKey: string;
  secretKey: string;
  createdAt: string;
}

export function keyIdOf(publicKey: Uint8Array): string {
  return sha256Hex(publicKey).slice(0, 16);
}

export function signingKeyFromSecret(secretKey: Uint8Array): SigningKey {
  const publicKey = publicKeyOf(secretKey);
  return { secretKey, publicKey, keyId: keyIdOf(publicKey) };
}

/**
 * Loads the key from `file`, creating it (0600) when it does not exist. An operator replaces the
 * key by putting another file there (or pointing TRADEWIND_SIGNING_KEY_FILE at one).
 */
export function loadOrCreateSigningKey(file: string, now: () => Date = () => new Date()): SigningKey {
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeyFile>;
    if (parsed.alg !== 'Ed25519' || typeof parsed.secretKey !== 'string' || !/^[0-9a-f]{64}$/.test(parsed.secretKey)) {
      throw new Error(`${file} is not a Tradewind Ed25519 key file (alg, secretKey as 64 hex digits).`);
    }
    const key = signingKeyFromSecret(hexToBytes(parsed.secretKey));
    if (parsed.publicKey && parsed.publicKey !== bytesToHex(key.publicKey)) {
      throw new Error(`${file}: publicKey does not belong to secretKey.`);
    }
    return key;
  }
  const { secretKey } = generateSigningKey();
  const key = signingKeyFromSecret(secretKey);
  const body: KeyFile = {
    alg: 'Ed25519',
    keyId: key.keyId,
    publicKey: bytesToHex(key.publicKey),
    secretKey: bytesToHex(secretKey),
    createdAt: now().toISOString(),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
