/**
 * Contact groups and contact placement (group, pinned, note), per user, synced across the user's
 * devices. See shared/protocol/groups.ts for the model: one version counter per user, tombstones
 * for deleted groups, one field per edit (so edits of different fields never overwrite each
 * other; for the same scalar field the last write to reach the server wins, and concurrent edits
 * of the free-text note are merged here so both devices' words stay), and "Unsorted" = null.
 *
 * Every mutation runs in one transaction that bumps the user's version first: the upsert on
 * `contact_sync` takes that user's row lock, so two devices editing at once are serialised and
 * every change gets its own version. Events go out after the commit.
 */
import { randomUUID } from 'node:crypto';
import type {
  Contact,
  ContactGroup,
  ContactPlacement,
  GroupDeleteResult,
  GroupListResponse,
  GroupReorderResult,
  GroupResult,
  ContactsResult,
  ParsedRequest,
} from '../../../../shared/protocol';
import { GROUP_LIMITS, LIMITS, mergeNotes } from '../../../../shared/protocol';
import { AppError } from '../../../../shared/result';
import type { ServerContext } from '../../platform/context';
import { toIso, type Queryable } from '../../platform/db/store';
import { getContact } from '../contacts';

interface GroupRow {
  id: string;
  name: string;
  position: number;
  collapsed: boolean;
  deleted: boolean;
  version: number;
  updated_at: Date | string;
}

interface PlacementRow {
  contact_id: string;
  group_id: string | null;
  pinned: boolean;
  note: string;
  placement_version: number;
}

export function toGroup(row: GroupRow): ContactGroup {
  return {
    id: row.id,
    name: row.name,
    position: Number(row.position),
    collapsed: row.collapsed,
    deleted: row.deleted,
    version: Number(row.version),
    updatedAt: toIso(row.updated_at),
  };
}

function toPlacement(row: PlacementRow): ContactPlacement {
  return {
    memberId: row.contact_id,
    groupId: row.group_id,
    pinned: row.pinned,
    note: row.note,
    version: Number(row.placement_version),
  };
}

/** The user's current version (0 before any change). */
export async function currentVersion(db: Queryable, owner: string): Promise<number> {
  const rows = await db.query<{ version: number }>('select version from contact_sync where owner_id = $1', [
    owner,
  ]);
  return Number(rows[0]?.version ?? 0);
}

/** Increments the user's version and returns it; holds the user's row lock until commit. */
async function bump(tx: Queryable, owner: string): Promise<number> {
  const rows = await tx.query<{ version: number }>(
    `insert into contact_sync (owner_id, version) values ($1, 1)
     on conflict (owner_id) do update set version = contact_sync.version + 1
     returning version`,
    [owner],
  );
  return Number(rows[0]?.version);
}

/**
 * Takes the user's row lock without changing the version, so a read-then-write (e.g. "is this
 * group deleted?") cannot interleave with another device's change.
 */
async function lockUser(tx: Queryable, owner: string): Promise<void> {
  await tx.query(
    `insert into contact_sync (owner_id, version) values ($1, 0)
     on conflict (owner_id) do update set version = contact_sync.version`,
    [owner],
  );
}

async function groupRow(db: Queryable, owner: string, id: string): Promise<GroupRow | null> {
  const rows = await db.query<GroupRow>('select * from contact_groups where owner_id = $1 and id = $2', [
    owner,
    id,
  ]);
  return rows[0] ?? null;
}

async function requireGroup(db: Queryable, owner: string, id: string): Promise<GroupRow> {
  const row = await groupRow(db, owner, id);
  if (!row) throw new AppError('not_found', 'There is no such group.');
  return row;
}

const concurrentSince = (rowVersion: number, base: number | undefined): boolean =>
  base !== undefined && Number(rowVersion) > base;

// ---------------------------------------------------------------------------------------------
// Reads

