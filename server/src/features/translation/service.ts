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
import { LRUCache } from 'lru-cache';
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/result';
import { baseLanguage, deeplTargetCode, detectLanguage } from '../../../../shared/domain/language';
import type { z } from 'zod';
import type {
  Glossary,
  GlossaryEntry,
  GlossaryPutRequest,
  GlossaryScope,
  TranslateLanguagesResponse,
  TranslatePreviewRequest,
  TranslatePreviewResponse,
  TranslateTextsRequest,
  TranslateTextsResponse,
  TranslationItemResult,
  TranslationLanguage,
} from '../../../../shared/protocol';
import { Batcher, DEEPL_LIMITS, type BatchSpec } from './batcher';
import type { EngineLanguages, EngineTextResult, TranslationEngine } from './engine';
import { DEFAULT_BACKOFF, TranslationFailure, withRetry, type BackoffPolicy, type Classified } from './retry';
import { DEMO_GLOSSARY, textHash, type CacheRow, type GlossaryRow, type TranslationStore } from './store';

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
  /** Items answered `unsupported` (a language DeepL does not offer), never sent. */
  unsupported: number;
  /** Requests whose glossary DeepL no longer had (answered again without it). */
  staleGlossaries: number;
  /** Requests naming a glossary that DeepL refused with another 4xx (answered again without it). */
  glossaryRefusals: number;
  glossariesReuploaded: number;
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
  /** The languages the demo history's stored translations are in (targets only; issue 12). */
  demoLanguages(): Promise<TranslationLanguage[]>;
  listGlossaries(owner: string, scope?: GlossaryScope): Promise<Glossary[]>;
  putGlossary(owner: string, request: PutRequest): Promise<Glossary>;
  deleteGlossary(owner: string, id: string): Promise<void>;
  usage(month?: string): Promise<UsageReport>;
  setBudget(memberId: string, monthlyChars: number | null): Promise<void>;
  stats(): TranslationStats;
  /** Sends whatever is queued and waits for it and for glossary re-uploads (tests, shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export { DEMO_GLOSSARY };

/** The shared cache key: SHA-256 of (source language, target language, glossary id, text). */
export function cacheKey(
  source: string | null,
  target: string,
  glossaryId: string | null,
  text: string,
): string {
  return sha256(JSON.stringify([source ?? 'auto', target, glossaryId ?? '', text]));
}

const chars = (s: string): number => [...s].length;

/**
 * A glossary's entries the other way round (target term → source term), for the reverse DeepL
 * glossary. Two source terms with the same translation cannot both be reversed: the first wins.
 */
export function reversedEntries(entries: readonly GlossaryEntry[]): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const e of entries) {
    if (seen.has(e.target)) continue;
    seen.add(e.target);
    out.push([e.target, e.source]);
  }
  return out;
}

