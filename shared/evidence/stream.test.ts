/**
 * The streamed bundle (issue 13): attachments read one at a time, each once, written into a sink
 * and let go, and the zip joined from the sink's stretches is byte for byte the zip built in
 * memory; the zip writer itself writes what fflate's streaming `Zip` wrote before it.
 */
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  buildBundle,
  buildBundleFiles,
  joinZip,
  streamBundle,
  withReportPdf,
  zipBundle,
  type BundleInput,
  type StreamInput,
  type ZipSink,
} from './bundle';
import { bytesToHex, sha256Hex } from './chain';
import { ATTACHMENTS_DIR, FILES, type Scope } from './format';
import { sniffHead, sniffType } from './sniff';
import { BUYER, SELLER, TEST_SECRET_KEY, attestSample, chainMessages, fakeJpeg, labelPhoto } from './testkit';
import { verifyZip } from './verify';

const EXPORTED_AT = '2025-05-20T09:30:00.000Z';

/** Plain text whose 64 KiB sniffing window ends inside a two-byte character. */
function longText(): Uint8Array {
  const b = new Uint8Array(70_000).fill(0x61);
  b[65_535] = 0xc5; // "ś" = c5 9b across the window's edge
  b[65_536] = 0x9b;
  return b;
}

const pdf = (): Uint8Array => {
  const b = fakeJpeg(90_000, 5);
  b.set(strToU8('%PDF-1.7'));
  return b;
};

/** Photos, a PDF, a long text file, a photo sent twice, and non-ASCII names. */
const c = chainMessages(
  [BUYER, SELLER],
  [
    {
      sender: BUYER.memberId,
      text: 'Zdjęcia dostawy',
      attachments: [
        { name: 'zdjęcie-1.jpg', mime: 'image/jpeg', bytes: fakeJpeg(300_000, 1) },
        { name: 'etykieta.png', mime: 'image/png', bytes: labelPhoto() },
      ],
    },
    {
      sender: SELLER.memberId,
      text: '发票',
      attachments: [{ name: '发票.pdf', mime: 'application/pdf', bytes: pdf() }],
    },
    {
      sender: BUYER.memberId,
      text: 'Lista',
      attachments: [{ name: 'lista.txt', mime: 'text/plain; charset=utf-8', bytes: longText() }],
    },
    {
      sender: SELLER.memberId,
      text: 'Again',
      attachments: [{ name: 'zdjęcie-1.jpg', mime: 'image/jpeg', bytes: fakeJpeg(300_000, 1) }],
    },
    {
      sender: BUYER.memberId,
      text: 'Ostatnie',
      attachments: [{ name: 'd.jpg', mime: 'image/jpeg', bytes: fakeJpeg(50_000, 9) }],
    },
  ],
  TEST_SECRET_KEY,
);
const scope: Scope = { kind: 'whole' };

function input(overrides: Partial<BundleInput> = {}): BundleInput & { partner: string } {
  return {
    messages: c.messages,
    attachmentBytes: (s) => c.attachments.get(s),
    attestation: attestSample(c, scope),
    serverPublicKey: c.publicKey,
    scope,
    options: { translations: true, attachments: true },
    claim: 'Item not as described',
    disputeId: 'DSP-7',
    exportedAt: EXPORTED_AT,
    exportedBy: BUYER.memberId,
    partner: SELLER.memberId,
    ...overrides,
  };
}

/**
 * A store that counts its reads, and how many attachments the builder holds at once: one is held
 * from its read until its entry is put into the sink (then the builder lets it go).
 */
function countingStore(bytes: ReadonlyMap<string, Uint8Array>) {
  const reads = new Map<string, number>();
  let held = 0;
  let maxHeld = 0;
  return {
    reads,
    maxHeld: () => maxHeld,
    read: (sha: string): Promise<Uint8Array | undefined> => {
      reads.set(sha, (reads.get(sha) ?? 0) + 1);
      held++;
      maxHeld = Math.max(maxHeld, held);
      // A fresh copy per read, as IndexedDB gives.
      return Promise.resolve(bytes.get(sha)?.slice());
    },
    put: () => {
      if (held > 0) held--;
    },
  };
}

/** A sink that copies each stretch (as a Blob would) and tells when one came in. */
function copySink(onPut: () => void = () => undefined): ZipSink<Uint8Array> & { order: Uint8Array[] } {
  const order: Uint8Array[] = [];
  return {
    order,
    put: (parts, size) => {
      const out = joinZip({ parts, size });
      order.push(out);
      onPut();
      return Promise.resolve(out);
    },
  };
}

function streamInput(read: StreamInput['readAttachment'], overrides: Partial<StreamInput> = {}): StreamInput {
  const { attachmentBytes: _unused, ...rest } = input();
  return {
    ...rest,
    readAttachment: read,
    digest: (b) => Promise.resolve(sha256Hex(b)),
    ...overrides,
  };
}

