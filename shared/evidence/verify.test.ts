import { readFileSync } from 'node:fs';
import { ed25519 } from '@noble/curves/ed25519.js';
import { strFromU8, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createAttestation } from './attestation';
import { batchTree } from './batch';
import { attachmentPath, buildBundle, buildBundleFiles, withReportPdf, zipBundle } from './bundle';
import type { BundleInput } from './bundle';
import { bytesToHex, canonicalJson, chainHash, sha256Hex, signHash } from './chain';
import type { Attestation, BatchProof, EvidenceJson, EvidenceMessage, Manifest, Scope } from './format';
import { keyIdOf, publicKeyOf } from './keys';
import { partsToBytes, renderReport, renderVerifyTxt } from './report';
import {
  BUYER,
  SELLER,
  TEST_SECRET_KEY,
  chainMessages,
  fakeJpeg,
  labelPhoto,
  sampleDispute,
} from './testkit';
import { attestSample, type SampleConversation } from './testkit';
import { formatProblem, unzipBundle, verifyBundle, verifyZip } from './verify';
import type { ProblemCode, VerifyResult } from './verify';
import type { ZipSource } from './zipRead';

const EXPORTED_AT = '2025-05-20T09:30:00.000Z';
const OTHER_KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 13 + 5) & 255);

function attest(c: SampleConversation, scope: Scope, secretKey = c.secretKey): Attestation {
  return attestSample(c, scope, { secretKey, publicKey: c.publicKey });
}

function input(
  c: SampleConversation,
  scope: Scope = { kind: 'whole' },
  over: Partial<BundleInput> = {},
): BundleInput & { partner: string } {
  return {
    messages: c.messages,
    attachmentBytes: (s) => c.attachments.get(s),
    attestation: over.attestation ?? attest(c, scope),
    serverPublicKey: c.publicKey,
    keyUrl: 'https://tradewind.example/api/evidence/key',
    scope,
    options: { translations: true, attachments: true },
    claim: 'Towar niezgodny z opisem: brak IP65. Item not as described.',
    disputeId: 'DSP-778812',
    exportedAt: EXPORTED_AT,
    exportedBy: 'anna.kowalska',
    machineTranslations: [{ seq: 4, lang: 'pl', text: 'Ta partia jest tylko do użytku wewnętrznego.' }],
    partner: 'shenzhen-led',
    ...over,
  };
}

const codes = (r: VerifyResult): ProblemCode[] => [...new Set(r.problems.map((p) => p.code))].sort();

/** The evidence of a bundle, to edit. */
const readEvidence = (files: Map<string, Uint8Array>): EvidenceJson =>
  JSON.parse(strFromU8(files.get('evidence.json') as Uint8Array)) as EvidenceJson;
const readAttestation = (files: Map<string, Uint8Array>): Attestation =>
  JSON.parse(strFromU8(files.get('attestation.json') as Uint8Array)) as Attestation;

/**
 * The strongest forger without the server's secret key: after editing evidence.json they render
 * report.html and VERIFY.txt again and rewrite the manifest, so only signatures can catch them.
 */
function reseal(
  files: Map<string, Uint8Array>,
  e: EvidenceJson,
  attestation = readAttestation(files),
): Map<string, Uint8Array> {
  const out = new Map(files);
  out.set('evidence.json', strToU8(`${JSON.stringify(e, null, 2)}\n`));
  out.set('attestation.json', strToU8(`${JSON.stringify(attestation, null, 2)}\n`));
  const keyId = attestation.statement.keyId;
  const bytesBySha = new Map<string, Uint8Array>();
  for (const a of e.attachments)
    if (a.path && out.get(a.path)) bytesBySha.set(a.sha256, out.get(a.path) as Uint8Array);
  out.set(
    'report.html',
    partsToBytes(
      renderReport({ evidence: e, attestation, keyId, attachmentBytes: (s) => bytesBySha.get(s) }),
    ),
  );
  out.set('VERIFY.txt', strToU8(renderVerifyTxt(e, attestation, keyId)));
  return remanifest(out);
}

function remanifest(files: Map<string, Uint8Array>): Map<string, Uint8Array> {
  const m: Manifest = {
    format: 'tradewind-manifest-v1',
    algorithm: 'SHA-256',
    files: [...files.entries()]
      .filter(([p]) => p !== 'manifest.json')
      .map(([path, b]) => ({ path, size: b.length, sha256: sha256Hex(b) }))
      .sort((x, y) => (x.path < y.path ? -1 : 1)),
  };
  files.set('manifest.json', strToU8(JSON.stringify(m)));
  return files;
}

