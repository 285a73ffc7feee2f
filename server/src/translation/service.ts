/**
 * Server-side translation (issue 4; ARCHITECTURE.md § The message path, step 4).
 *
 * For each text a reader needs in their language, in this order:
 *   1. empty → shown as is, never sent (deepl-node would reject it anyway);
 *   2. known to be in the target language already — the message's `lang`, the script detector in
 *      shared/domain/language.ts, or the language DeepL detected for the same text earlier —
 *      → shown as is, never sent (DeepL bills it);
 *   3. in-memory LRU, then the shared `translation_cache` table → answered, free;
 *   4. the caller's monthly budget → `quota_exceeded` for that caller only;
 *   5. the batcher → few DeepL requests (≤ 50 texts, ≤ 128 KiB, grouped by source, target and
 *      glossary), identical texts sent once, retried with backoff where that makes sense.
 * Failures come back per item as data with `retryable` / `retryAfterMs`; delivery never waits on
 * any of this.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/result';
import { baseLanguage, deeplTargetCode, detectLanguage } from '../../../shared/domain/language';
import type { z } from 'zod';
import type {
  Glossary,
  GlossaryPutRequest,
  GlossaryScope,
  TranslateLanguagesResponse,
  TranslatePreviewRequest,
  TranslatePreviewResponse,
  TranslateTextsRequest,
  TranslateTextsResponse,
  TranslationItemResult,
  TranslationLanguage,
} from '../../../shared/protocol';
import { Batcher, DEEPL_LIMITS, type BatchSpec } from './batcher';
import type { EngineLanguages, EngineTextResult, TranslationEngine } from './engine';
import { Lru } from './lru';
import { DEFAULT_BACKOFF, TranslationFailure, withRetry, type BackoffPolicy, type Classified } from './retry';
import type { CacheRow, GlossaryRow, TranslationStore } from './store';

export interface TranslationServiceDeps {
  /** deepl-node behind the engine interface; null when the server has no DeepL key. */
  engine: TranslationEngine | null;
  store: TranslationStore;
  /** How long the batcher collects texts before sending (default 25 ms). */
  batchWindowMs?: number;
  maxTextsPerRequest?: number;
  maxBytesPerRequest?: number;
  /** Entries in the in-memory LRU (default 10 000). */
  lruSize?: number;
  /** Default monthly budget per member in characters; null = unlimited (default). */
  monthlyBudgetChars?: number | null;
  retry?: Partial<BackoffPolicy>;
  /** How long the language list is kept (default 1 h). */
  languagesTtlMs?: number;
  now?: () => Date;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: (event: string, detail: Record<string, unknown>) => void;
}

export interface TranslationStats {
  deeplRequests: number;
  deeplFailures: number;
  retries: number;
  textsSent: number;
  charactersBilled: number;
  memoryHits: number;
  storeHits: number;
  inFlightJoins: number;
  skippedSameLanguage: number;
  skippedEmpty: number;
  budgetRefusals: number;
}

export interface UsageReport {
  month: string;
  deepl: { characterCount: number; characterLimit: number } | null;
  defaultBudget: number | null;
  members: { memberId: string; characters: number; budget: number | null }[];
}

type TextsRequest = z.output<typeof TranslateTextsRequest>;
type PreviewRequest = z.output<typeof TranslatePreviewRequest>;
type PutRequest = z.output<typeof GlossaryPutRequest>;