/** The zip as fflate's streaming `Zip` wrote bundles before this writer (bundle.ts until issue 13). */
function fflateZip(files: ReadonlyMap<string, Uint8Array>, date: string): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  for (const [path, bytes] of files) {
    const store = path.startsWith(ATTACHMENTS_DIR) || path === FILES.reportPdf;
    const entry = store ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    entry.mtime = new Date(date);
    zip.add(entry);
    entry.push(bytes, true);
  }
  zip.end();
  return joinZip({ parts, size: parts.reduce((n, p) => n + p.length, 0) });
}

describe('the zip writer', () => {
  it('writes byte for byte what fflate’s streaming Zip wrote (stored and deflated, ASCII and UTF-8 names, empty files)', () => {
    const { files } = buildBundleFiles(input());
    files.set('attachments/empty', new Uint8Array(0));
    files.set('ünïcode.txt', strToU8('zażółć gęślą jaźń'));
    expect(sha256Hex(zipBundle(files, EXPORTED_AT))).toBe(sha256Hex(fflateZip(files, EXPORTED_AT)));
  });
});

describe('a bundle streamed from attachments read one at a time', () => {
  it('is byte for byte the bundle built in memory, and reads each attachment once, two at most at a time', async () => {
    const store = countingStore(c.attachments);
    const sink = copySink(store.put);
    const out = await streamBundle(streamInput(store.read), sink);
    const zip = joinZip({ parts: out.stretches, size: out.size });
    const built = buildBundle(input());
    expect(zip.length).toBe(built.zip.length);
    expect(sha256Hex(zip)).toBe(sha256Hex(built.zip));
    expect([...store.reads.keys()].sort()).toEqual([...c.attachments.keys()].sort());
    expect([...store.reads.values()].every((n) => n === 1)).toBe(true);
    expect(store.maxHeld()).toBeLessThanOrEqual(2);
    // Each attachment is a stretch of its own, put before the files that precede it in the zip.
    expect(sink.order).toHaveLength(c.attachments.size + 2);
    expect(verifyZip(zip, { expectedKey: bytesToHex(c.publicKey) }).ok).toBe(true);
  });

  it('with a PDF printed from the report: the bundle withReportPdf gives, the printer handed the photos where they are in the sink', async () => {
    const pdfBytes = pdf();
    const seen: string[] = [];
    const sink = copySink();
    const out = await streamBundle(
      streamInput((sha) => Promise.resolve(c.attachments.get(sha))),
      sink,
      (report, files) => {
        for (const f of files) {
          const data = f.stretch.subarray(f.start, f.end);
          expect(sha256Hex(data)).toBe(f.path.slice(ATTACHMENTS_DIR.length, ATTACHMENTS_DIR.length + 64));
          seen.push(f.path);
        }
        expect(new TextDecoder().decode(report)).toContain('<html');
        return Promise.resolve(pdfBytes);
      },
    );
    const later = withReportPdf(buildBundleFiles(input()).files, pdfBytes);
    expect(sha256Hex(joinZip({ parts: out.stretches, size: out.size }))).toBe(
      sha256Hex(zipBundle(later, EXPORTED_AT)),
    );
    expect(sha256Hex(zipBundle(later, EXPORTED_AT))).toBe(
      sha256Hex(buildBundle(input({ reportPdf: pdfBytes })).zip),
    );
    expect(seen).toHaveLength(c.attachments.size);
  });

  it('lists an attachment this device lacks without a file, as the in-memory build does', async () => {
    const missing = [...c.attachments.keys()][1] as string;
    const have = new Map([...c.attachments].filter(([s]) => s !== missing));
    const out = await streamBundle(
      streamInput((sha) => Promise.resolve(have.get(sha))),
      copySink(),
    );
    const built = buildBundle(input({ attachmentBytes: (s) => have.get(s) }));
    expect(sha256Hex(joinZip({ parts: out.stretches, size: out.size }))).toBe(sha256Hex(built.zip));
  });

  it('reads nothing when attachments are left out', async () => {
    const store = countingStore(c.attachments);
    const options = { translations: false, attachments: false };
    const out = await streamBundle(streamInput(store.read, { options }), copySink());
    expect(store.reads.size).toBe(0);
    expect(sha256Hex(joinZip({ parts: out.stretches, size: out.size }))).toBe(
      sha256Hex(buildBundle(input({ options })).zip),
    );
  });

  it('refuses stored bytes that do not match their SHA-256, as the in-memory build does', async () => {
    const sha = [...c.attachments.keys()][0] as string;
    const bad = (s: string): Uint8Array | undefined => {
      const b = c.attachments.get(s)?.slice();
      if (b && s === sha) b[100] = (b[100] as number) ^ 1;
      return b;
    };
    await expect(
      streamBundle(
        streamInput((s) => Promise.resolve(bad(s))),
        copySink(),
      ),
    ).rejects.toThrow(/do not match their SHA-256/);
    expect(() => buildBundle(input({ attachmentBytes: bad }))).toThrow(/do not match their SHA-256/);
  });
});

describe('sniffHead', () => {
  it('keeps enough of a file to sniff the same type as the whole (a character cut by the window included)', () => {
    for (const b of [...c.attachments.values(), new Uint8Array(0), strToU8('short text')]) {
      expect(sniffType(sniffHead(b))).toBe(sniffType(b));
    }
    expect(sniffType(longText())).toBe('text/plain; charset=utf-8');
  });
});
