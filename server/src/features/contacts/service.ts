/**
 * Contacts are one-directional: a row (owner, contact) is the owner's list entry and/or the
 * owner's block of that user. `listed` = in the owner's list; `blocked` = the owner blocked them.
 * A row exists while either is true.
 */
import { AppError } from '../../../../shared/result';
import type { Contact, Presence } from '../../../../shared/protocol';
import type { ServerContext } from '../../platform/context';
import { toIso, type Queryable } from '../../platform/db/store';
import { requireUser, toPublicUser, type UserRow } from '../auth';

interface ContactRow extends UserRow {
  owner_id: string;
  listed: boolean;
  blocked: boolean;
  added_at: Date | string;
  // Placement, from migration 300_groups (server/src/features/groups).
  group_id: string | null;
  pinned: boolean;
  note: string;
}

const SELECT_CONTACT = `
  select u.*, c.owner_id, c.listed, c.blocked, c.added_at, c.group_id, c.pinned, c.note
  from contacts c join users u on u.member_id = c.contact_id`;

function toContact(r: ContactRow, presence: Presence | undefined): Contact {
  return {
    user: toPublicUser(r),
    blocked: r.blocked,
    presence: presence ?? { memberId: r.member_id, state: 'offline', lastSeen: null },
    groupId: r.group_id,
    pinned: r.pinned,
    note: r.note,
    addedAt: toIso(r.added_at),
  };
}

async function toContacts(ctx: ServerContext, owner: string, rows: ContactRow[]): Promise<Contact[]> {
  const presence = await ctx.presence.visibleTo(
    owner,
    rows.map((r) => r.member_id),
  );
  return rows.map((r) => toContact(r, presence.get(r.member_id)));
}

/**
 * `memberId` as an entry of every list that may see their card change: owners who list them and
 * whom they have not blocked (the same people as presence watchers), each with their own placement.
 */
export async function entriesInOthersLists(
  ctx: ServerContext,
  memberId: string,
): Promise<{ owner: string; contact: Contact }[]> {
  const rows = await ctx.db.query<ContactRow>(
    `${SELECT_CONTACT} where c.contact_id = $1 and c.listed
       and not exists (select 1 from contacts b where b.owner_id = $1 and b.contact_id = c.owner_id and b.blocked)`,
    [memberId],
  );
  const first = rows[0];
  if (!first) return [];
  // memberId blocked none of these owners, so every one of them sees the same presence.
  const presence = (await ctx.presence.visibleTo(first.owner_id, [memberId])).get(memberId);
  return rows.map((r) => ({ owner: r.owner_id, contact: toContact(r, presence) }));
}

export async function listContacts(ctx: ServerContext, owner: string): Promise<Contact[]> {
  const rows = await ctx.db.query<ContactRow>(
    `${SELECT_CONTACT} where c.owner_id = $1 order by c.added_at, u.member_id`,
    [owner],
  );
  return toContacts(ctx, owner, rows);
}

export async function getContact(
  ctx: ServerContext,
  owner: string,
  contact: string,
): Promise<Contact | null> {
  const rows = await ctx.db.query<ContactRow>(
    `${SELECT_CONTACT} where c.owner_id = $1 and c.contact_id = $2`,
    [owner, contact],
  );
  return (await toContacts(ctx, owner, rows))[0] ?? null;
}

function refuseSelf(owner: string, other: string): void {
  if (owner === other) throw new AppError('bad_request', 'You cannot add or block yourself.');
}

export async function addContact(ctx: ServerContext, owner: string, other: string): Promise<Contact> {
  refuseSelf(owner, other);
  await requireUser(ctx.db, other);
  await ctx.db.query(
    `insert into contacts (owner_id, contact_id, listed, blocked, added_at) values ($1, $2, true, false, $3)
     on conflict (owner_id, contact_id) do update set listed = true`,
    [owner, other, ctx.now()],
  );
  return (await getContact(ctx, owner, other))!;
}

