/**
 * Issue 10, cold start and open: the first screen of a conversation comes with its final heights.
 * A bubble grows a line when the reading language is known ("Translating…", or the cached
 * translation and its label); known only after the view's live queries answered, that came after
 * the first screen and moved the list's end again (a second render, in 26 of 32 traced cold
 * starts). So the reading settings are read beside the window's early read (db/hooks
 * `startWindowRead`, or the view's own first read), the window's cached translations as soon as
 * its rows are there, and the view's first screen waits for them; `useConversationTranslation`
 * takes them while its own queries have not answered.
 */
import { knownMe, type MessageWindow } from '../../db/hooks';
import type { TradewindDb } from '../../db/schema';
import type { TranslationRow } from '../../db/rows/translation';
import { displayOf, readingTarget } from './logic';
import { cachedTranslations, readingSettings, type ReadingSettings } from './repo';

export interface EarlyTranslation {
  settings: ReadingSettings;
  /** The reading language as this device's settings say (null: off here, or the server translates nothing). */
  target: string | null;
  /** The window's cached translations into `target`, for the messages that need one. */
  cached: ReadonlyMap<string, TranslationRow>;
}

/** The last one read, for the view that asked for it. */
let last: { db: TradewindDb; conversationId: string; at: number; value: EarlyTranslation } | null = null;
/** How long the view may take it after it was read, ms: after that its own queries have answered. */
const FRESH_MS = 1000;

/**
 * Reads the reading settings of `conversationId` now, beside `window` (the window's read, already
 * started), then the cached translations of the window's messages that need one; settles when
 * done (never rejects: the view's own queries read again). `translates` is false when the server
 * is known to translate nothing (languages.ts `knownUntranslated`): no cache is read for nothing.
 */
export function readTranslationBeside(
  db: TradewindDb,
  translates: boolean,
  me: string,
  conversationId: string,
  window: Promise<MessageWindow>,
): Promise<void> {
  return Promise.all([readingSettings(db, conversationId, knownMe(db)), window])
    .then(async ([settings, w]) => {
      const target = readingTarget(settings.me, translates, settings.autoTranslate, settings.prefs);
      const need =
        target === null
          ? []
          : w.messages
              .filter((m) => displayOf(m, me, target, undefined, undefined).kind === 'pending')
              .map((m) => m.clientId);
      const cached =
        target !== null && need.length > 0
          ? await cachedTranslations(db, need, target)
          : new Map<string, TranslationRow>();
      last = { db, conversationId, at: performance.now(), value: { settings, target, cached } };
    })
    .catch(() => undefined);
}

/** What `readTranslationBeside` read for this conversation, while fresh. */
export function earlyTranslation(db: TradewindDb, conversationId: string): EarlyTranslation | null {
  const e = last;
  return e && e.db === db && e.conversationId === conversationId && performance.now() - e.at <= FRESH_MS
    ? e.value
    : null;
}
