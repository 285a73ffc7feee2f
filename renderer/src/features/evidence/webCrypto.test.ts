/**
 * The export's self-check with WebCrypto (Node's, which has Ed25519 like Chromium ≥ 137) gives the
 * shared verifier's answer problem for problem, on good and on tampered bundles, and falls back to
 * pure JS where WebCrypto has no Ed25519 or answers wrongly.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { joinZip } from '../../../../shared/evidence/bundle';
import { sha256Hex } from '../../../../shared/evidence/chain';
import type { Scope } from '../../../../shared/evidence/format';
import { attestSample, sampleDispute } from '../../../../shared/evidence/testkit';
import { verifyZip } from '../../../../shared/evidence/verify';
import { partsSource, readZip } from '../../../../shared/evidence/zipRead';
import { readFrom, runBuild, type BuildJob } from './build';
import type { PrintFile } from '../../../../shared/hostApi';
import { digestAhead, digestFilesAhead, selfVerifyZip, webCryptoEd25519, type Subtle } from './webCrypto';

const subtle = globalThis.crypto.subtle;
const c = sampleDispute();
const scope: Scope = { kind: 'whole' };

function job(): BuildJob {
  return {
    messages: c.messages,
    attestation: attestSample(c, scope),
    publicKeyHex: Buffer.from(c.publicKey).toString('hex'),
    keyUrl: null,
    scope,
    options: { translations: true, attachments: true },
    claim: 'Item not as described',
    disputeId: 'DSP-1',
    exportedAt: '2025-05-20T09:30:00.000Z',
    exportedBy: c.participants[0]?.memberId ?? '',
    machineTranslations: [],
    partner: 'shenzhen-led',
    timeZone: 'Europe/Warsaw',
  };
}

const readAttachment = readFrom(c.attachments);

/** A WebCrypto without Ed25519, as in Chromium before 137. */
const noEd25519: Subtle = {
  digest: (a, d) => subtle.digest(a, d),
  importKey: () => Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError')),
  verify: () => Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError')),
};
/** A broken WebCrypto that calls every signature valid. */
const yesMan: Subtle = {
  digest: (a, d) => subtle.digest(a, d),
  importKey: subtle.importKey.bind(subtle),
  verify: () => Promise.resolve(true),
};

/** The bundle with message `seq`'s signature replaced by another message's (re-zipped, manifest untouched). */
function forgeSignature(zip: Uint8Array, seq: number): Uint8Array {
  const files = unzipSync(zip);
  const ev = JSON.parse(strFromU8(files['evidence.json'] as Uint8Array)) as {
    messages: { seq: number; signature: string }[];
  };
  const m = ev.messages.find((x) => x.seq === seq);
  const other = ev.messages.find((x) => x.seq !== seq);
  if (!m || !other) throw new Error('no such message');
  m.signature = other.signature;
  files['evidence.json'] = strToU8(`${JSON.stringify(ev, null, 2)}\n`);
  return zipSync(files);
}

