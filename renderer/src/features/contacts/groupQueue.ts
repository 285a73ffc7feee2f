/**
 * The rules of the offline group-edit queue, apart from IndexedDB and the socket so that
 * groupQueue.test.ts checks them with plain objects and a fake requester: which failures drop an
 * edit and which keep it for a later try (with backoff), how a `group:list` answer and the queued
 * edits combine into what the tree shows, and the replay loop itself. groupRepo.ts binds them to
 * Dexie. docs/protocol.md § "Contact groups and requests".
 */
import type { ContactPlacement, GroupListResponse } from '../../../../shared/protocol';
import type { ErrorCode, Failure, Result } from '../../../../shared/result';
import { backoffMs } from '../../domain/outboxPolicy';
import type { GroupEdit, GroupEditRow } from '../../db/rows/contacts';
import { applyEditToGroups, type GroupLike } from './tree';

/**
 * Errors after which sending the same edit again can never succeed: the group or contact is gone,
 * the payload is invalid or over a limit, the server forbids it. Such an edit is dropped (and the
 * user told). Every other failure keeps the edit queued: `offline` until the next connect, the
 * rest (`timeout`, `rate_limited`, `internal`, `unauthenticated`, `unsupported` …) with backoff.
 */
const PERMANENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'not_found',
  'bad_request',
  'too_large',
  'forbidden',
  'conflict',
  'blocked',
  'invalid_credentials',
]);

export type FailureAction = 'stop' | 'retry' | 'drop';

/** What to do with the queue head after the server (or the transport) answered `code`. */
export function failureAction(code: ErrorCode): FailureAction {
  if (code === 'offline') return 'stop';
  return PERMANENT.has(code) ? 'drop' : 'retry';
}

/** A contact's placement fields, as stored locally. */
export interface PlacementLike {
  memberId: string;
  groupId: string | null;
  pinned: boolean;
  note: string;
}

/** Applies one edit to contact placements (moves, pins, notes; a deleted group's contacts go to Unsorted). */
export function applyEditToPlacements<P extends PlacementLike>(
  placements: readonly P[],
  edit: GroupEdit,
): P[] {
  switch (edit.kind) {
    case 'move': {
      const ids = new Set(edit.memberIds);
      return placements.map((p) => (ids.has(p.memberId) ? { ...p, groupId: edit.groupId } : p));
    }
    case 'pin':
      return placements.map((p) => (p.memberId === edit.memberId ? { ...p, pinned: edit.pinned } : p));
    case 'note':
      return placements.map((p) => (p.memberId === edit.memberId ? { ...p, note: edit.note } : p));
    case 'delete':
      return placements.map((p) => (p.groupId === edit.id ? { ...p, groupId: null } : p));
    default:
      return [...placements];
  }
}

export interface TreeState<P extends PlacementLike = PlacementLike> {
  groups: GroupLike[];
  placements: P[];
  version: number;
}

/**
 * The tree after a `group:list` answer: a full list replaces the groups, a delta updates them;
 * placements the server sent replace the local ones; the version moves forward (a full list sets
 * it). The queued edits are applied again on top, in order, so the tree does not flicker back to
 * the server's state before they are replayed.
 */
export function mergeGroupList<P extends PlacementLike>(
  state: TreeState<P>,
  list: GroupListResponse,
  full: boolean,
  queued: readonly GroupEdit[],
  now: string,
): TreeState<P> {
  const byId = new Map<string, GroupLike>(full ? [] : state.groups.map((g) => [g.id, g]));
  for (const g of list.groups) byId.set(g.id, g);
  const fromServer = new Map<string, ContactPlacement>(list.contacts.map((p) => [p.memberId, p]));
  let groups: GroupLike[] = [...byId.values()];
  let placements: P[] = state.placements.map((p) => {
    const s = fromServer.get(p.memberId);
    return s ? { ...p, groupId: s.groupId, pinned: s.pinned, note: s.note } : p;
  });
  for (const edit of queued) {
    groups = applyEditToGroups(groups, edit, now);
    placements = applyEditToPlacements(placements, edit);
  }
  return { groups, placements, version: full ? list.version : Math.max(state.version, list.version) };
}

/**
 * The contacts whose placement a `group:list` answer can change (`mergeGroupList`): those the
 * answer names and those the queued edits name; null when that needs every contact (a full list,
 * a queued group delete). A reconnect's delta is usually empty: it reads no contacts, not all of a
 * seller's 10,000 (issue 10).
 */
export function placementsTouched(
  list: GroupListResponse,
  full: boolean,
  queued: readonly GroupEdit[],
): Set<string> | null {
  if (full) return null;
  const ids = new Set(list.contacts.map((p) => p.memberId));
  for (const edit of queued) {
    if (edit.kind === 'delete') return null;
    if (edit.kind === 'move') for (const id of edit.memberIds) ids.add(id);
    if (edit.kind === 'pin' || edit.kind === 'note') ids.add(edit.memberId);
  }
  return ids;
}

/** The queue as the replay loop sees it; groupRepo.ts implements it on Dexie, tests in memory. */
export interface EditQueue {
  /** The oldest queued edit, or undefined when the queue is empty. */
  head(): Promise<GroupEditRow | undefined>;
  /** The server accepted the edit: store what it answered and remove the edit. */
  acked(row: GroupEditRow, value: unknown): Promise<void>;
  /** The server refused the edit for good: remove it and tell the user. */
  refused(row: GroupEditRow, failure: Failure): Promise<void>;
  /** The edit failed for now: keep it, with its next attempt time. */
  deferred(
    row: GroupEditRow,
    patch: Required<Pick<GroupEditRow, 'attempts' | 'nextAttemptAt' | 'lastError'>>,
  ): Promise<void>;
}

export interface ReplayOutcome {
  sent: number;
  /** Edits the server refused for good (dropped). */
  refused: number;
  /** The loop stopped with edits left (offline, or the head waits for its backoff). */
  stopped: boolean;
  /** When the head may be tried again (ms since epoch), or null: on the next connect or edit. */
  retryAt: number | null;
}

/**
 * Sends the queued edits strictly in order, one at a time. The head that waits for its backoff
 * holds the queue (later edits may depend on it: a move into a group created offline).
 */
export async function replayQueue(
  queue: EditQueue,
  send: (row: GroupEditRow) => Promise<Result<unknown>>,
  now: () => number = Date.now,
  random: () => number = Math.random,
): Promise<ReplayOutcome> {
  let sent = 0;
  let refused = 0;
  for (;;) {
    const row = await queue.head();
    if (!row) return { sent, refused, stopped: false, retryAt: null };
    if ((row.nextAttemptAt ?? 0) > now())
      return { sent, refused, stopped: true, retryAt: row.nextAttemptAt ?? null };
    const r = await send(row);
    if (r.ok) {
      await queue.acked(row, r.value);
      sent++;
      continue;
    }
    const action = failureAction(r.code);
    if (action === 'stop') return { sent, refused, stopped: true, retryAt: null };
    if (action === 'drop') {
      await queue.refused(row, r);
      refused++;
      continue;
    }
    const attempts = (row.attempts ?? 0) + 1;
    const nextAttemptAt = now() + backoffMs(attempts, random);
    await queue.deferred(row, { attempts, nextAttemptAt, lastError: r.code });
    return { sent, refused, stopped: true, retryAt: nextAttemptAt };
  }
}
