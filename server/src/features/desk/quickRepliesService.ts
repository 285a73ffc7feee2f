/**
 * Quick replies per user (shared/protocol/quickReplies.ts has the model). Every query is scoped by
 * the caller's member id: a reply id belongs to its owner, so one user can neither read nor change
 * another's replies — the same id used by someone else is simply their own reply.
 *
 * Every change runs in one transaction that takes the user's row of `quick_reply_sync` first (its
 * upsert holds the row lock), so two devices saving at once are serialised and every change gets
 * its own version. Events go out after the commit (feature.ts).
 */
import {
  QUICK_REPLY_LIMITS,
  type ParsedRequest,
  type QuickReply,
  type QuickReplyListResponse,
  type QuickReplyResult,
} from '../../../../shared/protocol';
import { AppError } from '../../../../shared/result';
import type { ServerContext } from '../../platform/context';
import { toIso, type Queryable } from '../../platform/db/store';

interface ReplyRow {
  id: string;
  name: string;
  body: string;
  deleted: boolean;
  version: number;
  updated_at: Date | string;
}

function toReply(row: ReplyRow): QuickReply {
  return {
    id: row.id,
    name: row.name,
    text: row.body,
    deleted: row.deleted,
    version: Number(row.version),
    updatedAt: toIso(row.updated_at),
  };
}

/** What a change did; `changed: false` for a retry or a no-op (nothing to tell other devices). */
export interface QuickReplyEdit extends QuickReplyResult {
  changed: boolean;
}

interface SyncRow {
  version: number;
  floor: number;
}

async function syncRow(db: Queryable, owner: string): Promise<SyncRow> {
  const rows = await db.query<SyncRow>('select version, floor from quick_reply_sync where owner_id = $1', [
    owner,
  ]);
  return { version: Number(rows[0]?.version ?? 0), floor: Number(rows[0]?.floor ?? 0) };
}

/** Takes the user's row lock without changing the version (a read-then-write stays consistent). */
async function lockUser(tx: Queryable, owner: string): Promise<void> {
  await tx.query(
    `insert into quick_reply_sync (owner_id, version) values ($1, 0)
     on conflict (owner_id) do update set version = quick_reply_sync.version`,
    [owner],
  );
}

/** Increments the user's version and returns it. */
async function bump(tx: Queryable, owner: string): Promise<number> {
  const rows = await tx.query<{ version: number }>(
    'update quick_reply_sync set version = version + 1 where owner_id = $1 returning version',
    [owner],
  );
  return Number(rows[0]?.version);
}

async function replyRow(db: Queryable, owner: string, id: string): Promise<ReplyRow | null> {
  const rows = await db.query<ReplyRow>(
    'select id, name, body, deleted, version, updated_at from quick_replies where owner_id = $1 and id = $2',
    [owner, id],
  );
  return rows[0] ?? null;
}

/**
 * Without `sinceVersion`: every live reply, by name. With it: every reply changed after it,
 * tombstones included — unless tombstones after it were purged, then every live reply (`full`).
 */
export async function listQuickReplies(
  db: Queryable,
  owner: string,
  sinceVersion?: number,
): Promise<QuickReplyListResponse> {
  const { version, floor } = await syncRow(db, owner);
  const full = sinceVersion === undefined || sinceVersion < floor;
  const rows = full
    ? await db.query<ReplyRow>(
        `select id, name, body, deleted, version, updated_at from quick_replies
         where owner_id = $1 and not deleted order by name, id`,
        [owner],
      )
    : await db.query<ReplyRow>(
        `select id, name, body, deleted, version, updated_at from quick_replies
         where owner_id = $1 and version > $2 order by version`,
        [owner, sinceVersion],
      );
  return { version, replies: rows.map(toReply), full };
}

/**
 * Creates or replaces a reply. The same name and text again is a no-op (a retry whose ack was
 * lost). A put of a tombstone brings the reply back. A new (or revived) reply beyond the limit of
 * live replies is refused with `too_large`.
 */
export async function putQuickReply(
  ctx: ServerContext,
  owner: string,
  req: ParsedRequest<'quickReply:put'>,
): Promise<QuickReplyEdit> {
  return ctx.db.transaction(async (tx) => {
    await lockUser(tx, owner);
    const existing = await replyRow(tx, owner, req.id);
    if (existing && !existing.deleted && existing.name === req.name && existing.body === req.text)
      return {
        version: (await syncRow(tx, owner)).version,
        reply: toReply(existing),
        changed: false,
      };
    if (!existing || existing.deleted) {
      const counted = await tx.query<{ n: number }>(
        'select count(*)::int as n from quick_replies where owner_id = $1 and not deleted',
        [owner],
      );
      if (Number(counted[0]?.n ?? 0) >= QUICK_REPLY_LIMITS.replies)
        throw new AppError(
          'too_large',
          `You can keep at most ${QUICK_REPLY_LIMITS.replies} quick replies; delete one first.`,
        );
    }
    const version = await bump(tx, owner);
    const now = ctx.now();
    const rows = await tx.query<ReplyRow>(
      `insert into quick_replies (owner_id, id, name, body, deleted, version, created_at, updated_at)
       values ($1, $2, $3, $4, false, $5, $6, $6)
       on conflict (owner_id, id) do update
         set name = excluded.name, body = excluded.body, deleted = false,
             version = excluded.version, updated_at = excluded.updated_at
       returning id, name, body, deleted, version, updated_at`,
      [owner, req.id, req.name, req.text, version, now],
    );
    return { version, reply: toReply(rows[0]!), changed: true };
  });
}

/**
 * Deletes a reply: it becomes a tombstone (name and text emptied: the words are gone from the
 * server). Deleting a tombstone is a no-op; an id the user never had is `not_found`. Tombstones
 * beyond the limit are purged oldest first, and the newest purged version becomes the floor
 * below which `quickReply:list` answers with the whole list.
 */
export async function deleteQuickReply(
  ctx: ServerContext,
  owner: string,
  req: ParsedRequest<'quickReply:delete'>,
): Promise<QuickReplyEdit> {
  return ctx.db.transaction(async (tx) => {
    await lockUser(tx, owner);
    const existing = await replyRow(tx, owner, req.id);
    if (!existing) throw new AppError('not_found', 'There is no such quick reply.');
    if (existing.deleted)
      return { version: (await syncRow(tx, owner)).version, reply: toReply(existing), changed: false };
    const version = await bump(tx, owner);
    const rows = await tx.query<ReplyRow>(
      `update quick_replies set deleted = true, name = '', body = '', version = $3, updated_at = $4
       where owner_id = $1 and id = $2
       returning id, name, body, deleted, version, updated_at`,
      [owner, req.id, version, ctx.now()],
    );
    const purged = await tx.query<{ version: number }>(
      `delete from quick_replies where owner_id = $1 and deleted and version <= (
         select version from quick_replies where owner_id = $1 and deleted
         order by version desc offset $2 limit 1)
       returning version`,
      [owner, QUICK_REPLY_LIMITS.tombstones],
    );
    if (purged.length > 0)
      await tx.query('update quick_reply_sync set floor = $2 where owner_id = $1', [
        owner,
        Math.max(...purged.map((p) => Number(p.version))),
      ]);
    return { version, reply: toReply(rows[0]!), changed: true };
  });
}
