/**
 * Evidence export and verification at scale: 10,000 messages with 100 photos (200 KB – 2 MB of
 * random-ish bytes behind a JPEG header, ~110 MB), Polish/Chinese/Arabic text, orders, approved
 * translations. Measures building the bundle (report with inline photos, manifest, zip) and
 * verifying it (unzip, every hash and signature, the report rendered again), with native
 * node:crypto (server CLI, tradewind-verify) and with the pure-JS defaults (what the renderer
 * uses). Prints a table; never gates anything on absolute times (STYLE.md).
 *
 *   npx tsx bench/evidence.ts        (or `npm run bench`, which runs every bench)
 *
 * Memory: the phases are synchronous, so an interval sampler cannot run during them; the peak is
 * the process's high-water mark (`process.resourceUsage().maxRSS`) read after each phase, and
 * heapUsed/external right after it (before any collection).
 */
import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { createAttestation, selectMessages } from '../shared/evidence/attestation';
import { buildBundle } from '../shared/evidence/bundle';
import type { Scope } from '../shared/evidence/format';
import { BUYER, SELLER, TEST_SECRET_KEY, chainMessages, fakeJpeg, prng } from '../shared/evidence/testkit';
import type { DraftMessage } from '../shared/evidence/testkit';
import { verifyZip } from '../shared/evidence/verify';

const MESSAGES = Number(process.env.BENCH_EVIDENCE_MESSAGES ?? 10_000);
const PHOTOS = Number(process.env.BENCH_EVIDENCE_PHOTOS ?? 100);

const TEXTS: [string, string, string | null][] = [
  [
    'pl',
    'Dzień dobry, czy możecie potwierdzić termin wysyłki i numer śledzenia? Zależy nam na dostawie przed końcem miesiąca.',
    '您好，能否确认发货日期和追踪号码？我们希望在月底前到货。',
  ],
  [
    'zh',
    '好的，我们会在周五之前安排发货，包装按照您的要求使用加厚纸箱，并附上质检报告。',
    'Dobrze, wysyłkę zorganizujemy przed piątkiem, w grubszych kartonach, z raportem kontroli jakości.',
  ],
  ['ar', 'تم استلام الدفعة ولكن بعض القطع تالفة، نرجو إرسال بدائل أو خصم على الفاتورة القادمة.', null],
  ['en', 'Please find attached the photos of the damaged cartons; 37 of 500 units do not light up.', null],
];

const mb = (n: number): string => (n / 1024 / 1024).toFixed(0);

function drafts(): DraftMessage[] {
  const rnd = prng(2025);
  const out: DraftMessage[] = [];
  const photoEvery = Math.max(1, Math.floor(MESSAGES / Math.max(PHOTOS, 1)));
  let photos = 0;
  for (let i = 0; i < MESSAGES; i++) {
    const [lang, text, tr] = TEXTS[i % TEXTS.length] as [string, string, string | null];
    const d: DraftMessage = {
      sender: i % 2 === 0 ? BUYER.memberId : SELLER.memberId,
      text: `${text} (#${i + 1})`,
      lang,
      translation: tr ? { text: tr, lang: lang === 'zh' ? 'pl' : 'zh' } : null,
      sentAt: new Date(Date.parse('2024-01-01T00:00:00Z') + i * 137_000).toISOString(),
    };
    if (i % 25 === 0)
      d.order = {
        orderNo: `TW-${1000 + Math.floor(i / 500)}`,
        productId: 'LED-5050',
        title: 'Taśma LED 5050 RGB',
        quantity: 500,
      };
    if (i % photoEvery === photoEvery - 1 && photos < PHOTOS) {
      const size = 200_000 + Math.floor(rnd() * 1_800_000);
      d.attachments = [
        {
          name: `zdjęcie-${photos + 1}.jpg`,
          mime: 'image/jpeg',
          bytes: fakeJpeg(size, photos + 1),
          width: 4000,
          height: 3000,
        },
      ];
      photos++;
    }
    out.push(d);
  }
  return out;
}

