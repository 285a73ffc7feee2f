/**
 * Attachments: content-addressed bytes (SHA-256), type sniffed from the content, size-limited.
 *
 * Storage (docs/operations.md § Attachments): with an attachments directory (always on the
 * embedded store: `<data>/attachments`; on PostgreSQL when `TRADEWIND_ATTACHMENTS_DIR` names a
 * directory every node shares) the bytes are files (files.ts) and the `attachments` row holds
 * only their metadata (`data` null). Without one (PostgreSQL's default) the bytes go into the row
 * (`bytea`), read from the upload's temporary file once its hash is checked. Rows written before
 * files existed keep their bytes in the row and are served from there, whatever the mode.
 *
 * Thumbnails are made by the client (canvas) and never stored here: the server keeps originals.
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { UploadedAttachment } from '../../../../shared/protocol';
import { sniffType } from '../../../../shared/evidence/sniff';
import { AppError } from '../../../../shared/result';
import type { Queryable, Store } from '../../platform/db/store';
import { commit, discard, openFile, type Received } from './files';

export const SHA256_RE = /^[0-9a-f]{64}$/;

export interface StoredAttachment {
  sha256: string;
  mime: string;
  size: number;
  /** The bytes, from the file or from the row. */
  body: () => Readable;
}

/**
 * Keeps a received upload under its SHA-256 after checking the claimed hash (the temporary file
 * is committed or removed either way); records the uploader.
 */
export async function storeReceived(
  db: Store,
  dir: string | null,
  uploader: string,
  claimedSha256: string,
  received: Received,
  now: Date,
): Promise<UploadedAttachment> {
  const { sha256, size } = received;
  if (size === 0 || sha256 !== claimedSha256) {
    await discard(received);
    if (size === 0) throw new AppError('bad_request', 'The attachment is empty.');
    throw new AppError('bad_request', `The bytes hash to ${sha256}, not to ${claimedSha256}.`, { sha256 });
  }
  const mime = sniffType(received.head);
  let data: Buffer | null = null;
  if (dir) {
    // The file is in place before the row that names it.
    await commit(dir, received);
  } else {
    data = await readFile(received.tempPath);
    await discard(received);
  }
  return db.transaction(async (tx) => {
    const inserted = await tx.query<{ sha256: string }>(
      `insert into attachments (sha256, mime, size, data, created_at) values ($1, $2, $3, $4, $5)
       on conflict (sha256) do nothing returning sha256`,
      [sha256, mime, size, data, now],
    );
    await tx.query(
      `insert into attachment_uploads (sha256, member_id, uploaded_at) values ($1, $2, $3)
       on conflict (sha256, member_id) do nothing`,
      [sha256, uploader, now],
    );
    return { sha256, mime, size, created: inserted.length > 0 };
  });
}

/**
 * May `memberId` read the attachment? Yes if they uploaded it, or if a message that references
 * it is in a conversation they take part in.
 */
export async function mayRead(db: Queryable, memberId: string, sha256: string): Promise<boolean> {
  const rows = await db.query<{ ok: number }>(
    `select 1 as ok from attachment_uploads where sha256 = $1 and member_id = $2
     union all
     select 1 as ok from messages m join conversations c on c.id = m.conversation_id
      where m.attachments @> $3::jsonb and (c.member_a = $2 or c.member_b = $2)
     limit 1`,
    [sha256, memberId, JSON.stringify([{ sha256 }])],
  );
  return rows.length > 0;
}

/** The attachment's metadata and a way to read its bytes (row first, then file), or null. */
export async function getAttachment(
  db: Queryable,
  dir: string | null,
  sha256: string,
): Promise<StoredAttachment | null> {
  const rows = await db.query<{ sha256: string; mime: string; size: number; in_row: boolean }>(
    'select sha256, mime, size, data is not null as in_row from attachments where sha256 = $1',
    [sha256],
  );
  const r = rows[0];
  if (!r) return null;
  const meta = { sha256: r.sha256, mime: r.mime, size: Number(r.size) };
  if (r.in_row) {
    const [row] = await db.query<{ data: Uint8Array }>('select data from attachments where sha256 = $1', [
      sha256,
    ]);
    const bytes = Buffer.from(row?.data ?? new Uint8Array());
    return { ...meta, body: () => Readable.from([bytes]) };
  }
  const file = dir ? await openFile(dir, sha256) : null;
  if (!file)
    throw new Error(
      `Attachment ${sha256} has no bytes in its row and no file in ${dir ?? '(no directory)'}.`,
    );
  return { ...meta, body: file.stream };
}

/** Metadata only (no bytes), e.g. to check a message's AttachmentRefs before storing it. */
export async function attachmentInfo(
  db: Queryable,
  sha256s: readonly string[],
): Promise<Map<string, { mime: string; size: number }>> {
  if (sha256s.length === 0) return new Map();
  const rows = await db.query<{ sha256: string; mime: string; size: number }>(
    'select sha256, mime, size from attachments where sha256 = any($1::text[])',
    [sha256s],
  );
  return new Map(rows.map((r) => [r.sha256, { mime: r.mime, size: Number(r.size) }]));
}

/** Bytes of several attachments the operator CLI puts into a bundle. */
export async function attachmentBytes(
  db: Queryable,
  dir: string | null,
  sha256s: readonly string[],
): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const sha of sha256s) {
    const a = await getAttachment(db, dir, sha);
    if (!a) continue;
    const chunks: Buffer[] = [];
    for await (const c of a.body()) chunks.push(c as Buffer);
    out.set(sha, new Uint8Array(Buffer.concat(chunks)));
  }
  return out;
}
