import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bytesToHex, hexToBytes } from '../../../../shared/evidence/chain';
import { WELL_KNOWN_KEYS_FORMAT, type WellKnownServerKeys } from '../../../../shared/evidence/format';
import { generateSigningKey, keyIdOf, publicKeyOf } from '../../../../shared/evidence/keys';

/** A key the server signed with before it was replaced: only its public half is kept. */
export interface RetiredKey {
  publicKey: Uint8Array;
  keyId: string;
  /** ISO 8601 UTC. */
  retiredAt: string;
}

/** The server's Ed25519 key; it signs every message hash (docs/evidence.md). */
export interface SigningKey {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  /** First 16 hex digits of SHA-256(public key): names the key in messages and attestations. */
  keyId: string;
  /** Keys that signed older messages, newest first (docs/operations.md § Backups and keys). */
  retired: RetiredKey[];
}

/** The key file's JSON form (`<dataDir>/server-key.json`, mode 0600). */
interface KeyFile {
  alg: 'Ed25519';
  keyId: string;
  publicKey: string;
  secretKey: string;
  createdAt: string;
  /** Public keys of replaced keys, newest first; absent until the first replacement. */
  retired?: { alg: 'Ed25519'; keyId: string; publicKey: string; retiredAt: string }[];
}

export function signingKeyFromSecret(secretKey: Uint8Array, retired: RetiredKey[] = []): SigningKey {
  const publicKey = publicKeyOf(secretKey);
  return { secretKey, publicKey, keyId: keyIdOf(publicKey), retired };
}

const HEX64 = /^[0-9a-f]{64}$/;

function readKeyFile(file: string): { key: SigningKey; body: KeyFile } {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeyFile>;
  if (parsed.alg !== 'Ed25519' || typeof parsed.secretKey !== 'string' || !HEX64.test(parsed.secretKey)) {
    throw new Error(`${file} is not a Tradewind Ed25519 key file (alg, secretKey as 64 hex digits).`);
  }
  const retired: RetiredKey[] = [];
  for (const r of Array.isArray(parsed.retired) ? parsed.retired : []) {
    if (typeof r?.publicKey !== 'string' || !HEX64.test(r.publicKey) || typeof r.retiredAt !== 'string') {
      throw new Error(`${file}: every retired key needs publicKey (64 hex digits) and retiredAt.`);
    }
    const publicKey = hexToBytes(r.publicKey);
    if (r.keyId !== undefined && r.keyId !== keyIdOf(publicKey))
      throw new Error(`${file}: retired key ${r.keyId} does not match its public key.`);
    retired.push({ publicKey, keyId: keyIdOf(publicKey), retiredAt: r.retiredAt });
  }
  const key = signingKeyFromSecret(hexToBytes(parsed.secretKey), retired);
  if (parsed.publicKey && parsed.publicKey !== bytesToHex(key.publicKey)) {
    throw new Error(`${file}: publicKey does not belong to secretKey.`);
  }
  return { key, body: parsed as KeyFile };
}

function keyFileBody(key: SigningKey, createdAt: string): KeyFile {
  const body: KeyFile = {
    alg: 'Ed25519',
    keyId: key.keyId,
    publicKey: bytesToHex(key.publicKey),
    secretKey: bytesToHex(key.secretKey),
    createdAt,
  };
  if (key.retired.length > 0)
    body.retired = key.retired.map((r) => ({
      alg: 'Ed25519',
      keyId: r.keyId,
      publicKey: bytesToHex(r.publicKey),
      retiredAt: r.retiredAt,
    }));
  return body;
}

/**
 * Loads the key from `file`, creating it (0600) when it does not exist. An operator replaces the
 * key with `npm run server -- evidence rotate-key`, which keeps the old public key as retired
 * so messages signed before still verify (docs/operations.md § Backups and keys).
 */
export function loadOrCreateSigningKey(file: string, now: () => Date = () => new Date()): SigningKey {
  if (existsSync(file)) return readKeyFile(file).key;
  const { secretKey } = generateSigningKey();
  const key = signingKeyFromSecret(secretKey);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(keyFileBody(key, now().toISOString()), null, 2)}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  chmodSync(file, 0o600);
  return key;
}

/**
 * Replaces the key in `file` with a new one (or `secretKey`), keeping the old public key (and the
 * ones retired before it) as retired. Writes a temporary file and renames it over the old one,
 * so a crash leaves either the old file or the new one. Nodes read the file at start: restart them.
 */
export function rotateSigningKey(
  file: string,
  now: () => Date = () => new Date(),
  secretKey: Uint8Array = generateSigningKey().secretKey,
): { previous: SigningKey; current: SigningKey } {
  const { key: previous } = readKeyFile(file);
  const at = now().toISOString();
  const retired = [
    { publicKey: previous.publicKey, keyId: previous.keyId, retiredAt: at },
    ...previous.retired.filter((r) => r.keyId !== previous.keyId),
  ];
  const current = signingKeyFromSecret(
    secretKey,
    retired.filter((r) => r.keyId !== keyIdOf(publicKeyOf(secretKey))),
  );
  if (current.keyId === previous.keyId) throw new Error('The new key is the current key.');
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(keyFileBody(current, at), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return { previous, current };
}

/** The document served at `/.well-known/tradewind/server-key.json` (schema: `WellKnownServerKeys`). */
export function wellKnownKeys(key: SigningKey): WellKnownServerKeys {
  return {
    format: WELL_KNOWN_KEYS_FORMAT,
    alg: 'Ed25519',
    publicKey: bytesToHex(key.publicKey),
    keyId: key.keyId,
    keys: [
      { alg: 'Ed25519', publicKey: bytesToHex(key.publicKey), keyId: key.keyId, status: 'current' },
      ...key.retired.map((r) => ({
        alg: 'Ed25519' as const,
        publicKey: bytesToHex(r.publicKey),
        keyId: r.keyId,
        status: 'retired' as const,
        retiredAt: r.retiredAt,
      })),
    ],
  };
}
