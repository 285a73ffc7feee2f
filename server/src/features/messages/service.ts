/**
 * Messages: 1:1 conversations created by their first message, per-conversation `seq`, the hash
 * chain and the server's signature (docs/protocol.md § Messages, docs/evidence.md § Chain).
 */
import { AppError } from '../../../../shared/result';
import {
  conversationIdFor,
  participantsOf,
  type AttachmentRef,
  type AutomaticReply,
  type ConversationSummary,
  type Message,
  type ParsedRequest,
  type ReceiptEvent,
  type SyncPage,
} from '../../../../shared/protocol';
import type { ServerContext } from '../../platform/context';
import { type Queryable, type Store } from '../../platform/db/store';
import { bytesSigner } from '../../platform/signing/sign';
import { JsonText } from '../../platform/socket/jsonText';
import { attachmentInfo, mayRead } from '../attachments';
import { MessageCommitter, nodeCommitterOptions, type SendResult } from './commit';
import { LIVE_COLUMNS, toEvidenceMessage, toMessage, type MessageRow } from './rows';

export { toEvidenceMessage, toMessage, type MessageRow, type SendResult };

/**
 * One group committer per store and key (a node opens one store): the socket handler and the
 * demo seed of a node share it, so their sends are batched together.
 */
const committers = new WeakMap<Store, MessageCommitter>();

export function committerOf(ctx: ServerContext): MessageCommitter {
  let c = committers.get(ctx.db);
  if (!c || c.keyId !== ctx.signingKey.keyId) {
    c = new MessageCommitter(ctx.db, bytesSigner(ctx.signingKey.secretKey), ctx.signingKey.keyId, {
      ...nodeCommitterOptions(ctx.db.kind, ctx.config.commitPipeline),
      onCommit: (n, path) => ctx.metrics.groupCommitSize.observe({ path }, n),
    });
    committers.set(ctx.db, c);
  }
  return c;
}

/** The message `sender` already sent in the conversation with this client id, if any. */
async function findSent(
  db: Queryable,
  conversationId: string,
  sender: string,
  clientId: string,
): Promise<Message | null> {
  const [row] = await db.query<MessageRow>(
    `select ${LIVE_COLUMNS} from messages where array[conversation_id, sender, client_id] = array[$1::text, $2::text, $3::text]`,
    [conversationId, sender, clientId],
  );
  return row ? toMessage(row) : null;
}

/**
 * Stores a message from `sender` through the node's group commit (commit.ts): de-duplicated on
 * (conversation, sender, clientId) before any other check (the original was accepted), the next
 * seq under a row lock on the conversation, the chain extended and the new hash signed. A send
 * without attachments goes to the group commit at once (nothing to await before it).
 */
export function sendMessage(
  ctx: ServerContext,
  sender: string,
  req: ParsedRequest<'message:send'>,
): Promise<SendResult> {
  const to = req.to;
  if (to === sender)
    return Promise.reject(new AppError('bad_request', 'You cannot send a message to yourself.'));
  const at = ctx.now();
  if (req.attachments.length === 0) return commitSend(ctx, sender, req, at, []);
  return sendWithAttachments(ctx, sender, req, at);
}

async function sendWithAttachments(
  ctx: ServerContext,
  sender: string,
  req: ParsedRequest<'message:send'>,
  at: Date,
): Promise<SendResult> {
  let attachments: AttachmentRef[];
  try {
    attachments = await checkedAttachments(ctx, sender, req.attachments);
  } catch (err) {
    // A resend after a lost ack gets the ack of the message that was accepted, whatever changed since.
    const stored =
      err instanceof AppError
        ? await findSent(ctx.db, conversationIdFor(sender, req.to), sender, req.clientId)
        : null;
    if (stored) return { message: stored, duplicate: true };
    throw err;
  }
  return commitSend(ctx, sender, req, at, attachments);
}

