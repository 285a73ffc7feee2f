/**
 * Message search over the local index (issue 10). The hits shown come from a newest-first walk
 * (walk.ts): the words the rarest term prefixes are read with reverse key cursors on the multiEntry
 * `words` index (keys carry the message's time), merged, and each candidate checked against the
 * other terms, the order and the contact on its posting and doc rows, until `limit` + 1 pass; the
 * date range bounds the cursors. The exact count of a larger answer is taken apart
 * (`countMatches`, every posting key of every term intersected per message), as is the whole answer
 * when the walk would examine too many candidates (a term with very many words, or checks that
 * refuse most rows).
 */
import { Dexie } from 'dexie';
import { highlightRanges, type SearchQuery } from '../../../../shared/search/tokenize';
import type { MessageRow, TradewindDb } from '../../db/schema';
import type { SearchDocRow, SearchPostingRow } from '../../db/rows/search';
import type { TranslationRow } from '../../db/rows/translation';
import { docOfPosting, orderWord, TIES } from './indexer';
import { newestDocs, prefixes, rarest, type PostingStream } from './walk';

export interface SearchFilters {
  /** Only this conversation (the contact chip, or Ctrl/Cmd+F inside a conversation). */
  conversationId?: string;
  /** Only messages carrying this order (its chip). */
  orderNo?: string;
  /** Sent at or after this time (ms since epoch). */
  from?: number;
  /** Sent before this time (ms since epoch). */
  to?: number;
}

export interface SearchHit {
  message: MessageRow;
  /** A machine translation cached here that matched, shown beside the original. */
  translation: TranslationRow | null;
}

export interface SearchResult {
  /** Newest first. */
  hits: SearchHit[];
  /** Every matching message, including those beyond `limit`; null while being counted (`countMatches`). */
  total: number | null;
}

/** True when the search has something to look for (words or a filter beyond the conversation). */
export const hasCriteria = (q: SearchQuery, f: SearchFilters): boolean =>
  q.terms.length > 0 || f.orderNo !== undefined;

/** A term of the walk: a prefix of words, or the order's word exactly. */
interface Term {
  text: string;
  exact: boolean;
}

const termsOf = (query: SearchQuery, filters: SearchFilters): Term[] => [
  ...query.terms.map((text) => ({ text, exact: false })),
  ...(filters.orderNo === undefined ? [] : [{ text: orderWord(filters.orderNo), exact: true }]),
];

/** A prefix's range on the words index, as Dexie's `startsWith` has it. */
const rangeOf = (t: Term): IDBKeyRange =>
  t.exact ? IDBKeyRange.only(t.text) : IDBKeyRange.bound(t.text, `${t.text}\uffff`, false, false);

/** Words a term may stand for before the walk gives way to the full intersection. */
const MAX_WORDS = 64;
/** Candidates refused before the walk gives way to the full intersection. */
const MAX_REFUSED = 400;

const request = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });

/** The distinct words of a term's range, at most `max` + 1. */
function wordsOf(index: IDBIndex, t: Term, max: number): Promise<string[]> {
  if (t.exact) return Promise.resolve([t.text]);
  return new Promise((resolve, reject) => {
    const out: string[] = [];
    const r = index.openKeyCursor(rangeOf(t), 'nextunique');
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
    r.onsuccess = () => {
      const c = r.result;
      if (!c || out.length > max) return resolve(out);
      out.push(c.key as string);
      c.continue();
    };
  });
}

/** One word's postings newest first, from `start` down (larger keys skipped). */
async function wordStream(index: IDBIndex, word: string, start: number): Promise<PostingStream> {
  const at: { cursor: IDBCursor | null } = { cursor: null };
  const r = index.openKeyCursor(IDBKeyRange.only(word), 'prev');
  const step = (): Promise<void> =>
    new Promise((resolve, reject) => {
      r.onsuccess = () => {
        at.cursor = r.result;
        resolve();
      };
      r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
    });
  await step();
  const first = at.cursor;
  if (first && (first.primaryKey as number) > start) {
    const next = step();
    first.continuePrimaryKey(word, start);
    await next;
  }
  return {
    get head() {
      return at.cursor ? (at.cursor.primaryKey as number) : null;
    },
    advance() {
      const next = step();
      at.cursor?.continue();
      return next;
    },
  };
}

