/**
 * Evidence export and verification at scale: 10,000 messages with 100 photos (200 KB – 2 MB of
 * random-ish bytes behind a JPEG header, ~110 MB), Polish/Chinese/Arabic text, orders, approved
 * translations.
 *
 * The app rows run the renderer's own export path (renderer/src/features/evidence/build.ts, the
 * code of the export worker): build the bundle, on the desktop print report.html to PDF (a stub
 * printer here: Electron's printToPDF cannot run on this machine) and put it in, then verify the
 * final bundle once, with WebCrypto (Node 20 has Ed25519 in WebCrypto like Chromium ≥ 137 and
 * Electron 39) doing SHA-256 and Ed25519. The `worker` row runs that path as the app's worker
 * does, in a process of its own: the job structured-cloned in, each photo read when the builder
 * comes to it (a file here, IndexedDB in the app), the zip written into a sink outside the process
 * (a temporary file here, Blobs in the app) and read back for the check. The in-process rows read
 * the photos from the fixture's arrays and keep the zip in memory as parts. For comparison, the operator CLI's path (node:crypto)
 * and, with BENCH_EVIDENCE_PURE=1, the app's pure-JS fallback (a runtime without WebCrypto
 * Ed25519: ~3 ms per signature). Prints a table; never gates anything on absolute times
 * (STYLE.md).
 *
 *   npx tsx bench/evidence.ts        (or `npm run bench`, which runs every bench)
 *
 * Memory: `peakRssMB` is the process's high-water mark (`process.resourceUsage().maxRSS`) after
 * the phase, so it includes the fixture (~the messages and photos the app holds anyway) and never
 * goes down: only the first app row's is surely its own, so for one row's figure run it alone
 * (`BENCH_EVIDENCE_ROWS=desktop`). `phasePeak*` are the highest values sampled during the phase
 * (every 20 ms while it awaits WebCrypto, and at each stage change; the synchronous parts cannot
 * be sampled from inside). `ownPeakMB` is what the phase itself added: its peak (the sampled one,
 * or the new high-water mark when it set one) minus the RSS when it started, i.e. without the
 * fixture that the app holds anyway. Much of a peak is garbage the collector has not reached yet,
 * so the figures move by tens of MB from run to run.
 */
import { spawnSync } from 'node:child_process';
import { deserialize, serialize } from 'node:v8';
import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAttestation, selectMessages } from '../shared/evidence/attestation';
import { buildBundle } from '../shared/evidence/bundle';
import { bytesToHex } from '../shared/evidence/chain';
import type { Scope } from '../shared/evidence/format';
import { BUYER, SELLER, TEST_SECRET_KEY, chainMessages, fakeJpeg, prng } from '../shared/evidence/testkit';
import type { DraftMessage } from '../shared/evidence/testkit';
import { verifyZip } from '../shared/evidence/verify';
import type { ZipSource } from '../shared/evidence/zipRead';
import {
  readFrom,
  runBuild,
  type BuildHooks,
  type BuildJob,
  type BuildOutcome,
  type ExportSink,
} from '../renderer/src/features/evidence/build';

const MESSAGES = Number(process.env.BENCH_EVIDENCE_MESSAGES ?? 10_000);
const PHOTOS = Number(process.env.BENCH_EVIDENCE_PHOTOS ?? 100);
/**
 * Which rows after the fixture to run (comma-separated: browser, desktop, pure, cli); all but
 * `pure` by default (`pure` also with BENCH_EVIDENCE_PURE=1). With one app row per run its
 * `peakRssMB` is its own: the high-water mark never goes down, and garbage a previous row left
 * for the collector can show up in the next row's figures.
 */
const ROWS = new Set(
  (process.env.BENCH_EVIDENCE_ROWS ?? 'worker,browser,desktop,cli').split(',').map((r) => r.trim()),
);
if (process.env.BENCH_EVIDENCE_PURE === '1') ROWS.add('pure');

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
  phasePeakRssMB: string;
  /** The phase's own peak: its highest sampled RSS minus the RSS when it started (the fixture, garbage of earlier rows). */
  ownPeakMB: string;
  phasePeakHeapMB: string;
  externalMB: string;
  note: string;
}

/** Samples memory while a phase runs (when the event loop is free) and at explicit points. */
function sampler(): { sample: () => void; stop: () => { rss: number; heap: number } } {
  let rss = 0;
  let heap = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 20);
  return {
    sample,
    stop: () => {
      clearInterval(timer);
      sample();
      return { rss, heap };
    },
  };
}

