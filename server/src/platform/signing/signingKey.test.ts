/** The server key file: creation, replacement with retired keys kept, the well-known document. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WellKnownServerKeys } from '../../../../shared/evidence/format';
import { loadOrCreateSigningKey, rotateSigningKey, wellKnownKeys } from './signingKey';

describe('server signing key file', () => {
  it('rotating twice keeps both old public keys as retired, newest first, and never the secrets', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tw-key-')), 'server-key.json');
    const k1 = loadOrCreateSigningKey(file);
    expect(k1.retired).toEqual([]);
    const times = ['2025-04-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z'].map((t) => () => new Date(t));
    const { current: k2 } = rotateSigningKey(file, times[0]);
    const { previous, current: k3 } = rotateSigningKey(file, times[1]);
    expect(previous.keyId).toBe(k2.keyId);
    const loaded = loadOrCreateSigningKey(file);
    expect(loaded.keyId).toBe(k3.keyId);
    expect(loaded.retired.map((r) => [r.keyId, r.retiredAt])).toEqual([
      [k2.keyId, '2025-05-01T00:00:00.000Z'],
      [k1.keyId, '2025-04-01T00:00:00.000Z'],
    ]);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(Buffer.from(k1.secretKey).toString('hex'));
    expect(text).not.toContain(Buffer.from(k2.secretKey).toString('hex'));
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const doc = WellKnownServerKeys.parse(wellKnownKeys(loaded));
    expect(doc.keyId).toBe(k3.keyId);
    expect(doc.keys.map((k) => [k.keyId, k.status])).toEqual([
      [k3.keyId, 'current'],
      [k2.keyId, 'retired'],
      [k1.keyId, 'retired'],
    ]);
  });

  it('refuses a retired entry whose key id does not match its public key', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tw-key-')), 'server-key.json');
    loadOrCreateSigningKey(file);
    rotateSigningKey(file);
    const body = JSON.parse(readFileSync(file, 'utf8')) as { retired: { keyId: string }[] };
    body.retired[0]!.keyId = '0000000000000000';
    writeFileSync(file, JSON.stringify(body));
    expect(() => loadOrCreateSigningKey(file)).toThrow(/retired key 0000000000000000 does not match/);
  });
});