/** The newest `limit` + 1 matching docs by the walk, or null when the full intersection is better. */
async function walk(
  db: TradewindDb,
  terms: Term[],
  filters: SearchFilters,
  limit: number,
): Promise<{ docs: number[]; total: number | null } | null> {
  if (!db.isOpen()) await db.open();
  const tx = db.backendDB().transaction(['searchPostings', 'searchDocs'], 'readonly');
  const postings = tx.objectStore('searchPostings');
  const docsStore = tx.objectStore('searchDocs');
  const index = postings.index('words');
  const counts =
    terms.length > 1 ? await Promise.all(terms.map((t) => request(index.count(rangeOf(t))))) : [0];
  const driver = terms[rarest(counts)]!;
  const others = terms.filter((t) => t !== driver);
  const words = await wordsOf(index, driver, MAX_WORDS);
  if (words.length > MAX_WORDS) return null;
  const { from, to, conversationId } = filters;
  const start = to === undefined ? Infinity : to * TIES * 2 - 1;
  const streams = await Promise.all(words.map((w) => wordStream(index, w, start)));
  const accept = async (doc: number): Promise<boolean> => {
    if (others.length > 0) {
      const parts = await Promise.all([
        request(postings.get(doc * 2)) as Promise<SearchPostingRow | undefined>,
        request(postings.get(doc * 2 + 1)) as Promise<SearchPostingRow | undefined>,
      ]);
      const all = parts.flatMap((p) => p?.words ?? []);
      if (!others.every((t) => prefixes(all, t.text, t.exact))) return false;
    }
    if (conversationId !== undefined) {
      const d = (await request(docsStore.get(doc))) as SearchDocRow | undefined;
      if (d?.conversationId !== conversationId) return false;
    }
    return true;
  };
  const below = from === undefined ? -Infinity : from * TIES;
  const walked = await newestDocs(streams, accept, limit, below, MAX_REFUSED);
  return walked.gaveUp ? null : walked;
}

/** Every matching doc, newest first, and whether it matched in a machine translation. */
async function matchingDocs(
  db: TradewindDb,
  terms: Term[],
  filters: SearchFilters,
): Promise<{ docs: number[]; translated: (doc: number) => boolean }> {
  const ranges = terms.map((t) =>
    t.exact
      ? db.searchPostings.where('words').equals(t.text)
      : db.searchPostings.where('words').startsWith(t.text),
  );
  const { conversationId, from, to } = filters;
  const [lists, inConversation] = await Promise.all([
    Promise.all(ranges.map((r) => r.primaryKeys())),
    conversationId === undefined
      ? null
      : db.searchDocs
          .where('[conversationId+seq]')
          .between([conversationId, Dexie.minKey], [conversationId, Dexie.maxKey])
          .primaryKeys(),
  ]);
  // Intersect per doc, from the shortest list; remember whether a doc matched in a translation.
  lists.sort((a, b) => a.length - b.length);
  let docs: Map<number, boolean> | null = null;
  for (const postings of lists) {
    const next = new Map<number, boolean>();
    for (const p of postings) {
      const doc = docOfPosting(p);
      if (docs && !docs.has(doc)) continue;
      next.set(doc, (next.get(doc) ?? docs?.get(doc) ?? false) || p % 2 === 1);
    }
    docs = next;
    if (docs.size === 0) break;
  }
  // Doc ids are times (ms × TIES): the date filter and the order need no row.
  const lo = from === undefined ? -Infinity : from * TIES;
  const hi = to === undefined ? Infinity : to * TIES;
  const only = inConversation ? new Set(inConversation) : null;
  const matching: number[] = [];
  for (const doc of docs?.keys() ?? []) {
    if (doc >= lo && doc < hi && (!only || only.has(doc))) matching.push(doc);
  }
  matching.sort((a, b) => b - a);
  const found = docs;
  return { docs: matching, translated: (doc) => found?.get(doc) ?? false };
}

/** How many messages match (the count beside the newest hits; the walk leaves it to this). */
export async function countMatches(
  db: TradewindDb,
  query: SearchQuery,
  filters: SearchFilters = {},
): Promise<number> {
  const terms = termsOf(query, filters);
  if (terms.length === 0) return 0;
  return (await matchingDocs(db, terms, filters)).docs.length;
}

export async function searchMessages(
  db: TradewindDb,
  query: SearchQuery,
  filters: SearchFilters = {},
  limit = 50,
): Promise<SearchResult> {
  const terms = termsOf(query, filters);
  if (terms.length === 0) return { hits: [], total: 0 };
  let chosen: number[];
  let total: number | null;
  let translated: (doc: number) => boolean | Promise<boolean>;
  const walked = await walk(db, terms, filters, limit);
  if (walked) {
    ({ docs: chosen, total } = walked);
    // Matched in a machine translation: some term prefixes a word of the doc's second posting.
    const second = await db.searchPostings.bulkGet(chosen.map((d) => d * 2 + 1));
    const inTranslation = new Set(
      chosen.filter((_, i) => query.terms.some((t) => prefixes(second[i]?.words ?? [], t))),
    );
    translated = (doc) => inTranslation.has(doc);
  } else {
    const all = await matchingDocs(db, terms, filters);
    chosen = all.docs.slice(0, limit);
    total = all.docs.length;
    translated = all.translated;
  }
  const docRows = await db.searchDocs.bulkGet(chosen);
  const present = docRows.filter((d): d is SearchDocRow => d !== undefined);
  const messages = await db.messages.bulkGet(present.map((d) => d.clientId));
  const hits: SearchHit[] = [];
  for (const [i, d] of present.entries()) {
    const message = messages[i];
    if (!message) continue;
    // The translation shown: a cached one that matched, else none (the approved one is on the row).
    let translation: TranslationRow | null = null;
    if (await translated(d.id)) {
      const all = await db.translations
        .where('[clientId+targetLang]')
        .between([d.clientId, Dexie.minKey], [d.clientId, Dexie.maxKey])
        .toArray();
      translation =
        all.find((t) => t.state === 'translated' && highlightRanges(t.text, query).length > 0) ?? null;
    }
    hits.push({ message, translation });
  }
  return { hits, total };
}