/** English name of a language code, for messages in logs and `failed` items. */
function englishName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

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
  const lru = new LRUCache<string, { text: string; detected: string }>({ max: deps.lruSize ?? 10_000 });
  /** text hash → language DeepL detected (or the message declared). */
  const detectedLru = new LRUCache<string, string>({ max: deps.lruSize ?? 10_000 });
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
    unsupported: 0,
    staleGlossaries: 0,
    glossaryRefusals: 0,
    glossariesReuploaded: 0,
  };
  let languagesCache: { at: number; value: EngineLanguages } | null = null;

  const month = (): string => now().toISOString().slice(0, 7);

  const batcher = new Batcher({
    windowMs: deps.batchWindowMs ?? 25,
    maxTexts: Math.min(deps.maxTextsPerRequest ?? DEEPL_LIMITS.texts, DEEPL_LIMITS.texts),
    maxBytes: Math.min(deps.maxBytesPerRequest ?? DEEPL_LIMITS.bytes, DEEPL_LIMITS.bytes),
    send: sendBatch,
  });

  const attempt = (
    texts: string[],
    spec: BatchSpec,
    glossaryId: string | null,
  ): Promise<EngineTextResult[]> => {
    if (!engine) throw new TranslationFailure(NO_KEY, null);
    return withRetry(
      () => {
        stats.deeplRequests += 1;
        return engine.translate(texts, spec.source, spec.target, glossaryId);
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
  };

  /**
   * What to do when a request naming a glossary failed: `repair` when DeepL no longer has the
   * glossary (400 "Glossary not found", or 404); `drop` for any other 4xx, which the glossary
   * may have caused (a pair it lacks, an id DeepL refuses) — answered once more without it,
   * the glossary left as it is; null when the failure has nothing to do with the glossary.
   */
  const glossaryFallback = (err: unknown, glossaryId: string | null): 'repair' | 'drop' | null => {
    if (glossaryId === null || !(err instanceof TranslationFailure)) return null;
    const kind = err.classified.kind;
    if (kind === 'glossary_missing' || kind === 'not_found') return 'repair';
    if (kind === 'bad_request') return 'drop';
    return null;
  };

  async function sendBatch(
    spec: BatchSpec,
    items: { key: string; text: string }[],
  ): Promise<EngineTextResult[]> {
    if (!engine) throw new TranslationFailure(NO_KEY, null);
    const texts = items.map((i) => i.text);
    let results: EngineTextResult[];
    // The glossary actually used; null after falling back to none.
    let glossaryId = spec.glossaryId;
    try {
      try {
        results = await attempt(texts, spec, glossaryId);
      } catch (err) {
        const fallback = glossaryFallback(err, glossaryId);
        if (fallback === null || glossaryId === null) throw err;
        if (fallback === 'repair') {
          // Deleted at DeepL behind our back (or by another installation sharing the key): without
          // this, every text for that contact would fail for good. Translate now without the
          // glossary, and upload it again for the texts that follow.
          stats.staleGlossaries += 1;
          log('translation.glossary_missing', { glossaryId, texts: texts.length });
          repairGlossary(glossaryId);
        } else {
          stats.glossaryRefusals += 1;
          log('translation.glossary_refused', { glossaryId, texts: texts.length, error: String(err) });
        }
        // Once, without the glossary; its answer is cached under the no-glossary key only, and a
        // failure is cached nowhere.
        glossaryId = null;
        results = (await attempt(texts, spec, null)).map((r) => ({ ...r, glossaryDropped: true as const }));
      }
    } catch (err) {
      stats.deeplFailures += 1;
      if (err instanceof TranslationFailure) {
        log('translation.failed', {
          kind: err.classified.kind,
          texts: texts.length,
          error: String(err.cause),
        });
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
      // detected source too, so the next request with a known `lang` hits the same row. A text
      // translated without its (missing) glossary is remembered under the no-glossary key only.
      const asked =
        glossaryId === spec.glossaryId ? item.key : cacheKey(spec.source, target, null, item.text);
      const keys = [asked];
      if (spec.source === null) keys.push(cacheKey(r.detectedSourceLang, target, glossaryId, item.text));
      for (const key of keys) {
        lru.set(key, { text: r.text, detected: r.detectedSourceLang });
        rows.push({
          key,
          textHash: th,
          sourceLang: key === asked ? (spec.source ?? 'auto') : r.detectedSourceLang,
          targetLang: target,
          glossaryId: glossaryId ?? '',
          translated: r.text,
          detectedLang: r.detectedSourceLang,
          billedChars: key === asked ? r.billedCharacters : 0,
        });
      }
      detectedLru.set(th, r.detectedSourceLang);
    });
    await store.putCached(rows);
    return results;
  }

  /** Re-uploads in progress, by the stale DeepL glossary id; `flush` waits for them. */
  const repairs = new Map<string, Promise<void>>();

  /**
   * Marks the glossary row that used `stale` as missing (lookups stop using it at once) and
   * uploads its entries again under a new DeepL id — unless the owner replaced the glossary
   * meanwhile, in which case the fresh upload is dropped.
   */
  function repairGlossary(stale: string): void {
    if (repairs.has(stale) || !engine) return;
    const run = (async () => {
      const g = await store.findGlossaryByDeeplId(stale);
      if (!g) return;
      const reverse = g.reverseDeeplId === stale && g.deeplId !== stale;
      const withId = (row: GlossaryRow, id: string | null): GlossaryRow =>
        reverse ? { ...row, reverseDeeplId: id } : { ...row, deeplId: id };
      // Unchanged by its owner since we read it (another save makes a new upload of its own).
      const unchanged = async (): Promise<GlossaryRow | null> => {
        const current = await store.findGlossary(g.ownerId, g.scope, g.sourceLang, g.targetLang);
        return current && current.id === g.id && current.updatedAt === g.updatedAt ? current : null;
      };
      // Marked first, so lookups (here and on other nodes) stop naming the missing glossary and
      // another node seeing the same 404 finds nothing left to repair.
      await store.upsertGlossary(withId(g, null));
      let fresh: string;
      try {
        fresh = await withRetry(
          () =>
            reverse
              ? engine.createGlossary(
                  `${g.name} (reverse)`.slice(0, 200),
                  g.targetLang,
                  g.sourceLang,
                  reversedEntries(g.entries),
                )
              : engine.createGlossary(
                  g.name.slice(0, 200),
                  g.sourceLang,
                  g.targetLang,
                  g.entries.map((e) => [e.source, e.target]),
                ),
          policy,
          { sleep, random },
        );
      } catch (err) {
        // Put the stale id back: the next request naming it fails over again and retries this.
        const current = await unchanged();
        if (current) await store.upsertGlossary(withId(current, stale));
        throw err;
      }
      const current = await unchanged();
      if (!current) {
        await engine.deleteGlossary(fresh).catch(() => undefined);
        return;
      }
      await store.upsertGlossary(withId(current, fresh));
      stats.glossariesReuploaded += 1;
      log('translation.glossary_reuploaded', { glossary: g.id, reverse });
    })()
      .catch((err: unknown) => log('translation.glossary_reupload_failed', { error: String(err) }))
      .finally(() => repairs.delete(stale));
    repairs.set(stale, run);
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

  /**
   * The DeepL glossary for text from `source` into `target` read by `owner`: a contact glossary
   * for `partner` first, then a group glossary for `groupId`; for each, the glossary made for this
   * direction (what the owner writes), else one made for the opposite direction whose reversed
   * upload serves this one (what the partner writes to the owner).
   */
  async function glossaryFor(
    owner: string,
    partner: string | undefined,
    groupId: string | undefined,
    source: string,
    target: string,
  ): Promise<string | null> {
    const t = baseLanguage(target);
    const scopes: GlossaryScope[] = [];
    if (partner) scopes.push({ kind: 'contact', memberId: partner });
    if (groupId) scopes.push({ kind: 'group', groupId });
    for (const scope of scopes) {
      const forward = await store.findGlossary(owner, scope, source, t);
      if (forward?.deeplId) return forward.deeplId;
      const backward = await store.findGlossary(owner, scope, t, source);
      if (backward?.reverseDeeplId) return backward.reverseDeeplId;
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
      const declared = item.sourceLang
        ? baseLanguage(item.sourceLang)
        : (detectLanguage(item.text) ?? detectedLru.get(textHash(item.text)) ?? null);
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
    // A language DeepL does not offer is answered at once, naming it, instead of failing at
    // DeepL with a bare 400. Without a language list (DeepL unreachable) nothing is refused here.
    const offered = await offeredLanguages();
    const unsupported = (id: string, lang: string, direction: 'from' | 'into'): void => {
      stats.unsupported += 1;
      results.set(id, {
        id,
        state: 'failed',
        code: 'unsupported',
        message: `DeepL does not translate ${direction} ${englishName(lang)}; the message is shown in the original.`,
        retryable: false,
        retryAfterMs: null,
        lang,
      });
    };
    const targetOffered = !offered || offered.target.has(targetBase);
    // Glossaries are looked up once per source language in this request, not once per item.
    const glossaries = new Map<string, Promise<string | null>>();
    const work: Work[] = [];
    for (const k of known) {
      if (k.source === targetBase) {
        stats.skippedSameLanguage += 1;
        results.set(k.id, {
          id: k.id,
          state: 'original',
          reason: 'same_language',
          detectedSourceLang: k.source,
        });
        continue;
      }
      if (!targetOffered) {
        unsupported(k.id, targetLang, 'into');
        continue;
      }
      if (offered && !offered.source.has(k.source)) {
        unsupported(k.id, k.source, 'from');
        continue;
      }
      let lookup = glossaries.get(k.source);
      if (!lookup) {
        lookup = glossaryFor(caller, partner, groupId, k.source, target);
        glossaries.set(k.source, lookup);
      }
      const glossaryId = await lookup;
      work.push({
        id: k.id,
        text: k.text,
        source: k.source,
        glossaryId,
        key: cacheKey(k.source, target, glossaryId, k.text),
      });
    }
    for (const u of unknown) {
      if (knownIds.has(u.id)) continue;
      if (!targetOffered) unsupported(u.id, targetLang, 'into');
      else
        work.push({
          id: u.id,
          text: u.text,
          source: null,
          glossaryId: null,
          key: cacheKey(null, target, null, u.text),
        });
    }

    const asResult = (
      w: Work,
      hit: { text: string; detected: string; glossaryDropped?: boolean },
      cached: boolean,
    ): TranslationItemResult => {
      if (hit.detected === targetBase) {
        stats.skippedSameLanguage += 1;
        return { id: w.id, state: 'original', reason: 'same_language', detectedSourceLang: hit.detected };
      }
      return {
        id: w.id,
        state: 'translated',
        text: hit.text,
        detectedSourceLang: hit.detected,
        cached,
        glossary: w.glossaryId !== null && !hit.glossaryDropped,
      };
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
        // Without a key, a text of the demo data still has the translation stored with it.
        const demoKeyOf = (w: Work): string | null =>
          w.source === null ? null : cacheKey(w.source, target, DEMO_GLOSSARY, w.text);
        const demo = engine
          ? new Map<string, CacheRow>()
          : await store.getCached(stillMissing.flatMap((w) => demoKeyOf(w) ?? []));
        for (const w of stillMissing) {
          if (!engine) {
            const key = demoKeyOf(w);
            const row = key === null ? undefined : demo.get(key);
            const r = row && asResult(w, { text: row.translated, detected: row.detectedLang }, true);
            results.set(
              w.id,
              r?.state === 'translated' ? { ...r, glossary: false, demo: true } : failed(w.id, NO_KEY),
            );
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
                results.set(
                  w.id,
                  asResult(
                    w,
                    {
                      text: r.text,
                      detected: r.detectedSourceLang,
                      ...(r.glossaryDropped ? { glossaryDropped: true } : {}),
                    },
                    false,
                  ),
                );
              },
              (err: unknown) => {
                const c = err instanceof TranslationFailure ? err.classified : NO_KEY;
                results.set(
                  w.id,
                  failed(
                    w.id,
                    err instanceof TranslationFailure
                      ? c
                      : { ...c, message: 'Translation failed.', kind: 'unknown' },
                  ),
                );
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

  /** When loading the list last failed: `offeredLanguages` does not ask DeepL again for 30 s. */
  let languagesFailedAt: number | null = null;

  /** Base codes DeepL translates from and into, or null when the list cannot be had right now. */
  async function offeredLanguages(): Promise<{ source: Set<string>; target: Set<string> } | null> {
    if (!engine) return null;
    const fresh = languagesCache && now().getTime() - languagesCache.at < (deps.languagesTtlMs ?? 3_600_000);
    if (!fresh && languagesFailedAt !== null && now().getTime() - languagesFailedAt < 30_000) return null;
    try {
      const l = await loadLanguages();
      return {
        source: new Set(l.source.map((x) => baseLanguage(x.code))),
        target: new Set(l.target.map((x) => baseLanguage(x.code))),
      };
    } catch {
      languagesFailedAt = now().getTime();
      return null;
    }
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

  const glossaryLanguages = (l: EngineLanguages): Set<string> =>
    new Set(l.glossaryPairs.flatMap((p) => [p.source, p.target]));

  const toGlossary = (g: GlossaryRow): Glossary => ({
    id: g.id,
    scope: g.scope,
    sourceLang: g.sourceLang,
    targetLang: g.targetLang,
    name: g.name,
    entries: g.entries,
    reverse: g.reverseDeeplId !== null,
    updatedAt: g.updatedAt,
  });

  return {
    available: engine !== null,

    async translateTexts(caller, request) {
      const items = await translateItems(
        caller,
        request.items,
        request.targetLang,
        request.partner,
        request.groupId,
      );
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
          [
            {
              id: 'back',
              text: translation.text,
              sourceLang: baseLanguage(deeplTargetCode(request.targetLang)),
            },
          ],
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
          formality: l.target.some(
            (t) => baseLanguage(t.code) === baseLanguage(s.code) && t.supportsFormality,
          ),
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

    async demoLanguages() {
      return (await store.demoTargets()).map((code) => ({
        code,
        name: code,
        source: false,
        target: true,
        formality: false,
        glossary: false,
      }));
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
        const name = (code: string): string =>
          l.source.find((s) => baseLanguage(s.code) === code)?.name ??
          l.target.find((t) => baseLanguage(t.code) === code)?.name ??
          code;
        const missing = [source, target].filter((c) => !glossaryLanguages(l).has(c)).map(name);
        throw new AppError(
          'unsupported',
          missing.length > 0
            ? `DeepL has no glossaries for ${missing.join(' and ')}; messages are still translated, without a glossary.`
            : `DeepL has no glossaries from ${name(source)} into ${name(target)}; messages are still translated, without a glossary.`,
        );
      }
      const existing = await store.findGlossary(owner, request.scope, source, target);
      const label =
        request.name ??
        existing?.name ??
        `${owner} → ${request.scope.kind === 'contact' ? request.scope.memberId : request.scope.groupId} (${source}→${target})`;
      const deeplName = `tradewind:${owner}:${label}`.slice(0, 200);
      let deeplId: string;
      try {
        deeplId = await withRetry(
          () =>
            engine.createGlossary(
              deeplName,
              source,
              target,
              request.entries.map((e) => [e.source, e.target]),
            ),
          policy,
          { sleep, random },
        );
      } catch (err) {
        const c = err instanceof TranslationFailure ? err.classified : NO_KEY;
        throw new AppError(c.code, c.message);
      }
      // The same terms the other way, for what the partner writes back, where DeepL has that pair.
      // Not fatal: without it the glossary still serves the owner's own messages.
      let reverseDeeplId: string | null = null;
      if (l.glossaryPairs.some((p) => p.source === target && p.target === source)) {
        try {
          reverseDeeplId = await withRetry(
            () =>
              engine.createGlossary(
                `${deeplName} (reverse)`.slice(0, 200),
                target,
                source,
                reversedEntries(request.entries),
              ),
            policy,
            {
              sleep,
              random,
            },
          );
        } catch (err) {
          log('translation.glossary_reverse_failed', {
            error: String(err instanceof TranslationFailure ? err.cause : err),
          });
        }
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
        reverseDeeplId,
        updatedAt: now().toISOString(),
      });
      for (const old of [existing?.deeplId, existing?.reverseDeeplId])
        if (old)
          await engine
            .deleteGlossary(old)
            .catch((e: unknown) => log('translation.glossary_delete_failed', { error: String(e) }));
      const saved = await store.findGlossary(owner, request.scope, source, target);
      if (!saved) throw new AppError('internal', 'The glossary was not saved.');
      return toGlossary(saved);
    },

    async deleteGlossary(owner, id) {
      const removed = await store.deleteGlossary(owner, id);
      if (!removed) throw new AppError('not_found', 'No such glossary.');
      for (const id of [removed.deeplId, removed.reverseDeeplId])
        if (id && engine)
          await engine
            .deleteGlossary(id)
            .catch((e: unknown) => log('translation.glossary_delete_failed', { error: String(e) }));
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
      const members = (await store.usageReport(m)).map((u) => ({
        ...u,
        budget: budgets.get(u.memberId) ?? deps.monthlyBudgetChars ?? null,
      }));
      for (const [memberId, budget] of budgets)
        if (!members.some((x) => x.memberId === memberId)) members.push({ memberId, characters: 0, budget });
      return { month: m, deepl, defaultBudget: deps.monthlyBudgetChars ?? null, members };
    },

    setBudget: (memberId, monthlyChars) => store.setBudget(memberId, monthlyChars),
    stats: () => ({ ...stats }),
    flush: async () => {
      await batcher.flush();
      await Promise.allSettled([...repairs.values()]);
    },
    close: async () => {
      await batcher.flush();
      await Promise.allSettled([...repairs.values()]);
    },
  };
}
