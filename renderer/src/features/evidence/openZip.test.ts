/**
 * The export's self-check reads the zip it built in place (openZip) instead of unzipping a copy:
 * it must read exactly what fflate's unzip reads, refuse what it cannot vouch for, and the check
 * must judge the bytes in the zip, not the files they were made from.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../../../shared/evidence/bundle';
import { bytesToHex } from '../../../../shared/evidence/chain';
import type { Scope } from '../../../../shared/evidence/format';
import { attestSample, sampleDispute } from '../../../../shared/evidence/testkit';
import { formatProblem, unzipBundle, verifyZip } from '../../../../shared/evidence/verify';
import { checkZip } from './build';
import { crc32 } from '../../../../shared/evidence/crc32';
import { openZip } from './openZip';

const c = sampleDispute();
const scope: Scope = { kind: 'whole' };
const attestation = attestSample(c, scope);
const bundle = buildBundle({
  messages: c.messages,
  attachmentBytes: (s) => c.attachments.get(s),
  attestation,
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

describe('reading back the zip the export built', () => {
  it('reads what fflate reads, stored files in place', () => {
    const opened = openZip(bundle.zip);
    if (!opened.ok) throw new Error(opened.reason);
    const unzipped = unzipBundle(bundle.zip);
    expect([...opened.files.keys()]).toEqual([...unzipped.keys()]);
    for (const [name, bytes] of unzipped) expect(opened.files.get(name), name).toEqual(bytes);
    // The photos (and a large report.html) are views into the zip, not copies.
    expect(opened.files.get(photoPath)?.buffer).toBe(bundle.zip.buffer);
    expect(opened.files.get('evidence.json')?.buffer).not.toBe(bundle.zip.buffer);
  });

  it('refuses a zip it cannot vouch for, with the reason', () => {
    const refuse = (zip: Uint8Array, reason: RegExp): void => {
      const r = openZip(zip);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(reason);
    };
    const { local, central } = headersOf(bundle.zip, photoPath);
    const dataAt = local + 30 + strToU8(photoPath).length;

    const flipped = bundle.zip.slice();
    flipped[dataAt + 100] = (flipped[dataAt + 100] as number) ^ 1;
    refuse(flipped, /CRC-32 mismatch/);

    const renamed = bundle.zip.slice();
    renamed[central + 46 + 'attachments/'.length] = 0x5a; // 'Z' for the first hex digit, in the directory only
    refuse(renamed, /local header names another file/);

    const crcOnlyInDirectory = bundle.zip.slice();
    put32(crcOnlyInDirectory, central + 16, u32(crcOnlyInDirectory, central + 16) ^ 1);
    refuse(crcOnlyInDirectory, /local header disagrees/);

    const appended = new Uint8Array(bundle.zip.length + 1);
    appended.set(bundle.zip);
    refuse(appended, /end-of-central-directory/);
    refuse(strToU8('not a zip at all, but long enough to look for an end record'), /end-of-central/);

    // Other writers' archives: a directory entry, an archive comment (fflate writes none).
    refuse(zipSync({ 'dir/': new Uint8Array(0), 'a.txt': strToU8('a') }), /directory/);
    const plain = zipSync({ 'a.txt': strToU8('a') });
    const commented = new Uint8Array(plain.length + 2);
    commented.set(plain);
    commented[plain.length - 2] = 2;
    commented.set(strToU8('hi'), plain.length);
    refuse(commented, /end-of-central-directory/);
  });
});

describe('the self-check of a built zip', () => {
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
    put32(zip, local + 14, crc);
    put32(zip, central + 16, crc);
    expect(openZip(zip).ok).toBe(true);
    const expected = verifyZip(zip, { expectedKey: publicKeyHex });
    expect(expected.problems.map((p) => p.code)).toContain('file_hash_mismatch');
    const check = await checkZip(zip, { publicKeyHex });
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual(expected.problems.map(formatProblem));
  });

  it('fails a zip it cannot read back, naming why', async () => {
    const zip = bundle.zip.slice();
    const { local } = headersOf(zip, photoPath);
    const at = local + 30 + strToU8(photoPath).length;
    zip[at] = (zip[at] as number) ^ 1;
    const check = await checkZip(zip, { publicKeyHex });
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([expect.stringMatching(/CRC-32 mismatch.*\[zip_invalid\]$/)]);
  });
});
