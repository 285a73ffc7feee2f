/**
 * The main thread's work between the input and the frame where the row is on screen, from a
 * Chromium trace of one phase (bench/client.ts, BENCH_CLIENT_TRACE): from the trusted
 * `pointerdown` to the probe's `bench:visible` mark (bench/client/probe.ts), the thread (CPU) time
 * the page's main thread spent in tasks, and of that in layout and style. Unlike the wall time it
 * does not count the waits for a core on a shared machine.
 */
import { readFileSync } from 'node:fs';

interface Event {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event. */
  tdur?: number;
  args?: { name?: string; data?: { type?: string } };
}

export interface TraceFigures {
  /** pointerdown → visible mark, ms. */
  spanMs: number;
  /** Main-thread task time (thread time) inside that span, ms. */
  busyMs: number;
  layoutMs: number;
  styleMs: number;
  /** Tasks longer than 1 ms inside the span. */
  tasks: number;
  /**
   * The IndexedDB backend's work inside the span (the trace's `IndexedDB` category, any process
   * and thread: the page's and the search indexer's worker's requests share one backend), by event
   * name: how many, and their wall ms inside the span; the longest first.
   */
  idb: { name: string; n: number; ms: number }[];
  /** The longest IndexedDB backend events inside the span: name, start (ms after the input), ms. */
  idbLongest: { name: string; at: number; ms: number }[];
  /**
   * The main thread's tasks of more than 3 ms inside the span, in order: start (ms after the
   * span's start), thread ms, and the named events below it that took most of it.
   */
  timeline: { at: number; ms: number; what: string }[];
}

/**
 * Where the span starts: the trusted `pointerdown` (an open), or, for a cold start, the navigation
 * start; the cold start's two marks (`bench:visible` of the contact list and of the newest message,
 * in whichever order they came) are `listMs` and `newestMs` after it (the probe's figures), and the
 * span ends at the newest's.
 */
export type SpanStart = 'pointerdown' | { newestMs: number; listMs: number };

export function traceFigures(file: string, start: SpanStart = 'pointerdown'): TraceFigures | null {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents?: Event[] } | Event[];
  const events = Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
  const threads = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  // The page's main thread: the renderer main thread where the input arrived.
  let main: string;
  let a: number;
  let b: number;
  if (start === 'pointerdown') {
    const down = events.find(
      (e) =>
        e.name === 'EventDispatch' &&
        e.args?.data?.type === 'pointerdown' &&
        threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain',
    );
    if (!down) return null;
    main = `${down.pid}:${down.tid}`;
    const mark = events.find(
      (e) => `${e.pid}:${e.tid}` === main && e.name === 'bench:visible' && e.ts >= down.ts,
    );
    if (!mark) return null;
    a = down.ts;
    b = mark.ts;
  } else {
    // The reloaded page's main thread: where the last mark is (a reload may change the process).
    const marks = events.filter((e) => e.name === 'bench:visible').sort((p, q) => p.ts - q.ts);
    const mark = marks[marks.length - 1];
    if (!mark || Number.isNaN(start.newestMs)) return null;
    main = `${mark.pid}:${mark.tid}`;
    a = mark.ts - Math.max(start.newestMs, Number.isNaN(start.listMs) ? 0 : start.listMs) * 1000;
    b = a + start.newestMs * 1000;
  }
  const mine = events.filter((e) => `${e.pid}:${e.tid}` === main);
  // The part of an event inside the span, in thread time (what the thread ran, not the time it
  // waited for a core on a loaded machine): its thread time scaled by the share inside.
  const within = (e: Event): number => {
    if (e.ph !== 'X' || e.dur === undefined) return 0;
    const inside = Math.max(0, Math.min(b, e.ts + e.dur) - Math.max(a, e.ts));
    return e.dur === 0 ? 0 : (inside * (e.tdur ?? e.dur)) / e.dur;
  };
  const sum = (name: string): number =>
    mine.filter((e) => e.name === name).reduce((s, e) => s + within(e), 0) / 1000;
  const tasks = mine.filter((e) => e.name === 'RunTask' && within(e) > 1000).length;
  // Wall time inside the span, for the backend's events (they run in the browser process).
  const wall = (e: Event): number =>
    e.ph === 'X' && e.dur !== undefined ? Math.max(0, Math.min(b, e.ts + e.dur) - Math.max(a, e.ts)) : 0;
  const backend = events.filter((e) => (e.cat ?? '').includes('IndexedDB') && wall(e) > 0);
  const byName = new Map<string, { n: number; ms: number }>();
  for (const e of backend) {
    const x = byName.get(e.name) ?? { n: 0, ms: 0 };
    x.n += 1;
    x.ms += wall(e) / 1000;
    byName.set(e.name, x);
  }
  // What each task of the main thread did: its longest named events below it (same thread, inside it).
  const named = mine.filter(
    (e) =>
      e.ph === 'X' &&
      e.dur !== undefined &&
      e.name !== 'RunTask' &&
      e.name !== 'ThreadControllerImpl::RunTask',
  );
  const label = (e: Event): string => {
    const d = (e.args as { data?: { url?: string; functionName?: string } } | undefined)?.data;
    const where = d?.functionName || (d?.url ? d.url.replace(/^.*\//, '') : '');
    return where ? `${e.name}(${where})` : e.name;
  };
  const timeline = mine
    .filter((e) => e.name === 'RunTask' && within(e) > 3000)
    .sort((p, q) => p.ts - q.ts)
    .map((t) => {
      const inner = named
        .filter((e) => e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0) && (e.dur ?? 0) > 1000)
        .sort((p, q) => (q.dur ?? 0) - (p.dur ?? 0))
        .slice(0, 3)
        .map((e) => `${label(e)} ${f1((e.dur ?? 0) / 1000)}`)
        .join(', ');
      return { at: (Math.max(a, t.ts) - a) / 1000, ms: within(t) / 1000, what: inner };
    });
  return {
    timeline,
    spanMs: (b - a) / 1000,
    busyMs: sum('RunTask'),
    layoutMs: sum('Layout'),
    styleMs: sum('UpdateLayoutTree'),
    tasks,
    idb: [...byName].map(([name, x]) => ({ name, ...x })).sort((p, q) => q.ms - p.ms),
    idbLongest: backend
      .sort((p, q) => (q.dur ?? 0) - (p.dur ?? 0))
      .slice(0, 8)
      .map((e) => ({ name: e.name, at: (e.ts - a) / 1000, ms: (e.dur ?? 0) / 1000 })),
  };
}

const f1 = (n: number): string => n.toFixed(1);
