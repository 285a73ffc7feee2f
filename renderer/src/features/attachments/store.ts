/**
 * Attachments on this device: preparing a picked/dropped/pasted file (hash, sniffed type,
 * dimensions, thumbnail), writing a message with its attachments (stored by the draft,
 * draftRows.ts) and outbox entry in one transaction, uploading before the message is sent, and
 * fetching incoming ones into the cache.
 */
import { conversationIdFor, type AttachmentRef, type OrderRef } from '../../../../shared/protocol';
import { UploadedAttachment, attachmentUrlPath } from '../../../../shared/protocol/evidence';
import { fail, ok, type ErrorCode, type Result } from '../../../../shared/result';
import type { TradewindDb } from '../../db/schema';
import { disownDraftBytes, noteComposed } from '../../db/repo';
import { cleanFileName, isInlineImage, sniffType, thumbSize, toHex } from './logic';
import type { AttachmentBlobRow } from '../../db/rows/attachments';
import { hasBlob, storedBlobs, takeFromDraft, type PreparedAttachment } from './draftRows';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

/** Decodes a photo once: its size and a small preview. null when the browser cannot decode it. */
async function describeImage(
  bytes: Uint8Array,
  mime: string,
): Promise<{ width: number; height: number; thumb: Blob | null } | null> {
  try {
    const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
    const { width, height } = bitmap;
    const t = thumbSize(width, height);
    let thumb: Blob | null = null;
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(t.width, t.height);
      canvas.getContext('2d')?.drawImage(bitmap, 0, 0, t.width, t.height);
      // PNG keeps transparency and sharp edges of screenshots; JPEG is smaller for photos.
      thumb = await canvas.convertToBlob({
        type: mime === 'image/jpeg' ? 'image/jpeg' : 'image/png',
        quality: 0.85,
      });
    }
    bitmap.close();
    return { width, height, thumb };
  } catch {
    return null;
  }
}

/** Reads, hashes and sniffs a file. */
export async function prepareFile(file: Blob & { name?: string }): Promise<PreparedAttachment> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const mime = sniffType(bytes);
  const sha256 = await sha256Hex(bytes);
  const ref: AttachmentRef = { sha256, name: cleanFileName(file.name ?? '', mime), mime, size: bytes.length };
  let thumb: Blob | null = null;
  if (isInlineImage(mime)) {
    const info = await describeImage(bytes, mime);
    if (info) {
      ref.width = info.width;
      ref.height = info.height;
      thumb = info.thumb;
    }
  }
  return { ref, bytes, thumb };
}

export interface ComposeInput {
  text: string;
  /** Files of the conversation's draft: their bytes were stored when they were attached. */
  attachments: readonly AttachmentRef[];
  order?: OrderRef;
  /** Issue 4 extras (language, sender-approved translation). */
  lang?: string;
  translation?: { text: string; lang: string };
  /** Issue 11: the earlier message this one replies to. */
  replyTo?: { seq: number };
}

/** A send refused because the bytes of these attached files are no longer on this device. */
export class AttachmentsLost extends Error {
  constructor(readonly lost: readonly AttachmentRef[]) {
    super(`attachments not stored: ${lost.map((r) => r.sha256).join(', ')}`);
    this.name = 'AttachmentsLost';
  }
}

/**
 * Writes the message and its outbox entry in one transaction, and takes what it carries out of
 * the conversation's draft (text, files, order) in the same commit: a send made offline survives
 * a reload, a page closed before the commit finds the draft still there, never neither. The
 * attachment bytes are already stored (by the draft); the engine uploads them before it sends
 * the message.
 */
export async function composeRichMessage(
  db: TradewindDb,
  me: string,
  to: string,
  input: ComposeInput,
): Promise<string> {
  const clientId = crypto.randomUUID();
  const conversationId = conversationIdFor(me, to);
  const now = new Date();
  const iso = now.toISOString();
  const refs = [...input.attachments];
  await db.transaction(
    'rw',
    [db.messages, db.outbox, db.conversations, db.attachmentBlobs, db.drafts, db.draftFiles],
    async () => {
      // A message whose bytes are gone could never be uploaded: nothing is written, and the
      // caller learns which files (the composer names them).
      const lost: AttachmentRef[] = [];
      for (const ref of refs) if (!(await hasBlob(db, ref.sha256))) lost.push(ref);
      if (lost.length > 0) throw new AttachmentsLost(lost);
      await db.messages.add({
        clientId,
        conversationId,
        sort: now.getTime(),
        sender: me,
        text: input.text,
        lang: input.lang ?? null,
        translation: input.translation ?? null,
        attachments: refs,
        order: input.order ?? null,
        replyTo: input.replyTo ?? null,
        createdAt: iso,
        status: 'pending',
      });
      await db.outbox.add({
        clientId,
        conversationId,
        request: {
          to,
          clientId,
          text: input.text,
          attachments: refs,
          ...(input.order ? { order: input.order } : {}),
          ...(input.lang ? { lang: input.lang } : {}),
          ...(input.translation ? { translation: input.translation } : {}),
          ...(input.replyTo ? { replyTo: input.replyTo } : {}),
        },
        state: 'queued',
        attempts: 0,
        nextAttemptAt: 0,
      });
      await noteComposed(db, conversationId, to, input.text, iso);
      await takeFromDraft(db, conversationId, refs, input.order ?? null);
    },
  );
  return clientId;
}

