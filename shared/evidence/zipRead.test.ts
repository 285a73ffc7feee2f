import { constants, deflateRawSync } from 'node:zlib';
import { deflateSync, strFromU8, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle } from './bundle';
import { crc32 } from './crc32';
import { sha256Hex } from './chain';
import type { Manifest } from './format';
import { attestSample, rawZip, sampleDispute } from './testkit';
import { verifyZip } from './verify';
import { collisionKey, partsSource, readZip, ZIP_LIMITS, type ZipSource } from './zipRead';

const MiB = 1024 * 1024;

/**
 * A raw deflate stream of `mib` MiB of zeros, about 1 KB per MiB, made without ever holding the
 * zeros: one 16 MiB block ending in a sync flush (byte-aligned, not final, no reference before
 * its own start) repeated, then an empty final block.
 */
function zeroBomb(mib: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(16 * MiB), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const final = Uint8Array.from([0x03, 0x00]);
  const n = Math.ceil(mib / 16);
  const out = new Uint8Array(block.length * n + final.length);
  for (let i = 0; i < n; i++) out.set(block, i * block.length);
  out.set(final, block.length * n);
  return out;
}

const entry = (name: string, text: string) => ({ name, data: strToU8(text) });

describe('readZip', () => {
  it('reads what zipSync writes: stored entries as views, deflated ones inflated and counted', () => {
    const big = strToU8('tradewind '.repeat(10_000));
    const zip = zipSync({
      'a.txt': [big, { level: 6 }],
      'b.bin': [Uint8Array.from([1, 2, 3]), { level: 0 }],
    });
    const r = readZip(zip);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.files.get('a.txt')).toEqual(big);
    expect(r.files.get('b.bin')?.buffer).toBe(zip.buffer); // a view, not a copy
    expect(r.account.inflatedBytes).toBe(big.length);
  });

  it('ignores directory entries but counts them for collisions', () => {
    expect(readZip(zipSync({ 'attachments/': new Uint8Array(0), 'x.txt': strToU8('x') })).ok).toBe(true);
    const r = readZip(rawZip([entry('report.html/', ''), entry('report.html', 'x')]));
    expect(r.ok ? null : r.code).toBe('zip_duplicate_name');
  });

  it('refuses two entries of one name, and names that collide once extracted', () => {
    for (const [a, b] of [
      ['report.html', 'report.html'],
      ['report.html', './report.html'],
      ['attachments/x.jpg', 'attachments\\x.jpg'],
      ['report.html', 'REPORT.HTML'],
      ['attachments/e\u0301.jpg', 'attachments/\u00e9.jpg'],
      ['attachments/x.jpg', 'attachments//x.jpg'],
    ] as const) {
      const r = readZip(rawZip([entry(a, 'forged'), entry(b, 'genuine')]));
      expect(r.ok ? null : r.code, `${a} / ${b}`).toBe('zip_duplicate_name');
    }
    expect(collisionKey('./Attachments\\E\u0301.JPG')).toBe('attachments/\u00e9.jpg');
  });

  it('refuses names that would land outside the extraction folder', () => {
    for (const name of ['../evil', '/etc/passwd', 'C:\\x', 'attachments/../../x', 'a\u0000b']) {
      const r = readZip(rawZip([entry(name, 'x')]));
      expect(r.ok ? null : r.code, name).toBe('zip_unsafe_name');
    }
  });

  it('refuses bytes hidden between entries, overlapping entries and disagreeing local headers', () => {
    const zip = rawZip([entry('a.txt', 'aaaa'), entry('b.txt', 'bbbb')]);
    const cdStart = new DataView(zip.buffer).getUint32(zip.length - 6, true);
    // The second central record points at the first entry (two names, one data: overlap).
    const second = cdStart + 46 + 'a.txt'.length;
    const overlap = zip.slice();
    new DataView(overlap.buffer).setUint32(second + 42, 0, true);
    expect(readZip(overlap).ok ? null : (readZip(overlap) as { code: string }).code).toBe('zip_invalid');
    // The local header of the first entry names another file.
    const renamed = zip.slice();
    renamed[30] = 'x'.charCodeAt(0);
    const r = readZip(renamed);
    expect(r.ok ? null : r.message).toMatch(/local header names another file/);
    // Prepended bytes: every offset is off by their length.
    const prepended = new Uint8Array(zip.length + 3);
    prepended.set(zip, 3);
    expect(readZip(prepended).ok).toBe(false);
  });

  it('refuses encrypted entries, other methods and a damaged CRC, each with its code', () => {
    const zip = rawZip([entry('a.txt', 'aaaa')]);
    const cd = new DataView(zip.buffer).getUint32(zip.length - 6, true);
    const encrypted = zip.slice();
    encrypted[6] = 1; // local flags
    encrypted[cd + 8] = 1; // central flags
    expect((readZip(encrypted) as { code: string }).code).toBe('zip_unsupported');
    const bzip2 = zip.slice();
    bzip2[8] = 12;
    bzip2[cd + 10] = 12;
    expect((readZip(bzip2) as { code: string }).code).toBe('zip_unsupported');
    const damaged = rawZip([{ name: 'a.txt', data: strToU8('aaaa'), crc: 1 }]);
    expect((readZip(damaged) as { code: string }).code).toBe('zip_crc');
    expect((readZip(strToU8('not a zip')) as { code: string }).code).toBe('zip_invalid');
  });

  it('a 1 MB zip bomb that declares its size is refused before anything is inflated', () => {
    const bomb = zeroBomb(1024); // 1 GiB of zeros
    expect(bomb.length).toBeLessThan(1.5 * MiB);
    const r = readZip(rawZip([{ name: 'report.html', data: bomb, method: 8, size: 1024 * MiB }]));
    expect(r.ok ? null : r.code).toBe('zip_entry_too_large');
    expect(r.account.inflatedBytes).toBe(0);
    expect(r.account.largestStepBytes).toBe(0);
  });

  it('a 1 MB zip bomb that lies about its size is stopped at the first step past the declared size', () => {
    const bomb = zeroBomb(1024);
    const r = readZip(rawZip([{ name: 'evidence.json', data: bomb, method: 8, size: 1000, crc: 0 }]));
    expect(r.ok ? null : r.code).toBe('zip_size_mismatch');
    // Memory: the declared 1,000 bytes, and one step of the inflater (≤ 1,032 × 8 KiB of input).
    expect(r.account.inflatedBytes).toBe(1000);
    expect(r.account.largestStepBytes).toBeLessThanOrEqual(1032 * ZIP_LIMITS.inflateStepBytes + 32 * 1024);
  });

  it('a 3 MB zip bomb is a zip bomb, not "not a readable zip archive"', () => {
    const bomb = zeroBomb(3 * 1024); // 3 GiB of zeros
    const declared = 3 * 1024 * MiB;
    const r = readZip(rawZip([{ name: 'report.html', data: bomb, method: 8, size: declared }]));
    expect(r.ok ? null : r.code).toBe('zip_entry_too_large');
    const small = { ...ZIP_LIMITS, maxEntryBytes: 4 * 1024 * MiB };
    const r2 = readZip(rawZip([{ name: 'report.html', data: bomb, method: 8, size: declared }]), small);
    expect(r2.ok ? null : r2.code).toBe('zip_ratio');
    expect(r2.account.inflatedBytes).toBe(0);
  });

  it('many entries that each fit stop at the total budget before inflating', () => {
    const data = deflateSync(new Uint8Array(MiB));
    const limits = { ...ZIP_LIMITS, maxInflatedBytes: 3 * MiB, maxRatio: 10_000 };
    const entries = [1, 2, 3, 4].map((i) => ({
      name: `f${i}`,
      data,
      method: 8 as const,
      size: MiB,
      crc: crc32(new Uint8Array(MiB)),
    }));
    const r = readZip(rawZip(entries), limits);
    expect(r.ok ? null : r.code).toBe('zip_too_large');
    expect(r.account.inflatedBytes).toBe(0);
    expect(readZip(rawZip(entries.slice(0, 3)), limits).ok).toBe(true);
  });

  it('a count beyond the limit is refused before the directory is walked', () => {
    const r = readZip(rawZip([entry('a', 'a'), entry('b', 'b')]), { ...ZIP_LIMITS, maxEntries: 1 });
    expect(r.ok ? null : r.code).toBe('zip_too_many_entries');
  });

  it('hostile bytes never throw', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello hello hello'), 'b.txt': strToU8('x') });
    for (let i = 0; i < zip.length; i++) {
      for (const v of [0, 0xff, (zip[i] as number) ^ 0x10]) {
        const z = zip.slice();
        z[i] = v;
        expect(() => readZip(z)).not.toThrow();
      }
    }
  });
});