function commitSend(
  ctx: ServerContext,
  sender: string,
  req: ParsedRequest<'message:send'>,
  at: Date,
  attachments: AttachmentRef[],
): Promise<SendResult> {
  const to = req.to;
  const conversationId = conversationIdFor(sender, to);
  return committerOf(ctx).send({
    conversationId,
    members: participantsOf(conversationId) ?? [sender, to],
    sender,
    to,
    clientId: req.clientId,
    text: req.text,
    lang: req.lang ?? null,
    translation: req.translation ?? null,
    attachments,
    order: req.order ?? null,
    change: req.change ?? null,
    changeWindowMs: ctx.config.editWindowMinutes * 60_000,
    replyTo: req.replyTo ?? null,
    at,
  });
}

/**
 * Stores a message the server sends for `sender` (an away auto-reply, features/desk) through
 * the same group commit as every send: next seq, chain, signature; refused like any send when
 * either side blocked the other. Text only.
 */
export function sendAutomatic(
  ctx: ServerContext,
  m: {
    sender: string;
    to: string;
    clientId: string;
    text: string;
    lang: string | null;
    automatic: AutomaticReply;
  },
): Promise<SendResult> {
  const conversationId = conversationIdFor(m.sender, m.to);
  return committerOf(ctx).send({
    conversationId,
    members: participantsOf(conversationId) ?? [m.sender, m.to],
    sender: m.sender,
    to: m.to,
    clientId: m.clientId,
    text: m.text,
    lang: m.lang,
    translation: null,
    attachments: [],
    order: null,
    change: null,
    changeWindowMs: 0,
    replyTo: null,
    automatic: m.automatic,
    at: ctx.now(),
  });
}

/** Throws unless `memberId` is a participant of `conversationId`. Returns the partner. */
export function requireParticipant(conversationId: string, memberId: string): string {
  const p = participantsOf(conversationId);
  if (!p || !p.includes(memberId)) {
    throw new AppError('forbidden', 'You are not a participant of this conversation.');
  }
  return p[0] === memberId ? p[1] : p[0];
}

/** A page of a conversation after a seq: a range scan of the primary key (conversation_id, seq). */
export const MESSAGES_AFTER = `select ${LIVE_COLUMNS} from messages where conversation_id = $1 and seq > $2 order by seq limit $3`;

export async function messagesAfter(
  db: Queryable,
  conversationId: string,
  afterSeq: number,
  limit: number,
): Promise<{ messages: Message[]; hasMore: boolean }> {
  const rows = await db.query<MessageRow>(MESSAGES_AFTER, [conversationId, afterSeq, limit + 1]);
  return { messages: rows.slice(0, limit).map(toMessage), hasMore: rows.length > limit };
}

/**
 * `sync:batch`, step 1: the last seq of each named conversation (a primary-key lookup per id), so
 * the answer's message budget is shared out before any message is read.
 */
export const LAST_SEQS = 'select id, last_seq from conversations where id = any($1::text[])';

/**
 * `sync:batch`, step 2: each conversation's page in one statement — per cursor a range scan of
 * the primary key (conversation_id, seq) that stops after `lim` rows (a nested loop over the
 * cursors; bench/messaging.ts prints the plan).
 */
export const MESSAGES_AFTER_MANY = `
select m.* from unnest($1::text[], $2::int[], $3::int[]) as c(id, after_seq, lim)
cross join lateral (
  select ${LIVE_COLUMNS} from messages where conversation_id = c.id and seq > c.after_seq order by seq limit c.lim
) m`;

/**
 * A page per cursor (in the cursors' order) for a member who takes part in every conversation
 * named — the caller has checked that. Each page holds at most `limit` messages and the answer
 * at most `budget`, handed out in the cursors' order: a conversation the budget does not reach
 * answers an empty page with `hasMore` when it has messages after its cursor.
 */
