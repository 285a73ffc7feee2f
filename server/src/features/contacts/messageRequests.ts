/**
 * Message requests and the daily limit of new people (issue 11; docs/protocol.md § Message
 * requests). A message from someone who is not the recipient's contact, to a recipient whose
 * policy is "ask me first", is stored like any other message, and it opens a contact request
 * (the same `contact_requests` row `contact:add` makes): the recipient's client holds the
 * conversation in its Requests list until the request is accepted. Accepting lists both users in
 * each other's contacts; ignoring (declining) is silent; blocking works as always.
 *
 * `message:send` asks `gateSend` once per send — primary-key lookups, in one statement with the
 * other sends of the moment — before it stores anything, and calls `afterSend` once the message is
 * stored. In a conversation that exists, the gate has nothing to decide (the daily limit and new
 * requests are about conversations that do not exist yet), and conversations are never deleted:
 * so the node remembers the ones it has seen exist and asks nothing before their sends; whether
 * the message answers the recipient's request is read by the group commit itself
 * (`RecipientFacts.requestToSender`).
 */
import { RateLimiterRes } from 'rate-limiter-flexible';
import { conversationIdFor } from '../../../../shared/protocol';
import type { Caller } from '../../platform/socket/registry';
import type { RecipientFacts, ServerContext } from '../../platform/context';
import { batchedLookup } from '../../platform/db/batched';
import { toIso } from '../../platform/db/store';
import { rateLimited, waitSentence } from '../../platform/limits/limits';
import { getUser, toPublicUser } from '../auth';
import { acceptRequest } from './requests';

/** What one send means for requests and the daily limit (from `gateSend`). */
export interface SendGate {
  /** No conversation yet and the recipient does not list the sender: a new person for the daily limit. */
  newPerson: boolean;
  /** The send opened a request (its first message); the request's events go out once it is stored. */
  opened: boolean;
}

/**
 * A bounded set that keeps what is in use: two generations of at most `generation` keys each. A
 * key is added to the young one; when that is full it becomes the old one and the previous old
 * one is dropped; a key found in the old one moves to the young one. So it holds at most
 * 2 × `generation` keys, and every key used among the last `generation` additions.
 *
 * Instead of lru-cache here: `has` is one or two `Set` lookups, without the recency list that
 * lru-cache's `get` updates on every call — this is asked once per `message:send` (issue 9:
 * lru-cache's `get` was ~1 % of the socket thread's CPU on PostgreSQL, bench/README.md).
 */
export class RecentSet {
  private young = new Set<string>();
  private old = new Set<string>();
  constructor(private readonly generation: number) {}
  has(key: string): boolean {
    if (this.young.has(key)) return true;
    if (!this.old.has(key)) return false;
    this.add(key);
    return true;
  }
  add(key: string): void {
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Set();
    }
    this.young.add(key);
  }
  get size(): number {
    return this.young.size + this.old.size;
  }
}

/**
 * Conversations this node has seen exist, per store (a node opens one; tests open several in one
 * process). Only ever true — conversations are never deleted — so a stale entry cannot exist, and
 * several nodes need not share it. Bounded: a conversation forgotten is looked up again.
 */
const existing = new WeakMap<object, RecentSet>();
/** Up to twice this many conversations are remembered; those in use always. */
const KNOWN_CONVERSATIONS = 50_000;

function knownConversations(ctx: ServerContext): RecentSet {
  let known = existing.get(ctx.db);
  if (!known) {
    known = new RecentSet(KNOWN_CONVERSATIONS);
    existing.set(ctx.db, known);
  }
  return known;
}

/**
 * The sender's and recipient's relation, under one statement of primary-key lookups — for every
 * send of the moment at once (`batchedLookup`: sends that arrive while one check is in flight are
 * checked together by the next), `$1`, `$2`, `$3` the conversation, sender and recipient ids in order.
 */
const GATE = `
select
  k.i,
  coalesce((select true from conversations where id = k.c), false) as conversation_exists,
  coalesce((select listed from contacts where owner_id = k.t and contact_id = k.s), false) as listed,
  (select contact_policy from users where member_id = k.t) as policy,
  (select state from contact_requests where from_id = k.s and to_id = k.t) as mine,
  (select state from contact_requests where from_id = k.t and to_id = k.s) as theirs
from unnest($1::text[], $2::text[], $3::text[]) with ordinality as k(c, s, t, i)
order by k.i`;

interface GateKey {
  conversationId: string;
  sender: string;
  to: string;
}

const relationOf = batchedLookup<GateKey, GateRow>(async (db, keys) => {
  const rows = await db.query<GateRow>(GATE, [
    keys.map((k) => k.conversationId),
    keys.map((k) => k.sender),
    keys.map((k) => k.to),
  ]);
  if (rows.length !== keys.length)
    throw new Error(`the send check answered ${rows.length} of ${keys.length}`);
  return rows;
});

interface GateRow {
  conversation_exists: boolean;
  listed: boolean;
  policy: string | null;
  mine: string | null;
  theirs: string | null;
}

/** A request that has not been accepted (pending, or ignored by its recipient). */
const open = (state: string | null): boolean => state === 'pending' || state === 'declined';

