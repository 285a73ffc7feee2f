/**
 * The export's self-check reads the zip it built in place, as the verifier reads any bundle
 * (zipRead.ts), instead of unzipping a copy: the check must judge the bytes in the zip, not the
 * files they were made from.
 */
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle, joinZip, type WrittenFile } from '../../../../shared/evidence/bundle';
import { bytesToHex, sha256Hex } from '../../../../shared/evidence/chain';
import { crc32 } from '../../../../shared/evidence/crc32';
import type { Scope } from '../../../../shared/evidence/format';
import { attestSample, sampleDispute } from '../../../../shared/evidence/testkit';
import { formatProblem, verifyZip } from '../../../../shared/evidence/verify';
import { readZip } from '../../../../shared/evidence/zipRead';
import { checkZip, memorySink, readFrom, runBuild, type BuildJob } from './build';
import type { Subtle } from './webCrypto';

const c = sampleDispute();
const scope: Scope = { kind: 'whole' };
const bundle = buildBundle({
  messages: c.messages,
  attachmentBytes: (s) => c.attachments.get(s),
  attestation: attestSample(c, scope),
  serverPublicKey: c.publicKey,
  scope,
  options: { translations: true, attachments: true },
  exportedAt: '2025-05-20T09:30:00.000Z',
  partner: 'shenzhen-led',
});
const publicKeyHex = bytesToHex(c.publicKey);
const photoPath = [...bundle.files.keys()].find((p) => p.startsWith('attachments/')) as string;

const u32 = (b: Uint8Array, o: number): number =>
  ((b[o] as number) |
    ((b[o + 1] as number) << 8) |
    ((b[o + 2] as number) << 16) |
    ((b[o + 3] as number) << 24)) >>>
  0;
const put32 = (b: Uint8Array, o: number, v: number): void => {
  for (let i = 0; i < 4; i++) b[o + i] = (v >>> (8 * i)) & 255;
};
/** Offsets of a name in a zip: [local header, central-directory record] (the name is unique here). */
function headersOf(zip: Uint8Array, name: string): { local: number; central: number } {
  const n = strToU8(name);
  const at: number[] = [];
  for (let i = 0; i + n.length <= zip.length; i++) {
    let same = true;
    for (let k = 0; same && k < n.length; k++) same = zip[i + k] === n[k];
    if (same) at.push(i);
  }
  const [l, ce] = at as [number, number];
  return { local: l - 30, central: ce - 46 };
}

describe('the self-check of a built zip', () => {
  it('reads the stored photos in place', () => {
    const r = readZip(bundle.zip);
    expect(r.ok && r.files.get(photoPath)?.buffer).toBe(bundle.zip.buffer);
  });

  it('passes the bundle as built', async () => {
    const check = await checkZip(bundle.zip, { publicKeyHex });
    expect(check).toMatchObject({ ok: true, problems: [], messages: c.messages.length });
  });

  it('judges the bytes in the zip: a photo changed there (CRC-32 made right) fails like the shared verifier says', async () => {
    const zip = bundle.zip.slice();
    const { local, central } = headersOf(zip, photoPath);
    const dataAt = local + 30 + strToU8(photoPath).length;
    const size = u32(zip, central + 24);
    zip[dataAt + size - 1] = (zip[dataAt + size - 1] as number) ^ 0xff;
    const crc = crc32(zip.subarray(dataAt, dataAt + size));
    put32(zip, dataAt + size + 4, crc); // the data descriptor after the data (its signature first)
    put32(zip, central + 16, crc);
    expect(readZip(zip).ok).toBe(true);
    const expected = verifyZip(zip, { expectedKey: publicKeyHex });
    expect(expected.problems.map((p) => p.code)).toContain('file_hash_mismatch');
    const check = await checkZip(zip, { publicKeyHex });
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual(expected.problems.map(formatProblem));
  });

  it('takes the builder’s digests only for files that read back with the CRC-32 it wrote: a photo changed (CRC-32 made right) is hashed again and fails', async () => {
    // What the builder computed of each file it wrote (bundle.ts `StreamedBundle.files`).
    const written = new Map<string, WrittenFile>(
      [...bundle.files].map(([path, b]) => [path, { crc: crc32(b), size: b.length, sha256: sha256Hex(b) }]),
    );
    const zip = bundle.zip.slice();
    const { local, central } = headersOf(zip, photoPath);
    const dataAt = local + 30 + strToU8(photoPath).length;
    const size = u32(zip, central + 24);
    zip[dataAt] = (zip[dataAt] as number) ^ 0x01;
    const crc = crc32(zip.subarray(dataAt, dataAt + size));
    put32(zip, dataAt + size + 4, crc);
    put32(zip, central + 16, crc);
    const expected = verifyZip(zip, { expectedKey: publicKeyHex });
    expect(expected.problems.map((p) => p.code)).toContain('file_hash_mismatch');
    const check = await checkZip(zip, { publicKeyHex }, undefined, written);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual(expected.problems.map(formatProblem));
    // The zip as built: nothing hashed again, and it passes.
    expect(await checkZip(bundle.zip, { publicKeyHex }, undefined, written)).toMatchObject({ ok: true });
  });

  it('fails a zip it cannot read back, naming why', async () => {
    const zip = bundle.zip.slice();
    const { local } = headersOf(zip, photoPath);
    const at = local + 30 + strToU8(photoPath).length;
    zip[at] = (zip[at] as number) ^ 1;
    const check = await checkZip(zip, { publicKeyHex });
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([expect.stringMatching(/CRC-32 mismatch.*\[zip_crc\]$/)]);
  });
});

