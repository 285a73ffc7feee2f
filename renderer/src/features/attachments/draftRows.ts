/**
 * Issue 10: the files and order reference waiting in a conversation's composer, in IndexedDB
 * (`draftFiles`, one row per conversation; the bytes in `attachmentBlobs`), so a reload or a
 * restart finds them. A file's bytes are written once, when it is attached, where the sent
 * message will read them: sending copies nothing, it only takes the references out of the row.
 */
import type { AttachmentRef, OrderRef } from '../../../../shared/protocol';
import type { TradewindDb } from '../../db/schema';
import type { DraftFilesRow } from '../../db/rows/attachments';
import { disownDraftBytes } from '../../db/repo';

/** A picked file, read and hashed, with what its blob row needs. */
export interface PreparedAttachment {
  ref: AttachmentRef;
  bytes: Uint8Array;
  thumb: Blob | null;
}

const sameOrder = (a: OrderRef | null, b: OrderRef | null): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** Whether the bytes are stored, without reading them (a file may be 25 MB). */
export async function hasBlob(db: TradewindDb, sha256: string): Promise<boolean> {
  return (await db.attachmentBlobs.where('sha256').equals(sha256).count()) > 0;
}

/**
 * Which of these attachments' bytes are stored, from the primary keys alone (an IndexedDB key
 * cursor): a row holds the whole file, up to 25 MB, and none is read.
 */
export async function storedBlobs(db: TradewindDb, sha256s: readonly string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  return new Set(
    await db.attachmentBlobs
      .where(':id')
      .anyOf([...new Set(sha256s)])
      .primaryKeys(),
  );
}

/** Writes the row, or deletes it when nothing is left in it. Inside a transaction on `draftFiles`. */
async function putRow(db: TradewindDb, row: DraftFilesRow): Promise<void> {
  if (row.files.length === 0 && row.order === null) await db.draftFiles.delete(row.conversationId);
  else await db.draftFiles.put({ ...row, updatedAt: new Date().toISOString() });
}

async function rowOf(db: TradewindDb, conversationId: string): Promise<DraftFilesRow> {
  return (
    (await db.draftFiles.get(conversationId)) ?? { conversationId, files: [], order: null, updatedAt: '' }
  );
}

/**
 * The conversation's stored draft as the composer restores it: files whose bytes are no longer on
 * this device (storage cleared or evicted, the bytes deleted) could never be sent, so they leave
 * the stored draft and are answered as `lost` for the composer to name. A read-only transaction
 * unless something is lost.
 */
export async function restoreDraftFiles(
  db: TradewindDb,
  conversationId: string,
): Promise<{ row: DraftFilesRow | undefined; lost: AttachmentRef[] }> {
  const read = await db.transaction('r', [db.draftFiles, db.attachmentBlobs], async () => {
    const row = await db.draftFiles.get(conversationId);
    const present = await Promise.all((row?.files ?? []).map((f) => hasBlob(db, f.ref.sha256)));
    return { row, present };
  });
  if (read.present.every(Boolean)) return { row: read.row, lost: [] };
  return db.transaction('rw', [db.draftFiles, db.attachmentBlobs], async () => {
    // Again inside the write: the draft may have changed since the read.
    const row = await rowOf(db, conversationId);
    const present = await Promise.all(row.files.map((f) => hasBlob(db, f.ref.sha256)));
    const kept = { ...row, files: row.files.filter((_, i) => present[i]) };
    await putRow(db, kept);
    return {
      row: kept.files.length > 0 || kept.order !== null ? kept : undefined,
      lost: row.files.filter((_, i) => !present[i]).map((f) => f.ref),
    };
  });
}

/**
 * Stores an attached file: its bytes (unless the device has them) and its place at the end of the
 * conversation's draft, in one transaction.
 */
export async function storeDraftFile(
  db: TradewindDb,
  conversationId: string,
  file: PreparedAttachment,
): Promise<void> {
  const { sha256 } = file.ref;
  await db.transaction('rw', [db.attachmentBlobs, db.draftFiles], async () => {
    const row = await rowOf(db, conversationId);
    if (row.files.some((f) => f.ref.sha256 === sha256)) return;
    let own: boolean;
    if (await hasBlob(db, sha256)) {
      // Already here: ours only if other drafts stored them and no message has taken them.
      const others = (await db.draftFiles.toArray())
        .flatMap((r) => r.files)
        .filter((f) => f.ref.sha256 === sha256);
      own = others.length > 0 && others.every((f) => f.own);
    } else {
      await db.attachmentBlobs.add({
        sha256,
        bytes: file.bytes,
        mime: file.ref.mime,
        size: file.ref.size,
        thumb: file.thumb,
        uploaded: 0,
        storedAt: new Date().toISOString(),
      });
      own = true;
    }
    await putRow(db, { ...row, files: [...row.files, { ref: file.ref, own }] });
  });
}

/** The user took a file out of the draft: its bytes go too unless something else holds them. */
export async function removeDraftFile(
  db: TradewindDb,
  conversationId: string,
  sha256: string,
): Promise<void> {
  await removeDraftFiles(db, conversationId, [sha256]);
}

/** `removeDraftFile` for several files of one conversation's draft, in one transaction. */
export async function removeDraftFiles(
  db: TradewindDb,
  conversationId: string,
  shas: readonly string[],
): Promise<void> {
  const gone = new Set(shas);
  await db.transaction('rw', [db.attachmentBlobs, db.draftFiles], async () => {
    const row = await rowOf(db, conversationId);
    const removed = row.files.filter((f) => gone.has(f.ref.sha256));
    if (removed.length === 0) return;
    await putRow(db, { ...row, files: row.files.filter((f) => !gone.has(f.ref.sha256)) });
    // `own` is cleared by every write of a message that uses these bytes (db/repo.ts
    // `disownDraftBytes`, which says why this is not a scan of the messages here).
    const owned = removed.filter((f) => f.own).map((f) => f.ref.sha256);
    if (owned.length === 0) return;
    const drafts = await db.draftFiles.toArray();
    for (const sha256 of owned) {
      const elsewhere = drafts.some((r) => r.files.some((f) => f.ref.sha256 === sha256));
      if (!elsewhere) await db.attachmentBlobs.delete(sha256);
    }
  });
}

/** Keeps the order reference attached in the composer (null: none). */
export async function saveDraftOrder(
  db: TradewindDb,
  conversationId: string,
  order: OrderRef | null,
): Promise<void> {
  await db.transaction('rw', db.draftFiles, async () => {
    const row = await rowOf(db, conversationId);
    if (!sameOrder(row.order, order)) await putRow(db, { ...row, order });
  });
}

/**
 * The message carrying these files and this order is being written: they leave the draft in the
 * same transaction (which must include `draftFiles`), and no draft owns these bytes any more — a
 * message refers to them. What was attached meanwhile stays.
 */
export async function takeFromDraft(
  db: TradewindDb,
  conversationId: string,
  sent: readonly AttachmentRef[],
  order: OrderRef | null,
): Promise<void> {
  const shas = new Set(sent.map((r) => r.sha256));
  const row = await rowOf(db, conversationId);
  await putRow(db, {
    ...row,
    files: row.files.filter((f) => !shas.has(f.ref.sha256)),
    order: order !== null && sameOrder(row.order, order) ? null : row.order,
  });
  await disownDraftBytes(db, shas);
}
