/**
 * Message search over the local index (issue 10): each query term is a prefix range on the
 * multiEntry `words` index, read as primary keys only (time, conversation, seq, part: no row is
 * read until the hits are chosen); several terms intersect per message; filters apply to the keys;
 * the newest `limit` hits are then read with their messages and the translation that matched.
 */
import type { SearchQuery } from '../../../../shared/search/tokenize';
import type { MessageRow, TradewindDb } from '../../db/schema';
import type { TranslationRow } from '../../db/rows/translation';
import { orderWord } from './indexer';

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
  /** Every matching message, including those beyond `limit`. */
  total: number;
}

type Key = [number, string, number, string];

interface Candidate {
  at: number;
  conversationId: string;
  seq: number;
  /** The machine-translation parts (`t:<lang>`) that matched some term. */
  parts: Set<string>;
}

const idOf = (k: Key): string => `${k[1]}\u0000${k[2]}`;

/** True when the search has something to look for (words or a filter beyond the conversation). */
export const hasCriteria = (q: SearchQuery, f: SearchFilters): boolean =>
  q.terms.length > 0 || f.orderNo !== undefined;

export async function searchMessages(
  db: TradewindDb,
  query: SearchQuery,
  filters: SearchFilters = {},
  limit = 200,
): Promise<SearchResult> {
  const ranges = query.terms.map((t) => db.searchWords.where('words').startsWith(t));
  if (filters.orderNo !== undefined)
    ranges.push(db.searchWords.where('words').equals(orderWord(filters.orderNo)));
  if (ranges.length === 0) return { hits: [], total: 0 };
  const keyLists = (await Promise.all(ranges.map((r) => r.primaryKeys()))) as Key[][];
  // Intersect from the shortest list: every later term only narrows it.
  keyLists.sort((a, b) => a.length - b.length);
  let candidates: Map<string, Candidate> | null = null;
  for (const keys of keyLists) {
    const next = new Map<string, Candidate>();
    for (const k of keys) {
      const id = idOf(k);
      const prev = candidates ? candidates.get(id) : undefined;
      if (candidates && !prev) continue;
      const c = next.get(id) ?? prev ?? { at: k[0], conversationId: k[1], seq: k[2], parts: new Set() };
      if (k[3] !== 'm') c.parts.add(k[3]);
      next.set(id, c);
    }
    candidates = next;
    if (candidates.size === 0) break;
  }
  const { conversationId, from, to } = filters;
  const matching = [...(candidates?.values() ?? [])].filter(
    (c) =>
      (conversationId === undefined || c.conversationId === conversationId) &&
      (from === undefined || c.at >= from) &&
      (to === undefined || c.at < to),
  );
  matching.sort(
    (a, b) =>
      b.at - a.at ||
      (a.conversationId === b.conversationId ? b.seq - a.seq : a.conversationId < b.conversationId ? -1 : 1),
  );
  const chosen = matching.slice(0, limit);
  const messages = await db.messages
    .where('[conversationId+seq]')
    .anyOf(chosen.map((c) => [c.conversationId, c.seq]))
    .toArray();
  const byId = new Map(messages.map((m) => [`${m.conversationId}\u0000${m.seq}`, m]));
  const translationKeys = chosen.flatMap((c) => {
    const part = [...c.parts][0];
    const m = byId.get(`${c.conversationId}\u0000${c.seq}`);
    return part && m ? [[m.clientId, part.slice(2)] as [string, string]] : [];
  });
  const translations = await db.translations.bulkGet(translationKeys);
  const translationOf = new Map<string, TranslationRow>();
  for (const t of translations) if (t) translationOf.set(t.clientId, t);
  const hits: SearchHit[] = [];
  for (const c of chosen) {
    const message = byId.get(`${c.conversationId}\u0000${c.seq}`);
    if (message) hits.push({ message, translation: translationOf.get(message.clientId) ?? null });
  }
  return { hits, total: matching.length };
}