/** Name of the counter of new people per sender (platform/limits). */
const NEW_PEOPLE = 'newPeople';
const DAY_SEC = 86_400;

/**
 * Before `sender`'s message to `to` is stored: takes a point of the sender's daily limit of new
 * people when this is one (`rate_limited` past it, nothing stored), and opens a request when the
 * recipient asks first and this is the first message between them. The request is written before
 * the message so that no client ever sees the message without it; should the send then be
 * refused (a block), it stays like any request — stored, never shown to the recipient.
 */
export function gateSend(
  ctx: ServerContext,
  sender: string,
  to: string,
  conversationId: string,
): SendGate | Promise<SendGate> {
  // Answered at once, without a promise, for the conversations known to exist: most sends.
  // (A conversation in use stays remembered: `has` keeps it young.)
  if (knownConversations(ctx).has(conversationId)) return EXISTING;
  return gateNew(ctx, sender, to, conversationId);
}

/** The gate of a send in a conversation this node has seen exist: nothing to decide, nothing opened. */
const EXISTING: SendGate = Object.freeze({ newPerson: false, opened: false });

async function gateNew(
  ctx: ServerContext,
  sender: string,
  to: string,
  conversationId: string,
): Promise<SendGate> {
  const known = knownConversations(ctx);
  const row = await relationOf(ctx.db, { conversationId, sender, to });
  if (row.conversation_exists) known.add(conversationId);
  const newPerson = !row.conversation_exists && !row.listed;
  const perDay = ctx.config.newContactsPerDay;
  if (newPerson && perDay > 0) {
    const wait = await takeNewPerson(ctx, perDay, sender);
    if (wait > 0)
      throw rateLimited(
        wait,
        `You have written to ${perDay} new people today, the most this server allows; you can write to someone new again in ${waitSentence(wait)}. Messages to your contacts and ongoing conversations are not limited.`,
        { limit: 'newContactsPerDay' },
      );
  }
  const answers = open(row.theirs);
  const held = row.policy === 'ask' && !row.listed && !answers;
  let opened = false;
  if (held && !open(row.mine) && !row.conversation_exists) {
    // A new request, or one accepted long ago by someone who no longer lists the sender.
    const now = ctx.now();
    const rows = await ctx.db.query(
      `insert into contact_requests (from_id, to_id, state, created_at, updated_at) values ($1, $2, 'pending', $3, $3)
       on conflict (from_id, to_id) do update set state = 'pending', created_at = $3, updated_at = $3
       where contact_requests.state = 'accepted'
       returning 1`,
      [sender, to, now],
    );
    opened = rows.length > 0;
  }
  return { newPerson, opened };
}

/**
 * After the message is stored (not a duplicate): a request it opened is announced — to the
 * recipient as `contactRequest:received` (before their `message:new`), to every device of the
 * sender as `contactRequest:changed`, which the sender's client shows as "waiting for acceptance";
 * a message that answers the recipient's request (`recipient.requestToSender`, read by the commit)
 * accepts it. Returns nothing when there is nothing to do: a send in a conversation known to exist
 * (`gateSend` asked nothing) that answers no request.
 */
export function afterSend(
  ctx: ServerContext,
  caller: Caller,
  to: string,
  gate: SendGate,
  recipient: RecipientFacts | undefined,
): Promise<void> | undefined {
  if (gate === EXISTING && !(recipient && open(recipient.requestToSender))) return undefined;
  return announce(ctx, caller, to, gate, recipient);
}

async function announce(
  ctx: ServerContext,
  caller: Caller,
  to: string,
  gate: SendGate,
  recipient: RecipientFacts | undefined,
): Promise<void> {
  const sender = caller.memberId;
  knownConversations(ctx).add(conversationIdFor(sender, to));
  if (recipient && open(recipient.requestToSender)) {
    await acceptRequest(ctx, { ...caller, socketId: '' }, to);
    return;
  }
  if (!gate.opened) return;
  const [senderRow, recipientRow, [row]] = await Promise.all([
    getUser(ctx.db, sender),
    getUser(ctx.db, to),
    ctx.db.query<{ created_at: Date | string; updated_at: Date | string }>(
      'select created_at, updated_at from contact_requests where from_id = $1 and to_id = $2',
      [sender, to],
    ),
  ]);
  if (!senderRow || !recipientRow || !row) return;
  const times = { createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at) };
  ctx.emitToUser(to, 'contactRequest:received', {
    direction: 'incoming',
    user: toPublicUser(senderRow),
    state: 'pending',
    ...times,
  });
  ctx.emitToUser(sender, 'contactRequest:changed', {
    direction: 'outgoing',
    user: toPublicUser(recipientRow),
    state: 'pending',
    ...times,
  });
}

/**
 * Counts one new person for `sender` (a fixed window of a day from the first one, shared by all
 * nodes through Redis when present): 0 when within the limit, else the milliseconds until the
 * window ends.
 */
async function takeNewPerson(ctx: ServerContext, perDay: number, sender: string): Promise<number> {
  try {
    await ctx.limits.limiter(NEW_PEOPLE, { points: perDay, durationSec: DAY_SEC }).consume(sender);
    return 0;
  } catch (err) {
    if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext));
    throw err;
  }
}
