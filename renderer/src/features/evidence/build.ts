/**
 * The heavy part of an export, runnable in a Web Worker or (fallback) on the main thread: build
 * the bundle with the shared builder, optionally have report.html printed to PDF (desktop), then
 * check the final bundle, once, with the shared verifier before anyone saves it. WebCrypto does
 * the hashing and the Ed25519 checks (webCrypto.ts). Everything it needs arrives as plain data
 * (structured-clone friendly).
 *
 * Memory (bench/evidence.ts): a bundle of 10,000 messages with 100 photos is ~115 MB, nearly all
 * of it the photos, which report.html links as files of the bundle rather than holding them
 * (~9 MB). The zip is written as a stream into one array (bundle.ts), the built files are let go
 * once zipped, and the check reads the zip in place (the verifier's own reader, zipRead.ts:
 * stored photos as views) instead of unzipping a second copy. The desktop prints the report with
 * its photos as files beside it, as the bundle has them.
 */
import { strFromU8 } from 'fflate';
import {
  buildBundleFiles,
  bundleFileName,
  withReportPdf,
  zipBundleParts,
  type BundleInput,
  type StoredMessage,
} from '../../../../shared/evidence/bundle';
import { hexToBytes } from '../../../../shared/evidence/chain';
import { ATTACHMENTS_DIR, FILES } from '../../../../shared/evidence/format';
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
import { defaultSubtle, digestAhead, selfVerifyFiles, type CryptoPath, type Subtle } from './webCrypto';

export interface BuildJob {
  messages: StoredMessage[];
  attachments: [string, Uint8Array][];
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
 * A built zip as the parts it was written in (headers, deflated files, each photo's own array):
 * joined they are the zip (`joinZip`); the worker hands them to a Blob, so the zip never sits in
 * the page's memory beside the photos it holds.
 */
export interface ZipParts {
  parts: Uint8Array[];
  size: number;
}

export type BuildOutcome =
  | { ok: true; fileName: string; zip: ZipParts; check: SelfCheck }
  | { ok: false; code: ErrorCode; message: string };

export type BuildProgress = { stage: 'building' | 'printing' | 'verifying' };

/** Prints report.html and the files it links (its photos) to PDF; null when it cannot. */
export type PrintPdf = (html: string, files: PrintFile[]) => Promise<Uint8Array | null>;

export interface BuildHooks {
  progress?: (p: BuildProgress) => void;
  /**
   * Desktop: prints report.html, with the photo files it links beside it, to PDF, which the
   * bundle then carries as report.pdf (null: none).
   */
  printPdf?: PrintPdf;
  /** WebCrypto to use; the runtime's by default, `null` forces the pure-JS path. */
  subtle?: Subtle | null;
}

/**
 * Desktop: the bundle's report.html printed to PDF, with the photos it links beside it (the
 * bundle's own arrays, no copy); the bundle then carries it as report.pdf (`withReportPdf`).
 */
async function printReport(
  files: ReadonlyMap<string, Uint8Array>,
  printPdf: PrintPdf,
  progress: (p: BuildProgress) => void,
): Promise<Uint8Array | null> {
  const bytes = files.get(FILES.report);
  if (!bytes) return null;
  const photos: PrintFile[] = [];
  for (const [path, data] of files) {
    const type = path.startsWith(ATTACHMENTS_DIR) ? sniffType(data) : null;
    if (type && isInlineImage(type)) photos.push({ path, data: data as Uint8Array<ArrayBuffer> });
  }
  progress({ stage: 'printing' });
  const pdf = await printPdf(strFromU8(bytes), photos);
  progress({ stage: 'building' });
  return pdf;
}

/**
 * Verifies the zip as built, once (pinned to the key the server answered with, as a reader who
 * trusts this server would), reading it as the verifier does (zipRead.ts: structure, limits and
 * every CRC-32 checked, stored files as views into the zip), so it checks exactly the bytes that
 * will be saved; a zip it cannot read back is a failed check.
 */
export async function checkZip(
  zip: Uint8Array | ZipSource,
  job: Pick<BuildJob, 'publicKeyHex'>,
  subtle: Subtle | null = defaultSubtle(),
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
  const { result, ed25519 } = await selfVerifyFiles(opened.files, { expectedKey: job.publicKeyHex }, subtle);
  return {
    ok: result.ok,
    problems: result.problems.map(formatProblem),
    messages: result.summary?.messages ?? 0,
    attachments: result.summary?.attachmentsIncluded ?? 0,
    keyId: result.summary?.keyId ?? null,
    ed25519,
  };
}

export async function runBuild(job: BuildJob, hooks: BuildHooks = {}): Promise<BuildOutcome> {
  const progress = hooks.progress ?? (() => undefined);
  const subtle = hooks.subtle === undefined ? defaultSubtle() : hooks.subtle;
  try {
    progress({ stage: 'building' });
    const bytes = new Map(job.attachments);
    // The builder checks each attachment against its SHA-256 and lists it in the manifest: hash
    // them natively first (report.html is made inside the builder and hashed there in pure JS).
    const sha256 = await digestAhead(bytes.values(), subtle);
    const input: BundleInput = {
      messages: job.messages,
      attachmentBytes: (sha) => bytes.get(sha),
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
      sha256,
    };

    // Built once; on the desktop its report.html is printed and the PDF added (manifest redone).
    let { files } = buildBundleFiles(input);
    const reportPdf = hooks.printPdf ? await printReport(files, hooks.printPdf, progress) : null;
    if (reportPdf) files = withReportPdf(files, reportPdf, sha256);
    // Only the name and the zip's parts are kept: the built files are garbage once zipped, and
    // the check reads the parts themselves, exactly the bytes that will be saved.
    const zip = zipBundleParts(files, job.exportedAt);
    files.clear();
    const fileName = bundleFileName(job.partner, job.scope, job.exportedAt, job.timeZone);

    progress({ stage: 'verifying' });
    const check = await checkZip(partsSource(zip.parts), job, subtle);
    return { ok: true, fileName, zip, check };
  } catch (err) {
    const f = toFailure(err);
    return { ok: false, code: f.code, message: f.message };
  }
}