describe('evidence bundle round trip', () => {
  const c = sampleDispute();

  it('reads each attachment file from a source once after checking its CRC-32, and verifies the same', () => {
    const b = buildBundle(input(c));
    const photo = [...b.files.entries()].find(([p]) => p.startsWith('attachments/'))?.[1] as Uint8Array;
    let wholeReads = 0;
    // A file on disk: every read a fresh copy (the command-line verifier's fileSource).
    const source: ZipSource = {
      length: b.zip.length,
      read: (start, end) => {
        if (end - start === photo.length) wholeReads++;
        return b.zip.slice(start, end);
      },
    };
    const r = verifyZip(source, { expectedKey: c.publicKey });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    // Its CRC-32 checked in one read (it is smaller than a step), then read once for the verifier:
    // the attachment checks and the report (which sniffs its type) do not read it again.
    expect(wholeReads).toBe(2);
    expect(verifyZip(b.zip, { expectedKey: c.publicKey })).toEqual(r);
  });

  it('exports a whole conversation that verifies, through the zip', () => {
    const b = buildBundle(input(c));
    expect(b.fileName).toBe('shenzhen-led-all-2025-05-20.tradewind-evidence.zip');
    expect([...b.files.keys()].sort()).toEqual(
      [
        'VERIFY.txt',
        'attestation.json',
        `attachments/${sha256Hex(labelPhoto())}-etykieta.png`,
        'evidence.json',
        'manifest.json',
        'report.html',
        'server-key.json',
      ].sort(),
    );
    const r = verifyZip(b.zip, { expectedKey: c.publicKey });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([]);
    expect(r.summary).toMatchObject({
      messages: 6,
      attachments: 1,
      attachmentsIncluded: 1,
      firstSeq: 1,
      lastSeq: 6,
      formatVersion: 2,
      keyId: keyIdOf(c.publicKey),
      keyPinned: true,
    });
  });

  it('report.pdf added after building gives the bundle built with it, byte for byte', () => {
    const pdf = strToU8('%PDF-1.7 a print of report.html');
    const withPdf = buildBundle({ ...input(c), reportPdf: pdf });
    const later = withReportPdf(buildBundleFiles(input(c)).files, pdf);
    expect([...later.keys()]).toEqual([...withPdf.files.keys()]);
    expect(sha256Hex(zipBundle(later, EXPORTED_AT))).toBe(sha256Hex(withPdf.zip));
  });

  it('builds byte-identical zips from the same input', () => {
    expect(sha256Hex(buildBundle(input(c)).zip)).toBe(sha256Hex(buildBundle(input(c)).zip));
  });

  it('scopes to one order: only its messages, gaps allowed, still verifiable', () => {
    const scope: Scope = { kind: 'order', orderNo: 'TW-2025-0042' };
    const b = buildBundle(input(c, scope));
    expect(b.fileName).toBe('shenzhen-led-TW-2025-0042-2025-05-20.tradewind-evidence.zip');
    expect(b.evidence.messages.map((m) => m.seq)).toEqual([1, 2, 3, 5]);
    expect(readAttestation(b.files).statement.ranges).toEqual([
      [1, 3],
      [5, 5],
    ]);
    expect(b.evidence.machineTranslations).toEqual([]); // seq 4 is outside the scope
    const r = verifyZip(b.zip);
    expect(r.problems).toEqual([]);
    expect(strFromU8(b.files.get('report.html') as Uint8Array)).toContain(
      'Message 4 is outside the scope of this export.',
    );
  });

  it('scopes to a date range', () => {
    const scope: Scope = {
      kind: 'dateRange',
      from: '2025-03-03T08:01:00.000Z',
      to: '2025-03-03T08:03:00.000Z',
    };
    const b = buildBundle(input(c, scope));
    expect(b.evidence.messages.map((m) => m.seq)).toEqual([2, 3]);
    expect(verifyZip(b.zip).problems).toEqual([]);
  });

  it('exports without attachments and without translations', () => {
    const b = buildBundle(
      input(c, { kind: 'whole' }, { options: { translations: false, attachments: false } }),
    );
    expect([...b.files.keys()].some((p) => p.startsWith('attachments/'))).toBe(false);
    const html = strFromU8(b.files.get('report.html') as Uint8Array);
    expect(html).not.toContain('您好');
    expect(html).toContain('Dzień dobry');
    const r = verifyBundle(b.files);
    expect(r.problems).toEqual([]);
    expect(r.notes.join(' ')).toContain('not included');
  });

  it('refuses to build when local messages do not match the attestation', () => {
    expect(() => buildBundleFiles(input(c, { kind: 'whole' }, { messages: c.messages.slice(0, 4) }))).toThrow(
      /attested 6 messages/,
    );
  });

  it('report.html shows both parties, UTC and local times, hashes, orders, the claim, and a photo', () => {
    const html = strFromU8(buildBundle(input(c)).files.get('report.html') as Uint8Array);
    expect(html).toContain('anna.kowalska');
    expect(html).toContain('shenzhen-led');
    expect(html).toContain('2025-03-03 08:00:00 UTC');
    expect(html).toContain('2025-03-03 09:00:00 (UTC+01:00) Europe/Warsaw');
    expect(html).toContain('2025-03-03 16:00:00 (UTC+08:00) Asia/Shanghai');
    expect(html).toContain(c.messages[0]?.hash);
    expect(html).toContain('TW-2025-0042');
    expect(html).toContain('DSP-778812');
    // The photo is a file of the bundle, linked (report rules 2), not inlined.
    expect(html).toMatch(/<img alt="etykieta.png" src="attachments\/[0-9a-f]{64}-etykieta.png">/);
    expect(html).not.toContain('data:image');
    expect(html).toContain('<meta name="generator" content="tradewind-report-v2">');
    expect(html).toContain(
      'are the authoritative record. A <code>report.pdf</code> in the bundle is only a print',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('dir="auto" lang="ar"');
  });
});

describe('tampering is detected', () => {
  const c = sampleDispute();
  const fresh = (scope: Scope = { kind: 'whole' }): Map<string, Uint8Array> =>
    buildBundle(input(c, scope)).files;

  it('edited text, even with report and manifest redone', () => {
    const files = fresh();
    const e = readEvidence(files);
    (e.messages[1] as EvidenceJson['messages'][number]).text = '好的，不防水。';
    const r = verifyBundle(reseal(files, e));
    expect(codes(r)).toEqual(['message_hash']);
    expect(r.problems.find((p) => p.code === 'message_hash')?.where).toEqual({
      file: 'evidence.json',
      seq: 2,
    });
  });

  it('edited sender-approved translation', () => {
    const files = fresh();
    const e = readEvidence(files);
    (e.messages[0] as EvidenceJson['messages'][number]).translation = {
      text: '您好，我订购500条灯带。',
      lang: 'zh',
    };
    expect(codes(verifyBundle(reseal(files, e)))).toContain('message_hash');
  });

  it('edited text with the hash recomputed: the signature and attestation catch it', () => {
    const files = fresh();
    const e = readEvidence(files);
    const m = e.messages[1] as EvidenceJson['messages'][number];
    m.text = 'Forged';
    m.hash = chainHash(m.prevHash, m);
    const r = verifyBundle(reseal(files, e));
    expect(codes(r)).toEqual(['attestation_coverage', 'chain_break', 'message_signature']);
  });

  it('a dropped message', () => {
    const files = fresh();
    const e = readEvidence(files);
    e.messages.splice(2, 1);
    const r = verifyBundle(reseal(files, e));
    expect(codes(r)).toContain('attestation_coverage');
    expect(r.problems.some((p) => p.where.seq === 3 && /missing from the bundle/.test(p.message))).toBe(true);
  });

  it('a dropped message inside an order scope (gaps are legal, so only the attestation can tell)', () => {
    const files = fresh({ kind: 'order', orderNo: 'TW-2025-0042' });
    const e = readEvidence(files);
    e.messages = e.messages.filter((m) => m.seq !== 2);
    const r = verifyBundle(reseal(files, e));
    expect(codes(r)).toEqual(['attestation_coverage']);
  });

  it('an added message signed with another key', () => {
    const files = fresh();
    const e = readEvidence(files);
    const last = e.messages[e.messages.length - 1] as EvidenceJson['messages'][number];
    const extra = {
      ...last,
      seq: 7,
      text: 'Zgadzam się, to moja wina.',
      clientId: '00000000-0000-4000-8000-000000000000',
      prevHash: last.hash,
    };
    extra.hash = chainHash(extra.prevHash, extra);
    extra.signature = signHash(extra.hash, OTHER_KEY);
    e.messages.push(extra);
    expect(codes(verifyBundle(reseal(files, e)))).toEqual(['attestation_coverage', 'message_signature']);
  });

  it('reordered messages', () => {
    const files = fresh();
    const e = readEvidence(files);
    const [a, b] = [e.messages[1], e.messages[2]] as [
      EvidenceJson['messages'][number],
      EvidenceJson['messages'][number],
    ];
    e.messages[1] = b;
    e.messages[2] = a;
    expect(codes(verifyBundle(reseal(files, e)))).toContain('message_order');
  });

  it('messages renumbered to swap their order', () => {
    const files = fresh();
    const e = readEvidence(files);
    const [a, b] = [e.messages[1], e.messages[2]] as [
      EvidenceJson['messages'][number],
      EvidenceJson['messages'][number],
    ];
    [a.seq, b.seq] = [b.seq, a.seq];
    e.messages.sort((x, y) => x.seq - y.seq);
    expect(codes(verifyBundle(reseal(files, e)))).toEqual(
      expect.arrayContaining(['message_hash', 'attestation_coverage']),
    );
  });

  it('a swapped photo', () => {
    const files = fresh();
    const e = readEvidence(files);
    const path = e.attachments[0]?.path as string;
    files.set(path, fakeJpeg(2000, 1));
    const r = verifyBundle(reseal(files, e));
    expect(codes(r)).toEqual(['attachment_hash', 'report_mismatch']);
    expect(r.problems.find((p) => p.code === 'attachment_hash')?.where).toMatchObject({ file: path, seq: 3 });
  });

  it('a photo swapped together with its SHA-256 in the message', () => {
    const files = fresh();
    const e = readEvidence(files);
    const other = fakeJpeg(2000, 1);
    const sha = sha256Hex(other);
    const m = e.messages[2] as EvidenceJson['messages'][number];
    const old = e.attachments[0] as EvidenceJson['attachments'][number];
    files.delete(old.path as string);
    m.attachments = [{ sha256: sha, name: 'etykieta.png', mime: 'image/png', size: other.length }];
    e.attachments = [
      {
        sha256: sha,
        name: 'etykieta.png',
        mime: 'image/png',
        size: other.length,
        path: `attachments/${sha}-etykieta.png`,
      },
    ];
    files.set(`attachments/${sha}-etykieta.png`, other);
    expect(codes(verifyBundle(reseal(files, e)))).toContain('message_hash');
  });

  it("an attachment's name changed (not in the chain hash, but in the attestation digest)", () => {
    const files = fresh();
    const e = readEvidence(files);
    (e.messages[2] as EvidenceJson['messages'][number]).attachments[0]!.name = 'label-ok.png';
    expect(codes(verifyBundle(reseal(files, e)))).toEqual(
      expect.arrayContaining(['attachment_metadata', 'attestation_coverage']),
    );
  });

  it('a forged signature', () => {
    const files = fresh();
    const e = readEvidence(files);
    const m = e.messages[3] as EvidenceJson['messages'][number];
    m.signature = signHash(m.hash, OTHER_KEY);
    const r = verifyBundle(reseal(files, e));
    expect(codes(r)).toEqual(['message_signature']);
    expect(r.problems[0]?.where.seq).toBe(4);
  });

  it('a different key: the whole bundle forged with the forger’s own key is caught by pinning', () => {
    const forged = sampleDispute(OTHER_KEY); // a forger re-chains and re-signs everything with their own key
    const b = buildBundle(input(forged));
    // Self-consistent, so without a pinned key it "verifies" — which is why VERIFY.txt says to pin it.
    expect(verifyZip(b.zip).ok).toBe(true);
    const r = verifyZip(b.zip, { expectedKey: c.publicKey });
    expect(codes(r)).toContain('key_mismatch');
  });

  it('server-key.json replaced by another key', () => {
    const files = fresh();
    const other = buildBundle(input(sampleDispute(OTHER_KEY))).files;
    files.set('server-key.json', other.get('server-key.json') as Uint8Array);
    const r = verifyBundle(remanifest(files));
    expect(codes(r)).toEqual(['attestation_key', 'key_invalid', 'message_key']);
  });

  it('an edited attestation', () => {
    const files = fresh();
    const att = readAttestation(files);
    att.statement.count = 4;
    expect(codes(verifyBundle(reseal(files, readEvidence(files), att)))).toEqual([
      'attestation_coverage',
      'attestation_signature',
    ]);
  });

  it('an edited report.html, even with the manifest redone', () => {
    const files = fresh();
    const html = strFromU8(files.get('report.html') as Uint8Array).replace(
      'brak oznaczenia IP65',
      'oznaczenie IP65 jest',
    );
    files.set('report.html', strToU8(html));
    const r = verifyBundle(remanifest(files));
    expect(codes(r)).toEqual(['report_mismatch']);
    expect(r.problems[0]?.message).toMatch(/line \d+/);
  });

  it('an edited VERIFY.txt', () => {
    const files = fresh();
    files.set('VERIFY.txt', strToU8('Trust me.\n'));
    expect(codes(verifyBundle(remanifest(files)))).toEqual(['verify_txt_mismatch']);
  });

  it('any byte changed without redoing the manifest', () => {
    const files = fresh();
    const e = readEvidence(files);
    e.claim = 'Nothing wrong.';
    files.set('evidence.json', strToU8(JSON.stringify(e, null, 2)));
    expect(codes(verifyBundle(files))).toEqual(
      expect.arrayContaining(['file_hash_mismatch', 'report_mismatch']),
    );
  });

  it('an extra file, a missing file, a broken manifest', () => {
    const files = fresh();
    files.set('attachments/evil.exe', strToU8('MZ'));
    expect(codes(verifyBundle(files))).toEqual(['file_unexpected', 'file_unlisted']);
    const files2 = fresh();
    files2.delete('attestation.json');
    expect(codes(verifyBundle(files2))).toEqual(
      expect.arrayContaining(['attestation_missing', 'file_missing']),
    );
    const files3 = fresh();
    files3.set('manifest.json', strToU8('{'));
    expect(codes(verifyBundle(files3))).toEqual(['manifest_invalid']);
  });

  it('hostile input never throws', () => {
    expect(verifyZip(strToU8('not a zip')).problems[0]?.code).toBe('zip_invalid');
    const files = fresh();
    files.set('evidence.json', strToU8(JSON.stringify({ format: 'tradewind-evidence-v1', messages: 'x' })));
    const r = verifyBundle(remanifest(files));
    expect(codes(r)).toContain('evidence_invalid');
    const att = readAttestation(fresh());
    att.statement.ranges = [[1, 2 ** 31]];
    const r2 = verifyBundle(reseal(fresh(), readEvidence(fresh()), att));
    expect(codes(r2)).toEqual(['attestation_coverage', 'attestation_signature']);
  });

  it('a hostile attestation claiming 2**31 messages costs no more than an honest one', () => {
    const att = readAttestation(fresh());
    att.statement.count = 2 ** 31;
    att.statement.lastSeq = 2 ** 31;
    att.statement.ranges = [[1, 2 ** 31]];
    att.statement.keys = [{ ...att.statement.keys[0]!, ranges: [[1, 2 ** 31]] }];
    const started = performance.now();
    const r = verifyBundle(reseal(fresh(), readEvidence(fresh()), att));
    expect(performance.now() - started).toBeLessThan(5_000); // the old loop allocated a 2**31 Set
    expect(codes(r)).toEqual(['attestation_coverage', 'attestation_signature']);
    expect(r.problems.map((p) => p.message).join('\n')).toContain(
      `The attestation's ranges cover ${2 ** 31} seqs; the bundle has 6 messages.`,
    );
  });

  it('report.html or VERIFY.txt missing is file_missing even when nothing can be rendered', () => {
    const files = fresh();
    files.delete('report.html');
    files.delete('VERIFY.txt');
    files.delete('attestation.json');
    const r = verifyBundle(remanifest(files));
    expect(codes(r)).toEqual(['attestation_missing', 'file_missing']);
    expect(r.problems.filter((p) => p.code === 'file_missing').map((p) => p.where.file)).toEqual([
      'report.html',
      'VERIFY.txt',
    ]);
    // Listed in the manifest but missing: reported once, by the manifest step.
    const listed = fresh();
    listed.delete('report.html');
    expect(verifyBundle(listed).problems.filter((p) => p.code === 'file_missing')).toHaveLength(1);
  });

  it('a manifest that lists itself', () => {
    const files = fresh();
    const m = JSON.parse(strFromU8(files.get('manifest.json') as Uint8Array)) as Manifest;
    m.files.push({ path: 'manifest.json', size: 1, sha256: 'a'.repeat(64) });
    files.set('manifest.json', strToU8(JSON.stringify(m)));
    const r = verifyBundle(files);
    expect(codes(r)).toEqual(['manifest_invalid']);
    expect(r.problems[0]?.message).toBe('manifest.json lists manifest.json itself.');
  });

  it('attachment paths trim exactly the documented white space set and dots', () => {
    const sha = 'a'.repeat(64);
    expect(attachmentPath(sha, ' .etykieta.png.\u3000')).toBe(`attachments/${sha}-etykieta.png`);
    expect(attachmentPath(sha, '\ufeff\u00a0\u2028zdjęcie\u205f\u202f')).toBe(`attachments/${sha}-zdjęcie`);
    // U+200B (zero width space) and U+200C (ZWNJ) are not white space in this rule.
    expect(attachmentPath(sha, '\u200bعکس\u200c')).toBe(`attachments/${sha}-\u200bعکس\u200c`);
    expect(attachmentPath(sha, ' . ')).toBe(`attachments/${sha}-file`);
  });

  it('formats problems with where they are', () => {
    const files = fresh();
    const e = readEvidence(files);
    (e.messages[1] as EvidenceJson['messages'][number]).text = 'x';
    const line = formatProblem(
      verifyBundle(reseal(files, e)).problems.find((p) => p.code === 'message_hash')!,
    );
    expect(line).toMatch(/^evidence\.json, message 2: Message 2 has been changed/);
  });
});

describe('attestation', () => {
  it('is canonical JSON signed with Ed25519 and names the key', () => {
    const c = sampleDispute();
    const a = attest(c, { kind: 'whole' });
    expect(a.statement).toMatchObject({
      v: 'tradewind-attestation-v2',
      firstSeq: 1,
      lastSeq: 6,
      count: 6,
      headHash: c.messages[5]?.hash,
      ranges: [[1, 6]],
      keys: [{ keyId: keyIdOf(c.publicKey), publicKey: bytesToHex(c.publicKey), ranges: [[1, 6]] }],
    });
    expect(canonicalJson(a.statement).startsWith('{"conversationId":"dm:anna.kowalska:shenzhen-led"')).toBe(
      true,
    );
    expect(a.statement.keyId).toBe(keyIdOf(c.publicKey));
    expect(() => attest(c, { kind: 'order', orderNo: 'nope' })).toThrow(/at least one message/);
  });
  it('unzipBundle ignores directory entries', () => {
    const b = buildBundle(input(sampleDispute()));
    expect(unzipBundle(b.zip).size).toBe(b.files.size);
  });
  it('uses the fixed test key only in tests', () => {
    expect(TEST_SECRET_KEY.length).toBe(32);
  });
});

describe('server key replacement (format version 2)', () => {
  const OLD = TEST_SECRET_KEY;
  const NEW = OTHER_KEY;
  const newPublic = publicKeyOf(NEW);
  /** Messages 1–3 signed before the key was replaced, 4–6 after; the attestation by the new key. */
  const rotated = (): SampleConversation => {
    const c = sampleDispute();
    const drafts = c.messages.map((m) => ({
      sender: m.sender,
      text: m.text,
      lang: m.lang,
      translation: m.translation,
      order: m.order,
      sentAt: m.sentAt,
      attachments: m.attachments.map((a) => ({
        name: a.name,
        mime: a.mime,
        bytes: c.attachments.get(a.sha256) as Uint8Array,
        ...(a.width !== undefined ? { width: a.width } : {}),
        ...(a.height !== undefined ? { height: a.height } : {}),
      })),
    }));
    const r = chainMessages([BUYER, SELLER], drafts, NEW, { secretKeyFor: (i) => (i < 3 ? OLD : NEW) });
    return r;
  };
  const rotatedInput = (c: SampleConversation, scope: Scope = { kind: 'whole' }) => {
    const attestation = attestSample(c, scope, { secretKey: NEW, messageKeys: [publicKeyOf(OLD)] });
    return input(c, scope, { attestation, serverPublicKey: newPublic });
  };

  it('messages signed before and after a key replacement verify, each against the key it names', () => {
    const c = rotated();
    const b = buildBundle(rotatedInput(c));
    expect(b.evidence.format).toBe('tradewind-evidence-v2');
    expect(b.evidence.messages.map((m) => m.keyId)).toEqual([
      ...Array<string>(3).fill(keyIdOf(publicKeyOf(OLD))),
      ...Array<string>(3).fill(keyIdOf(newPublic)),
    ]);
    const keyFile = JSON.parse(strFromU8(b.files.get('server-key.json') as Uint8Array)) as {
      keys: { keyId: string }[];
    };
    expect(keyFile.keys.map((k) => k.keyId).sort()).toEqual(
      [keyIdOf(publicKeyOf(OLD)), keyIdOf(newPublic)].sort(),
    );
    const r = verifyZip(b.zip, { expectedKey: newPublic });
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ keyId: keyIdOf(newPublic), keyPinned: true });
    expect(r.summary?.keys).toHaveLength(2);
    // Pinning applies to the attestation key: the old key alone is not enough.
    expect(codes(verifyZip(b.zip, { expectedKey: publicKeyOf(OLD) }))).toEqual(['key_mismatch']);
    // …but a key set that contains it (the well-known document's current and retired keys) is.
    expect(verifyZip(b.zip, { expectedKey: [publicKeyOf(OLD), newPublic] }).ok).toBe(true);
    const html = strFromU8(b.files.get('report.html') as Uint8Array);
    expect(html).toContain(`signed by key <code>${keyIdOf(publicKeyOf(OLD))}</code>`);
    expect(strFromU8(b.files.get('VERIFY.txt') as Uint8Array)).toContain(
      'Older messages are signed by earlier server keys',
    );
  });

  it('an order scope with gaps after a key replacement', () => {
    const c = rotated();
    const b = buildBundle(rotatedInput(c, { kind: 'order', orderNo: 'TW-2025-0042' }));
    expect(b.evidence.messages.map((m) => m.seq)).toEqual([1, 2, 3, 5]);
    expect(verifyZip(b.zip, { expectedKey: newPublic }).problems).toEqual([]);
  });

  it("a message's keyId changed to the other key, or to a key the bundle does not list", () => {
    const c = rotated();
    const files = buildBundle(rotatedInput(c)).files;
    const e = readEvidence(files);
    e.messages[0]!.keyId = keyIdOf(newPublic);
    expect(codes(verifyBundle(reseal(files, e)))).toEqual(['message_key', 'message_signature']);
    const e2 = readEvidence(files);
    e2.messages[4]!.keyId = '0123456789abcdef';
    expect(codes(verifyBundle(reseal(files, e2)))).toEqual(['message_key']);
  });

  it('a message re-signed with a forger key added to server-key.json', () => {
    const c = rotated();
    const files = buildBundle(rotatedInput(c)).files;
    const e = readEvidence(files);
    const forger = Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + 1) & 255);
    const m = e.messages[1]!;
    m.signature = signHash(m.hash, forger);
    m.keyId = keyIdOf(publicKeyOf(forger));
    const keyFile = JSON.parse(strFromU8(files.get('server-key.json') as Uint8Array)) as {
      keys: { alg: string; publicKey: string; keyId: string }[];
    };
    keyFile.keys.push({ alg: 'Ed25519', publicKey: bytesToHex(publicKeyOf(forger)), keyId: m.keyId });
    files.set('server-key.json', strToU8(JSON.stringify(keyFile)));
    // The attestation, signed by the pinned key, says which key signed message 2.
    expect(codes(verifyBundle(reseal(files, e), { expectedKey: newPublic }))).toEqual([
      'key_invalid',
      'message_key',
    ]);
  });

  it('a server-key.json with one key left out', () => {
    const c = rotated();
    const files = buildBundle(rotatedInput(c)).files;
    const keyFile = JSON.parse(strFromU8(files.get('server-key.json') as Uint8Array)) as {
      keys: { keyId: string }[];
    };
    keyFile.keys = keyFile.keys.filter((k) => k.keyId !== keyIdOf(publicKeyOf(OLD)));
    files.set('server-key.json', strToU8(JSON.stringify(keyFile)));
    expect(codes(verifyBundle(remanifest(files)))).toEqual(['attestation_key', 'message_key']);
  });

  it('createAttestation refuses a message key it cannot resolve', () => {
    const c = rotated();
    expect(() =>
      createAttestation({
        conversationId: c.conversationId,
        participants: c.participants,
        scope: { kind: 'whole' },
        messages: c.messages,
        issuedAt: '2025-05-20T09:29:59.000Z',
        publicKey: newPublic,
        secretKey: NEW,
      }),
    ).toThrow(/signed by key .* whose public key is unknown/);
  });
});

