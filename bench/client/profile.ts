/**
 * CPU profiles of the renderer for bench/client.ts (`BENCH_CLIENT_PROFILE=<dir>`): Chromium's V8
 * sampling profiler through a CDP session (Profiler.start / Profiler.stop) around one phase of the
 * bench, saved as `<dir>/<phase>.cpuprofile` (DevTools opens it) and summarised: self time per
 * function, and total time (self + callees, each function counted once per sample) of the app's
 * own functions, which shows which component or hook a phase spends its time under. Read it on an
 * unminified build (`vite build --minify false`, served with BENCH_CLIENT_STATIC), or the names
 * are the minifier's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Recorder {
  stop(): Promise<string>;
}

/** Starts the sampling profiler (100 µs) on `page`; `stop()` saves and summarises the phase. */
export async function startProfile(page: Page, dir: string, phase: string): Promise<Recorder> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      await cdp.detach();
      writeFileSync(join(dir, `${phase}.cpuprofile`), JSON.stringify(profile));
      return `── profile: ${phase}\n${summarise(profile)}`;
    },
  };
}

const short = (url: string): string =>
  url
    .replace(/^.*\/node_modules\//, '')
    .replace(/^https?:\/\/[^/]+\//, '')
    .replace(/^.*\/assets\//, 'assets/');

/** Whether a frame is the app's own code (not a library inlined in the same bundle). */
const own = (name: string): boolean =>
  /^[A-Z][A-Za-z]+$/.test(name) ||
  /^use[A-Z]/.test(name) ||
  /^(compose|store|apply|noteComposed|bubblesOf|changeStates|withDaySeparators|displayOf|itemsToRequest|cachedTranslations)/.test(
    name,
  );

export function summarise(p: Profile, top = 25): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: Node): string =>
    `${n.callFrame.functionName || '(anonymous)'}${n.callFrame.url ? `  ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : ''}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i + 1] ?? 0; // the delta after a sample is the time it stands for
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    busy += dt;
    self.set(key(n), (self.get(key(n)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!;
      if (!own(f.callFrame.functionName)) continue;
      const k = key(f);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  const ms = (us: number): string => `${(us / 1000).toFixed(1).padStart(7)} ms`;
  const pct = (us: number): string => `${((100 * us) / Math.max(1, busy)).toFixed(1).padStart(5)} %`;
  const lines = [
    `wall ${ms(p.endTime - p.startTime)}, busy ${ms(busy)}, idle ${ms(idle)}`,
    `top ${top} functions by self time:`,
  ];
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${ms(us)} ${pct(us)}  ${k}`);
  lines.push(`top ${top} app functions by total time (self + callees):`);
  for (const [k, us] of [...total].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${ms(us)} ${pct(us)}  ${k}`);
  return lines.join('\n');
}