async function measure<T>(
  rows: Row[],
  phase: string,
  fn: (sample: () => void) => T | Promise<T>,
  note: (r: T) => string,
): Promise<T> {
  const rss0 = process.memoryUsage().rss;
  const max0 = process.resourceUsage().maxRSS * 1024;
  const s0 = sampler();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await fn(s0.sample);
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const peak = s0.stop();
  const maxAfter = process.resourceUsage().maxRSS * 1024;
  const m = process.memoryUsage();
  rows.push({
    phase,
    seconds: s.toFixed(2),
    cpuSeconds: ((cpu.user + cpu.system) / 1e6).toFixed(2),
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    phasePeakRssMB: mb(peak.rss),
    // A new high-water mark set during the phase is its peak (the synchronous parts cannot be sampled).
    ownPeakMB: mb(Math.max(peak.rss, maxAfter > max0 ? maxAfter : 0) - rss0),
    phasePeakHeapMB: mb(peak.heap),
    externalMB: mb(m.external), // array buffers included
    note: note(r),
  });
  return r;
}

/** The app's export worker, timed per stage. */
async function appExport<S, Z>(
  job: BuildJob,
  hooks: BuildHooks<S, Z>,
  sample: () => void,
): Promise<{ outcome: BuildOutcome<Z>; stages: Map<string, number>; cpu: Map<string, number> }> {
  const stages = new Map<string, number>();
  const cpu = new Map<string, number>();
  let stage = '';
  let since = performance.now();
  let cpuSince = process.cpuUsage();
  const mark = (next: string): void => {
    const now = performance.now();
    const used = process.cpuUsage(cpuSince);
    if (stage) {
      stages.set(stage, (stages.get(stage) ?? 0) + (now - since) / 1000);
      cpu.set(stage, (cpu.get(stage) ?? 0) + (used.user + used.system) / 1e6);
    }
    stage = next;
    since = now;
    cpuSince = process.cpuUsage();
    sample();
  };
  const outcome = await runBuild(job, { ...hooks, progress: (p) => mark(p.stage) });
  mark('');
  return { outcome, stages, cpu };
}

const appNote = (r: {
  outcome: BuildOutcome<unknown>;
  stages: Map<string, number>;
  cpu: Map<string, number>;
}): string => {
  if (!r.outcome.ok) return `FAILED ${r.outcome.code}: ${r.outcome.message}`;
  const c = r.outcome.check;
  // Wall seconds, and CPU seconds of the whole process (WebCrypto's threads included).
  const st = [...r.stages]
    .map(([k, v]) => `${k} ${v.toFixed(1)} s (${(r.cpu.get(k) ?? 0).toFixed(2)} CPU s)`)
    .join(', ');
  return `${c.ok ? 'OK' : `FAILED ${c.problems.length}`} (${c.ed25519}), ${c.messages} msgs, ${c.attachments} photos, zip ${mb(r.outcome.size)} MB; ${st}`;
};

/** Stand-in for Electron's printToPDF: a PDF-sized blob, returned at once. */
const stubPdf = (): Uint8Array => {
  const b = fakeJpeg(3_000_000, 99);
  b.set([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]); // %PDF-1.7
  return b;
};

