/** Reads and writes of the translation tables (Dexie v3). The only code that touches them. */
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

/** The reading settings of one conversation, in one transaction. */
export async function readingSettings(db: TradewindDb, conversationId: string): Promise<ReadingSettings> {
  return db.transaction('r', [db.meta, db.prefs, db.translationPrefs], async () => {
    const [me, auto, prefs] = await Promise.all([
      db.meta.get('me'),
      db.prefs.get('autoTranslate'),
      db.translationPrefs.get(conversationId),
    ]);
    return {
      me: me?.key === 'me' ? me.value : null,
      autoTranslate: auto?.key === 'autoTranslate' ? auto.value : true,
      prefs: prefs ?? { conversationId, ...DEFAULT_PREFS },
    };
  });
}