const nativeSha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
function nativeEd25519(): (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array) => boolean {
  let key: ReturnType<typeof createPublicKey> | null = null;
  return (sig, msg, pub) => {
    key ??= createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(pub).toString('base64url') },
      format: 'jwk',
    });
    return cryptoVerify(null, msg, key, sig);
  };
}

interface Row {
  phase: string;
  seconds: string;
  /** CPU seconds (user + system) of this process: less sensitive than wall time to a busy machine. */
  cpuSeconds: string;
  peakRssMB: string;
  heapUsedMB: string;
  externalMB: string;
  note: string;
}

function measure<T>(rows: Row[], phase: string, fn: () => T, note: (r: T) => string): T {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = fn();
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const m = process.memoryUsage();
  rows.push({
    phase,
    seconds: s.toFixed(2),
    cpuSeconds: ((cpu.user + cpu.system) / 1e6).toFixed(2),
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    heapUsedMB: mb(m.heapUsed),
    externalMB: mb(m.external + m.arrayBuffers),
    note: note(r),
  });
  return r;
}

export function run(): Promise<void> {
  const rows: Row[] = [];
  const c = measure(
    rows,
    `fixture: chain + sign ${MESSAGES} messages`,
    () => chainMessages([BUYER, SELLER], drafts(), TEST_SECRET_KEY),
    (c) => {
      let bytes = 0;
      for (const b of c.attachments.values()) bytes += b.length;
      return `${c.attachments.size} photos, ${mb(bytes)} MB`;
    },
  );
  const scope: Scope = { kind: 'whole' };
  const attestation = measure(
    rows,
    'attest (server side)',
    () =>
      createAttestation({
        conversationId: c.conversationId,
        participants: c.participants,
        scope,
        messages: selectMessages(c.messages, scope),
        issuedAt: '2025-05-20T09:29:59.000Z',
        publicKey: c.publicKey,
        secretKey: c.secretKey,
      }),
    (a) => `count ${a.statement.count}`,
  );
  const input = {
    messages: c.messages,
    attachmentBytes: (s: string) => c.attachments.get(s),
    attestation,
    serverPublicKey: c.publicKey,
    scope,
    options: { translations: true, attachments: true },
    claim: 'Item not as described',
    disputeId: 'DSP-1',
    exportedAt: '2025-05-20T09:30:00.000Z',
    exportedBy: BUYER.memberId,
    partner: SELLER.memberId,
  };
  const bundle = measure(
    rows,
    'build bundle, native SHA-256',
    () => buildBundle({ ...input, sha256: nativeSha256 }),
    (b) => {
      const report = b.files.get('report.html')?.length ?? 0;
      return `zip ${mb(b.zip.length)} MB, report.html ${mb(report)} MB, ${b.files.size} files`;
    },
  );
  measure(
    rows,
    'build bundle, pure JS (renderer)',
    () => buildBundle(input),
    (b) => `zip ${mb(b.zip.length)} MB`,
  );
  measure(
    rows,
    'verify zip, native crypto (CLI)',
    () => verifyZip(bundle.zip, { sha256: nativeSha256, verifyEd25519: nativeEd25519() }),
    (r) => (r.ok ? `OK, ${r.summary?.messages} messages` : `FAILED ${r.problems.length}`),
  );
  // The pure-JS verifier (a browser, or a copy without node:crypto) spends most of its time in
  // 10,000 Ed25519 checks (~40 CPU s here); BENCH_EVIDENCE_PURE=1 includes it.
  if (process.env.BENCH_EVIDENCE_PURE === '1') {
    measure(
      rows,
      'verify zip, pure JS',
      () => verifyZip(bundle.zip),
      (r) => (r.ok ? 'OK' : `FAILED ${r.problems.length}`),
    );
  }
  console.table(rows);
  return Promise.resolve();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