describe('format version 1 bundles', () => {
  // Built by the version 1 code (commit bc2af95) from the five-message sample dispute.
  const v1 = new Uint8Array(readFileSync(new URL('./fixtures/v1.tradewind-evidence.zip', import.meta.url)));

  it('still verify, pinned or not', () => {
    const r = verifyZip(v1, { expectedKey: publicKeyOf(TEST_SECRET_KEY) });
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.summary).toMatchObject({ formatVersion: 1, messages: 5, keyPinned: true });
    expect(codes(verifyZip(v1, { expectedKey: publicKeyOf(OTHER_KEY) }))).toEqual(['key_mismatch']);
  });

  it('are still checked: an edited message fails', () => {
    const files = unzipBundle(v1);
    const e = JSON.parse(strFromU8(files.get('evidence.json') as Uint8Array)) as {
      messages: { text: string }[];
    };
    e.messages[1]!.text = 'edited';
    files.set('evidence.json', strToU8(JSON.stringify(e)));
    expect(codes(verifyBundle(remanifest(files)))).toEqual(expect.arrayContaining(['message_hash']));
  });

  it('mixing versions is an error', () => {
    const files = unzipBundle(v1);
    files.set(
      'server-key.json',
      buildBundle(input(sampleDispute())).files.get('server-key.json') as Uint8Array,
    );
    expect(codes(verifyBundle(remanifest(files)))).toContain('format_mixed');
  });
});

