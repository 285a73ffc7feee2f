/**
 * Quick replies in IndexedDB (table `quickReplies`, Dexie v8): what the composer and Settings
 * read, what the sync (sync.ts) writes. A change made here is written at once with `pending` and
 * sent when the server can be reached, so replies can be used — and changed — offline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { QuickReply, QuickReplyListResponse } from '../../../../shared/protocol';
import type { ErrorCode } from '../../../../shared/result';
import type { QuickReplyRow } from '../../db/rows/quickReplies';
import type { TradewindDb } from '../../db/schema';

/** My live quick replies (deleted ones hidden at once, acknowledged or not), by name. */
export function useQuickReplies(db: TradewindDb, locale?: string): QuickReplyRow[] | undefined {
  return useLiveQuery(async () => {
    const rows = await db.quickReplies.toArray();
    return rows.filter((r) => !r.deleted).sort((a, b) => a.name.localeCompare(b.name, locale));
  }, [db, locale]);
}

/** The highest user version applied from the server (0 = none yet). */
export async function quickReplyVersion(db: TradewindDb): Promise<number> {
  const row = await db.meta.get('quickReplyVersion');
  return row?.key === 'quickReplyVersion' ? row.value : 0;
}

const fromServer = (r: QuickReply): QuickReplyRow => ({
  id: r.id,
  name: r.name,
  text: r.text,
  deleted: false,
  version: r.version,
  updatedAt: r.updatedAt,
});

/** Writes the server's state of one reply, unless a local change of it is still to be sent (it wins). */
async function applyOne(db: TradewindDb, reply: QuickReply): Promise<void> {
  const local = await db.quickReplies.get(reply.id);
  if (local?.pending) return;
  if (reply.deleted) await db.quickReplies.delete(reply.id);
  else await db.quickReplies.put(fromServer(reply));
}

/**
 * Applies a `quickReply:list` answer; a full list replaces every reply not waiting to be sent (a
 * refused one stays too: its words exist only here).
 */
export async function applyQuickReplyList(db: TradewindDb, list: QuickReplyListResponse): Promise<void> {
  await db.transaction('rw', db.quickReplies, db.meta, async () => {
    if (list.full) {
      const listed = new Set(list.replies.map((r) => r.id));
      const gone = (await db.quickReplies.toArray()).filter(
        (r) => !r.pending && !r.refused && !listed.has(r.id),
      );
      await db.quickReplies.bulkDelete(gone.map((r) => r.id));
    }
    for (const reply of list.replies) await applyOne(db, reply);
    await db.meta.put({ key: 'quickReplyVersion', value: list.version });
  });
}

/**
 * A change from another device (`quickReply:changed`). The stored version moves only when it is
 * the next one: after a gap the next catch-up asks for what was missed.
 */
export async function applyQuickReplyChanged(
  db: TradewindDb,
  event: { version: number; reply: QuickReply },
): Promise<void> {
  await db.transaction('rw', db.quickReplies, db.meta, async () => {
    await applyOne(db, event.reply);
    if ((await quickReplyVersion(db)) === event.version - 1)
      await db.meta.put({ key: 'quickReplyVersion', value: event.version });
  });
}

/** Saves a reply here (new when `id` is unknown), to be sent to the server. */
export async function saveQuickReply(
  db: TradewindDb,
  reply: { id: string; name: string; text: string },
  now = new Date(),
): Promise<void> {
  await db.transaction('rw', db.quickReplies, async () => {
    const local = await db.quickReplies.get(reply.id);
    await db.quickReplies.put({
      id: reply.id,
      name: reply.name,
      text: reply.text,
      deleted: false,
      version: local?.version ?? 0,
      updatedAt: now.toISOString(),
      pending: 'put',
      localRev: (local?.localRev ?? 0) + 1,
    });
  });
}

/** Deletes a reply here; one the server never had is simply gone, others wait to be sent. */
export async function deleteQuickReplyLocally(db: TradewindDb, id: string, now = new Date()): Promise<void> {
  await db.transaction('rw', db.quickReplies, async () => {
    const local = await db.quickReplies.get(id);
    if (!local) return;
    if (local.version === 0) {
      await db.quickReplies.delete(id);
      return;
    }
    await db.quickReplies.put({
      ...local,
      deleted: true,
      updatedAt: now.toISOString(),
      pending: 'delete',
      localRev: (local.localRev ?? 0) + 1,
      refused: undefined,
    });
  });
}

/** Local changes to send, oldest first. */
export async function pendingQuickReplies(db: TradewindDb): Promise<QuickReplyRow[]> {
  const rows = await db.quickReplies.toArray();
  return rows.filter((r) => r.pending).sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1));
}

/**
 * The server took a local change: its state becomes the row's, unless the user changed the reply
 * again meanwhile (that newer change stays pending and goes next).
 */
export async function acknowledgeQuickReply(
  db: TradewindDb,
  sent: QuickReplyRow,
  reply: QuickReply,
): Promise<void> {
  await db.transaction('rw', db.quickReplies, async () => {
    const local = await db.quickReplies.get(sent.id);
    if (!local || (local.localRev ?? 0) !== (sent.localRev ?? 0)) return;
    if (reply.deleted) await db.quickReplies.delete(sent.id);
    else await db.quickReplies.put(fromServer(reply));
  });
}

/**
 * The server refused a local change for good. A deletion of a reply it does not have is done; a
 * refused save stays here, marked with the reason, so the words are not lost.
 */
export async function refuseQuickReply(db: TradewindDb, sent: QuickReplyRow, code: ErrorCode): Promise<void> {
  await db.transaction('rw', db.quickReplies, async () => {
    const local = await db.quickReplies.get(sent.id);
    if (!local || (local.localRev ?? 0) !== (sent.localRev ?? 0)) return;
    if (sent.pending === 'delete') await db.quickReplies.delete(sent.id);
    else await db.quickReplies.put({ ...local, pending: undefined, refused: code });
  });
}