describe('verifyZip on hostile zips', () => {
  const c = sampleDispute();
  const b = buildBundle({
    messages: c.messages,
    attachmentBytes: (s) => c.attachments.get(s),
    attestation: attestSample(c, { kind: 'whole' }),
    serverPublicKey: c.publicKey,
    scope: { kind: 'whole' },
    options: { translations: true, attachments: true },
    exportedAt: '2025-05-20T09:30:00.000Z',
    exportedBy: 'anna.kowalska',
    partner: 'shenzhen-led',
  });
  const genuine = [...b.files].map(([name, data]) => ({ name, data }));
  const forgedReport = strToU8('<!doctype html><p>The seller admitted everything.</p>');

  it('a second report.html placed before the genuine one is refused, whichever one a tool shows', () => {
    expect(verifyZip(rawZip(genuine)).ok).toBe(true);
    for (const entries of [
      [{ name: 'report.html', data: forgedReport }, ...genuine],
      [...genuine, { name: 'report.html', data: forgedReport }],
      [{ name: 'Report.html', data: forgedReport }, ...genuine],
    ]) {
      const r = verifyZip(rawZip(entries));
      expect(r.ok).toBe(false);
      expect(r.problems.map((p) => p.code)).toEqual(['zip_duplicate_name']);
      expect(r.problems[0]?.where.file?.toLowerCase()).toBe('report.html');
    }
  });

  it('a 1 MB zip bomb: refused with its code, inflating no more than the fixed budget', () => {
    const bomb = zeroBomb(1024);
    for (const size of [1024 * MiB, 4096, 0]) {
      const r = verifyZip(rawZip([...genuine, { name: 'attachments/x', data: bomb, method: 8, size }]));
      expect(r.ok).toBe(false);
      expect(r.problems.map((p) => p.code)).toEqual([
        size > ZIP_LIMITS.maxEntryBytes ? 'zip_entry_too_large' : 'zip_size_mismatch',
      ]);
      expect(r.zip?.inflatedBytes).toBeLessThanOrEqual(r.zip?.budgetBytes ?? 0);
      // What the genuine files take, plus at most the declared size of the bomb.
      expect(r.zip?.inflatedBytes).toBeLessThanOrEqual(b.zip.length * 20 + size);
      expect(r.zip?.largestStepBytes).toBeLessThanOrEqual(1032 * ZIP_LIMITS.inflateStepBytes + 32 * 1024);
    }
  });

  it('a 3 MB zip bomb gets a specific code, not "not a readable zip archive"', () => {
    const r = verifyZip(
      rawZip([{ name: 'evidence.json', data: zeroBomb(3 * 1024), method: 8, size: 3 * 1024 * MiB }]),
    );
    expect(r.problems.map((p) => p.code)).toEqual(['zip_entry_too_large']);
    expect(r.problems[0]?.message).toMatch(/declares 3221225472 bytes/);
  });

  it('a forged report.pdf (manifest redone) is reported as not verified', () => {
    const pdf = strToU8('%PDF-1.7 The seller admitted everything.');
    const manifest = JSON.parse(new TextDecoder().decode(b.files.get('manifest.json'))) as Manifest;
    manifest.files.push({ path: 'report.pdf', size: pdf.length, sha256: sha256Hex(pdf) });
    manifest.files.sort((x, y) => (x.path < y.path ? -1 : 1));
    const files = new Map(b.files);
    files.set('report.pdf', pdf);
    files.set('manifest.json', strToU8(JSON.stringify(manifest)));
    const r = verifyZip(zipSync(Object.fromEntries(files)));
    expect(r.problems).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['report_pdf_unverified']);
    expect(r.warnings[0]?.message).toMatch(/report.pdf is NOT verified/);
  });
});