describe('report.html under other time-zone rules', () => {
  const c = sampleDispute();

  it('a local time with another offset for the same instant only warns; another instant fails', () => {
    const files = buildBundle(input(c)).files;
    const html = strFromU8(files.get('report.html') as Uint8Array);
    // Message 1 at 08:00 UTC is 16:00 in Shanghai; a runtime with other rules might say UTC+09:00.
    expect(html).toContain('2025-03-03 16:00:00 (UTC+08:00)');
    const sameInstant = new Map(files);
    sameInstant.set(
      'report.html',
      strToU8(html.replace('2025-03-03 16:00:00 (UTC+08:00)', '2025-03-03 17:00:00 (UTC+09:00)')),
    );
    const r = verifyBundle(remanifest(sameInstant));
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['report_local_time']);
    expect(r.warnings[0]?.message).toMatch(/^1 local time\(s\) in report\.html differ/);

    const unknownZone = new Map(files);
    unknownZone.set('report.html', strToU8(html.replace('2025-03-03 16:00:00 (UTC+08:00)', 'unknown')));
    expect(verifyBundle(remanifest(unknownZone)).warnings.map((w) => w.code)).toEqual(['report_local_time']);

    const otherInstant = new Map(files);
    otherInstant.set(
      'report.html',
      strToU8(html.replace('2025-03-03 16:00:00 (UTC+08:00)', '2025-03-03 18:00:00 (UTC+08:00)')),
    );
    expect(codes(verifyBundle(remanifest(otherInstant)))).toEqual(['report_mismatch']);
  });

  it('renders Persian text (with its zero-width non-joiner) in the report and verifies it', () => {
    const b = buildBundle(input(c));
    const html = strFromU8(b.files.get('report.html') as Uint8Array);
    expect(html).toContain(
      'dir="auto" lang="fa">برچسب IP65 را در محموله\u200cی بعدی اضافه می\u200cکنیم.</div>',
    );
    const files = new Map(b.files);
    files.set('report.html', strToU8(html.replace('محموله\u200cی', 'محمولهی')));
    expect(codes(verifyBundle(remanifest(files)))).toEqual(['report_mismatch']);
    expect(verifyZip(b.zip).problems).toEqual([]);
  });
});

