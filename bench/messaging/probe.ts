/**
 * Preloaded into each server process the messaging bench starts
 * (`node --import tsx --import ./bench/messaging/probe.ts --expose-gc <server>`): answers the
 * bench's questions over the IPC channel, from inside the measured process.
 *
 * - `usage`: `process.cpuUsage()` (every thread of the process), the read and write system calls
 *   the process made so far (`syscr` / `syscw` of /proc/self/io, every thread: sockets to clients
 *   and to the database, files; 0 where there is no /proc) and the event-loop delay percentiles
 *   since the last `usage`, then resets the histogram.
 * - `heap`: heap used after two full garbage collections, and RSS.
 * - `trace`: with `TRADEWIND_COMMIT_TRACE=1`, the group commit's stage times of the sends committed
 *   since the last `trace` (server/src/features/messages/commit.ts, `CommitTrace`): p50 / p99 ms of
 *   each stage and the mean batch; on PGlite also its requests to the store's thread since then
 *   (server/src/platform/db/pglite.ts, `StoreTrace`): those that commit a transaction and the
 *   others, p50 / p99 ms of each leg (to the thread, waiting for its lock, running, back); null
 *   without the flag.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProbeRequest {
  id: number;
  cmd: 'usage' | 'heap' | 'trace';
}
/** Per stage of the group commit (queued, read, decided, written): p50 and p99 ms; sends; mean batch. */
export interface TraceReply {
  sends: number;
  meanBatch: number;
  stages: Record<'queued' | 'read' | 'decided' | 'written', { p50: number; p99: number }>;
  /** PGlite only: its thread's requests, those that commit and the others. */
  store: Record<'commits' | 'others', StoreLegs> | null;
}
/** Requests to PGlite's thread: how many, and p50 / p99 ms of each leg. */
export interface StoreLegs {
  requests: number;
  legs: Record<'toThread' | 'lockWait' | 'running' | 'back', { p50: number; p99: number }>;
}

const spread = (rows: number[][], k: number) => {
  const v = rows.map((r) => r[k]!).sort((a, b) => a - b);
  const at = (p: number) => v[Math.min(v.length - 1, Math.floor((p / 100) * v.length))] ?? NaN;
  return { p50: at(50), p99: at(99) };
};
export interface UsageReply {
  cpuMicros: number;
  readSyscalls: number;
  writeSyscalls: number;
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}
export interface HeapReply {
  heapUsed: number;
  rss: number;
}

/** `syscr` and `syscw` of /proc/self/io; zeros where it cannot be read. */
function syscalls(): { readSyscalls: number; writeSyscalls: number } {
  try {
    const io = readFileSync('/proc/self/io', 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(io)?.[1] ?? 0);
    return { readSyscalls: field('syscr'), writeSyscalls: field('syscw') };
  } catch {
    return { readSyscalls: 0, writeSyscalls: 0 };
  }
}

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

process.on('message', (raw: unknown) => {
  const msg = raw as ProbeRequest;
  if (typeof msg !== 'object' || msg === null || typeof msg.id !== 'number') return;
  if (msg.cmd === 'usage') {
    const cpu = process.cpuUsage();
    const reply: UsageReply = {
      cpuMicros: cpu.user + cpu.system,
      ...syscalls(),
      loopDelayP50Ms: loop.percentile(50) / 1e6,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      loopDelayMaxMs: loop.max / 1e6,
    };
    loop.reset();
    process.send?.({ id: msg.id, value: reply });
  } else if (msg.cmd === 'trace') {
    const trace = (globalThis as Record<symbol, { rows: number[][] } | undefined>)[
      Symbol.for('tradewind.commitTrace')
    ];
    if (!trace) {
      process.send?.({ id: msg.id, value: null });
      return;
    }
    const rows = trace.rows.splice(0);
    const pick = (k: number) => spread(rows, k);
    const storeRows = (globalThis as Record<symbol, { rows: number[][] } | undefined>)[
      Symbol.for('tradewind.storeTrace')
    ]?.rows.splice(0);
    const legs = (these: number[][]): StoreLegs => ({
      requests: these.length,
      legs: {
        toThread: spread(these, 0),
        lockWait: spread(these, 1),
        running: spread(these, 2),
        back: spread(these, 3),
      },
    });
    const reply: TraceReply = {
      sends: rows.length,
      meanBatch:
        rows.reduce((a, r) => a + 1 / r[4]!, 0) > 0
          ? rows.length / rows.reduce((a, r) => a + 1 / r[4]!, 0)
          : NaN,
      stages: { queued: pick(0), read: pick(1), decided: pick(2), written: pick(3) },
      store: storeRows
        ? {
            commits: legs(storeRows.filter((r) => r[4] === 1)),
            others: legs(storeRows.filter((r) => r[4] !== 1)),
          }
        : null,
    };
    process.send?.({ id: msg.id, value: reply });
  } else if (msg.cmd === 'heap') {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) {
      process.send?.({ id: msg.id, error: 'start the server with --expose-gc' });
      return;
    }
    gc();
    gc();
    const reply: HeapReply = { heapUsed: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss };
    process.send?.({ id: msg.id, value: reply });
  }
});
