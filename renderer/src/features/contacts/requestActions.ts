/**
 * What the Requests list, the conversation's request bar, the chat header and the contact menu do
 * (issue 11): add (or ask), accept, ignore, block and unblock — each a request to the server,
 * then the answer written to IndexedDB, which every view reads. None is queued offline: the user
 * sees the error sentence and can try again.
 */
import { conversationIdFor } from '../../../../shared/protocol';
import type { ErrorCode } from '../../../../shared/result';
import { replaceContacts, upsertContact } from '../../db/repo';
import type { SyncEngine } from '../../sync/engine';
import type { TradewindDb } from '../../db/schema';
import { applyContactRequest, replaceContactRequests } from './groupRepo';

export type ActionResult = { ok: true } | { ok: false; code: ErrorCode };

/**
 * `contact:add` for someone whose policy is "ask me first" answers with their card but does not
 * make them a contact: it creates a pending request. Tell the two apart by the request list.
 */
export async function addContactOrRequest(
  engine: SyncEngine,
  db: TradewindDb,
  memberId: string,
): Promise<{ ok: true; kind: 'added' | 'requested'; name: string } | { ok: false; code: ErrorCode }> {
  const r = await engine.request('contact:add', { memberId });
  if (!r.ok) return { ok: false, code: r.code };
  const requests = await engine.request('contactRequest:list', { all: true });
  const pending =
    requests.ok &&
    requests.value.some(
      (q) => q.direction === 'outgoing' && q.state === 'pending' && q.user.memberId === r.value.user.memberId,
    );
  if (requests.ok) await replaceContactRequests(db, requests.value);
  if (pending) return { ok: true, kind: 'requested', name: r.value.user.displayName };
  await upsertContact(db, r.value);
  return { ok: true, kind: 'added', name: r.value.user.displayName };
}

/** Accepts `memberId`'s request: both become contacts; their conversation moves to the chat list. */
export async function acceptRequest(
  engine: SyncEngine,
  db: TradewindDb,
  memberId: string,
): Promise<ActionResult> {
  const r = await engine.request('contactRequest:accept', { memberId });
  if (!r.ok) return { ok: false, code: r.code };
  await upsertContact(db, r.value);
  const row = await db.contactRequests.get(memberId);
  if (row) await applyContactRequest(db, { ...row, state: 'accepted' });
  // Receipts were held back while it was a request; the conversation now owes them.
  void engine.confirmReceipts(conversationIdFor(engine.me, memberId));
  return { ok: true };
}

/** Ignores `memberId`'s request (silently: they are not told); their messages stay stored, out of sight. */
export async function ignoreRequest(
  engine: SyncEngine,
  db: TradewindDb,
  memberId: string,
): Promise<ActionResult> {
  const r = await engine.request('contactRequest:decline', { memberId });
  if (!r.ok) return { ok: false, code: r.code };
  const row = await db.contactRequests.get(memberId);
  if (row) await applyContactRequest(db, { ...row, state: 'declined' });
  return { ok: true };
}

/**
 * Blocks or unblocks `memberId` (from a request, the chat header or the contact menu). After an
 * unblock the whole list is read again: unblocking someone who is not in my list leaves no entry,
 * and the answer's card cannot say so.
 */
export async function setBlocked(
  engine: SyncEngine,
  db: TradewindDb,
  memberId: string,
  blocked: boolean,
): Promise<ActionResult> {
  const r = await engine.request('contact:block', { memberId, blocked });
  if (!r.ok) return { ok: false, code: r.code };
  if (blocked) {
    await upsertContact(db, r.value);
    return { ok: true };
  }
  const list = await engine.request('contact:list', {});
  if (list.ok) await replaceContacts(db, list.value);
  else await upsertContact(db, r.value);
  return { ok: true };
}
