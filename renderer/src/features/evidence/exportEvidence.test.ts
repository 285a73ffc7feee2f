import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { joinZip } from '../../../../shared/evidence/bundle';
import { bytesToHex } from '../../../../shared/evidence/chain';
import { attestSample, sampleDispute, TEST_SECRET_KEY } from '../../../../shared/evidence/testkit';
import type { MessageRow, TradewindDb } from '../../db/schema';
import type { SyncEngine } from '../../sync/engine';
import { readFrom, runBuild } from './build';
import { exportEvidence, publishedKeys, storedMessages } from './exportEvidence';
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

describe('an export of batch-signed messages that came without their proofs (issue 9)', () => {
  // Message 1 signed alone, 2–4 in one group commit, 5–6 in another: stored as the server sends
  // them today, without proofs, which the attestation answer carries.
  const c = sampleDispute(TEST_SECRET_KEY, [1, 3, 2]);
  const rows: MessageRow[] = c.messages.map(({ keyId: _k, proof: _p, ...m }) => ({
    ...m,
    sort: m.seq,
    createdAt: m.sentAt,
    status: 'stored',
  }));
  const proofs = c.messages.flatMap((m) => (m.proof ? [{ seq: m.seq, proof: m.proof }] : []));
  /** Only what an export without attachments or translations reads of the database. */
  const db = {
    name: 'test',
    messages: { where: () => ({ between: () => ({ toArray: () => Promise.resolve(rows) }) }) },
  } as unknown as TradewindDb;
  const engineAnswering = (answer: object): SyncEngine =>
    ({
      me: 'anna.kowalska',
      session: { serverUrl: 'http://tradewind.test' },
      request: (event: string) =>
        Promise.resolve(
          event === 'evidence:attest'
            ? { ok: true, value: answer }
            : { ok: false, code: 'internal', message: `not in this test: ${event}` },
        ),
    }) as unknown as SyncEngine;
  const exportWith = (answer: object) =>
    exportEvidence(
      db,
      engineAnswering({
        attestation: attestSample(c),
        publicKey: bytesToHex(c.publicKey),
        keyId: 'k',
        keyUrl: '',
        ...answer,
      }),
      {
        conversationId: c.conversationId,
        partner: 'shenzhen-led',
        scope: { kind: 'whole' },
        options: { translations: false, attachments: false },
        claim: '',
        disputeId: '',
        timeZone: 'Europe/Warsaw',
      },
      () => {},
    );
  // No key document to compare (its check is the published-key tests' business).
  beforeEach(() => vi.stubGlobal('fetch', () => Promise.resolve(new Response(null, { status: 404 }))));
  afterEach(() => vi.unstubAllGlobals());

  it('takes each proof from the attestation answer by seq: the bundle is version 3 and passes its self-check', async () => {
    const out = await exportWith({ proofs });
    if (!out.ok) throw new Error(out.message);
    expect(out.check).toMatchObject({ ok: true, problems: [], messages: 6 });
    const evidence = JSON.parse(
      strFromU8(unzipSync(new Uint8Array(await out.zip.arrayBuffer()))['evidence.json']!),
    ) as { format: string; messages: { seq: number; proof?: unknown }[] };
    expect(evidence.format).toBe('tradewind-evidence-v3');
    expect(evidence.messages.map((m) => m.proof ?? null)).toEqual(c.messages.map((m) => m.proof ?? null));
  });

  it('without them (a server that sent none) the batch-signed messages fail the self-check', async () => {
    const out = await exportWith({});
    if (!out.ok) throw new Error(out.message);
    expect(out.check.ok).toBe(false);
    expect(out.check.problems.map((p) => /Message (\d+)'s signature does not verify/.exec(p)?.[1])).toEqual([
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
  });
});