export interface TranslationService {
  /** false when the server has no DeepL key. */
  readonly available: boolean;
  translateTexts(caller: string, request: TextsRequest): Promise<TranslateTextsResponse>;
  preview(caller: string, request: PreviewRequest): Promise<TranslatePreviewResponse>;
  languages(): Promise<TranslateLanguagesResponse>;
  listGlossaries(owner: string, scope?: GlossaryScope): Promise<Glossary[]>;
  putGlossary(owner: string, request: PutRequest): Promise<Glossary>;
  deleteGlossary(owner: string, id: string): Promise<void>;
  usage(month?: string): Promise<UsageReport>;
  setBudget(memberId: string, monthlyChars: number | null): Promise<void>;
  stats(): TranslationStats;
  /** Sends whatever is queued and waits for it (tests, shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The shared cache key: SHA-256 of (source language, target language, glossary id, text). */
export function cacheKey(source: string | null, target: string, glossaryId: string | null, text: string): string {
  return sha256(JSON.stringify([source ?? 'auto', target, glossaryId ?? '', text]));
}
export const textHash = (text: string): string => sha256(text);

const chars = (s: string): number => [...s].length;

const NO_KEY: Classified = {
  code: 'translation_unavailable',
  retryInline: false,
  retryable: false,
  retryAfterMs: null,
  message: 'Translation is not set up on this server; messages are shown in the original.',
  kind: 'auth',
};

export function createTranslationService(deps: TranslationServiceDeps): TranslationService {
  const { engine, store } = deps;
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...deps.retry };
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const log = deps.log ?? (() => undefined);
  const lru = new Lru<string, { text: string; detected: string }>(deps.lruSize ?? 10_000);
  /** text hash → language DeepL detected (or the message declared). */
  const detectedLru = new Lru<string, string>(deps.lruSize ?? 10_000);
  /** Characters reserved for texts queued on behalf of a member this month and not yet billed. */
  const pending = new Map<string, number>();
  const stats: TranslationStats = {
    deeplRequests: 0,
    deeplFailures: 0,
    retries: 0,
    textsSent: 0,
    charactersBilled: 0,
    memoryHits: 0,
    storeHits: 0,
    inFlightJoins: 0,
    skippedSameLanguage: 0,
    skippedEmpty: 0,
    budgetRefusals: 0,
  };
  let languagesCache: { at: number; value: EngineLanguages } | null = null;

  const month = (): string => now().toISOString().slice(0, 7);

  const batcher = new Batcher({
    windowMs: deps.batchWindowMs ?? 25,
    maxTexts: Math.min(deps.maxTextsPerRequest ?? DEEPL_LIMITS.texts, DEEPL_LIMITS.texts),
    maxBytes: Math.min(deps.maxBytesPerRequest ?? DEEPL_LIMITS.bytes, DEEPL_LIMITS.bytes),
    send: sendBatch,
  });

  async function sendBatch(spec: BatchSpec, items: { key: string; text: string }[]): Promise<EngineTextResult[]> {
    if (!engine) throw new TranslationFailure(NO_KEY, null);
    const texts = items.map((i) => i.text);
    let results: EngineTextResult[];
    try {
      results = await withRetry(
        () => {
          stats.deeplRequests += 1;
          return engine.translate(texts, spec.source, spec.target, spec.glossaryId);
        },
        policy,
        {
          sleep,
          random,
          onRetry: (retry, delayMs, c) => {
            stats.retries += 1;
            log('translation.retry', { retry, delayMs, kind: c.kind, texts: texts.length });
          },
        },
      );
    } catch (err) {
      stats.deeplFailures += 1;
      if (err instanceof TranslationFailure) {
        log('translation.failed', { kind: err.classified.kind, texts: texts.length, error: String(err.cause) });
        throw err;
      }
      throw err;
    }
    stats.textsSent += texts.length;
    const rows: CacheRow[] = [];
    results.forEach((r, i) => {
      const item = items[i];
      if (!item) return;
      stats.charactersBilled += r.billedCharacters;
      const th = textHash(item.text);
      const target = spec.target;
      // Remember under the key asked for and, when the source was auto-detected, under the
      // detected source too, so the next request with a known `lang` hits the same row.
      const keys = [item.key];
      if (spec.source === null) keys.push(cacheKey(r.detectedSourceLang, target, spec.glossaryId, item.text));
      for (const key of keys) {
        lru.set(key, { text: r.text, detected: r.detectedSourceLang });
        rows.push({
          key,
          textHash: th,
          sourceLang: key === item.key ? (spec.source ?? 'auto') : r.detectedSourceLang,
          targetLang: target,
          glossaryId: spec.glossaryId ?? '',
          translated: r.text,
          detectedLang: r.detectedSourceLang,
          billedChars: key === item.key ? r.billedCharacters : 0,
        });
      }
      detectedLru.set(th, r.detectedSourceLang);
    });
    await store.putCached(rows);
    return results;
  }

  const failed = (id: string, c: Classified): TranslationItemResult => ({
    id,
    state: 'failed',
    code: c.code,
    message: c.message,
    retryable: c.retryable,
    retryAfterMs: c.retryAfterMs,
  });

  async function budgetFor(memberId: string): Promise<number | null> {
    return (await store.budget(memberId)) ?? deps.monthlyBudgetChars ?? null;
  }