/** A source that copies every read, as a file read with positioned reads does, and keeps count. */
function copyingSource(zip: Uint8Array): ZipSource & { largestRead: number } {
  const src = {
    length: zip.length,
    largestRead: 0,
    read(start: number, end: number): Uint8Array {
      src.largestRead = Math.max(src.largestRead, end - start);
      return zip.slice(start, end);
    },
  };
  return src;
}

describe('readZip from a source that is not in memory (the command-line verifier reads the file)', () => {
  it('reads every hostile and genuine zip exactly as from memory: same refusal, same files', () => {
    const genuine = zipSync({
      'a.txt': [strToU8('tradewind '.repeat(5_000)), { level: 6 }],
      'attachments/b.bin': [Uint8Array.from({ length: 3000 }, (_, i) => i & 255), { level: 0 }],
    });
    const damaged = genuine.slice();
    damaged[genuine.length - 200] = (damaged[genuine.length - 200] ?? 0) ^ 0xff;
    const zips = [
      genuine,
      damaged,
      rawZip([entry('report.html', 'forged'), entry('report.html', 'genuine')]),
      rawZip([entry('../x', 'x')]),
      rawZip([{ name: 'evidence.json', data: zeroBomb(1), method: 8, size: 1000, crc: 0 }]),
      rawZip([{ name: 'report.html', data: zeroBomb(1), method: 8, size: 1024 * MiB }]),
      strToU8('not a zip'),
      new Uint8Array(0),
    ];
    const rnd = (() => {
      let s = 7;
      return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
    })();
    for (let i = 0; i < 200; i++) {
      const z = genuine.slice();
      for (let k = 0; k < 3; k++) z[Math.floor(rnd() * z.length)] = Math.floor(rnd() * 256);
      zips.push(z);
    }
    for (const [i, z] of zips.entries()) {
      const a = readZip(z);
      const b = readZip(copyingSource(z));
      expect(b.ok, `zip ${i}`).toBe(a.ok);
      if (a.ok && b.ok) expect(new Map(b.files), `zip ${i}`).toEqual(new Map(a.files));
      if (!a.ok && !b.ok) expect([b.code, b.entry], `zip ${i}`).toEqual([a.code, a.entry]);
    }
  });

  it('never reads a stored entry whole: 1 MiB at a time, and again only when it is asked for', () => {
    const photo = new Uint8Array(3 * MiB).map((_, i) => (i * 7) & 255);
    const zip = zipSync({ 'attachments/p.jpg': [photo, { level: 0 }], 'a.txt': strToU8('x') });
    const src = copyingSource(zip);
    const r = readZip(src);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(src.largestRead).toBeLessThanOrEqual(MiB);
    expect(Buffer.from(r.files.get('attachments/p.jpg') ?? []).equals(photo)).toBe(true);
    expect(src.largestRead).toBe(photo.length);
  });

  it('a central directory larger than the limit is refused before it is read', () => {
    const zip = rawZip([entry('a', 'a'.repeat(200_000)), entry('b', 'b')]);
    const src = copyingSource(zip);
    const r = readZip(src, { ...ZIP_LIMITS, maxDirectoryBytes: 10 });
    expect(r.ok ? null : r.code).toBe('zip_too_large');
    expect(src.largestRead).toBeLessThan(100_000); // the end record's search window, not the file
  });
});

