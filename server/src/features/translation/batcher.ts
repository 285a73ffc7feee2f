/**
 * Collects texts for a short window and sends them to DeepL in as few requests as its limits
 * allow: ≤ `maxTexts` texts and ≤ `maxBytes` of form-encoded body per request, one request per
 * (source language, target language, glossary). Identical texts — by cache key — share one slot,
 * whether they arrive in the same window or while an earlier request for them is still in flight.
 */
import type { EngineTextResult } from './engine';

export interface BatchSpec {
  /** Lower-case base code, or null for DeepL's auto-detection. */
  source: string | null;
  /** DeepL target code. */
  target: string;
  glossaryId: string | null;
}

export type SendBatch = (
  spec: BatchSpec,
  items: { key: string; text: string }[],
) => Promise<EngineTextResult[]>;

export interface BatcherOptions {
  windowMs: number;
  maxTexts: number;
  maxBytes: number;
  send: SendBatch;
}

/** DeepL's limits per /v2/translate request. */
export const DEEPL_LIMITS = { texts: 50, bytes: 128 * 1024 } as const;

/** Room left in a request body for target_lang, source_lang, glossary_id and the other fields. */
const FIXED_OVERHEAD_BYTES = 1024;

/**
 * Bytes `text` adds to the request body: `&text=` plus the text encoded exactly as deepl-node
 * sends it, through `URLSearchParams` (application/x-www-form-urlencoded). That encoding differs
 * from `encodeURIComponent`: a space is one byte (`+`), and `! ' ( ) ~` are percent-encoded,
 * three bytes each — so counting with encodeURIComponent under-measures such text up to 3×.
 */
export function formBytes(text: string): number {
  return new URLSearchParams({ text }).toString().length + 1;
}

interface Entry {
  key: string;
  text: string;
  promise: Promise<EngineTextResult>;
  resolve: (r: EngineTextResult) => void;
  reject: (e: unknown) => void;
}

interface Group {
  spec: BatchSpec;
  entries: Map<string, Entry>;
  bytes: number;
  timer: ReturnType<typeof setTimeout> | null;
}

const groupKey = (s: BatchSpec): string => `${s.source ?? '*'}\n${s.target}\n${s.glossaryId ?? ''}`;

export class Batcher {
  private readonly groups = new Map<string, Group>();
  private readonly inFlight = new Map<string, Promise<EngineTextResult>>();
  private readonly sending = new Set<Promise<void>>();

  constructor(private readonly options: BatcherOptions) {}

  /** True if a request for `key` is queued or in flight. */
  has(key: string): boolean {
    return this.inFlight.has(key) || [...this.groups.values()].some((g) => g.entries.has(key));
  }

  /** Queues `text` (whose cache key is `key`); resolves with its translation. */
  enqueue(spec: BatchSpec, key: string, text: string): Promise<EngineTextResult> {
    const flying = this.inFlight.get(key);
    if (flying) return flying;
    const gk = groupKey(spec);
    let group = this.groups.get(gk);
    const queued = group?.entries.get(key);
    if (queued) return queued.promise;

    const bytes = formBytes(text);
    const budget = this.options.maxBytes - FIXED_OVERHEAD_BYTES;
    if (group && (group.entries.size + 1 > this.options.maxTexts || group.bytes + bytes > budget)) {
      this.flushGroup(gk);
      group = undefined;
    }
    if (!group) {
      group = { spec, entries: new Map(), bytes: 0, timer: null };
      this.groups.set(gk, group);
      const g = group;
      g.timer = setTimeout(() => {
        if (this.groups.get(gk) === g) this.flushGroup(gk);
      }, this.options.windowMs);
    }
    let resolve!: (r: EngineTextResult) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<EngineTextResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    group.entries.set(key, { key, text, promise, resolve, reject });
    group.bytes += bytes;
    if (group.entries.size >= this.options.maxTexts) this.flushGroup(gk);
    return promise;
  }

  /** Sends everything queued now and waits until every request in flight has settled. */
  async flush(): Promise<void> {
    for (const gk of [...this.groups.keys()]) this.flushGroup(gk);
    while (this.sending.size > 0) await Promise.allSettled([...this.sending]);
  }

  private flushGroup(gk: string): void {
    const group = this.groups.get(gk);
    if (!group) return;
    this.groups.delete(gk);
    if (group.timer) clearTimeout(group.timer);
    const entries = [...group.entries.values()];
    if (entries.length === 0) return;
    for (const e of entries) this.inFlight.set(e.key, e.promise);
    const run = (async () => {
      try {
        const results = await this.options.send(
          group.spec,
          entries.map((e) => ({ key: e.key, text: e.text })),
        );
        entries.forEach((e, i) => {
          const r = results[i];
          if (r) e.resolve(r);
          else e.reject(new Error('DeepL answered fewer translations than texts sent.'));
        });
      } catch (err) {
        for (const e of entries) e.reject(err);
      } finally {
        for (const e of entries) this.inFlight.delete(e.key);
      }
    })();
    this.sending.add(run);
    void run.finally(() => this.sending.delete(run));
  }
}
