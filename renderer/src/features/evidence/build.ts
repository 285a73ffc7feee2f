/**
 * The heavy part of an export, runnable in a Web Worker or (fallback) on the main thread: build
 * the bundle with the shared builder, optionally have report.html printed to PDF (desktop), then
 * check the final bundle, once, with the shared verifier before anyone saves it. WebCrypto does
 * the hashing and the Ed25519 checks (webCrypto.ts). Everything it needs arrives as plain data
 * (structured-clone friendly).
 */
import { strFromU8 } from 'fflate';
import {
  buildBundle,
  buildBundleFiles,
  type BundleInput,
  type StoredMessage,
} from '../../../../shared/evidence/bundle';
import { hexToBytes } from '../../../../shared/evidence/chain';
import type {
  Attestation,
  ExportOptions,
  MachineTranslation,
  Scope,
} from '../../../../shared/evidence/format';
import { formatProblem } from '../../../../shared/evidence/verify';
import { toFailure, type ErrorCode } from '../../../../shared/result';
import { defaultSubtle, digestAhead, selfVerifyZip, type CryptoPath, type Subtle } from './webCrypto';

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

export type BuildOutcome =
  | { ok: true; fileName: string; zip: Uint8Array; reportHtml: string; check: SelfCheck }
  | { ok: false; code: ErrorCode; message: string };

export type BuildProgress = { stage: 'building' | 'printing' | 'verifying' };

export interface BuildHooks {
  progress?: (p: BuildProgress) => void;
  /** Desktop: prints report.html to PDF, which the bundle then carries as report.pdf (null: none). */
  printPdf?: (html: string) => Promise<Uint8Array | null>;
  /** WebCrypto to use; the runtime's by default, `null` forces the pure-JS path. */
  subtle?: Subtle | null;
}

/** Placeholder digest for files of the PDF preview pass, whose manifest is thrown away. */
const UNUSED_DIGEST = '0'.repeat(64);

export async function runBuild(job: BuildJob, hooks: BuildHooks = {}): Promise<BuildOutcome> {
  const progress = hooks.progress ?? (() => undefined);
  const subtle = hooks.subtle === undefined ? defaultSubtle() : hooks.subtle;
  try {
    progress({ stage: 'building' });
    const bytes = new Map(job.attachments);
    // The builder checks each attachment against its SHA-256 and lists it in the manifest: hash
    // them natively first (report.html is made inside the builder and hashed there in pure JS).
    const sha256 = await digestAhead(bytes.values(), subtle);
    const input: BundleInput & { partner: string } = {
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
      partner: job.partner,
      timeZone: job.timeZone,
      sha256,
    };

    let reportPdf: Uint8Array | null = null;
    if (hooks.printPdf) {
      // report.html is a deterministic function of the inputs, so the PDF can be printed from a
      // preview and the bundle built once with it. The preview's manifest is never used (only its
      // report.html leaves this function), so its other files are not hashed; attachments still
      // are, because the builder refuses bytes that do not match their SHA-256.
      const attachmentArrays = new Set(bytes.values());
      const preview = buildBundleFiles({
        ...input,
        sha256: (b) => (attachmentArrays.has(b) ? sha256(b) : UNUSED_DIGEST),
      });
      const html = preview.files.get('report.html');
      preview.files.clear();
      if (html) {
        progress({ stage: 'printing' });
        reportPdf = await hooks.printPdf(strFromU8(html));
        progress({ stage: 'building' });
      }
    }
    const bundle = buildBundle({ ...input, ...(reportPdf ? { reportPdf } : {}) });
    const report = bundle.files.get('report.html');
    const reportHtml = report ? strFromU8(report) : '';
    bundle.files.clear(); // the zip holds everything now; let the collector have the rest

    progress({ stage: 'verifying' });
    // Pinned to the key the server answered with, as a reader who trusts this server would.
    const { result, ed25519 } = await selfVerifyZip(bundle.zip, { expectedKey: job.publicKeyHex }, subtle);
    return {
      ok: true,
      fileName: bundle.fileName,
      zip: bundle.zip,
      reportHtml,
      check: {
        ok: result.ok,
        problems: result.problems.map(formatProblem),
        messages: result.summary?.messages ?? 0,
        attachments: result.summary?.attachmentsIncluded ?? 0,
        keyId: result.summary?.keyId ?? null,
        ed25519,
      },
    };
  } catch (err) {
    const f = toFailure(err);
    return { ok: false, code: f.code, message: f.message };
  }
}