/** Lists `others` in `owner`'s contacts in one statement (operator and benchmark seeding). */
export async function addContacts(
  db: Queryable,
  owner: string,
  others: readonly string[],
  now: Date,
): Promise<void> {
  await db.query(
    `insert into contacts (owner_id, contact_id, listed, blocked, added_at)
     select $1, c, true, false, $3::timestamptz from unnest($2::text[]) as c where c <> $1
     on conflict (owner_id, contact_id) do update set listed = true`,
    [owner, others, now],
  );
}

/** Removes the list entry. A block stays in force until it is lifted. */
export async function removeContact(ctx: ServerContext, owner: string, other: string): Promise<boolean> {
  const rows = await ctx.db.query<{ blocked: boolean }>(
    `update contacts set listed = false where owner_id = $1 and contact_id = $2 returning blocked`,
    [owner, other],
  );
  if (rows.length === 0) return false;
  await ctx.db.query(
    'delete from contacts where owner_id = $1 and contact_id = $2 and not listed and not blocked',
    [owner, other],
  );
  return true;
}

/** Blocks or unblocks; blocking someone not in the list keeps a (hidden) row for the block. */
export async function setBlocked(
  ctx: ServerContext,
  owner: string,
  other: string,
  blocked: boolean,
): Promise<Contact | null> {
  refuseSelf(owner, other);
  await requireUser(ctx.db, other);
  if (blocked) {
    await ctx.db.query(
      `insert into contacts (owner_id, contact_id, listed, blocked, added_at) values ($1, $2, false, true, $3)
       on conflict (owner_id, contact_id) do update set blocked = true`,
      [owner, other, ctx.now()],
    );
  } else {
    await ctx.db.query('update contacts set blocked = false where owner_id = $1 and contact_id = $2', [
      owner,
      other,
    ]);
    await ctx.db.query(
      'delete from contacts where owner_id = $1 and contact_id = $2 and not listed and not blocked',
      [owner, other],
    );
  }
  return getContact(ctx, owner, other);
}

/** Whether `blocker` has blocked `target`. */
export async function hasBlocked(db: Queryable, blocker: string, target: string): Promise<boolean> {
  const rows = await db.query('select 1 from contacts where owner_id = $1 and contact_id = $2 and blocked', [
    blocker,
    target,
  ]);
  return rows.length > 0;
}

/**
 * Of `others`, those whose presence `viewer` may see (docs/protocol.md § Presence): `viewer` lists
 * them as a contact (a pending request or a block-only row is no listing), they have not
 * blocked `viewer`, and their presence visibility lets `viewer` in — `everyone`, or `contacts`
 * when they list `viewer` too (never `nobody`). The same rule as `presenceWatchers`, seen from
 * the other side.
 */
export async function presenceVisibleTo(
  db: Queryable,
  viewer: string,
  others: readonly string[],
): Promise<Set<string>> {
  if (others.length === 0) return new Set();
  const rows = await db.query<{ contact_id: string }>(
    `select c.contact_id from contacts c join users u on u.member_id = c.contact_id
     where c.owner_id = $1 and c.listed and c.contact_id = any($2::text[])
       and not exists (select 1 from contacts b where b.owner_id = c.contact_id and b.contact_id = $1 and b.blocked)
       and (u.presence_visibility = 'everyone'
            or (u.presence_visibility = 'contacts'
                and exists (select 1 from contacts m where m.owner_id = c.contact_id and m.contact_id = $1 and m.listed)))`,
    [viewer, [...others]],
  );
  return new Set(rows.map((r) => r.contact_id));
}

/**
 * Who may see `memberId`'s presence: users who list them as a contact, whom they have not
 * blocked, and whom their presence visibility lets in (see `presenceVisibleTo`).
 */
export async function presenceWatchers(db: Queryable, memberId: string): Promise<string[]> {
  const rows = await db.query<{ owner_id: string }>(
    `select c.owner_id from contacts c join users u on u.member_id = c.contact_id
     where c.contact_id = $1 and c.listed
       and not exists (select 1 from contacts b where b.owner_id = $1 and b.contact_id = c.owner_id and b.blocked)
       and (u.presence_visibility = 'everyone'
            or (u.presence_visibility = 'contacts'
                and exists (select 1 from contacts m where m.owner_id = $1 and m.contact_id = c.owner_id and m.listed)))`,
    [memberId],
  );
  return rows.map((r) => r.owner_id);
}
