import type { ErrorCode } from '../../../../shared/result';
import type { BuildOutcome, SelfCheck, ZipParts } from './build';

/**
 * What an export hands back to the page: the zip as a Blob. The worker writes it as Blobs while
 * it builds (blobSink.ts); the browser keeps a Blob's bytes outside the page's and the worker's
 * memory (Chromium's blob storage, on disk when large), so the built zip is never a second copy
 * of the photos beside them.
 */
export type ExportOutcome =
  | { ok: true; fileName: string; zip: Blob; check: SelfCheck }
  | { ok: false; code: ErrorCode; message: string };

export function toExported(outcome: BuildOutcome<Blob | ZipParts>): ExportOutcome {
  if (!outcome.ok) return outcome;
  const zip =
    outcome.zip instanceof Blob
      ? outcome.zip
      : new Blob(outcome.zip.parts as Uint8Array<ArrayBuffer>[], { type: 'application/zip' });
  return { ok: true, fileName: outcome.fileName, zip, check: outcome.check };
}