export interface ServerAccess {
  serverUrl: string;
  token: string;
}

const urlOf = (s: ServerAccess, sha256: string): string =>
  new URL(attachmentUrlPath(sha256), s.serverUrl).href;

const HTTP_CODES: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  413: 'too_large',
  429: 'rate_limited',
};

/**
 * Uploads every attachment of a message the server does not have yet (idempotent: the address is
 * the hash, and a repeated PUT answers `created: false`). The message is sent only after this
 * succeeds.
 */
export async function ensureUploaded(
  db: TradewindDb,
  s: ServerAccess,
  refs: readonly AttachmentRef[],
): Promise<Result<null>> {
  // The bytes are read only for a file to upload: those the server has already (uploaded: 1) and
  // those not on this device (a re-sent message whose bytes the server has: let the server
  // decide) are told apart by keys alone. Never-uploaded rows are the few files of drafts and
  // queued sends.
  const notUploaded = new Set(await db.attachmentBlobs.where('uploaded').equals(0).primaryKeys());
  for (const ref of refs) {
    if (!notUploaded.has(ref.sha256)) continue;
    const row = await db.attachmentBlobs.get(ref.sha256);
    if (!row || row.uploaded === 1) continue; // deleted or uploaded since the keys were read
    let res: Response;
    try {
      res = await fetch(urlOf(s, ref.sha256), {
        method: 'PUT',
        headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/octet-stream' },
        body: row.bytes as Uint8Array<ArrayBuffer>,
      });
    } catch {
      return fail(navigator.onLine ? 'timeout' : 'offline', 'The attachment could not be uploaded.');
    }
    if (!res.ok) return fail(HTTP_CODES[res.status] ?? 'internal', `Upload failed with HTTP ${res.status}.`);
    const body = (await res.json().catch(() => null)) as { ok?: boolean; value?: unknown } | null;
    const parsed = UploadedAttachment.safeParse(body?.value);
    if (!parsed.success || parsed.data.sha256 !== ref.sha256)
      return fail('internal', 'Unexpected upload answer.');
    await db.attachmentBlobs.update(ref.sha256, { uploaded: 1 });
  }
  return ok(null);
}

const inflight = new Map<string, Promise<AttachmentBlobRow | null>>();

/**
 * The bytes of a message's attachment: from the local cache, else from the server (then cached,
 * with a thumbnail for photos). The bytes must hash to the reference, or they are refused.
 * Bytes shown for a message are no draft's to delete: a draft that owns them lets go of them
 * (db/repo.ts `disownDraftBytes`). Reading the cache writes nothing when no draft owns them (an
 * evidence export reads every attachment of a conversation).
 */
export function loadAttachment(
  db: TradewindDb,
  s: ServerAccess,
  ref: AttachmentRef,
): Promise<AttachmentBlobRow | null> {
  const key = ref.sha256;
  const running = inflight.get(key);
  if (running) return running;
  const p = (async (): Promise<AttachmentBlobRow | null> => {
    const cached = await db.attachmentBlobs.get(key);
    if (cached) {
      // A message shows these bytes, so they are its own too: a draft that stored them (a message
      // kept before v17, its bytes never fetched, then the same file attached) must not delete
      // them when the file leaves it. Read first: the read-write transaction only when a draft
      // owns them (an evidence export of k cached attachments opens none).
      const drafts = await db.draftFiles.toArray();
      if (drafts.some((r) => r.files.some((f) => f.own && f.ref.sha256 === key)))
        await db.transaction('rw', db.draftFiles, () => disownDraftBytes(db, [key]));
      return cached;
    }
    let res: Response;
    try {
      res = await fetch(urlOf(s, key), { headers: { Authorization: `Bearer ${s.token}` } });
    } catch {
      return null;
    }
    if (!res.ok) return null;
    const bytes = new Uint8Array(await res.arrayBuffer());
    if ((await sha256Hex(bytes)) !== key) return null;
    const mime = sniffType(bytes);
    const info = isInlineImage(mime) ? await describeImage(bytes, mime) : null;
    const row: AttachmentBlobRow = {
      sha256: key,
      bytes,
      mime,
      size: bytes.length,
      thumb: info?.thumb ?? null,
      uploaded: 1,
      storedAt: new Date().toISOString(),
    };
    await db.transaction('rw', [db.attachmentBlobs, db.draftFiles], async () => {
      await db.attachmentBlobs.put(row);
      // A draft may have stored the same bytes while they were on their way: they are this
      // message's now too, so taking them out of that draft must not delete them.
      await disownDraftBytes(db, [key]);
    });
    return row;
  })().finally(() => inflight.delete(key));
  inflight.set(key, p);
  return p;
}

/** Caches the attachments of incoming messages for offline use (photos first, small files first). */
export async function cacheAttachments(
  db: TradewindDb,
  s: ServerAccess,
  refs: readonly AttachmentRef[],
): Promise<void> {
  // Which are cached, from the keys alone: reading the rows would read every cached file whole.
  const stored = await storedBlobs(
    db,
    refs.map((r) => r.sha256),
  );
  const missing = [...new Map(refs.filter((r) => !stored.has(r.sha256)).map((r) => [r.sha256, r])).values()];
  missing.sort((a, b) => Number(isInlineImage(b.mime)) - Number(isInlineImage(a.mime)) || a.size - b.size);
  for (const r of missing) await loadAttachment(db, s, r);
}
