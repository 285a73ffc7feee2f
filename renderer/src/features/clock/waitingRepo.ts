/** Per-conversation waiting-clock deadline and the notifications already shown (Dexie v2). */
import type { Deadline } from '../../../../shared/domain/waitingClock';
import type { TradewindDb } from '../../db/schema';
import type { ConversationPrefsRow } from '../../db/rows/contacts';

export async function setDeadline(
  db: TradewindDb,
  conversationId: string,
  deadline: Deadline | null,
): Promise<void> {
  await db.transaction('rw', db.conversationPrefs, async () => {
    const prev = await db.conversationPrefs.get(conversationId);
    await db.conversationPrefs.put({
      conversationId,
      deadline,
      shownNotifications: prev?.shownNotifications ?? [],
    });
  });
}

/** Records a shown notification; false when it had been shown already (another tab, a race). */
export async function markShown(db: TradewindDb, conversationId: string, key: string): Promise<boolean> {
  return db.transaction('rw', db.conversationPrefs, async () => {
    const prev: ConversationPrefsRow = (await db.conversationPrefs.get(conversationId)) ?? {
      conversationId,
      deadline: null,
      shownNotifications: [],
    };
    if (prev.shownNotifications.includes(key)) return false;
    // Keep the list short: only recent periods matter.
    await db.conversationPrefs.put({
      ...prev,
      shownNotifications: [...prev.shownNotifications, key].slice(-20),
    });
    return true;
  });
}
