/**
 * Persistence for translation: the shared cache, usage per member and month, budgets and
 * glossaries. `createSqlTranslationStore` runs on the server's store (PGlite or PostgreSQL)
 * against server/migrations/100_translation.sql.
 * `createMemoryTranslationStore` is the same contract in memory, for unit tests.
 */
import { createHash } from 'node:crypto';
import type { GlossaryEntry, GlossaryScope } from '../../../../shared/protocol';
import type { Queryable } from '../../platform/db';

/**
 * The cache's glossary id of translations stored with the demo data (demo.ts): no DeepL glossary
 * has it, so only a server without a key, which asks for it, ever answers from them.
 */
export const DEMO_GLOSSARY = 'demo';

/** SHA-256 (hex) of a text alone: the cache's `text_hash`, which finds a text's rows whatever the languages. */
export const textHash = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface CacheRow {
  key: string;
  textHash: string;
  sourceLang: string;
  targetLang: string;
  glossaryId: string;
  translated: string;
  detectedLang: string;
  billedChars: number;
}

export interface GlossaryRow {
  id: string;
  ownerId: string;
  scope: GlossaryScope;
  sourceLang: string;
  targetLang: string;
  name: string;
  entries: GlossaryEntry[];
  /** The DeepL glossary for sourceLang → targetLang; null while missing (being re-uploaded). */
  deeplId: string | null;
  /** The same entries reversed, targetLang → sourceLang, for incoming text; null if DeepL has no such pair. */
  reverseDeeplId: string | null;
  updatedAt: string;
}

export interface TranslationStore {
  getCached(keys: string[]): Promise<Map<string, CacheRow>>;
  putCached(rows: CacheRow[]): Promise<void>;
  /** text hash → language DeepL detected for it earlier. */
  detectedLanguages(textHashes: string[]): Promise<Map<string, string>>;
  /** The target languages (DeepL codes) of the translations stored with the demo data. */
  demoTargets(): Promise<string[]>;
  usage(memberId: string, month: string): Promise<number>;
  addUsage(memberId: string, month: string, characters: number): Promise<void>;
  usageReport(month: string): Promise<{ memberId: string; characters: number }[]>;
  budget(memberId: string): Promise<number | null>;
  setBudget(memberId: string, monthlyChars: number | null): Promise<void>;
  budgets(): Promise<{ memberId: string; monthlyChars: number }[]>;
  listGlossaries(ownerId: string, scope?: GlossaryScope): Promise<GlossaryRow[]>;
  findGlossary(
    ownerId: string,
    scope: GlossaryScope,
    sourceLang: string,
    targetLang: string,
  ): Promise<GlossaryRow | null>;
  /** The glossary whose forward or reverse DeepL id is `deeplId`, whoever owns it. */
  findGlossaryByDeeplId(deeplId: string): Promise<GlossaryRow | null>;
  upsertGlossary(row: GlossaryRow): Promise<void>;
  deleteGlossary(ownerId: string, id: string): Promise<GlossaryRow | null>;
}

const scopeId = (s: GlossaryScope): string => (s.kind === 'contact' ? s.memberId : s.groupId);

interface GlossaryDbRow {
  id: string;
  owner_id: string;
  scope_kind: 'contact' | 'group';
  scope_id: string;
  source_lang: string;
  target_lang: string;
  name: string;
  entries: string;
  deepl_id: string | null;
  reverse_deepl_id: string | null;
  updated_at: string | Date;
}