export async function listGroups(
  db: Queryable,
  owner: string,
  sinceVersion?: number,
): Promise<GroupListResponse> {
  const version = await currentVersion(db, owner);
  const groups =
    sinceVersion === undefined
      ? await db.query<GroupRow>(
          'select * from contact_groups where owner_id = $1 and not deleted order by position, id',
          [owner],
        )
      : await db.query<GroupRow>(
          'select * from contact_groups where owner_id = $1 and version > $2 order by position, id',
          [owner, sinceVersion],
        );
  const placements =
    sinceVersion === undefined
      ? await db.query<PlacementRow>(
          'select contact_id, group_id, pinned, note, placement_version from contacts where owner_id = $1 and listed order by contact_id',
          [owner],
        )
      : await db.query<PlacementRow>(
          `select contact_id, group_id, pinned, note, placement_version from contacts
           where owner_id = $1 and listed and placement_version > $2 order by contact_id`,
          [owner, sinceVersion],
        );
  return { version, groups: groups.map(toGroup), contacts: placements.map(toPlacement) };
}

// ---------------------------------------------------------------------------------------------
// Group edits. Each returns what changed so the feature can tell the other devices.

export interface GroupEdit extends GroupResult {
  /** False when the edit changed nothing (a retry, or a no-op): nothing to broadcast. */
  changed: boolean;
}

export async function createGroup(
  ctx: ServerContext,
  owner: string,
  req: ParsedRequest<'group:create'>,
): Promise<GroupEdit> {
  return ctx.db.transaction(async (tx) => {
    await lockUser(tx, owner);
    if (req.id !== undefined) {
      const existing = await groupRow(tx, owner, req.id);
      // A retry of a create that already went through (the ack was lost): same answer.
      if (existing)
        return {
          version: await currentVersion(tx, owner),
          group: toGroup(existing),
          concurrent: false,
          changed: false,
        };
    }
    const stats = await tx.query<{ n: number; max: number | null }>(
      'select count(*)::int as n, max(position) as max from contact_groups where owner_id = $1 and not deleted',
      [owner],
    );
    const n = Number(stats[0]?.n ?? 0);
    if (n >= GROUP_LIMITS.groups)
      throw new AppError('too_large', `You can have at most ${GROUP_LIMITS.groups} groups.`);
    const max = stats[0]?.max;
    const position = req.position ?? (max === null || max === undefined ? 0 : Number(max) + 1);
    const version = await bump(tx, owner);
    const rows = await tx.query<GroupRow>(
      `insert into contact_groups (owner_id, id, name, position, collapsed, deleted, version, created_at, updated_at)
       values ($1, $2, $3, $4, false, false, $5, $6, $6) returning *`,
      [owner, req.id ?? randomUUID(), req.name, position, version, ctx.now()],
    );
    return { version, group: toGroup(rows[0]!), concurrent: false, changed: true };
  });
}

/** Sets one field of a group. A deleted group stays deleted: the answer is its tombstone. */
async function setGroupField(
  ctx: ServerContext,
  owner: string,
  id: string,
  baseVersion: number | undefined,
  field: 'name' | 'collapsed',
  value: string | boolean,
): Promise<GroupEdit> {
  return ctx.db.transaction(async (tx) => {
    await lockUser(tx, owner);
    const row = await requireGroup(tx, owner, id);
    const concurrent = concurrentSince(row.version, baseVersion);
    if (row.deleted || row[field] === value)
      return { version: await currentVersion(tx, owner), group: toGroup(row), concurrent, changed: false };
    const version = await bump(tx, owner);
    // `field` is one of two literals above, never user input.
    const rows = await tx.query<GroupRow>(
      `update contact_groups set ${field} = $3, version = $4, updated_at = $5
       where owner_id = $1 and id = $2 returning *`,
      [owner, id, value, version, ctx.now()],
    );
    return { version, group: toGroup(rows[0]!), concurrent, changed: true };
  });
}

export function renameGroup(
  ctx: ServerContext,
  owner: string,
  req: ParsedRequest<'group:rename'>,
): Promise<GroupEdit> {
  return setGroupField(ctx, owner, req.id, req.baseVersion, 'name', req.name);
}

export function collapseGroup(
  ctx: ServerContext,
  owner: string,
  req: ParsedRequest<'group:collapse'>,
): Promise<GroupEdit> {
  return setGroupField(ctx, owner, req.id, req.baseVersion, 'collapsed', req.collapsed);
}