describe('the export as its worker runs it', () => {
  const job: BuildJob = {
    messages: c.messages,
    attestation: attestSample(c, scope),
    publicKeyHex,
    keyUrl: null,
    scope,
    options: { translations: true, attachments: true },
    claim: 'Item not as described',
    disputeId: 'DSP-9',
    exportedAt: '2025-05-20T09:30:00.000Z',
    exportedBy: 'anna.kowalska',
    machineTranslations: [],
    partner: 'shenzhen-led',
    timeZone: 'Asia/Shanghai',
  };

  it('reads each photo once from the store and builds, checked, the zip that is built in memory', async () => {
    const reads: string[] = [];
    const out = await runBuild(job, {
      readAttachment: (sha) => {
        reads.push(sha);
        return Promise.resolve(c.attachments.get(sha)?.slice());
      },
    });
    if (!out.ok) throw new Error(out.message);
    expect(out.check).toMatchObject({ ok: true, problems: [], attachments: c.attachments.size });
    expect(reads).toEqual([...c.attachments.keys()]);
    const inMemory = buildBundle({
      ...job,
      attachmentBytes: (s) => c.attachments.get(s),
      serverPublicKey: c.publicKey,
    });
    expect(joinZip(out.zip)).toEqual(inMemory.zip);
    expect(out.fileName).toBe(inMemory.fileName);
  });

  it('checks with the digests it took while writing: no file is hashed again', async () => {
    const subtle = globalThis.crypto.subtle;
    let stage = '';
    const digested: string[] = [];
    const counting: Subtle = {
      digest: (a, d) => {
        digested.push(stage);
        return subtle.digest(a, d);
      },
      importKey: subtle.importKey.bind(subtle),
      verify: subtle.verify.bind(subtle),
    };
    const out = await runBuild(job, {
      readAttachment: readFrom(c.attachments),
      subtle: counting,
      progress: (p) => (stage = p.stage),
    });
    if (!out.ok) throw new Error(out.message);
    expect(out.check).toMatchObject({ ok: true, problems: [] });
    // Each attachment and each file before them once, while building; none while checking.
    expect(digested.filter((s) => s === 'building').length).toBeGreaterThan(c.attachments.size);
    expect(digested.filter((s) => s === 'verifying')).toEqual([]);
  });

  it('catches a write that damages the zip on its way into the sink', async () => {
    const mem = memorySink();
    let damaged = false;
    const out = await runBuild(job, {
      readAttachment: readFrom(c.attachments),
      sink: {
        ...mem,
        put: (parts, size) => {
          // The first photo's entry (header, data, descriptor): one bit of its data flipped.
          const data = parts[1];
          if (!damaged && parts.length === 3 && data && data.length > 100) {
            const copy = data.slice();
            copy[50] = (copy[50] as number) ^ 0x10;
            damaged = true;
            return mem.put([parts[0] as Uint8Array, copy, parts[2] as Uint8Array], size);
          }
          return mem.put(parts, size);
        },
      },
    });
    expect(damaged).toBe(true);
    if (!out.ok) throw new Error(out.message);
    expect(out.check.ok).toBe(false);
    expect(out.check.problems).toEqual([expect.stringMatching(/CRC-32 mismatch.*\[zip_crc\]$/)]);
  });
});