export async function run(): Promise<void> {
  const rows: Row[] = [];
  const c = await measure(
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
  const attestation = await measure(
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
  const job: BuildJob = {
    messages: c.messages,
    attestation,
    publicKeyHex: bytesToHex(c.publicKey),
    keyUrl: null,
    scope,
    options: { translations: true, attachments: true },
    claim: 'Item not as described',
    disputeId: 'DSP-1',
    exportedAt: '2025-05-20T09:30:00.000Z',
    exportedBy: BUYER.memberId,
    machineTranslations: [],
    partner: SELLER.memberId,
    timeZone: 'Europe/Warsaw',
  };
  // The in-process rows read the photos from the fixture's arrays (the app reads IndexedDB).
  const readAttachment = readFrom(c.attachments);
  if (ROWS.has('worker')) await workerProcess(rows, job, c.attachments);
  if (ROWS.has('browser')) {
    await measure(
      rows,
      'app export, browser: build + verify once (WebCrypto)',
      (sample) => appExport(job, { readAttachment }, sample),
      appNote,
    );
  }
  if (ROWS.has('desktop')) {
    await measure(
      rows,
      'app export, desktop: build + PDF + verify once (WebCrypto)',
      (sample) => appExport(job, { readAttachment, printPdf: () => Promise.resolve(stubPdf()) }, sample),
      appNote,
    );
  }
  if (ROWS.has('pure')) {
    await measure(
      rows,
      'app export, pure-JS fallback (no WebCrypto)',
      (sample) => appExport(job, { readAttachment, subtle: null }, sample),
      appNote,
    );
  }
  if (ROWS.has('cli')) await cliRows(rows, c, attestation, scope);
  console.log(
    `evidence bench: ${MESSAGES} messages, ${PHOTOS} photos; node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.table(rows);
}

/**
 * `node --cpu-prof` flags for a row's own process when BENCH_EVIDENCE_CPU_PROF names a directory:
 * its profile lands there as `<row>.cpuprofile` (open it in Chrome DevTools or speedscope).
 */
function cpuProf(row: string): string[] {
  const dir = process.env.BENCH_EVIDENCE_CPU_PROF;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', `${row}.cpuprofile`] : [];
}

/**
 * The app's export as its worker runs it: a process of its own that receives the job as a
 * structured clone (v8.deserialize, what postMessage does), reads each photo when the builder
 * comes to it (a file per photo here, IndexedDB in the app), writes the zip into a sink outside
 * its memory (a temporary file here; in the app a Blob per stretch, which Chromium keeps in its
 * blob storage, outside the worker) and verifies it by reading it back from there. Its peak RSS
 * is the export's whole memory with the job it is given (the messages), the runtime included
 * (Node, where the app has a Web Worker), running the export's code bundled by esbuild as the
 * app's worker is by Vite.
 */
async function workerProcess(
  rows: Row[],
  job: BuildJob,
  photos: ReadonlyMap<string, Uint8Array>,
): Promise<void> {
  if (!existsSync('/usr/bin/time')) return;
  const dir = mkdtempSync(join(tmpdir(), 'tw-bench-'));
  const file = join(dir, 'job.v8');
  try {
    writeFileSync(file, serialize(job));
    for (const [sha, bytes] of photos) writeFileSync(join(dir, sha), bytes);
    // Bundled first, as the app's worker is (Vite): the timed process does not compile
    // TypeScript (tsx) as it loads.
    const script = join(dir, 'worker.mjs');
    const { build } = await import('esbuild');
    await build({
      entryPoints: [fileURLToPath(import.meta.url)],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: script,
      external: ['esbuild'],
      logLevel: 'silent',
    });
    const r = spawnSync(
      '/usr/bin/time',
      ['-f', '%e %U %S %M', process.execPath, ...cpuProf('worker'), script, '--worker-job', file],
      { encoding: 'utf8' },
    );
    const [wall, user, sys, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
    const child = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { note?: string; jobMB?: string };
    rows.push({
      phase:
        'app export, worker: job cloned in, photos read one at a time, build + verify once (own process)',
      seconds: (wall ?? 0).toFixed(2),
      cpuSeconds: ((user ?? 0) + (sys ?? 0)).toFixed(2),
      peakRssMB: mb((kb ?? 0) * 1024),
      phasePeakRssMB: '',
      ownPeakMB: mb((kb ?? 0) * 1024),
      phasePeakHeapMB: '',
      externalMB: '',
      note: `${child.note ?? r.stderr.slice(0, 200)}; RSS with the job read in ${child.jobMB ?? '?'} MB`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A stretch of the zip in the sink's file. */
interface FileStretch {
  at: number;
  size: number;
}

/**
 * The bench's stand-in for the worker's Blob sink (renderer/src/features/evidence/blobSink.ts): the
 * stretches appended to a file, which the page cache holds outside this process as Chromium's blob
 * storage holds Blobs outside the worker; the check reads the zip back with positioned reads.
 */
function fileSink(path: string): ExportSink<FileStretch, { file: string }> & { close: () => void } {
  const fd = openSync(path, 'w+');
  let end = 0;
  const readAt = (out: Uint8Array, at: number): void => {
    for (let o = 0; o < out.length;) {
      const n = readSync(fd, out, o, out.length - o, at + o);
      if (n === 0) throw new Error(`The sink's file ends before ${at + out.length}.`);
      o += n;
    }
  };
  return {
    put: (parts, size) => {
      const at = end;
      for (const p of parts) {
        for (let o = 0; o < p.length;) o += writeSync(fd, p, o, p.length - o, end + o);
        end += p.length;
      }
      return { at, size };
    },
    finish: (stretches, size) => {
      const starts: number[] = [];
      let n = 0;
      for (const s of stretches) {
        starts.push(n);
        n += s.size;
      }
      const source: ZipSource = {
        length: size,
        read(start, stop, scratch) {
          const out = scratch ? scratch.subarray(0, stop - start) : new Uint8Array(stop - start);
          let i = starts.findLastIndex((s) => s <= start);
          for (let o = 0; o < out.length; i++) {
            const s = stretches[i] as FileStretch;
            const from = start + o - (starts[i] as number);
            const len = Math.min(s.size - from, out.length - o);
            readAt(out.subarray(o, o + len), s.at + from);
            o += len;
          }
          return out;
        },
      };
      return { zip: { file: path }, source };
    },
    read: (stretch, start, stop) => {
      const out = new Uint8Array(stop - start);
      readAt(out, stretch.at + start);
      return Promise.resolve(out);
    },
    close: () => closeSync(fd),
  };
}

/** In the worker process: the job from the file, the export, one line of JSON. */
async function workerMain(file: string): Promise<void> {
  const job = deserialize(readFileSync(file)) as BuildJob;
  const dir = dirname(file);
  const jobMB = mb(process.memoryUsage().rss);
  const readAttachment = (sha: string): Promise<Uint8Array | undefined> => {
    const b = readFileSync(join(dir, sha));
    return Promise.resolve(new Uint8Array(b.buffer, b.byteOffset, b.length));
  };
  const sink = fileSink(join(dir, 'zip.part'));
  try {
    const r = await appExport(job, { readAttachment, sink }, () => undefined);
    console.log(JSON.stringify({ note: appNote(r), jobMB }));
  } finally {
    sink.close();
  }
}

/**
 * `tradewind-verify` as a reader runs it, a process of its own on the zip file (its wall time,
 * CPU time and peak RSS from GNU time); skipped where /usr/bin/time is missing.
 */
function verifierProcess(rows: Row[], zip: Uint8Array, keyHex: string): void {
  if (!existsSync('/usr/bin/time')) return;
  const dir = mkdtempSync(join(tmpdir(), 'tw-bench-'));
  const file = join(dir, 'bundle.tradewind-evidence.zip');
  try {
    writeFileSync(file, zip);
    const r = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        '%e %U %S %M',
        process.execPath,
        ...cpuProf('verify'),
        'scripts/verify.mjs',
        file,
        '--key',
        keyHex,
      ],
      { encoding: 'utf8' },
    );
    const [wall, user, sys, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
    rows.push({
      phase: 'tradewind-verify: node scripts/verify.mjs <zip> (own process)',
      seconds: (wall ?? 0).toFixed(2),
      cpuSeconds: ((user ?? 0) + (sys ?? 0)).toFixed(2),
      peakRssMB: mb((kb ?? 0) * 1024),
      phasePeakRssMB: '',
      ownPeakMB: mb((kb ?? 0) * 1024),
      phasePeakHeapMB: '',
      externalMB: '',
      note: r.stdout.split('\n')[0] ?? '',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The operator CLI's build and `tradewind-verify`, with node:crypto. */
async function cliRows(
  rows: Row[],
  c: ReturnType<typeof chainMessages>,
  attestation: ReturnType<typeof createAttestation>,
  scope: Scope,
): Promise<void> {
  const bundle = await measure(
    rows,
    'operator CLI: build bundle (node:crypto SHA-256)',
    () =>
      buildBundle({
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
        sha256: nativeSha256,
      }),
    (b) => {
      const report = b.files.get('report.html')?.length ?? 0;
      return `zip ${mb(b.zip.length)} MB, report.html ${(report / 1024 / 1024).toFixed(1)} MB, ${b.files.size} files`;
    },
  );
  verifierProcess(rows, bundle.zip, bytesToHex(c.publicKey));
  await measure(
    rows,
    'tradewind-verify: verify zip (node:crypto)',
    () => verifyZip(bundle.zip, { sha256: nativeSha256, verifyEd25519: nativeEd25519() }),
    (r) =>
      `${r.ok ? `OK, ${r.summary?.messages} messages` : `FAILED ${r.problems.length}`}; inflated ${mb(r.zip?.inflatedBytes ?? 0)} MB`,
  );
}

const workerJob = process.argv.indexOf('--worker-job');
if (workerJob > 0) await workerMain(process.argv[workerJob + 1] as string);
else if (import.meta.url === `file://${process.argv[1]}`) await run();
