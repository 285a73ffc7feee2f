/**
 * Contact groups in IndexedDB: what the server said (group:list, acks, events) and what the user
 * did offline (the `groupEdits` queue). Every local edit is applied to the tables at once (the UI
 * reads them) and queued with the `baseVersion` this device had synced; `replayGroupEdits` sends
 * the queue in order when connected. docs/protocol.md § "Contact groups and requests".
 */
import type {
  Contact,
  ContactGroup,
  ContactPlacement,
  ContactRequest,
  GroupListResponse,
  RequestName,
  RequestPayload,
  ResponseMap,
} from '../../../../shared/protocol';
import type { Result } from '../../../../shared/result';
import { upsertContact } from '../../db/repo';
import type { TradewindDb } from '../../db/schema';
import { applyEditToGroups, type GroupLike } from './tree';
import type { GroupEdit, GroupEditRow } from './rows';

export async function groupVersion(db: TradewindDb): Promise<number> {
  const row = await db.prefs.get('groupVersion');
  return row?.key === 'groupVersion' ? row.value : 0;
}

/** Applies one edit to the local tables (optimistically, before the server has it). */
async function applyLocally(db: TradewindDb, edit: GroupEdit): Promise<void> {
  switch (edit.kind) {
    case 'create':
    case 'rename':
    case 'collapse':
    case 'reorder':
    case 'delete': {
      const before: GroupLike[] = await db.groups.toArray();
      const after = applyEditToGroups(before, edit, new Date().toISOString());
      await db.groups.bulkPut(after);
      if (edit.kind === 'delete') {
        // Its contacts go to "Unsorted", as the server will do.
        await db.contacts.where('memberId').anyOf(await contactIdsIn(db, edit.id)).modify({ groupId: null });
      }
      return;
    }
    case 'move':
      await db.contacts.where('memberId').anyOf(edit.memberIds).modify({ groupId: edit.groupId });
      return;
    case 'pin':
      await db.contacts.update(edit.memberId, { pinned: edit.pinned });
      return;
    case 'note':
      await db.contacts.update(edit.memberId, { note: edit.note });
      return;
  }
}

async function contactIdsIn(db: TradewindDb, groupId: string): Promise<string[]> {
  return (await db.contacts.toArray()).filter((c) => c.groupId === groupId).map((c) => c.memberId);
}

/** The user edited the tree: apply it here at once and queue it for the server. */
export async function editGroups(db: TradewindDb, edit: GroupEdit): Promise<void> {
  await db.transaction('rw', [db.groups, db.groupEdits, db.contacts, db.prefs], async () => {
    await applyLocally(db, edit);
    await db.groupEdits.add({ edit, baseVersion: await groupVersion(db), createdAt: new Date().toISOString() });
  });
}

function applyPlacement(db: TradewindDb, p: ContactPlacement): Promise<number> {
  return db.contacts.update(p.memberId, { groupId: p.groupId, pinned: p.pinned, note: p.note });
}

/**
 * Stores a `group:list` answer. A full list (no `sinceVersion`) replaces the groups; a delta
 * updates them. Queued edits are applied again on top, so the tree does not flicker back to the
 * server's state before they are replayed.
 */
export async function applyGroupList(db: TradewindDb, list: GroupListResponse, full: boolean): Promise<void> {
  await db.transaction('rw', [db.groups, db.groupEdits, db.contacts, db.prefs], async () => {
    if (full) await db.groups.clear();
    await db.groups.bulkPut(list.groups);
    for (const p of list.contacts) await applyPlacement(db, p);
    const prev = await groupVersion(db);
    await db.prefs.put({ key: 'groupVersion', value: full ? list.version : Math.max(prev, list.version) });
    for (const row of await db.groupEdits.orderBy('id').toArray()) await applyLocally(db, row.edit);
  });
}

/** A `group:changed` event from another device of mine. The version is left to the next pull. */
export async function applyGroupChanged(db: TradewindDb, group: ContactGroup): Promise<void> {
  const prev = await db.groups.get(group.id);
  if (!prev || prev.version <= group.version) await db.groups.put(group);
}

async function upsertAll(db: TradewindDb, contacts: readonly Contact[]): Promise<void> {
  for (const c of contacts) await upsertContact(db, c);
}

type Requester = <N extends RequestName>(name: N, payload: RequestPayload<N>) => Promise<Result<ResponseMap[N]>>;

function send(request: Requester, edit: GroupEdit, baseVersion: number): Promise<Result<unknown>> {
  switch (edit.kind) {
    case 'create':
      return request('group:create', { id: edit.id, name: edit.name, position: edit.position });
    case 'rename':
      return request('group:rename', { id: edit.id, name: edit.name, baseVersion });
    case 'collapse':
      return request('group:collapse', { id: edit.id, collapsed: edit.collapsed, baseVersion });
    case 'reorder':
      return request('group:reorder', { order: edit.order, baseVersion });
    case 'delete':
      return request('group:delete', { id: edit.id, baseVersion });
    case 'move':
      return request('contact:move', { memberIds: edit.memberIds, groupId: edit.groupId, baseVersion });
    case 'pin':
      return request('contact:pin', { memberId: edit.memberId, pinned: edit.pinned, baseVersion });
    case 'note':
      return request('contact:note', { memberId: edit.memberId, note: edit.note, baseVersion });
  }
}

async function applyAck(db: TradewindDb, value: unknown): Promise<void> {
  const v = value as Partial<{ group: ContactGroup; groups: ContactGroup[]; contacts: Contact[]; moved: Contact[] }>;
  if (v.group) await applyGroupChanged(db, v.group);
  if (v.groups) for (const g of v.groups) await applyGroupChanged(db, g);
  if (v.contacts) await upsertAll(db, v.contacts);
  if (v.moved) await upsertAll(db, v.moved);
}

/**
 * Sends the queued edits in order. Stops (keeping the rest) when the connection fails; drops an
 * edit the server refuses (a group that no longer exists …) and reports that a full pull is due.
 * Returns whether anything was sent.
 */
export async function replayGroupEdits(
  db: TradewindDb,
  request: Requester,
): Promise<{ sent: number; refused: number; stopped: boolean }> {
  let sent = 0;
  let refused = 0;
  for (;;) {
    const row: GroupEditRow | undefined = await db.groupEdits.orderBy('id').first();
    if (!row || row.id === undefined) return { sent, refused, stopped: false };
    const r = await send(request, row.edit, row.baseVersion);
    if (!r.ok && (r.code === 'offline' || r.code === 'timeout' || r.code === 'rate_limited')) {
      return { sent, refused, stopped: true };
    }
    await db.transaction('rw', [db.groups, db.groupEdits, db.contacts], async () => {
      if (r.ok) await applyAck(db, r.value);
      await db.groupEdits.delete(row.id);
    });
    if (r.ok) sent++;
    else refused++;
  }
}

/** Replaces the stored contact requests with the server's list. */
export async function replaceContactRequests(db: TradewindDb, list: readonly ContactRequest[]): Promise<void> {
  await db.transaction('rw', db.contactRequests, async () => {
    await db.contactRequests.clear();
    await db.contactRequests.bulkPut(list.map((r) => ({ ...r, memberId: r.user.memberId })));
  });
}

export async function applyContactRequest(db: TradewindDb, r: ContactRequest): Promise<void> {
  await db.contactRequests.put({ ...r, memberId: r.user.memberId });
}
