/** Web Worker: builds and self-verifies an evidence bundle off the UI thread (see build.ts). */
import { runBuild, type BuildJob, type BuildOutcome, type BuildProgress } from './build';

type Out = { kind: 'progress'; progress: BuildProgress } | { kind: 'done'; outcome: BuildOutcome };

const post = (m: Out, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(m, transfer);

self.addEventListener('message', (e: MessageEvent<BuildJob>) => {
  const outcome = runBuild(e.data, (progress) => post({ kind: 'progress', progress }));
  post({ kind: 'done', outcome }, outcome.ok ? [outcome.zip.buffer] : []);
});
