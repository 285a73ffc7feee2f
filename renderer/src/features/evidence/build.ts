/**
 * The heavy part of an export, runnable in a Web Worker or (fallback) on the main thread: build
 * the bundle with the shared builder, then check it with the shared verifier before anyone saves
 * it. Everything it needs arrives as plain data (structured-clone friendly).
 */
import { strFromU8 } from 'fflate';
import { buildBundle, type StoredMessage } from '../../../../shared/evidence/bundle';
import { hexToBytes } from '../../../../shared/evidence/chain';
import type { Attestation, ExportOptions, MachineTranslation, Scope } from '../../../../shared/evidence/format';
import { formatProblem, verifyZip } from '../../../../shared/evidence/verify';
import { toFailure, type ErrorCode } from '../../../../shared/result';

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
  reportPdf?: Uint8Array;
}

export interface SelfCheck {
  ok: boolean;
  /** One line per problem, as the command-line verifier prints them. */
  problems: string[];
  messages: number;
  attachments: number;
  keyId: string | null;
}

export type BuildOutcome =
  | { ok: true; fileName: string; zip: Uint8Array; reportHtml: string; check: SelfCheck }
  | { ok: false; code: ErrorCode; message: string };

export type BuildProgress = { stage: 'building' | 'verifying' };

export function runBuild(job: BuildJob, progress: (p: BuildProgress) => void = () => undefined): BuildOutcome {
  try {
    progress({ stage: 'building' });
    const bytes = new Map(job.attachments);
    const bundle = buildBundle({
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
      ...(job.reportPdf ? { reportPdf: job.reportPdf } : {}),
    });
    progress({ stage: 'verifying' });
    // Pinned to the key the server answered with, as a reader who trusts this server would.
    const result = verifyZip(bundle.zip, { expectedKey: job.publicKeyHex });
    const report = bundle.files.get('report.html');
    return {
      ok: true,
      fileName: bundle.fileName,
      zip: bundle.zip,
      reportHtml: report ? strFromU8(report) : '',
      check: {
        ok: result.ok,
        problems: result.problems.map(formatProblem),
        messages: result.summary?.messages ?? 0,
        attachments: result.summary?.attachmentsIncluded ?? 0,
        keyId: result.summary?.keyId ?? null,
      },
    };
  } catch (err) {
    const f = toFailure(err);
    return { ok: false, code: f.code, message: f.message };
  }
}