describe('batch signatures (format version 3)', () => {
  // Message 1 stored alone, 2–4 in one group commit, 5–6 in another (docs/evidence.md § Batch signatures).
  const batched = (): SampleConversation => sampleDispute(TEST_SECRET_KEY, [1, 3, 2]);
  const proofOf = (m: EvidenceJson['messages'][number]): BatchProof | undefined =>
    (m as { proof?: BatchProof }).proof;

  it('a bundle with batch-signed messages is written as version 3 and verifies, one check per batch', () => {
    const c = batched();
    const b = buildBundle(input(c));
    expect(b.evidence.format).toBe('tradewind-evidence-v3');
    expect(b.evidence.messages.map((m) => proofOf(m)?.size ?? null)).toEqual([null, 3, 3, 3, 2, 2]);
    expect(b.evidence.messages[1]!.signature).toBe(b.evidence.messages[3]!.signature);
    // Only evidence.json has a version 3: the attestation and the key file are version 2's.
    expect(readAttestation(b.files).statement.v).toBe('tradewind-attestation-v2');
    expect(strFromU8(b.files.get('server-key.json') as Uint8Array)).toContain('"tradewind-server-key-v2"');
    expect(strFromU8(b.files.get('VERIFY.txt') as Uint8Array)).toContain('"tradewind-batch-v1\\n"');
    let checks = 0;
    const r = verifyZip(b.zip, {
      expectedKey: c.publicKey,
      verifyEd25519: (s, m, k) => {
        checks++;
        return ed25519.verify(s, m, k);
      },
    });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.summary).toMatchObject({ formatVersion: 3, messages: 6, keyPinned: true });
    // The attestation, message 1, and each batch once.
    expect(checks).toBe(4);
  });

  it('a scoped export of batch-signed messages verifies (each message on its own)', () => {
    const b = buildBundle(input(batched(), { kind: 'order', orderNo: 'TW-2025-0042' }));
    expect(b.evidence.messages.map((m) => m.seq)).toEqual([1, 2, 3, 5]);
    expect(b.evidence.format).toBe('tradewind-evidence-v3');
    expect(verifyZip(b.zip).problems).toEqual([]);
  });

  it('a changed proof path, index or size, a wrong signature, or a proof removed or added fails message_signature', () => {
    const files = buildBundle(input(batched())).files;
    const tampered = (edit: (e: EvidenceJson) => void): ProblemCode[] => {
      const e = readEvidence(files);
      edit(e);
      return codes(verifyBundle(reseal(files, e)));
    };
    const m = (e: EvidenceJson, seq: number) => e.messages[seq - 1] as EvidenceMessage;
    expect(tampered(() => undefined)).toEqual([]);
    expect(
      tampered((e) => {
        m(e, 3).proof!.path[0] = m(e, 5).hash;
      }),
    ).toEqual(['message_signature']);
    expect(
      tampered((e) => {
        m(e, 3).proof!.path.reverse();
      }),
    ).toEqual(['message_signature']);
    expect(
      tampered((e) => {
        m(e, 2).proof!.index = 1;
      }),
    ).toEqual(['message_signature']);
    expect(
      tampered((e) => {
        m(e, 4).proof!.index = 3; // out of range for a tree of 3
      }),
    ).toEqual(['message_signature']);
    expect(
      tampered((e) => {
        m(e, 4).proof!.size = 4;
      }),
    ).toEqual(['message_signature']);
    // Message 5 with the signature of the other batch.
    expect(
      tampered((e) => {
        m(e, 5).signature = m(e, 2).signature;
      }),
    ).toEqual(['message_signature']);
    // A batch signature is not a signature of the hash, nor the other way round.
    expect(
      tampered((e) => {
        delete m(e, 6).proof;
      }),
    ).toEqual(['message_signature']);
    expect(
      tampered((e) => {
        m(e, 1).proof = m(e, 2).proof;
      }),
    ).toEqual(['message_signature']);
  });

  it('a message with its hash recomputed and its batch proof redone is caught by the signature', () => {
    const files = buildBundle(input(batched())).files;
    const e = readEvidence(files);
    const ms = e.messages.slice(1, 4) as EvidenceMessage[];
    ms[1]!.text = 'Zmieniony tekst.';
    ms[1]!.hash = chainHash(ms[1]!.prevHash, ms[1]!);
    const { paths } = batchTree(ms.map((x) => x.hash));
    ms.forEach((x, i) => (x.proof = { index: i, size: 3, path: paths[i]! }));
    expect(codes(verifyBundle(reseal(files, e)))).toEqual(
      expect.arrayContaining(['message_signature', 'chain_break', 'attestation_coverage']),
    );
    expect(
      verifyBundle(reseal(files, e)).problems.filter((p) => p.code === 'message_signature'),
    ).toHaveLength(3);
  });

  it('a version 2 evidence.json carrying a proof is invalid, and so is a version 1 one', () => {
    const files = buildBundle(input(batched())).files;
    const e = readEvidence(files);
    expect(codes(verifyBundle(reseal(files, { ...e, format: 'tradewind-evidence-v2' })))).toEqual([
      'evidence_invalid',
    ]);
    const v1 = unzipBundle(
      new Uint8Array(readFileSync(new URL('./fixtures/v1.tradewind-evidence.zip', import.meta.url))),
    );
    const old = JSON.parse(strFromU8(v1.get('evidence.json') as Uint8Array)) as { messages: object[] };
    Object.assign(old.messages[1]!, { proof: proofOf(e.messages[1]!) });
    v1.set('evidence.json', strToU8(JSON.stringify(old)));
    expect(codes(verifyBundle(remanifest(v1)))).toEqual(['evidence_invalid']);
  });

  it('a version 3 evidence.json goes with version 2 attestation and key files only', () => {
    const files = unzipBundle(
      new Uint8Array(readFileSync(new URL('./fixtures/v1.tradewind-evidence.zip', import.meta.url))),
    );
    files.set('evidence.json', buildBundle(input(batched())).files.get('evidence.json') as Uint8Array);
    expect(codes(verifyBundle(remanifest(files)))).toContain('format_mixed');
  });

  it('a bundle without batch proofs is written as version 2, byte for byte as before batches existed', () => {
    const b = buildBundle(input(sampleDispute(TEST_SECRET_KEY, [1, 1, 1, 1, 1, 1])));
    expect(b.evidence.format).toBe('tradewind-evidence-v2');
    expect(strFromU8(b.files.get('evidence.json') as Uint8Array)).not.toContain('"proof"');
    // manifest.json lists the SHA-256 of every other file: this is the bundle the code wrote
    // before version 3 existed (commit 384481f).
    expect(sha256Hex(b.files.get('manifest.json') as Uint8Array)).toBe(
      '10da8a454fbe3c30e8dcd9453682c7e0443edd507afe922d9451f0a42ba8e7fb',
    );
  });
});
