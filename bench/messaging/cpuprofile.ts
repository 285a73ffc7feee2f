/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): the functions with the most self time,
 * and self time grouped by where the code lives (PGlite, pg, socket.io, noble, zod, Tradewind…).
 * `npx tsx bench/messaging/cpuprofile.ts <file.cpuprofile> [top]`.
 */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * A span of the monotonic clock in µs: V8 stamps profiles with it, and `process.hrtime` reads the
 * same clock (CLOCK_MONOTONIC on Linux), so a bench can name the phases of its run.
 */
export interface ProfileWindow {
  from: number;
  to: number;
}

/** Now on the clock of `.cpuprofile` timestamps, µs. */
export const monotonicMicros = (): number => Number(process.hrtime.bigint() / 1000n);

const GROUPS: [RegExp, string][] = [
  [/@electric-sql\/pglite|^wasm:\/\//, 'PGlite (WebAssembly PostgreSQL)'],
  [/node_modules\/pg(-[a-z]+)?\//, 'pg driver'],
  [/@noble\//, '@noble (pure-JS crypto)'],
  [/node_modules\/(socket\.io|engine\.io|ws)[^/]*\//, 'socket.io / engine.io / ws'],
  [/node_modules\/zod\//, 'zod'],
  [/node_modules\/canonicalize\//, 'canonicalize'],
  [/node_modules\/(tsx|esbuild|get-tsconfig)\//, 'tsx loader'],
  [/node_modules\//, 'other libraries'],
  [/\/(server|shared)\//, 'Tradewind server + shared'],
  [/\/bench\//, 'bench probe'],
  [/^node:|^internal\/|^$/, 'Node internals / native'],
];

function groupOf(url: string, fn: string): string {
  if (fn === '(garbage collector)') return 'garbage collector';
  if (fn === '(idle)') return 'idle';
  if (fn === '(program)') return 'program (native, unattributed)';
  for (const [re, name] of GROUPS) if (re.test(url)) return name;
  return 'other';
}

export async function summariseProfile(file: string, top = 25, window?: ProfileWindow): Promise<string> {
  const p = JSON.parse(await readFile(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (window && (t < window.from || t > window.to)) return;
    self.set(id, (self.get(id) ?? 0) + dt);
  });
  const fns = new Map<string, number>();
  const groups = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const g = groupOf(url, functionName);
    groups.set(g, (groups.get(g) ?? 0) + us);
    if (g === 'idle') continue;
    busy += us;
    const short = url
      .replace(/^.*node_modules\//, '')
      .replace(/^file:\/\/.*?\/(server|shared|bench)\//, '$1/');
    const key = `${functionName || '(anonymous)'}  ${short}${url ? `:${lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const lines = [
    `busy ${(busy / 1e6).toFixed(2)} s (idle ${((groups.get('idle') ?? 0) / 1e6).toFixed(2)} s)`,
    'by origin (self time):',
  ];
  for (const [g, us] of [...groups].filter(([g]) => g !== 'idle').sort((a, b) => b[1] - a[1]))
    lines.push(`  ${pct(us)}  ${g}`);
  lines.push(`top ${top} functions (self time):`);
  for (const [k, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${k}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: npx tsx bench/messaging/cpuprofile.ts <file.cpuprofile> [top]');
  console.log(await summariseProfile(file, Number(top ?? 25)));
}
