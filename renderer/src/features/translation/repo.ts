/**
 * Reads and writes of the translation tables (Dexie v3), and of the one translation setting kept
 * among the device's prefs. The only code that touches them.
 */
import type { Me } from '../../../../shared/protocol';
import type { TradewindDb } from '../../db/schema';
import type { TranslationPrefsRow, TranslationRow } from '../../db/rows/translation';

export const DEFAULT_PREFS = { readLanguage: null, off: false, showOriginals: false } as const;

export async function cachedTranslations(
  db: TradewindDb,
  clientIds: readonly string[],
  targetLang: string,
): Promise<Map<string, TranslationRow>> {
  const rows = await db.translations.bulkGet(clientIds.map((id) => [id, targetLang] as [string, string]));
  const out = new Map<string, TranslationRow>();
  for (const r of rows) if (r) out.set(r.clientId, r);
  return out;
}

export async function storeTranslations(db: TradewindDb, rows: readonly TranslationRow[]): Promise<void> {
  if (rows.length > 0) await db.translations.bulkPut([...rows]);
}

/** Settings › Translation › "Translate incoming messages automatically" (default on; the account's). */
export async function readAutoTranslate(db: TradewindDb): Promise<boolean> {
  const row = await db.prefs.get('autoTranslate');
  return row?.key === 'autoTranslate' ? row.value : true;
}

export async function getTranslationPrefs(
  db: TradewindDb,
  conversationId: string,
): Promise<TranslationPrefsRow> {
  return (await db.translationPrefs.get(conversationId)) ?? { conversationId, ...DEFAULT_PREFS };
}

export async function updateTranslationPrefs(
  db: TradewindDb,
  conversationId: string,
  change: Partial<Omit<TranslationPrefsRow, 'conversationId'>>,
): Promise<void> {
  await db.transaction('rw', db.translationPrefs, async () => {
    const prev = await getTranslationPrefs(db, conversationId);
    await db.translationPrefs.put({ ...prev, ...change });
  });
}

/** What decides the language a conversation is read in, as stored on this device. */
export interface ReadingSettings {
  me: Me | null;
  /** Settings › Translation › "Translate incoming messages automatically" (default on). */
  autoTranslate: boolean;
  prefs: TranslationPrefsRow;
}

/**
 * The reading settings of one conversation, read side by side. Not in one transaction: a
 * transaction answers at its completion, which comes tens of ms after its reads on a busy start
 * (issue 10). My row is read only when `me` is not given: `meta` is in the scope of every write of
 * messages (their counters), so a read of it waits behind a catch-up's writes.
 */
export async function readingSettings(
  db: TradewindDb,
  conversationId: string,
  me?: Me | null,
): Promise<ReadingSettings> {
  const [row, autoTranslate, prefs] = await Promise.all([
    me === undefined ? db.meta.get('me') : undefined,
    readAutoTranslate(db),
    getTranslationPrefs(db, conversationId),
  ]);
  return { me: me !== undefined ? me : row?.key === 'me' ? row.value : null, autoTranslate, prefs };
}