function glossaryFromDb(r: GlossaryDbRow): GlossaryRow {
  return {
    id: r.id,
    ownerId: r.owner_id,
    scope:
      r.scope_kind === 'contact'
        ? { kind: 'contact', memberId: r.scope_id }
        : { kind: 'group', groupId: r.scope_id },
    sourceLang: r.source_lang,
    targetLang: r.target_lang,
    name: r.name,
    entries: JSON.parse(r.entries) as GlossaryEntry[],
    deeplId: r.deepl_id,
    reverseDeeplId: r.reverse_deepl_id ?? null,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function createSqlTranslationStore(db: Queryable): TranslationStore {
  return {
    async demoTargets() {
      const rows = await db.query<{ target_lang: string }>(
        `SELECT DISTINCT target_lang FROM translation_cache WHERE glossary_id = $1`,
        [DEMO_GLOSSARY],
      );
      return rows.map((r) => r.target_lang).sort();
    },
    async getCached(keys) {
      if (keys.length === 0) return new Map();
      const rows = await db.query<{
        cache_key: string;
        text_hash: string;
        source_lang: string;
        target_lang: string;
        glossary_id: string;
        translated: string;
        detected_lang: string;
        billed_chars: number;
      }>(
        `SELECT cache_key, text_hash, source_lang, target_lang, glossary_id, translated, detected_lang, billed_chars
           FROM translation_cache WHERE cache_key = ANY($1::text[])`,
        [keys],
      );
      return new Map(
        rows.map((r) => [
          r.cache_key,
          {
            key: r.cache_key,
            textHash: r.text_hash,
            sourceLang: r.source_lang,
            targetLang: r.target_lang,
            glossaryId: r.glossary_id,
            translated: r.translated,
            detectedLang: r.detected_lang,
            billedChars: Number(r.billed_chars),
          },
        ]),
      );
    },
    async putCached(rows) {
      for (const r of rows)
        await db.query(
          `INSERT INTO translation_cache (cache_key, text_hash, source_lang, target_lang, glossary_id, translated, detected_lang, billed_chars)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (cache_key) DO NOTHING`,
          [
            r.key,
            r.textHash,
            r.sourceLang,
            r.targetLang,
            r.glossaryId,
            r.translated,
            r.detectedLang,
            r.billedChars,
          ],
        );
    },
    async detectedLanguages(textHashes) {
      if (textHashes.length === 0) return new Map();
      const rows = await db.query<{ text_hash: string; detected_lang: string }>(
        `SELECT DISTINCT ON (text_hash) text_hash, detected_lang FROM translation_cache
          WHERE text_hash = ANY($1::text[]) ORDER BY text_hash, created_at`,
        [textHashes],
      );
      return new Map(rows.map((r) => [r.text_hash, r.detected_lang]));
    },
    async usage(memberId, month) {
      const rows = await db.query<{ c: number }>(
        'SELECT characters::float8 AS c FROM translation_usage WHERE member_id = $1 AND month = $2',
        [memberId, month],
      );
      return Number(rows[0]?.c ?? 0);
    },
    async addUsage(memberId, month, characters) {
      await db.query(
        `INSERT INTO translation_usage (member_id, month, characters) VALUES ($1, $2, $3)
         ON CONFLICT (member_id, month) DO UPDATE SET characters = translation_usage.characters + EXCLUDED.characters`,
        [memberId, month, characters],
      );
    },
    async usageReport(month) {
      const rows = await db.query<{ member_id: string; c: number }>(
        'SELECT member_id, characters::float8 AS c FROM translation_usage WHERE month = $1 ORDER BY characters DESC, member_id',
        [month],
      );
      return rows.map((r) => ({ memberId: r.member_id, characters: Number(r.c) }));
    },
    async budget(memberId) {
      const rows = await db.query<{ b: number }>(
        'SELECT monthly_chars::float8 AS b FROM translation_budget WHERE member_id = $1',
        [memberId],
      );
      return rows[0] ? Number(rows[0].b) : null;
    },
    async setBudget(memberId, monthlyChars) {
      if (monthlyChars === null)
        await db.query('DELETE FROM translation_budget WHERE member_id = $1', [memberId]);
      else
        await db.query(
          `INSERT INTO translation_budget (member_id, monthly_chars) VALUES ($1, $2)
           ON CONFLICT (member_id) DO UPDATE SET monthly_chars = EXCLUDED.monthly_chars`,
          [memberId, monthlyChars],
        );
    },
    async budgets() {
      const rows = await db.query<{ member_id: string; b: number }>(
        'SELECT member_id, monthly_chars::float8 AS b FROM translation_budget ORDER BY member_id',
      );
      return rows.map((r) => ({ memberId: r.member_id, monthlyChars: Number(r.b) }));
    },
    async listGlossaries(ownerId, scope) {
      const rows = scope
        ? await db.query<GlossaryDbRow>(
            'SELECT * FROM translation_glossary WHERE owner_id = $1 AND scope_kind = $2 AND scope_id = $3 ORDER BY updated_at',
            [ownerId, scope.kind, scopeId(scope)],
          )
        : await db.query<GlossaryDbRow>(
            'SELECT * FROM translation_glossary WHERE owner_id = $1 ORDER BY updated_at',
            [ownerId],
          );
      return rows.map(glossaryFromDb);
    },
    async findGlossary(ownerId, scope, sourceLang, targetLang) {
      const rows = await db.query<GlossaryDbRow>(
        `SELECT * FROM translation_glossary WHERE owner_id = $1 AND scope_kind = $2 AND scope_id = $3
            AND source_lang = $4 AND target_lang = $5`,
        [ownerId, scope.kind, scopeId(scope), sourceLang, targetLang],
      );
      return rows[0] ? glossaryFromDb(rows[0]) : null;
    },
    async findGlossaryByDeeplId(deeplId) {
      const rows = await db.query<GlossaryDbRow>(
        'SELECT * FROM translation_glossary WHERE deepl_id = $1 OR reverse_deepl_id = $1 LIMIT 1',
        [deeplId],
      );
      return rows[0] ? glossaryFromDb(rows[0]) : null;
    },
    async upsertGlossary(g) {
      await db.query(
        `INSERT INTO translation_glossary (id, owner_id, scope_kind, scope_id, source_lang, target_lang, name, entries, deepl_id, reverse_deepl_id, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (owner_id, scope_kind, scope_id, source_lang, target_lang)
         DO UPDATE SET name = EXCLUDED.name, entries = EXCLUDED.entries, deepl_id = EXCLUDED.deepl_id,
                       reverse_deepl_id = EXCLUDED.reverse_deepl_id, updated_at = EXCLUDED.updated_at`,
        [
          g.id,
          g.ownerId,
          g.scope.kind,
          scopeId(g.scope),
          g.sourceLang,
          g.targetLang,
          g.name,
          JSON.stringify(g.entries),
          g.deeplId,
          g.reverseDeeplId,
          g.updatedAt,
        ],
      );
    },
    async deleteGlossary(ownerId, id) {
      const rows = await db.query<GlossaryDbRow>(
        'DELETE FROM translation_glossary WHERE owner_id = $1 AND id = $2 RETURNING *',
        [ownerId, id],
      );
      return rows[0] ? glossaryFromDb(rows[0]) : null;
    },
  };
}

/** The same contract in memory (unit tests, and a server without a database). */
export function createMemoryTranslationStore(): TranslationStore & { cacheSize: () => number } {
  const cache = new Map<string, CacheRow>();
  const usage = new Map<string, number>();
  const budgets = new Map<string, number>();
  const glossaries = new Map<string, GlossaryRow>();
  const same = (a: GlossaryScope, b: GlossaryScope): boolean =>
    a.kind === b.kind && scopeId(a) === scopeId(b);
  return {
    cacheSize: () => cache.size,
    demoTargets: () =>
      Promise.resolve(
        [
          ...new Set(
            [...cache.values()].filter((r) => r.glossaryId === DEMO_GLOSSARY).map((r) => r.targetLang),
          ),
        ].sort(),
      ),
    getCached: (keys) =>
      Promise.resolve(
        new Map(keys.flatMap((k) => (cache.has(k) ? [[k, cache.get(k) as CacheRow] as const] : []))),
      ),
    putCached(rows) {
      for (const r of rows) if (!cache.has(r.key)) cache.set(r.key, r);
      return Promise.resolve();
    },
    detectedLanguages(hashes) {
      const want = new Set(hashes);
      const out = new Map<string, string>();
      for (const r of cache.values())
        if (want.has(r.textHash) && !out.has(r.textHash)) out.set(r.textHash, r.detectedLang);
      return Promise.resolve(out);
    },
    usage: (m, month) => Promise.resolve(usage.get(`${m}\n${month}`) ?? 0),
    addUsage(m, month, c) {
      usage.set(`${m}\n${month}`, (usage.get(`${m}\n${month}`) ?? 0) + c);
      return Promise.resolve();
    },
    usageReport: (month) =>
      Promise.resolve(
        [...usage.entries()]
          .map(([k, characters]) => ({ k: k.split('\n'), characters }))
          .filter((e) => e.k[1] === month)
          .map((e) => ({ memberId: e.k[0] ?? '', characters: e.characters }))
          .sort((a, b) => b.characters - a.characters),
      ),
    budget: (m) => Promise.resolve(budgets.get(m) ?? null),
    setBudget(m, c) {
      if (c === null) budgets.delete(m);
      else budgets.set(m, c);
      return Promise.resolve();
    },
    budgets: () =>
      Promise.resolve([...budgets.entries()].map(([memberId, monthlyChars]) => ({ memberId, monthlyChars }))),
    listGlossaries: (owner, scope) =>
      Promise.resolve(
        [...glossaries.values()].filter((g) => g.ownerId === owner && (!scope || same(g.scope, scope))),
      ),
    findGlossary: (owner, scope, s, t) =>
      Promise.resolve(
        [...glossaries.values()].find(
          (g) => g.ownerId === owner && same(g.scope, scope) && g.sourceLang === s && g.targetLang === t,
        ) ?? null,
      ),
    findGlossaryByDeeplId: (deeplId) =>
      Promise.resolve(
        [...glossaries.values()].find((g) => g.deeplId === deeplId || g.reverseDeeplId === deeplId) ?? null,
      ),
    upsertGlossary(g) {
      const existing = [...glossaries.values()].find(
        (x) =>
          x.ownerId === g.ownerId &&
          same(x.scope, g.scope) &&
          x.sourceLang === g.sourceLang &&
          x.targetLang === g.targetLang,
      );
      glossaries.set(existing?.id ?? g.id, { ...g, id: existing?.id ?? g.id });
      return Promise.resolve();
    },
    deleteGlossary(owner, id) {
      const g = glossaries.get(id);
      if (!g || g.ownerId !== owner) return Promise.resolve(null);
      glossaries.delete(id);
      return Promise.resolve(g);
    },
  };
}

/** A translation of one text that the shared cache holds. */
export interface CachedTranslation {
  /** The DeepL target code it was made for, e.g. `en-US`, `zh`. */
  lang: string;
  text: string;
}

const baseLang = (code: string): string => code.toLowerCase().split('-')[0] ?? '';

/**
 * The cached translations of `texts` into the languages `targets` (compared by base code: `en`
 * matches `en-US`), for evidence exports (features/evidence): text → one translation per target
 * code — the one made without a glossary when there is one, else the newest. A text DeepL found
 * to be in the target language already has none.
 */
export async function cachedTranslations(
  db: Queryable,
  texts: readonly string[],
  targets: readonly string[],
): Promise<Map<string, CachedTranslation[]>> {
  const hashOf = new Map<string, string>();
  for (const t of texts) if (t !== '') hashOf.set(textHash(t), t);
  const wanted = new Set(targets.map(baseLang));
  const out = new Map<string, CachedTranslation[]>();
  if (hashOf.size === 0 || wanted.size === 0) return out;
  const rows = await db.query<{
    text_hash: string;
    target_lang: string;
    translated: string;
    detected_lang: string;
  }>(
    `SELECT text_hash, target_lang, translated, detected_lang FROM translation_cache
      WHERE text_hash = ANY($1::text[])
      ORDER BY text_hash, target_lang, (glossary_id = '') DESC, created_at DESC, cache_key`,
    [[...hashOf.keys()]],
  );
  const seen = new Set<string>();
  for (const r of rows) {
    const text = hashOf.get(r.text_hash);
    const target = baseLang(r.target_lang);
    if (text === undefined || !wanted.has(target) || baseLang(r.detected_lang) === target) continue;
    if (seen.has(`${r.text_hash}\n${r.target_lang}`)) continue;
    seen.add(`${r.text_hash}\n${r.target_lang}`);
    out.set(text, [...(out.get(text) ?? []), { lang: r.target_lang, text: r.translated }]);
  }
  return out;
}
