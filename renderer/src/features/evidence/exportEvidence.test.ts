import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { joinZip } from '../../../../shared/evidence/bundle';
import { bytesToHex } from '../../../../shared/evidence/chain';
import { attestSample, sampleDispute, TEST_SECRET_KEY } from '../../../../shared/evidence/testkit';
import type { MessageRow } from '../../db/schema';
import { readFrom, runBuild } from './build';
import { publishedKeys, storedMessages } from './exportEvidence';
import { selfVerifyZip } from './webCrypto';

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

describe('an export of batch-signed messages (issue 9)', () => {
  // Message 1 signed alone, 2–4 in one group commit, 5–6 in another.
  const c = sampleDispute(TEST_SECRET_KEY, [1, 3, 2]);
  /** The rows this device stored: from the server, and message 3, mine, from the send's ack. */
  const rows: MessageRow[] = c.messages.map(({ keyId: _k, prevHash, ...m }) => ({
    ...m,
    sort: m.seq,
    createdAt: m.sentAt,
    status: 'stored',
    ...(m.seq === 3 ? {} : { prevHash }),
  }));

  it('keeps each message’s proof, and the bundle passes its self-check, one Ed25519 check per batch', async () => {
    const messages = storedMessages(rows);
    expect(messages.map((m) => m.proof?.size ?? null)).toEqual([null, 3, 3, 3, 2, 2]);
    const job = {
      messages,
      attestation: attestSample(c),
      publicKeyHex: bytesToHex(c.publicKey),
      keyUrl: null,
      scope: { kind: 'whole' } as const,
      options: { translations: false, attachments: true },
      claim: '',
      disputeId: '',
      exportedAt: '2025-05-20T09:30:00.000Z',
      exportedBy: 'anna.kowalska',
      machineTranslations: [],
      partner: 'shenzhen-led',
      timeZone: 'Europe/Warsaw',
    };
    for (const subtle of [globalThis.crypto.subtle, null]) {
      const out = await runBuild(job, { readAttachment: readFrom(c.attachments), subtle });
      if (!out.ok) throw new Error(out.message);
      expect(out.check).toMatchObject({ ok: true, problems: [], messages: 6 });
      const evidence = JSON.parse(strFromU8(unzipSync(joinZip(out.zip))['evidence.json']!)) as {
        format: string;
      };
      expect(evidence.format).toBe('tradewind-evidence-v3');
      // The attestation, message 1, and each batch once.
      const again = await selfVerifyZip(joinZip(out.zip), { expectedKey: job.publicKeyHex }, subtle);
      expect(again).toMatchObject({ result: { ok: true }, signatures: 4 });
    }
  });
});