export async function messagesAfterMany(
  db: Queryable,
  cursors: readonly { conversationId: string; afterSeq: number }[],
  limit: number,
  budget: number,
): Promise<SyncPage[]> {
  const last = new Map(
    (await db.query<{ id: string; last_seq: number }>(LAST_SEQS, [cursors.map((c) => c.conversationId)])).map(
      (r) => [r.id, r.last_seq],
    ),
  );
  let left = budget;
  // What each cursor may take: what it lacks (by the conversation row), within the page and the budget.
  const wanted = cursors.map((c) => {
    const lacks = Math.max(0, (last.get(c.conversationId) ?? 0) - c.afterSeq);
    const take = Math.min(lacks, limit, left);
    left -= take;
    return take;
  });
  const asked = cursors.flatMap((c, i) => ((wanted[i] ?? 0) > 0 ? [{ ...c, take: wanted[i] ?? 0 }] : []));
  const rows =
    asked.length === 0
      ? []
      : await db.query<MessageRow>(MESSAGES_AFTER_MANY, [
          asked.map((c) => c.conversationId),
          asked.map((c) => c.afterSeq),
          // One more than taken: whether more follow, even when a send landed since step 1.
          asked.map((c) => c.take + 1),
        ]);
  const byConversation = new Map<string, MessageRow[]>();
  for (const r of rows) {
    const list = byConversation.get(r.conversation_id);
    if (list) list.push(r);
    else byConversation.set(r.conversation_id, [r]);
  }
  return cursors.map((c, i) => {
    const take = wanted[i] ?? 0;
    const got = (byConversation.get(c.conversationId) ?? []).sort((a, b) => a.seq - b.seq);
    return {
      conversationId: c.conversationId,
      messages: got.slice(0, take).map(toMessage),
      hasMore: take === 0 ? (last.get(c.conversationId) ?? 0) > c.afterSeq : got.length > take,
    };
  });
}

/**
 * A conversation's `created_at` as the ISO 8601 text `toISOString` writes (it is always written
 * from a JavaScript Date: milliseconds, UTC), made by the store: for a seller's 10,000
 * conversations, parsing each into a Date and formatting it again was an eighth of the server's
 * time in `sync:conversations` (issue 9, bench/messaging.ts's profile).
 */