  async function glossaryFor(owner: string, partner: string | undefined, groupId: string | undefined, source: string, target: string): Promise<string | null> {
    const t = baseLanguage(target);
    if (partner) {
      const g = await store.findGlossary(owner, { kind: 'contact', memberId: partner }, source, t);
      if (g?.deeplId) return g.deeplId;
    }
    if (groupId) {
      const g = await store.findGlossary(owner, { kind: 'group', groupId }, source, t);
      if (g?.deeplId) return g.deeplId;
    }
    return null;
  }

  interface Work {
    id: string;
    text: string;
    source: string | null;
    glossaryId: string | null;
    key: string;
  }

  async function translateItems(
    caller: string,
    items: { id: string; text: string; sourceLang?: string | undefined }[],
    targetLang: string,
    partner: string | undefined,
    groupId: string | undefined,
  ): Promise<TranslationItemResult[]> {
    const target = deeplTargetCode(targetLang);
    const targetBase = baseLanguage(target);
    const results = new Map<string, TranslationItemResult>();
    const order = items.map((i) => i.id);

    // 1–2: empty and same-language texts never leave the server.
    const unknown: { id: string; text: string; hash: string }[] = [];
    const known: { id: string; text: string; source: string }[] = [];
    for (const item of items) {
      if (item.text.trim() === '') {
        stats.skippedEmpty += 1;
        results.set(item.id, { id: item.id, state: 'original', reason: 'empty', detectedSourceLang: null });
        continue;
      }
      const declared = item.sourceLang ? baseLanguage(item.sourceLang) : (detectLanguage(item.text) ?? detectedLru.get(textHash(item.text)) ?? null);
      if (declared) known.push({ id: item.id, text: item.text, source: declared });
      else unknown.push({ id: item.id, text: item.text, hash: textHash(item.text) });
    }
    if (unknown.length > 0) {
      const found = await store.detectedLanguages(unknown.map((u) => u.hash));
      for (const u of unknown) {
        const lang = found.get(u.hash);
        if (lang) {
          detectedLru.set(u.hash, lang);
          known.push({ id: u.id, text: u.text, source: lang });
        }
      }
    }
    const knownIds = new Set(known.map((k) => k.id));
    const work: Work[] = [];
    for (const k of known) {
      if (k.source === targetBase) {
        stats.skippedSameLanguage += 1;
        results.set(k.id, { id: k.id, state: 'original', reason: 'same_language', detectedSourceLang: k.source });
        continue;
      }
      const glossaryId = await glossaryFor(caller, partner, groupId, k.source, target);
      work.push({ id: k.id, text: k.text, source: k.source, glossaryId, key: cacheKey(k.source, target, glossaryId, k.text) });
    }
    for (const u of unknown)
      if (!knownIds.has(u.id)) work.push({ id: u.id, text: u.text, source: null, glossaryId: null, key: cacheKey(null, target, null, u.text) });

    const asResult = (w: Work, hit: { text: string; detected: string }, cached: boolean): TranslationItemResult => {
      if (hit.detected === targetBase) {
        stats.skippedSameLanguage += 1;
        return { id: w.id, state: 'original', reason: 'same_language', detectedSourceLang: hit.detected };
      }
      return { id: w.id, state: 'translated', text: hit.text, detectedSourceLang: hit.detected, cached, glossary: w.glossaryId !== null };
    };

    // 3: memory, then the shared table.
    const misses: Work[] = [];
    for (const w of work) {
      const hit = lru.get(w.key);
      if (hit) {
        stats.memoryHits += 1;
        results.set(w.id, asResult(w, hit, true));
      } else misses.push(w);
    }
    if (misses.length > 0) {
      const rows = await store.getCached([...new Set(misses.map((m) => m.key))]);
      const stillMissing: Work[] = [];
      for (const w of misses) {
        const row = rows.get(w.key);
        if (row) {
          stats.storeHits += 1;
          lru.set(w.key, { text: row.translated, detected: row.detectedLang });
          results.set(w.id, asResult(w, { text: row.translated, detected: row.detectedLang }, true));
        } else stillMissing.push(w);
      }

      // 4–5: budget, then DeepL. Everything from here to `enqueue` is synchronous per item, so
      // a batch that finished while we awaited the store is seen in the LRU, not sent again.
      if (stillMissing.length > 0) {
        const m = month();
        const budget = engine ? await budgetFor(caller) : null;
        const used = budget !== null ? await store.usage(caller, m) : 0;
        const waits: Promise<void>[] = [];
        let reserved = 0;
        for (const w of stillMissing) {
          if (!engine) {
            results.set(w.id, failed(w.id, NO_KEY));
            continue;
          }
          const hit = lru.get(w.key);
          if (hit) {
            stats.memoryHits += 1;
            results.set(w.id, asResult(w, hit, true));
            continue;
          }
          const joining = batcher.has(w.key);
          const cost = joining ? 0 : chars(w.text);
          const pendingChars = pending.get(caller) ?? 0;
          if (budget !== null && used + pendingChars + cost > budget) {
            stats.budgetRefusals += 1;
            results.set(w.id, {
              id: w.id,
              state: 'failed',
              code: 'quota_exceeded',
              message: 'Your monthly translation allowance is used up; messages are shown in the original.',
              retryable: false,
              retryAfterMs: null,
            });
            continue;
          }
          if (joining) stats.inFlightJoins += 1;
          pending.set(caller, pendingChars + cost);
          reserved += cost;
          const spec: BatchSpec = { source: w.source, target, glossaryId: w.glossaryId };
          waits.push(
            batcher.enqueue(spec, w.key, w.text).then(
              async (r) => {
                if (cost > 0) await store.addUsage(caller, m, r.billedCharacters);
                results.set(w.id, asResult(w, { text: r.text, detected: r.detectedSourceLang }, false));
              },
              (err: unknown) => {
                const c = err instanceof TranslationFailure ? err.classified : NO_KEY;
                results.set(w.id, failed(w.id, err instanceof TranslationFailure ? c : { ...c, message: 'Translation failed.', kind: 'unknown' }));
              },
            ),
          );
        }
        try {
          await Promise.all(waits);
        } finally {
          pending.set(caller, Math.max(0, (pending.get(caller) ?? 0) - reserved));
        }
      }
    }
    return order.map(
      (id) => results.get(id) ?? failed(id, { ...NO_KEY, message: 'Translation failed.', kind: 'unknown' }),
    );
  }

