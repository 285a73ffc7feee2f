/**
 * The heavy part of an export, runnable in a Web Worker or (fallback) on the main thread: build
 * the bundle with the shared builder, optionally have report.html printed to PDF (desktop), then
 * check the final bundle, once, with the shared verifier before anyone saves it. WebCrypto does
 * the hashing and the Ed25519 checks (webCrypto.ts). The job arrives as plain data
 * (structured-clone friendly); the attachments' bytes do not: they are read one at a time.
 *
 * Memory (bench/evidence.ts): a bundle of 10,000 messages with 100 photos is ~115 MB, nearly all
 * of it the photos, which report.html links as files of the bundle rather than holding them
 * (~9 MB). The builder streams (bundle.ts `streamBundle`): each photo is read from the store,
 * hashed, written into the sink as its zip entry and let go before the next (two at most in
 * memory), then come the text files and the directory. In the worker the sink is a Blob per
 * stretch (blobSink.ts), whose bytes Chromium keeps outside the worker, and the check reads the
 * finished Blob back with positioned reads, as the command-line verifier reads a file; so the
 * zip is never held in the worker, nor a photo twice. The desktop prints the report with its
 * photos as files beside it, read back from the sink.
 */
import { strFromU8 } from 'fflate';
import {
  bundleFileName,
  streamBundle,
  type StreamInput,
  type StreamedFile,
  type StoredMessage,
  type WrittenFile,
  type ZipSink,
} from '../../../../shared/evidence/bundle';
import { hexToBytes, sha256Hex } from '../../../../shared/evidence/chain';
import { isInlineImage, sniffType } from '../../../../shared/evidence/sniff';
import type { PrintFile } from '../../../../shared/hostApi';
import type {
  Attestation,
  ExportOptions,
  MachineTranslation,
  Scope,
} from '../../../../shared/evidence/format';
import { formatProblem } from '../../../../shared/evidence/verify';
import { partsSource, readZip, type ZipSource } from '../../../../shared/evidence/zipRead';
import { toFailure, type ErrorCode } from '../../../../shared/result';
import { defaultSubtle, digestHex, selfVerifyFiles, type CryptoPath, type Subtle } from './webCrypto';

export interface BuildJob {
  messages: StoredMessage[];
  attestation: Attestation;
  publicKeyHex: string;
  keyUrl: string | null;
  scope: Scope;
  options: ExportOptions;
  claim: string;
  disputeId: string;
  exportedAt: string;
  exportedBy: string;
  machineTranslations: MachineTranslation[];
  partner: string;
  /** The exporter's IANA time zone: the file name's days are counted in it. */
  timeZone: string;
}

export interface SelfCheck {
  ok: boolean;
  /** One line per problem, as the command-line verifier prints them. */
  problems: string[];
  messages: number;
  attachments: number;
  keyId: string | null;
  /** Which implementation checked the signatures (WebCrypto unless the runtime lacks Ed25519). */
  ed25519: CryptoPath;
}

/**
 * A zip kept in memory as the parts it was written in (headers, deflated files, each photo's own
 * array): joined they are the zip (`joinZip`). The fallback on the main thread, and the tests.
 */
export interface ZipParts {
  parts: Uint8Array[];
  size: number;
}

/** Where an export writes its zip, and how its check reads the finished zip back. */
export interface ExportSink<S, Z> extends ZipSink<S> {
  /** The zip of these stretches (in zip order), and a source that reads exactly its bytes. */
  finish(stretches: S[], size: number): { zip: Z; source: ZipSource };
  /** Bytes `[start, end)` of one stretch (a photo, for printing). */
  read(stretch: S, start: number, end: number): Promise<Uint8Array>;
}

/** A sink that keeps the parts (photos as their own arrays, not copied): the zip as {@link ZipParts}. */
export function memorySink(): ExportSink<Uint8Array[], ZipParts> {
  return {
    put: (parts) => parts,
    finish: (stretches, size) => {
      const parts = stretches.flat();
      return { zip: { parts, size }, source: partsSource(parts) };
    },
    // A copy: whoever asks may move it elsewhere (the worker sends the photos to the page to print).
    read: (stretch, start, end) => Promise.resolve(partsSource(stretch).read(start, end).slice()),
  };
}

export type BuildOutcome<Z = ZipParts> =
  | { ok: true; fileName: string; zip: Z; size: number; check: SelfCheck }
  | { ok: false; code: ErrorCode; message: string };

export type BuildProgress = { stage: 'building' | 'printing' | 'verifying' };

/** Prints report.html and the files it links (its photos) to PDF; null when it cannot. */
export type PrintPdf = (html: string, files: PrintFile[]) => Promise<Uint8Array | null>;

export interface BuildHooks<S = Uint8Array[], Z = ZipParts> {
  /**
   * An attachment's bytes from this device's store (undefined: not here; listed without a file).
   * Asked once per attachment, one at a time.
   */
  readAttachment: (sha256: string) => Promise<Uint8Array | undefined>;
  /** Where the zip goes; kept in memory ({@link memorySink}) by default. */
  sink?: ExportSink<S, Z>;
  progress?: (p: BuildProgress) => void;
  /**
   * Desktop: prints report.html, with the photo files it links beside it, to PDF, which the
   * bundle then carries as report.pdf (null: none).
   */
  printPdf?: PrintPdf;
  /** WebCrypto to use; the runtime's by default, `null` forces the pure-JS path. */
  subtle?: Subtle | null;
}

