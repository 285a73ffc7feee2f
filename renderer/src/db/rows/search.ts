/**
 * IndexedDB rows of issue 10 (message search), declared in db/schema.ts versions 5 and 6. Written only by
 * features/search (its background indexer), read by its queries.
 */

/**
 * One indexed message (version 6). Its `id` is a number that sorts by time — the message's server
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
}

/** The key of a translations row, in the order of the index the indexer walks. */
export type TranslationWatermark = [storedAt: string, clientId: string, targetLang: string];

/** How far the indexer got: per conversation a seq, and one watermark over cached translations. */
export type SearchStateRow =
  { key: `c:${string}`; seq: number } | { key: 'translations'; after: TranslationWatermark };
