/**
 * Contact requests: a user whose policy is "ask me first" (`contact_policy = 'ask'`) is not added
 * straight away; `contact:add` creates a request they can accept or decline.
 *
 * - Accepting lists both users in each other's contacts (each then sees the other's presence).
 * - Declining is silent: the requester keeps seeing the request as pending, is not told, and a
 *   repeated `contact:add` does not ask again.
 * - A request from someone the recipient blocked is stored but never shown or announced.
 * - If the recipient already lists the requester, or asked them first, there is nothing to ask:
 *   the add goes through as usual.
 * - While a request is pending, the requester sees the other user's card with presence
 *   "offline" and no last seen: presence is for contacts only.
 */
import type { Contact, ContactRequest } from '../../../../shared/protocol';
import { AppError } from '../../../../shared/result';
import type { Caller } from '../../platform/socket/registry';
import type { ServerContext } from '../../platform/context';
import { toIso, type Queryable } from '../../platform/db/store';
import { getContact, hasBlocked } from './service';
import { getUser, toPublicUser, type UserRow } from '../auth';

interface RequestRow {
  from_id: string;
  to_id: string;
  state: 'pending' | 'accepted' | 'declined';
  created_at: Date | string;
  updated_at: Date | string;
}

async function requestRow(db: Queryable, from: string, to: string): Promise<RequestRow | null> {
  const rows = await db.query<RequestRow>(
    'select * from contact_requests where from_id = $1 and to_id = $2',
    [from, to],
  );
  return rows[0] ?? null;
}

async function lists(db: Queryable, owner: string, other: string): Promise<boolean> {
  const rows = await db.query('select 1 from contacts where owner_id = $1 and contact_id = $2 and listed', [
    owner,
    other,
  ]);
  return rows.length > 0;
}

