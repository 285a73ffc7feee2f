/**
 * Preloaded into each server process the messaging bench starts
 * (`node --import tsx --import ./bench/messaging/probe.ts --expose-gc <server>`): answers the
 * bench's questions over the IPC channel, from inside the measured process.
 *
 * - `usage`: `process.cpuUsage()` (every thread of the process) and the event-loop delay
 *   percentiles since the last `usage`, then resets the histogram.
 * - `heap`: heap used after two full garbage collections, and RSS.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProbeRequest {
  id: number;
  cmd: 'usage' | 'heap';
}
export interface UsageReply {
  cpuMicros: number;
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}
export interface HeapReply {
  heapUsed: number;
  rss: number;
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
      loopDelayP50Ms: loop.percentile(50) / 1e6,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      loopDelayMaxMs: loop.max / 1e6,
    };
    loop.reset();
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
