/** Web Worker: builds and self-verifies an evidence bundle off the UI thread (see build.ts). */
import type { PrintFile } from '../../../../shared/hostApi';
import { TradewindDb } from '../../db/schema';
import { blobSink } from './blobSink';
import { runBuild, type BuildJob, type BuildProgress } from './build';
import { toExported, type ExportOutcome } from './outcome';

/**
 * From the page: the job (with the name of the IndexedDB database whose attachment bytes it reads,
 * and whether to print a PDF), then the PDF when asked for it.
 */
export type WorkerIn =
  { kind: 'job'; job: BuildJob; store: string; print: boolean } | { kind: 'pdf'; pdf: Uint8Array | null };
/** To the page: progress, a request to print report.html, the outcome. */
export type WorkerOut =
  | { kind: 'progress'; progress: BuildProgress }
  | { kind: 'print'; html: string; files: PrintFile[] }
  | { kind: 'done'; outcome: ExportOutcome };

const scope = self as unknown as Worker;
const post = (m: WorkerOut, transfer: Transferable[] = []): void => scope.postMessage(m, transfer);
let pdfWaiter: ((pdf: Uint8Array | null) => void) | null = null;

scope.addEventListener('message', (e: MessageEvent<WorkerIn>) => {
  const m = e.data;
  if (m.kind === 'pdf') {
    pdfWaiter?.(m.pdf);
    pdfWaiter = null;
    return;
  }
  const printPdf = (html: string, files: PrintFile[]): Promise<Uint8Array | null> =>
    new Promise((resolve) => {
      pdfWaiter = resolve;
      // The photos are read back for this print only: they move to the page.
      post({ kind: 'print', html, files }, [...new Set(files.map((f) => f.data.buffer))]);
    });
  // The same database as the page's, opened by name: each photo is read from it once, when the
  // builder comes to it, and let go once written into the zip.
  const db = new TradewindDb(m.store);
  void runBuild(m.job, {
    readAttachment: async (sha256) => (await db.attachmentBlobs.get(sha256))?.bytes,
    sink: blobSink(),
    progress: (progress) => post({ kind: 'progress', progress }),
    ...(m.print ? { printPdf } : {}),
  })
    .then((outcome) => post({ kind: 'done', outcome: toExported(outcome) }))
    .finally(() => db.close());
});