export interface ReorderEdit extends GroupReorderResult {
  changed: ContactGroup[];
}

/**
 * Puts the listed live groups first, in the given order; live groups the list does not name
 * (created on another device after the list was made) follow in their current order. Positions
 * become 0, 1, 2 …; only groups whose position changes get the new version.
 */
export async function reorderGroups(
  ctx: ServerContext,
  owner: string,
  req: ParsedRequest<'group:reorder'>,
): Promise<ReorderEdit> {
  return ctx.db.transaction(async (tx) => {
    await lockUser(tx, owner);
    const live = await tx.query<GroupRow>(
      'select * from contact_groups where owner_id = $1 and not deleted order by position, id',
      [owner],
    );
    const byId = new Map(live.map((g) => [g.id, g]));
    const listed = [...new Set(req.order)].filter((id) => byId.has(id));
    const listedSet = new Set(listed);
    const final = [...listed.map((id) => byId.get(id)!), ...live.filter((g) => !listedSet.has(g.id))];
    const moving = final.map((g, i) => ({ g, i })).filter(({ g, i }) => Number(g.position) !== i);
    if (moving.length === 0)
      return { version: await currentVersion(tx, owner), groups: live.map(toGroup), changed: [] };
    const version = await bump(tx, owner);
    const now = ctx.now();
    const changed: ContactGroup[] = [];
    for (const { g, i } of moving) {
      const rows = await tx.query<GroupRow>(
        `update contact_groups set position = $3, version = $4, updated_at = $5
         where owner_id = $1 and id = $2 returning *`,
        [owner, g.id, i, version, now],
      );
      const updated = rows[0]!;
      byId.set(g.id, updated);
      changed.push(toGroup(updated));
    }
    return { version, groups: final.map((g) => toGroup(byId.get(g.id)!)), changed };
  });
}

export interface DeleteEdit extends GroupDeleteResult {
  changed: boolean;
}

/** Deletes a group (tombstone); its contacts move to "Unsorted". Deleting a tombstone is a no-op. */
export async function deleteGroup(
  ctx: ServerContext,
  owner: string,
  req: ParsedRequest<'group:delete'>,
): Promise<DeleteEdit> {
  const edit = await ctx.db.transaction(async (tx) => {
    await lockUser(tx, owner);
    const row = await requireGroup(tx, owner, req.id);
    if (row.deleted)
      return {
        version: await currentVersion(tx, owner),
        group: toGroup(row),
        movedIds: [] as string[],
        changed: false,
      };
    const version = await bump(tx, owner);
    const moved = await tx.query<{ contact_id: string }>(
      `update contacts set group_id = null, placement_version = $3
       where owner_id = $1 and group_id = $2 returning contact_id`,
      [owner, req.id, version],
    );
    const rows = await tx.query<GroupRow>(
      `update contact_groups set deleted = true, version = $3, updated_at = $4
       where owner_id = $1 and id = $2 returning *`,
      [owner, req.id, version, ctx.now()],
    );
    return { version, group: toGroup(rows[0]!), movedIds: moved.map((m) => m.contact_id), changed: true };
  });
  const moved = await contactsOf(ctx, owner, edit.movedIds);
  return { version: edit.version, group: edit.group, moved, changed: edit.changed };
}

// ---------------------------------------------------------------------------------------------
// Contact placement

async function contactsOf(ctx: ServerContext, owner: string, ids: readonly string[]): Promise<Contact[]> {
  const out: Contact[] = [];
  for (const id of [...ids].sort()) {
    const c = await getContact(ctx, owner, id);
    if (c) out.push(c);
  }
  return out;
}

export interface PlacementEdit extends ContactsResult {
  /** Contacts whose placement changed (to broadcast). */
  changed: Contact[];
}

