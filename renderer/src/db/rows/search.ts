/**
 * IndexedDB rows of issue 10 (message search), declared in db/schema.ts version 5. Written only by
 * features/search (its background indexer), read by its queries.
 */

/**
 * What one text source of a stored message is found by. The primary key
 * `[at+conversationId+seq+part]` carries everything a query needs to filter and order hits (time,
 * conversation, message) without reading the rows, and the multiEntry `words` index answers prefix
 * queries. `part` is `m` for the message itself (original, the sender-approved translation, order
 * and file names) and `t:<lang>` for a machine translation cached on this device.
 */
export interface SearchWordsRow {
  /** The message's server time, ms since epoch. */
  at: number;
  conversationId: string;
  seq: number;
  part: string;
  /** Folded words and Chinese/Japanese bigrams (shared/search/tokenize.ts), deduplicated. */
  words: string[];
}

/** The key of a translations row, in the order of the index the indexer walks. */
export type TranslationWatermark = [storedAt: string, clientId: string, targetLang: string];

/** How far the indexer got: per conversation a seq, and one watermark over cached translations. */
export type SearchStateRow =
  { key: `c:${string}`; seq: number } | { key: 'translations'; after: TranslationWatermark };