describe('WebCrypto for the export self-check', () => {
  it('digests ahead like the pure-JS hash, and hashes unknown arrays in pure JS', async () => {
    const a = strToU8('Taśma LED 5050');
    const b = new Uint8Array(70_000).fill(7);
    const sha = await digestAhead([a, b], subtle);
    expect(sha(a)).toBe(sha256Hex(a));
    expect(sha(b)).toBe(sha256Hex(b));
    const other = strToU8('not digested ahead');
    expect(sha(other)).toBe(sha256Hex(other));
  });

  it('digests a zip’s files ahead by name: every array the files hand out later is answered from WebCrypto', async () => {
    const zip = zipSync(
      { 'a.txt': strToU8('Taśma LED'), 'attachments/b': new Uint8Array(70_000).fill(7) },
      { level: 0 },
    );
    const read = readZip(partsSource([zip.subarray(0, 100), zip.subarray(100)]));
    if (!read.ok) throw new Error(read.message);
    // A WebCrypto whose digests are recognisable: an answer from the table, not from pure JS.
    let digests = 0;
    const marked: Subtle = {
      digest: () => (digests++, Promise.resolve(new Uint8Array(32).fill(0xab).buffer)),
      importKey: subtle.importKey.bind(subtle),
      verify: subtle.verify.bind(subtle),
    };
    const { files, sha256 } = await digestFilesAhead(read.files, marked);
    expect(digests).toBe(2);
    const b1 = files.get('attachments/b') as Uint8Array;
    const b2 = [...files.values()][1] as Uint8Array;
    expect(b1).not.toBe(b2); // a fresh view each time, as a zip read from a source gives
    expect(sha256(b1)).toBe('ab'.repeat(32));
    expect(sha256(b2)).toBe('ab'.repeat(32));
    const other = strToU8('not in the zip');
    expect(sha256(other)).toBe(sha256Hex(other));
    expect([...files.keys()]).toEqual(['a.txt', 'attachments/b']);
  });

  it('uses WebCrypto Ed25519 only when it passes the known-answer test', async () => {
    expect(await webCryptoEd25519(subtle)).not.toBeNull();
    expect(await webCryptoEd25519(noEd25519)).toBeNull();
    expect(await webCryptoEd25519(yesMan)).toBeNull();
    expect(await webCryptoEd25519(null)).toBeNull();
  });

  it('builds, prints and verifies once: OK with WebCrypto, the PDF in the bundle, the printed HTML the final report', async () => {
    const printed: string[] = [];
    const photos: PrintFile[] = [];
    const stages: string[] = [];
    const pdf = strToU8('%PDF-1.7 fake print');
    const out = await runBuild(job(), {
      readAttachment,
      progress: (p) => stages.push(p.stage),
      printPdf: (html, files) => {
        printed.push(html);
        photos.push(...files);
        return Promise.resolve(pdf);
      },
    });
    if (!out.ok) throw new Error(out.message);
    expect(out.check).toMatchObject({
      ok: true,
      problems: [],
      messages: c.messages.length,
      attachments: c.attachments.size,
      ed25519: 'webcrypto',
    });
    expect(stages.filter((s) => s === 'verifying')).toHaveLength(1);
    expect(stages.indexOf('printing')).toBeLessThan(stages.indexOf('verifying'));
    const files = unzipSync(joinZip(out.zip));
    expect(files['report.pdf']).toEqual(pdf);
    // The final report, and beside it the photos it links (read back from where the zip went).
    expect(printed).toEqual([strFromU8(files['report.html'] as Uint8Array)]);
    const sha = [...c.attachments.keys()][0] as string;
    expect(photos).toHaveLength(1);
    expect(photos[0]?.path).toMatch(new RegExp(`^attachments/${sha}-`));
    expect(printed[0]).toContain(`src="${photos[0]?.path}"`);
    expect(photos[0]?.data).toEqual(c.attachments.get(sha));
    // The zip's parts hold the photo's own array as its stored data: the zip copies no photo.
    expect(out.zip.parts).toContain(c.attachments.get(sha));
    expect(verifyZip(joinZip(out.zip)).problems).toEqual([]);
    expect(out.fileName).toBe('shenzhen-led-all-2025-05-20.tradewind-evidence.zip');
  });

  it('falls back to pure JS where WebCrypto has no Ed25519', async () => {
    const out = await runBuild(job(), { readAttachment, subtle: noEd25519 });
    if (!out.ok) throw new Error(out.message);
    expect(out.check).toMatchObject({ ok: true, ed25519: 'pure-js' });
    const none = await runBuild(job(), { readAttachment, subtle: null });
    expect(none.ok && none.check).toMatchObject({ ok: true, ed25519: 'pure-js' });
  });

  it('reports a forged signature exactly as the shared verifier does, on every path', async () => {
    const out = await runBuild(job(), { readAttachment });
    if (!out.ok) throw new Error(out.message);
    const forged = forgeSignature(joinZip(out.zip), 3);
    const expected = verifyZip(forged, { expectedKey: job().publicKeyHex });
    expect(expected.problems.map((p) => [p.code, p.where.seq])).toContainEqual(['message_signature', 3]);
    for (const s of [subtle, noEd25519, null]) {
      const r = await selfVerifyZip(forged, { expectedKey: job().publicKeyHex }, s);
      expect(r.result).toEqual(expected);
    }
    // A WebCrypto that lies is not trusted (known-answer test), so the forgery is still found.
    expect((await selfVerifyZip(forged, {}, yesMan)).result.ok).toBe(false);
  });

  it('reports an unreadable zip like the shared verifier', async () => {
    const r = await selfVerifyZip(strToU8('not a zip'), {}, subtle);
    expect(r.result.problems.map((p) => p.code)).toEqual(['zip_invalid']);
  });
});