const CREATED_ISO = `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A conversation summary's columns. */
const SUMMARY_COLUMNS = `id, member_a, member_b, last_seq, ${CREATED_ISO} as created_iso,
  a_delivered, a_read, b_delivered, b_read`;

/** A member's conversations (`$1`): two index scans (member_a, member_b), no join. */
const OF_MEMBER = 'from conversations where member_a = $1 or member_b = $1';

/**
 * One page of a member's conversations in id order after `$2` (keyset: `sync:conversations` with
 * `limit`). The member's rows come from the two member indexes and only `$3` of them are sorted
 * out and returned, so a page costs little more than its own rows at any number of conversations.
 */
const PAGE_OF_MEMBER = `from conversations where (member_a = $1 or member_b = $1) and id > $2
order by id limit $3`;

/**
 * A member's conversations with both participants' receipts, which live in the conversation row
 * (migration 400).
 */
export const CONVERSATIONS_OF = `
select ${SUMMARY_COLUMNS}
${OF_MEMBER}
order by created_at, id`;

/** One page of `CONVERSATIONS_OF` (`PAGE_OF_MEMBER`). */
export const CONVERSATIONS_PAGE = `
select ${SUMMARY_COLUMNS}
${PAGE_OF_MEMBER}`;

/**
 * A summary as JSON, written by PGlite: the same JSON value as `toSummary`'s summary, keys in the
 * schema's order, no whitespace. Strings are escaped by `to_json`: ids are made of letters, digits
 * and `.`, `-`, `_`, `:` today, but nothing in the table enforces that, and one quote would spoil
 * the whole answer (10 ms of 45 for 10,000 in PGlite, against unescaped text).
 */
const SUMMARY_JSON = `concat('{"id":', to_json(id), ',"participants":[', to_json(member_a), ',', to_json(member_b),
  '],"lastSeq":', last_seq, ',"receipts":{', to_json(member_a), ':{"delivered":', a_delivered,
  ',"read":', a_read, '},', to_json(member_b), ':{"delivered":', b_delivered, ',"read":', b_read,
  '}},"createdAt":"', ${CREATED_ISO}, '"}')`;

/** `CONVERSATIONS_OF` as one JSON array (PGlite). */
export const CONVERSATIONS_JSON_OF = `
select concat('[', string_agg(${SUMMARY_JSON}, ',' order by created_at, id), ']') as json
${OF_MEMBER}`;

/** `CONVERSATIONS_PAGE` as one JSON array (PGlite). */
export const CONVERSATIONS_JSON_PAGE = `
select concat('[', string_agg(${SUMMARY_JSON}, ',' order by id), ']') as json
from (select id, member_a, member_b, last_seq, created_at, a_delivered, a_read, b_delivered, b_read
      ${PAGE_OF_MEMBER}) page`;

export interface ConversationRow {
  id: string;
  member_a: string;
  member_b: string;
  last_seq: number;
  created_iso: string;
  a_delivered: number;
  a_read: number;
  b_delivered: number;
  b_read: number;
}

/** A summary from its row (PostgreSQL's path; PGlite writes the same JSON itself). */
export function toSummary(c: ConversationRow): ConversationSummary {
  // Keyed by member id: every summary's keys differ, so an object literal would make V8 build a
  // hidden class per conversation (a fifth of the server's time for 10,000); an object without
  // a prototype is a dictionary from the start. JSON and the protocol see the same object.
  const receipts = Object.create(null) as ConversationSummary['receipts'];
  receipts[c.member_a] = { delivered: c.a_delivered, read: c.a_read };
  receipts[c.member_b] = { delivered: c.b_delivered, read: c.b_read };
  return {
    id: c.id,
    participants: [c.member_a, c.member_b],
    lastSeq: c.last_seq,
    receipts,
    createdAt: c.created_iso,
  };
}

/**
 * `memberId`'s conversations: all of them (a request without `limit`, as older clients send it),
 * or one page of `limit` after the id `after`.
 *
 * PGlite writes the answer's JSON itself (`JsonText`, sent as it is): its engine answers on a
 * thread of its own, and 10,000 rows of nine columns, parsed there and copied to this thread,
 * cost more than the JSON; one text value crosses instead (issue 9, bench/README.md). PostgreSQL
 * answers rows, made into summaries here: its backend writes that JSON more slowly than this
 * thread reads its rows.
 */
export async function conversationsOf(
  db: Store,
  memberId: string,
  page: { after?: string | undefined; limit?: number | undefined } = {},
): Promise<ConversationSummary[] | JsonText<ConversationSummary[]>> {
  const params = page.limit === undefined ? [memberId] : [memberId, page.after ?? '', page.limit];
  if (db.kind === 'pglite') {
    // One row whatever the count (an aggregate); `concat` reads no rows' NULL as ''.
    const [row] = await db.query<{ json: string }>(
      page.limit === undefined ? CONVERSATIONS_JSON_OF : CONVERSATIONS_JSON_PAGE,
      params,
    );
    return new JsonText(row!.json);
  }
  const rows = await db.query<ConversationRow>(
    page.limit === undefined ? CONVERSATIONS_OF : CONVERSATIONS_PAGE,
    params,
  );
  return rows.map(toSummary);
}

/**
 * Records that `memberId`'s devices received (or read) the conversation up to `upToSeq`, in the
 * member's columns of the conversation row. Monotonic: a lower value never lowers a stored one;
 * read implies delivered. The caller has checked that `memberId` is a participant.
 */
export async function recordReceipt(
  db: Queryable,
  conversationId: string,
  memberId: string,
  kind: 'delivered' | 'read',
  upToSeq: number,
): Promise<ReceiptEvent> {
  const read = kind === 'read' ? upToSeq : 0;
  const [row] = await db.query<{ delivered: number; read: number }>(
    `update conversations set
       a_delivered = case when member_a = $2 then greatest(a_delivered, $3) else a_delivered end,
       a_read      = case when member_a = $2 then greatest(a_read, $4) else a_read end,
       b_delivered = case when member_b = $2 then greatest(b_delivered, $3) else b_delivered end,
       b_read      = case when member_b = $2 then greatest(b_read, $4) else b_read end
     where id = $1 and $3 <= last_seq
     returning case when member_a = $2 then a_delivered else b_delivered end as delivered,
               case when member_a = $2 then a_read else b_read end as read`,
    [conversationId, memberId, upToSeq, read],
  );
  if (row) return { conversationId, memberId, delivered: row.delivered, read: row.read };
  const [conv] = await db.query<{ last_seq: number }>('select last_seq from conversations where id = $1', [
    conversationId,
  ]);
  if (!conv) throw new AppError('not_found', 'This conversation has no messages yet.');
  throw new AppError('bad_request', `upToSeq ${upToSeq} is beyond the last message (${conv.last_seq}).`);
}

/**
 * `message:receipts`, step 1: the conversations locked in id order — the order in which a group
 * commit locks them (commit.ts), so the two can never deadlock on PostgreSQL — with their last seq.
 */
export const LOCK_LAST_SEQS =
  'select id, last_seq from conversations where id = any($1::text[]) order by id for update';

/**
 * `message:receipts`: many conversations' receipts of `memberId` (a participant of each, checked
 * by the caller) in one transaction of two statements, whatever their number: the conversations
 * locked with their `last_seq` first, so a receipt `message:receipt` would refuse refuses the
 * whole request before anything is written; then one update for all of them. Returns the stored
 * marks in the order of `receipts`.
 */
export async function recordReceipts(
  store: Store,
  memberId: string,
  receipts: readonly { conversationId: string; kind: 'delivered' | 'read'; upToSeq: number }[],
): Promise<ReceiptEvent[]> {
  const ids = receipts.map((r) => r.conversationId);
  return store.transaction(async (db) => {
    const last = new Map(
      (await db.query<{ id: string; last_seq: number }>(LOCK_LAST_SEQS, [ids])).map((r) => [
        r.id,
        r.last_seq,
      ]),
    );
    for (const [i, r] of receipts.entries()) {
      const lastSeq = last.get(r.conversationId);
      if (lastSeq === undefined)
        throw new AppError(
          'not_found',
          `This conversation has no messages yet (receipts.${i}.conversationId).`,
          {
            path: `receipts.${i}.conversationId`,
          },
        );
      if (r.upToSeq > lastSeq)
        throw new AppError(
          'bad_request',
          `receipts.${i}.upToSeq: ${r.upToSeq} is beyond the last message (${lastSeq}).`,
          {
            path: `receipts.${i}.upToSeq`,
          },
        );
    }
    const rows = await db.query<{ id: string; delivered: number; read: number }>(
      `update conversations c set
       a_delivered = case when c.member_a = $1 then greatest(c.a_delivered, r.up_to) else c.a_delivered end,
       a_read      = case when c.member_a = $1 then greatest(c.a_read, r.read) else c.a_read end,
       b_delivered = case when c.member_b = $1 then greatest(c.b_delivered, r.up_to) else c.b_delivered end,
       b_read      = case when c.member_b = $1 then greatest(c.b_read, r.read) else c.b_read end
     from unnest($2::text[], $3::int[], $4::int[]) as r(id, up_to, read)
     where c.id = r.id
     returning c.id,
               case when c.member_a = $1 then c.a_delivered else c.b_delivered end as delivered,
               case when c.member_a = $1 then c.a_read else c.b_read end as read`,
      [
        memberId,
        ids,
        receipts.map((r) => r.upToSeq),
        receipts.map((r) => (r.kind === 'read' ? r.upToSeq : 0)),
      ],
    );
    const stored = new Map(rows.map((r) => [r.id, r]));
    return receipts.map((r) => {
      const s = stored.get(r.conversationId);
      return { conversationId: r.conversationId, memberId, delivered: s?.delivered ?? 0, read: s?.read ?? 0 };
    });
  });
}

/**
 * Attachment references must name bytes the sender may read: ones they uploaded, or ones already
 * in a conversation they take part in (forwarding). Otherwise knowing a file's SHA-256 would be
 * enough to reference it in a message and then download it. Type and size are the server's
 * (sniffed at upload), never the client's claim.
 */
async function checkedAttachments(
  ctx: ServerContext,
  sender: string,
  refs: readonly AttachmentRef[],
): Promise<AttachmentRef[]> {
  if (refs.length === 0) return [];
  const info = await attachmentInfo(
    ctx.db,
    refs.map((r) => r.sha256),
  );
  const out: AttachmentRef[] = [];
  for (const ref of refs) {
    const stored = info.get(ref.sha256);
    if (!stored || !(await mayRead(ctx.db, sender, ref.sha256))) {
      throw new AppError(
        'not_found',
        `Attachment ${ref.sha256.slice(0, 12)}… was not uploaded. Upload it, then send.`,
      );
    }
    out.push({ ...ref, mime: stored.mime, size: stored.size });
  }
  return out;
}