/** Attachment bytes from a map (tests, the bench): a reader for {@link BuildHooks}. */
export const readFrom =
  (bytes: ReadonlyMap<string, Uint8Array>) =>
  (sha256: string): Promise<Uint8Array | undefined> =>
    Promise.resolve(bytes.get(sha256));

/**
 * Desktop: report.html printed to PDF, with the photos it links beside it (read back from the
 * sink, where they were written); the bundle then carries it as report.pdf.
 */
function printerFor<S>(
  printPdf: PrintPdf,
  sink: ExportSink<S, unknown>,
  progress: (p: BuildProgress) => void,
): (report: Uint8Array, files: StreamedFile<S>[]) => Promise<Uint8Array | null> {
  return async (report, files) => {
    const photos: PrintFile[] = [];
    for (const f of files) {
      const data = await sink.read(f.stretch, f.start, f.end);
      if (isInlineImage(sniffType(data)))
        photos.push({ path: f.path, data: data as Uint8Array<ArrayBuffer> });
    }
    progress({ stage: 'printing' });
    const pdf = await printPdf(strFromU8(report), photos);
    progress({ stage: 'building' });
    return pdf;
  };
}

/**
 * Verifies the zip as built, once (pinned to the key the server answered with, as a reader who
 * trusts this server would), reading it as the verifier does (zipRead.ts: structure, limits and
 * every CRC-32 checked, stored files as views into the zip), so it checks exactly the bytes that
 * will be saved; a zip it cannot read back is a failed check.
 *
 * `written` (the builder's account of what it wrote): a file that reads back with the CRC-32 and
 * size the builder computed of the bytes it hashed is not hashed again; its SHA-256 is the
 * builder's. Reading the zip back has checked every file's data against its CRC-32 (the photos
 * read in full), so damage between writing and reading fails the check (`zip_crc`); a file whose
 * CRC-32 or size changed all the same is hashed again, and the verifier says what changed.
 */
export async function checkZip(
  zip: Uint8Array | ZipSource,
  job: Pick<BuildJob, 'publicKeyHex'>,
  subtle: Subtle | null = defaultSubtle(),
  written?: ReadonlyMap<string, WrittenFile>,
): Promise<SelfCheck> {
  const opened = readZip(zip);
  if (!opened.ok) {
    return {
      ok: false,
      problems: [
        formatProblem({
          code: opened.code,
          where: opened.entry === null ? {} : { file: opened.entry },
          message: `The bundle's zip cannot be read back: ${opened.message}`,
        }),
      ],
      messages: 0,
      attachments: 0,
      keyId: null,
      ed25519: subtle ? 'webcrypto' : 'pure-js',
    };
  }
  const known = new Map<string, string>();
  for (const [name, info] of opened.directory) {
    const w = written?.get(name);
    if (w && w.crc === info.crc && w.size === info.size) known.set(name, w.sha256);
  }
  const { result, ed25519 } = await selfVerifyFiles(
    opened.files,
    { expectedKey: job.publicKeyHex },
    subtle,
    known,
  );
  return {
    ok: result.ok,
    problems: result.problems.map(formatProblem),
    messages: result.summary?.messages ?? 0,
    attachments: result.summary?.attachmentsIncluded ?? 0,
    keyId: result.summary?.keyId ?? null,
    ed25519,
  };
}

export async function runBuild<S = Uint8Array[], Z = ZipParts>(
  job: BuildJob,
  hooks: BuildHooks<S, Z>,
): Promise<BuildOutcome<Z>> {
  const progress = hooks.progress ?? (() => undefined);
  const subtle = hooks.subtle === undefined ? defaultSubtle() : hooks.subtle;
  const sink = (hooks.sink ?? memorySink()) as ExportSink<S, Z>;
  try {
    progress({ stage: 'building' });
    const input: StreamInput = {
      messages: job.messages,
      readAttachment: hooks.readAttachment,
      // Each attachment is hashed natively as it is read (the builder checks it against its
      // SHA-256), and so is every file the manifest lists.
      digest: subtle ? (b) => digestHex(b, subtle) : (b) => Promise.resolve(sha256Hex(b)),
      attestation: job.attestation,
      serverPublicKey: hexToBytes(job.publicKeyHex),
      keyUrl: job.keyUrl,
      scope: job.scope,
      options: job.options,
      claim: job.claim,
      disputeId: job.disputeId,
      exportedAt: job.exportedAt,
      exportedBy: job.exportedBy,
      machineTranslations: job.machineTranslations,
      timeZone: job.timeZone,
    };
    // Built once; on the desktop its report.html is printed first and the PDF goes in with it.
    const built = await streamBundle(
      input,
      sink,
      hooks.printPdf && printerFor(hooks.printPdf, sink, progress),
    );
    const { zip, source } = sink.finish(built.stretches, built.size);
    const fileName = bundleFileName(job.partner, job.scope, job.exportedAt, job.timeZone);

    progress({ stage: 'verifying' });
    // The check reads the finished zip, exactly the bytes that will be saved.
    const check = await checkZip(source, job, subtle, built.files);
    return { ok: true, fileName, zip, size: built.size, check };
  } catch (err) {
    const f = toFailure(err);
    return { ok: false, code: f.code, message: f.message };
  }
}
