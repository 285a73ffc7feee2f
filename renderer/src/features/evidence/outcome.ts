import type { ErrorCode } from '../../../../shared/result';
import type { BuildOutcome, SelfCheck } from './build';

/**
 * What an export hands back to the page: the zip as a Blob made from the parts it was written in.
 * The browser keeps a Blob's bytes outside the page's and the worker's memory (Chromium's blob
 * storage, on disk when large), so the built zip is never a second copy of the photos beside them.
 */
export type ExportOutcome =
  | { ok: true; fileName: string; zip: Blob; check: SelfCheck }
  | { ok: false; code: ErrorCode; message: string };

export function toExported(outcome: BuildOutcome): ExportOutcome {
  if (!outcome.ok) return outcome;
  const zip = new Blob(outcome.zip.parts as Uint8Array<ArrayBuffer>[], { type: 'application/zip' });
  return { ok: true, fileName: outcome.fileName, zip, check: outcome.check };
}