describe('partsSource: a zip as the parts it was written in', () => {
  it('reads like the joined zip, within a part as a view, across parts as a copy', () => {
    const photo = new Uint8Array(70_000).map((_, i) => (i * 13) & 255);
    const zip = zipSync({
      'a.txt': strToU8('hello '.repeat(100)),
      'attachments/p.jpg': [photo, { level: 0 }],
    });
    // Cut anywhere, including empty parts: the reader must see the same archive.
    for (const cuts of [[], [1], [30, 30, 31], [zip.length - 22], [100, 5000, 60_000, zip.length - 1]]) {
      const bounds = [0, ...cuts, zip.length];
      const parts = bounds.slice(1).map((end, i) => zip.slice(bounds[i], end));
      const r = readZip(partsSource(parts));
      expect(r.ok, `cuts ${cuts.join(',')}`).toBe(true);
      if (!r.ok) continue;
      expect(Buffer.from(r.files.get('attachments/p.jpg') ?? []).equals(photo)).toBe(true);
      expect(strFromU8(r.files.get('a.txt') ?? new Uint8Array())).toBe('hello '.repeat(100));
    }
    const parts = [zip.subarray(0, 10), zip.subarray(10)];
    const src = partsSource(parts);
    expect(src.read(12, 20).buffer).toBe(zip.buffer); // within the second part: a view
    expect([...src.read(5, 15)]).toEqual([...zip.subarray(5, 15)]);
  });
});
