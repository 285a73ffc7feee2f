/**
 * Contact groups in IndexedDB: what the server said (group:list, acks, events) and what the user
 * did offline (the `groupEdits` queue). Every local edit is applied to the tables at once (the UI
 * reads them) and queued with the `baseVersion` this device had synced; `replayGroupEdits` sends
 * the queue in order when connected. The rules live in groupQueue.ts (pure, unit-tested). docs/protocol.md § "Contact groups and requests".
 */
import type {
  Contact,
  ContactGroup,
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
import {
  mergeGroupList,
  placementsTouched,
  replayQueue,
  type EditQueue,
  type ReplayOutcome,
} from './groupQueue';
import type { GroupEdit, RefusedEdit } from '../../db/rows/contacts';

export async function groupVersion(db: TradewindDb): Promise<number> {
  const row = await db.prefs.get('groupVersion');
  return row?.key === 'groupVersion' ? row.value : 0;
}

/** Applies one edit to the local tables (optimistically, before the server has it). */
async function applyLocally(db: TradewindDb, edit: GroupEdit): Promise<void> {
  const before: GroupLike[] = await db.groups.toArray();
  await db.groups.bulkPut(applyEditToGroups(before, edit, new Date().toISOString()));
  switch (edit.kind) {
    case 'delete':
      // Its contacts go to "Unsorted", as the server will do.
      await db.contacts
        .where('memberId')
        .anyOf(await contactIdsIn(db, edit.id))
        .modify({ groupId: null });
      return;
    case 'move':
      await db.contacts.where('memberId').anyOf(edit.memberIds).modify({ groupId: edit.groupId });
      return;
    case 'pin':
      await db.contacts.update(edit.memberId, { pinned: edit.pinned });
      return;
    case 'note':
      await db.contacts.update(edit.memberId, { note: edit.note });
      return;
    default:
      return;
  }
}

async function contactIdsIn(db: TradewindDb, groupId: string): Promise<string[]> {
  return (await db.contacts.toArray()).filter((c) => c.groupId === groupId).map((c) => c.memberId);
}

/** The user edited the tree: apply it here at once and queue it for the server. */
export async function editGroups(db: TradewindDb, edit: GroupEdit): Promise<void> {
  await db.transaction('rw', [db.groups, db.groupEdits, db.contacts, db.prefs], async () => {
    if (edit.kind === 'note' && edit.baseNote === undefined) {
      // The stored note already holds every earlier queued edit: each replays onto the previous.
      edit = { ...edit, baseNote: (await db.contacts.get(edit.memberId))?.note ?? '' };
    }
    await applyLocally(db, edit);
    await db.groupEdits.add({
      edit,
      baseVersion: await groupVersion(db),
      createdAt: new Date().toISOString(),
    });
  });
}

/**
 * Stores a `group:list` answer (a full list replaces the groups, a delta updates them) with the
 * queued edits applied again on top (`mergeGroupList`).
 */
export async function applyGroupList(db: TradewindDb, list: GroupListResponse, full: boolean): Promise<void> {
  await db.transaction('rw', [db.groups, db.groupEdits, db.contacts, db.prefs], async () => {
    const queued = (await db.groupEdits.orderBy('id').toArray()).map((r) => r.edit);
    const touched = placementsTouched(list, full, queued);
    const contacts = touched
      ? (await db.contacts.bulkGet([...touched])).filter((c) => c !== undefined)
      : await db.contacts.toArray();
    const next = mergeGroupList(
      { groups: await db.groups.toArray(), placements: contacts, version: await groupVersion(db) },
      list,
      full,
      queued,
      new Date().toISOString(),
    );
    if (full) await db.groups.clear();
    await db.groups.bulkPut(next.groups);
    const before = new Map(contacts.map((c) => [c.memberId, c]));
    const changed = next.placements.filter((p) => {
      const b = before.get(p.memberId);
      return !b || b.groupId !== p.groupId || b.pinned !== p.pinned || b.note !== p.note;
    });
    await db.contacts.bulkPut(changed);
    await db.prefs.put({ key: 'groupVersion', value: next.version });
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

export type Requester = <N extends RequestName>(
  name: N,
  payload: RequestPayload<N>,
) => Promise<Result<ResponseMap[N]>>;

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
      return request('contact:note', {
        memberId: edit.memberId,
        note: edit.note,
        baseVersion,
        baseNote: edit.baseNote,
      });
  }
}

async function applyAck(db: TradewindDb, value: unknown): Promise<void> {
  const v = value as Partial<{
    group: ContactGroup;
    groups: ContactGroup[];
    contacts: Contact[];
    moved: Contact[];
  }>;
  if (v.group) await applyGroupChanged(db, v.group);
  if (v.groups) for (const g of v.groups) await applyGroupChanged(db, g);
  if (v.contacts) await upsertAll(db, v.contacts);
  if (v.moved) await upsertAll(db, v.moved);
}

/** The Dexie side of the replay loop (`replayQueue`): acks stored, refusals remembered for the user. */
function dexieQueue(db: TradewindDb): EditQueue {
  return {
    head: () => db.groupEdits.orderBy('id').first(),
    acked: (row, value) =>
      db.transaction('rw', [db.groups, db.groupEdits, db.contacts], async () => {
        await applyAck(db, value);
        if (row.id !== undefined) await db.groupEdits.delete(row.id);
      }),
    refused: (row, failure) =>
      db.transaction('rw', [db.groupEdits, db.prefs], async () => {
        if (row.id !== undefined) await db.groupEdits.delete(row.id);
        await db.prefs.put({ key: 'groupEditRefused', value: refusal(row.edit, failure.code) });
      }),
    deferred: async (row, patch) => {
      if (row.id !== undefined) await db.groupEdits.update(row.id, patch);
    },
  };
}

function refusal(edit: GroupEdit, code: RefusedEdit['code']): RefusedEdit {
  const at = new Date().toISOString();
  switch (edit.kind) {
    case 'note':
      return { kind: edit.kind, code, memberId: edit.memberId, note: edit.note, at };
    case 'pin':
      return { kind: edit.kind, code, memberId: edit.memberId, at };
    case 'move':
      return { kind: edit.kind, code, memberId: edit.memberIds[0], at };
    default:
      return { kind: edit.kind, code, at };
  }
}

/**
 * Sends the queued edits in order (`replayQueue`): an edit the server refuses for good is dropped
 * and remembered for the user; one that failed for now stays at the head with backoff.
 */
export function replayGroupEdits(
  db: TradewindDb,
  request: Requester,
  now: () => number = Date.now,
): Promise<ReplayOutcome> {
  return replayQueue(dexieQueue(db), (row) => send(request, row.edit, row.baseVersion), now);
}

/** Replaces the stored contact requests with the server's list. */
export async function replaceContactRequests(
  db: TradewindDb,
  list: readonly ContactRequest[],
): Promise<void> {
  await db.transaction('rw', db.contactRequests, async () => {
    await db.contactRequests.clear();
    await db.contactRequests.bulkPut(list.map((r) => ({ ...r, memberId: r.user.memberId })));
  });
}

export async function applyContactRequest(db: TradewindDb, r: ContactRequest): Promise<void> {
  await db.contactRequests.put({ ...r, memberId: r.user.memberId });
}
