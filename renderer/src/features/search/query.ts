/**
 * Message search over the local index (issue 10): each query term is a prefix range on the
 * multiEntry `words` index, read as primary keys only (numbers that carry the message's time: no
 * row is read until the hits are chosen); several terms intersect per message; the date filter and
 * the order apply to the keys, the contact filter to its conversation's doc keys; the newest
 * `limit` hits are then read with their messages and the machine translation that matched.
 */
import { Dexie } from 'dexie';
import { highlightRanges, type SearchQuery } from '../../../../shared/search/tokenize';
import type { MessageRow, TradewindDb } from '../../db/schema';
import type { SearchDocRow } from '../../db/rows/search';
import type { TranslationRow } from '../../db/rows/translation';
import { docOfPosting, orderWord, TIES } from './indexer';

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

/** True when the search has something to look for (words or a filter beyond the conversation). */
export const hasCriteria = (q: SearchQuery, f: SearchFilters): boolean =>
  q.terms.length > 0 || f.orderNo !== undefined;

export async function searchMessages(
  db: TradewindDb,
  query: SearchQuery,
  filters: SearchFilters = {},
  limit = 50,
): Promise<SearchResult> {
  const ranges = query.terms.map((t) => db.searchPostings.where('words').startsWith(t));
  if (filters.orderNo !== undefined)
    ranges.push(db.searchPostings.where('words').equals(orderWord(filters.orderNo)));
  if (ranges.length === 0) return { hits: [], total: 0 };
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
  const chosen = matching.slice(0, limit);
  const docRows = await db.searchDocs.bulkGet(chosen);
  const present = docRows.filter((d): d is SearchDocRow => d !== undefined);
  const messages = await db.messages.bulkGet(present.map((d) => d.clientId));
  const hits: SearchHit[] = [];
  for (const [i, d] of present.entries()) {
    const message = messages[i];
    if (!message) continue;
    // The translation shown: a cached one that matched, else none (the approved one is on the row).
    let translation: TranslationRow | null = null;
    if (docs?.get(d.id)) {
      const all = await db.translations
        .where('[clientId+targetLang]')
        .between([d.clientId, Dexie.minKey], [d.clientId, Dexie.maxKey])
        .toArray();
      translation =
        all.find((t) => t.state === 'translated' && highlightRanges(t.text, query).length > 0) ?? null;
    }
    hits.push({ message, translation });
  }
  return { hits, total: matching.length };
}
