/** Web Worker: builds and self-verifies an evidence bundle off the UI thread (see build.ts). */
import type { PrintFile } from '../../../../shared/hostApi';
import { runBuild, type BuildJob, type BuildProgress } from './build';
import { toExported, type ExportOutcome } from './outcome';

/** From the page: the job (with whether to print a PDF), then the PDF when asked for it. */
export type WorkerIn =
  { kind: 'job'; job: BuildJob; print: boolean } | { kind: 'pdf'; pdf: Uint8Array | null };
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
      post({ kind: 'print', html, files });
    });
  void runBuild(m.job, {
    progress: (progress) => post({ kind: 'progress', progress }),
    ...(m.print ? { printPdf } : {}),
  }).then((outcome) => post({ kind: 'done', outcome: toExported(outcome) }));
});
