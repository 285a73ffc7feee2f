/**
 * IndexedDB rows of issue 4 (translation), declared in db/schema.ts version 3.
 */

/** A machine translation of one message into one reading language; failures are never stored. */
export interface TranslationRow {
  /** The message's clientId. */
  clientId: string;
  /** The reading language it was translated into (as asked, e.g. "pl"). */
  targetLang: string;
  conversationId: string;
  text: string;
  /** Lower-case base code DeepL detected (or the declared one). */
  detectedSourceLang: string;
  /** One of my glossaries was applied. */
  glossary: boolean;
  /** Stored with the demo data, not DeepL's (a demo server without a key; issue 12). */
  demo?: boolean;
  /** `original`: nothing to translate (already in the reading language), remembered so it is not asked again. */
  state: 'translated' | 'original';
  storedAt: string;
}

/** Per-conversation reading preferences, local to this device. */
export interface TranslationPrefsRow {
  conversationId: string;
  /** A reading language for this conversation only; null = my reading language. */
  readLanguage: string | null;
  /** Translation turned off for this conversation. */
  off: boolean;
  /** Show every message in its original (translations one click away). */
  showOriginals: boolean;
}
