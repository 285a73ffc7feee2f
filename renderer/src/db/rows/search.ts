/**
 * IndexedDB rows of issue 10 (message search), declared in db/schema.ts versions 5 and 6 (the
 * postings' message fields since 14). Written only by features/search (its background indexer),
 * read by its queries.
 */

/**
 * One indexed message (version 6; indexed by `[conversationId+id]` too since 15, a conversation's
 * docs by time). Its `id` is a number that sorts by time — the message's server
 * time in ms × 1024 plus a tie-breaker — so a query orders and date-filters its hits by their keys
 * alone, and every key the words index returns is a plain number.
 */
export interface SearchDocRow {
  id: number;
  conversationId: string;
  seq: number;
  clientId: string;
}

/**
 * What a message is found by. `id` is its doc's id × 2: + 0 for the message itself (original, the
 * sender-approved translation, order and file names), + 1 for every machine translation of it
 * cached on this device. `words`: folded words and Chinese/Japanese bigrams
 * (shared/search/tokenize.ts), deduplicated, in a multiEntry index.
 */
export interface SearchPostingRow {
  id: number;
  words: string[];
  /**
   * v14: the doc's message (as its doc row has it), so a query reads the hits' messages straight
   * from the postings it walked, without a round trip for their doc rows. Missing on postings
   * written before v14 until the background indexer rewrites them.
   */
  conversationId?: string;
  seq?: number;
  clientId?: string;
  /**
   * v14, on a message's own posting (even id): a posting of its machine translations exists too
   * (written by whichever indexer comes second), so a check of the other terms needs the odd one
   * only then.
   */
  translated?: boolean;
}

/** The key of a translations row, in the order of the index the indexer walks. */
export type TranslationWatermark = [storedAt: string, clientId: string, targetLang: string];

/** How far the indexer got: per conversation a seq, and one watermark over cached translations. */
export type SearchStateRow =
  { key: `c:${string}`; seq: number } | { key: 'translations'; after: TranslationWatermark };