  async function loadLanguages(): Promise<EngineLanguages> {
    if (!engine) throw new AppError('translation_unavailable', NO_KEY.message);
    const ttl = deps.languagesTtlMs ?? 3_600_000;
    if (languagesCache && now().getTime() - languagesCache.at < ttl) return languagesCache.value;
    try {
      const value = await withRetry(() => engine.languages(), policy, { sleep, random });
      languagesCache = { at: now().getTime(), value };
      return value;
    } catch (err) {
      const c = err instanceof TranslationFailure ? err.classified : NO_KEY;
      throw new AppError(c.code, c.message);
    }
  }

  const glossaryLanguages = (l: EngineLanguages): Set<string> => new Set(l.glossaryPairs.flatMap((p) => [p.source, p.target]));

  const toGlossary = (g: GlossaryRow): Glossary => ({
    id: g.id,
    scope: g.scope,
    sourceLang: g.sourceLang,
    targetLang: g.targetLang,
    name: g.name,
    entries: g.entries,
    updatedAt: g.updatedAt,
  });

  return {
    available: engine !== null,

    async translateTexts(caller, request) {
      const items = await translateItems(caller, request.items, request.targetLang, request.partner, request.groupId);
      return { items, provider: 'deepl' };
    },

    async preview(caller, request) {
      const [translation] = await translateItems(
        caller,
        [{ id: 'preview', text: request.text, sourceLang: request.sourceLang }],
        request.targetLang,
        request.partner,
        request.groupId,
      );
      if (!translation) throw new AppError('internal', 'Preview failed.');
      let backTranslation: TranslationItemResult | null = null;
      if (translation.state === 'translated') {
        const writer = request.sourceLang ?? translation.detectedSourceLang;
        [backTranslation = null] = await translateItems(
          caller,
          [{ id: 'back', text: translation.text, sourceLang: baseLanguage(deeplTargetCode(request.targetLang)) }],
          writer,
          undefined,
          undefined,
        );
      }
      return { translation, backTranslation, provider: 'deepl' };
    },

    async languages() {
      if (!engine) return { available: false, languages: [], glossaryPairs: [] };
      const l = await loadLanguages();
      const glossary = glossaryLanguages(l);
      const sourceBases = new Set(l.source.map((s) => baseLanguage(s.code)));
      const targetBases = new Set(l.target.map((t) => baseLanguage(t.code)));
      const out = new Map<string, TranslationLanguage>();
      for (const s of l.source)
        out.set(s.code, {
          code: s.code,
          name: s.name,
          source: true,
          target: targetBases.has(baseLanguage(s.code)),
          formality: l.target.some((t) => baseLanguage(t.code) === baseLanguage(s.code) && t.supportsFormality),
          glossary: glossary.has(baseLanguage(s.code)),
        });
      for (const t of l.target)
        if (!out.has(t.code))
          out.set(t.code, {
            code: t.code,
            name: t.name,
            source: sourceBases.has(baseLanguage(t.code)),
            target: true,
            formality: t.supportsFormality,
            glossary: glossary.has(baseLanguage(t.code)),
          });
      return { available: true, languages: [...out.values()], glossaryPairs: l.glossaryPairs };
    },

    async listGlossaries(owner, scope) {
      return (await store.listGlossaries(owner, scope)).map(toGlossary);
    },

    async putGlossary(owner, request) {
      if (!engine) throw new AppError('translation_unavailable', NO_KEY.message);
      const source = baseLanguage(request.sourceLang);
      const target = baseLanguage(request.targetLang);
      const l = await loadLanguages();
      if (!l.glossaryPairs.some((p) => p.source === source && p.target === target)) {
        const name = (code: string): string => l.source.find((s) => baseLanguage(s.code) === code)?.name ?? l.target.find((t) => baseLanguage(t.code) === code)?.name ?? code;
        const missing = [source, target].filter((c) => !glossaryLanguages(l).has(c)).map(name);
        throw new AppError(
          'unsupported',
          missing.length > 0
            ? `DeepL has no glossaries for ${missing.join(' and ')}; messages are still translated, without a glossary.`
            : `DeepL has no glossaries from ${name(source)} into ${name(target)}; messages are still translated, without a glossary.`,
        );
      }
      const existing = await store.findGlossary(owner, request.scope, source, target);
      const label = request.name ?? existing?.name ?? `${owner} → ${request.scope.kind === 'contact' ? request.scope.memberId : request.scope.groupId} (${source}→${target})`;
      let deeplId: string;
      try {
        deeplId = await withRetry(
          () => engine.createGlossary(`tradewind:${owner}:${label}`.slice(0, 200), source, target, request.entries.map((e) => [e.source, e.target])),
          policy,
          { sleep, random },
        );
      } catch (err) {
        const c = err instanceof TranslationFailure ? err.classified : NO_KEY;
        throw new AppError(c.code, c.message);
      }
      // DeepL glossaries are immutable: a changed glossary is a new one (and a new cache key).
      await store.upsertGlossary({
        id: existing?.id ?? randomUUID(),
        ownerId: owner,
        scope: request.scope,
        sourceLang: source,
        targetLang: target,
        name: label,
        entries: request.entries,
        deeplId,
        updatedAt: now().toISOString(),
      });
      if (existing?.deeplId) await engine.deleteGlossary(existing.deeplId).catch((e: unknown) => log('translation.glossary_delete_failed', { error: String(e) }));
      const saved = await store.findGlossary(owner, request.scope, source, target);
      if (!saved) throw new AppError('internal', 'The glossary was not saved.');
      return toGlossary(saved);
    },

    async deleteGlossary(owner, id) {
      const removed = await store.deleteGlossary(owner, id);
      if (!removed) throw new AppError('not_found', 'No such glossary.');
      if (removed.deeplId && engine)
        await engine.deleteGlossary(removed.deeplId).catch((e: unknown) => log('translation.glossary_delete_failed', { error: String(e) }));
    },

    async usage(m = month()) {
      let deepl: UsageReport['deepl'] = null;
      if (engine) {
        try {
          deepl = await engine.usage();
        } catch (err) {
          log('translation.usage_failed', { error: String(err) });
        }
      }
      const budgets = new Map((await store.budgets()).map((b) => [b.memberId, b.monthlyChars]));
      const members = (await store.usageReport(m)).map((u) => ({ ...u, budget: budgets.get(u.memberId) ?? deps.monthlyBudgetChars ?? null }));
      for (const [memberId, budget] of budgets) if (!members.some((x) => x.memberId === memberId)) members.push({ memberId, characters: 0, budget });
      return { month: m, deepl, defaultBudget: deps.monthlyBudgetChars ?? null, members };
    },

    setBudget: (memberId, monthlyChars) => store.setBudget(memberId, monthlyChars),
    stats: () => ({ ...stats }),
    flush: () => batcher.flush(),
    close: () => batcher.flush(),
  };
}
