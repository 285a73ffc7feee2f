/**
 * Attachments: content-addressed bytes (SHA-256), type sniffed from the content, size-limited.
 *
 * Storage: the `attachments` table (bytea), on PGlite and PostgreSQL alike. Why not files under
 * `<dataDir>/attachments/ab/cd/<sha256>`: with PostgreSQL several nodes serve one user base and
 * share no disk; in the table the bytes are transactional with their metadata, covered by the
 * same backup, and one code path serves both stores. The cost (a 25 MiB upload is held in memory
 * once while it is hashed and stored) is bounded by LIMITS.attachmentBytes.
 *
 * Thumbnails are made by the client (canvas) and never stored here: the server keeps originals.
 */
import { createHash } from 'node:crypto';
import { LIMITS } from '../../../../shared/protocol';
import type { UploadedAttachment } from '../../../../shared/protocol';
import { sniffType } from '../../../../shared/evidence/sniff';
import { AppError } from '../../../../shared/result';
import type { Queryable, Store } from '../../platform/db/store';

export const SHA256_RE = /^[0-9a-f]{64}$/;

export interface StoredAttachment {
  sha256: string;
  mime: string;
  size: number;
  data: Uint8Array;
}

/** Stores bytes under their SHA-256 after checking the claimed hash; records the uploader. */
export async function putAttachment(
  db: Store,
  uploader: string,
  claimedSha256: string,
  bytes: Uint8Array,
  now: Date,
): Promise<UploadedAttachment> {
  if (bytes.length > LIMITS.attachmentBytes) {
    throw new AppError('too_large', `An attachment has at most ${LIMITS.attachmentBytes} bytes.`);
  }
  if (bytes.length === 0) throw new AppError('bad_request', 'The attachment is empty.');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== claimedSha256) {
    throw new AppError('bad_request', `The bytes hash to ${sha256}, not to ${claimedSha256}.`, { sha256 });
  }
  const mime = sniffType(bytes);
  return db.transaction(async (tx) => {
    const inserted = await tx.query<{ sha256: string }>(
      `insert into attachments (sha256, mime, size, data, created_at) values ($1, $2, $3, $4, $5)
       on conflict (sha256) do nothing returning sha256`,
      [sha256, mime, bytes.length, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), now],
    );
    await tx.query(
      `insert into attachment_uploads (sha256, member_id, uploaded_at) values ($1, $2, $3)
       on conflict (sha256, member_id) do nothing`,
      [sha256, uploader, now],
    );
    return { sha256, mime, size: bytes.length, created: inserted.length > 0 };
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

export async function getAttachment(db: Queryable, sha256: string): Promise<StoredAttachment | null> {
  const rows = await db.query<{ sha256: string; mime: string; size: number; data: Uint8Array }>(
    'select sha256, mime, size, data from attachments where sha256 = $1',
    [sha256],
  );
  const r = rows[0];
  return r ? { sha256: r.sha256, mime: r.mime, size: Number(r.size), data: new Uint8Array(r.data) } : null;
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
  sha256s: readonly string[],
): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const sha of sha256s) {
    const a = await getAttachment(db, sha);
    if (a) out.set(sha, a.data);
  }
  return out;
}