/** A request as `viewer` sees it: a declined outgoing request still reads "pending". */
function view(row: RequestRow, viewer: string, other: UserRow): ContactRequest {
  const outgoing = row.from_id === viewer;
  return {
    direction: outgoing ? 'outgoing' : 'incoming',
    user: toPublicUser(other),
    state: outgoing && row.state === 'declined' ? 'pending' : row.state,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** The card the requester sees while waiting: the public profile, presence hidden. */
function pendingCard(other: UserRow, at: Date): Contact {
  return {
    user: toPublicUser(other),
    blocked: false,
    presence: { memberId: other.member_id, state: 'offline', lastSeen: null },
    groupId: null,
    pinned: false,
    note: '',
    addedAt: at.toISOString(),
  };
}

/**
 * Called by `contact:add` before it adds anyone. Returns null when the add may go through as
 * usual (policy "anyone", already related, or an error the normal path reports); otherwise
 * handles the request and returns the card to answer with.
 */
export async function addOrRequest(
  ctx: ServerContext,
  caller: Caller,
  otherId: string,
): Promise<Contact | null> {
  const me = caller.memberId;
  if (otherId === me) return null;
  const other = await getUser(ctx.db, otherId);
  if (!other) return null;
  // They asked me first (to add me, or by writing to me: a message request): adding them answers
  // their request, whatever their own policy.
  const theirs = await requestRow(ctx.db, otherId, me);
  if (theirs && theirs.state !== 'accepted') return acceptRequest(ctx, caller, otherId);
  if (other.contact_policy !== 'ask') return null;
  if ((await lists(ctx.db, me, otherId)) || (await lists(ctx.db, otherId, me))) return null;

  const now = ctx.now();
  const { row, isNew } = await ctx.db.transaction(async (tx) => {
    const existing = await tx.query<RequestRow>(
      'select * from contact_requests where from_id = $1 and to_id = $2 for update',
      [me, otherId],
    );
    const prev = existing[0];
    // Pending stays pending (no second notification); declined stays declined (silent).
    if (prev && prev.state !== 'accepted') return { row: prev, isNew: false };
    const rows = await tx.query<RequestRow>(
      `insert into contact_requests (from_id, to_id, state, created_at, updated_at) values ($1, $2, 'pending', $3, $3)
       on conflict (from_id, to_id) do update set state = 'pending', created_at = $3, updated_at = $3
       returning *`,
      [me, otherId, now],
    );
    return { row: rows[0]!, isNew: true };
  });
  if (isNew) {
    const meRow = await getUser(ctx.db, me);
    if (meRow && !(await hasBlocked(ctx.db, otherId, me))) {
      ctx.emitToUser(otherId, 'contactRequest:received', view(row, otherId, meRow));
    }
    ctx.emitToUser(me, 'contactRequest:changed', view(row, me, other), { exceptSocket: caller.socketId });
  }
  return pendingCard(other, now);
}

/**
 * Pending requests to me (not from people I blocked) and my own unanswered ones. With `all`
 * (issue 11), also the incoming ones I ignored and those from people I blocked: a client needs
 * them to keep those people's messages out of its chat list, and shows none of them as a request.
 */
export async function listRequests(ctx: ServerContext, me: string, all = false): Promise<ContactRequest[]> {
  const rows = await ctx.db.query<RequestRow & UserRow>(
    `select r.from_id, r.to_id, r.state, r.created_at, r.updated_at, u.*
     from contact_requests r join users u on u.member_id = case when r.from_id = $1 then r.to_id else r.from_id end
     where (r.to_id = $1 and $2 and r.state <> 'accepted')
        or (r.to_id = $1 and r.state = 'pending'
            and not exists (select 1 from contacts b where b.owner_id = $1 and b.contact_id = r.from_id and b.blocked))
        or (r.from_id = $1 and r.state in ('pending', 'declined'))
     order by r.created_at, r.from_id, r.to_id`,
    [me, all],
  );
  return rows.map((r) => view(r, me, r));
}

/**
 * Accepts the request from `requester` (a declined one may still be accepted later): both list
 * each other, both sides' devices hear about it, and each starts seeing the other's presence.
 */
export async function acceptRequest(ctx: ServerContext, caller: Caller, requester: string): Promise<Contact> {
  const me = caller.memberId;
  const now = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const rows = await tx.query<RequestRow>(
      `update contact_requests set state = 'accepted', updated_at = $3
       where from_id = $1 and to_id = $2 returning *`,
      [requester, me, now],
    );
    const updated = rows[0];
    if (!updated) throw new AppError('not_found', `${requester} has not asked to add you.`);
    for (const [owner, other] of [
      [requester, me],
      [me, requester],
    ] as const) {
      await tx.query(
        `insert into contacts (owner_id, contact_id, listed, blocked, added_at) values ($1, $2, true, false, $3)
         on conflict (owner_id, contact_id) do update set listed = true`,
        [owner, other, now],
      );
    }
    return updated;
  });
  const [mine, theirs] = await Promise.all([getContact(ctx, me, requester), getContact(ctx, requester, me)]);
  const [meRow, requesterRow] = await Promise.all([getUser(ctx.db, me), getUser(ctx.db, requester)]);
  if (theirs) ctx.emitToUser(requester, 'contact:changed', { kind: 'upsert', contact: theirs });
  if (mine)
    ctx.emitToUser(
      me,
      'contact:changed',
      { kind: 'upsert', contact: mine },
      { exceptSocket: caller.socketId },
    );
  if (meRow) ctx.emitToUser(requester, 'contactRequest:changed', view(row, requester, meRow));
  if (requesterRow)
    ctx.emitToUser(me, 'contactRequest:changed', view(row, me, requesterRow), {
      exceptSocket: caller.socketId,
    });
  await ctx.presence.tellIfWatching(requester, me);
  await ctx.presence.tellIfWatching(me, requester);
  if (!mine) throw new AppError('internal', 'The contact could not be read back.');
  return mine;
}

/** Declines silently: only my other devices hear about it. */
export async function declineRequest(ctx: ServerContext, caller: Caller, requester: string): Promise<void> {
  const me = caller.memberId;
  const rows = await ctx.db.query<RequestRow>(
    `update contact_requests set state = 'declined', updated_at = $3
     where from_id = $1 and to_id = $2 and state = 'pending' returning *`,
    [requester, me, ctx.now()],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', `There is no pending request from ${requester}.`);
  const requesterRow = await getUser(ctx.db, requester);
  if (requesterRow)
    ctx.emitToUser(me, 'contactRequest:changed', view(row, me, requesterRow), {
      exceptSocket: caller.socketId,
    });
}