/** Applies one placement field to some of the owner's contacts. Ids that are not contacts are ignored. */
async function setPlacement(
  ctx: ServerContext,
  owner: string,
  memberIds: readonly string[],
  baseVersion: number | undefined,
  field: 'group_id' | 'pinned' | 'note',
  resolve: (tx: Queryable) => Promise<string | boolean | null>,
): Promise<PlacementEdit> {
  const edit = await ctx.db.transaction(async (tx) => {
    await lockUser(tx, owner);
    const existing = await tx.query<PlacementRow>(
      `select contact_id, group_id, pinned, note, placement_version from contacts
       where owner_id = $1 and contact_id = any($2::text[])`,
      [owner, [...new Set(memberIds)]],
    );
    if (existing.length === 0)
      throw new AppError(
        'not_found',
        memberIds.length === 1
          ? `${memberIds[0]} is not in your contacts.`
          : 'None of them is in your contacts.',
      );
    const value = await resolve(tx);
    const concurrent = existing.some((r) => concurrentSince(r.placement_version, baseVersion));
    const toChange = existing.filter((r) => r[field] !== value).map((r) => r.contact_id);
    if (toChange.length === 0)
      return {
        version: await currentVersion(tx, owner),
        ids: existing.map((r) => r.contact_id),
        changedIds: [],
        concurrent,
      };
    const version = await bump(tx, owner);
    // `field` is one of three literals above, never user input.
    await tx.query(
      `update contacts set ${field} = $3, placement_version = $4
       where owner_id = $1 and contact_id = any($2::text[])`,
      [owner, toChange, value, version],
    );
    return { version, ids: existing.map((r) => r.contact_id), changedIds: toChange, concurrent };
  });
  const contacts = await contactsOf(ctx, owner, edit.ids);
  const changedSet = new Set(edit.changedIds);
  return {
    version: edit.version,
    contacts,
    concurrent: edit.concurrent,
    changed: contacts.filter((c) => changedSet.has(c.user.memberId)),
  };
}

/**
 * Moves contacts into a group (null = "Unsorted"). Into a group that was deleted (typically on
 * another device while this one was offline) they go to "Unsorted": never lost.
 */
export function moveContacts(
  ctx: ServerContext,
  owner: string,
  req: ParsedRequest<'contact:move'>,
): Promise<PlacementEdit> {
  return setPlacement(ctx, owner, req.memberIds, req.baseVersion, 'group_id', async (tx) => {
    if (req.groupId === null) return null;
    const g = await requireGroup(tx, owner, req.groupId);
    return g.deleted ? null : g.id;
  });
}

export function pinContact(
  ctx: ServerContext,
  owner: string,
  req: ParsedRequest<'contact:pin'>,
): Promise<PlacementEdit> {
  return setPlacement(ctx, owner, [req.memberId], req.baseVersion, 'pinned', () =>
    Promise.resolve(req.pinned),
  );
}

/**
 * Sets the private note. The note is free text, so a concurrent edit (another device changed the
 * note after this edit's base) is merged with `mergeNotes` instead of overwriting it: with
 * `baseNote`, "concurrent" means the stored note is no longer that text; without it (older
 * clients), that the contact's placement changed after `baseVersion`. Runs under the user's row
 * lock (setPlacement), so the stored note cannot change between the read and the write.
 */
export async function noteContact(
  ctx: ServerContext,
  owner: string,
  req: ParsedRequest<'contact:note'>,
): Promise<PlacementEdit> {
  let mergedTexts = false;
  const edit = await setPlacement(ctx, owner, [req.memberId], req.baseVersion, 'note', async (tx) => {
    const rows = await tx.query<{ note: string; placement_version: number }>(
      'select note, placement_version from contacts where owner_id = $1 and contact_id = $2',
      [owner, req.memberId],
    );
    const stored = rows[0]?.note ?? '';
    if (stored === req.note) return req.note; // a retry, or both devices wrote the same
    const concurrent =
      req.baseNote !== undefined
        ? stored !== req.baseNote
        : concurrentSince(Number(rows[0]?.placement_version ?? 0), req.baseVersion);
    if (!concurrent) return req.note;
    const merged = mergeNotes(stored, req.note);
    if (merged === null)
      throw new AppError(
        'too_large',
        `The note was changed on another device too; both versions together are longer than ${LIMITS.note} characters.`,
      );
    mergedTexts = merged !== req.note;
    return merged;
  });
  // The device learns from `concurrent` that its text was merged with another device's.
  return mergedTexts ? { ...edit, concurrent: true } : edit;
}
