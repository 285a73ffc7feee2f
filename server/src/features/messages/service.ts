/**
 * Messages: 1:1 conversations created by their first message, per-conversation `seq`, the hash
 * chain and the server's signature (docs/protocol.md § Messages, docs/evidence.md § Chain).
 */
import { AppError } from '../../../../shared/result';
import {
  conversationIdFor,
  participantsOf,
  type AttachmentRef,
  type ConversationSummary,
  type Message,
  type OrderRef,
  type ParsedRequest,
  type ReceiptEvent,
} from '../../../../shared/protocol';
import { chainHash, genesisHash, signHash } from '../../../../shared/evidence/chain';
import type { ServerContext } from '../../platform/context';
import { json, toIso, type Queryable } from '../../platform/db/store';
import { hasBlocked } from '../contacts';
import { getUser } from '../auth';
import { attachmentInfo, mayRead } from '../attachments';

export interface MessageRow {
  conversation_id: string;
  seq: number;
  sender: string;
  client_id: string;
  text: string;
  lang: string | null;
  translation: { text: string; lang: string } | null;
  attachments: AttachmentRef[];
  order_ref: OrderRef | null;
  sent_at: string;
  prev_hash: string;
  hash: string;
  signature: string;
  key_id: string;
}

export function toMessage(r: MessageRow): Message {
  return {
    conversationId: r.conversation_id,
    seq: r.seq,
    clientId: r.client_id,
    sender: r.sender,
    text: r.text,
    lang: r.lang,
    translation: r.translation,
    attachments: r.attachments,
    order: r.order_ref,
    sentAt: r.sent_at,
    prevHash: r.prev_hash,
    hash: r.hash,
    signature: r.signature,
  };
}

export interface SendResult {
  message: Message;
  duplicate: boolean;
}

/** The message `sender` already sent in the conversation with this client id, if any. */
async function findSent(
  db: Queryable,
  conversationId: string,
  sender: string,
  clientId: string,
): Promise<Message | null> {
  const [row] = await db.query<MessageRow>(
    'select * from messages where conversation_id = $1 and sender = $2 and client_id = $3',
    [conversationId, sender, clientId],
  );
  return row ? toMessage(row) : null;
}

/**
 * Stores a message from `sender`: de-duplicates on (conversation, sender, clientId) before any
 * other check (the original was accepted), assigns the next seq under a row lock on the
 * conversation, extends the chain and signs the new hash.
 */
export async function sendMessage(
  ctx: ServerContext,
  sender: string,
  req: ParsedRequest<'message:send'>,
): Promise<SendResult> {
  const to = req.to;
  if (to === sender) throw new AppError('bad_request', 'You cannot send a message to yourself.');
  const conversationId = conversationIdFor(sender, to);
  // A resend after a lost ack gets the ack of the message that was accepted, even if a block
  // (or anything else the checks below look at) has changed since.
  const stored = await findSent(ctx.db, conversationId, sender, req.clientId);
  if (stored) return { message: stored, duplicate: true };
  if (!(await getUser(ctx.db, to)))
    throw new AppError('not_found', `There is no member with the id "${to}".`);
  if (await hasBlocked(ctx.db, to, sender)) {
    throw new AppError('blocked', `${to} does not accept messages from you.`);
  }
  if (await hasBlocked(ctx.db, sender, to)) {
    throw new AppError('forbidden', `You blocked ${to}. Unblock them to send a message.`);
  }
  const attachments = await checkedAttachments(ctx, sender, req.attachments);
  const [a, b] = participantsOf(conversationId) ?? [sender, to];

  return ctx.db.transaction(async (tx) => {
    await tx.query(
      `insert into conversations (id, member_a, member_b, last_seq, head_hash, created_at)
       values ($1, $2, $3, 0, $4, $5) on conflict (id) do nothing`,
      [conversationId, a, b, genesisHash(conversationId), ctx.now()],
    );
    // The row lock serialises senders of one conversation: seq and the chain stay gapless.
    const [conv] = await tx.query<{ last_seq: number; head_hash: string }>(
      'select last_seq, head_hash from conversations where id = $1 for update',
      [conversationId],
    );
    if (!conv) throw new Error(`conversation ${conversationId} vanished`);

    // Again under the lock: a resend racing the original must not store it twice.
    const existing = await findSent(tx, conversationId, sender, req.clientId);
    if (existing) return { message: existing, duplicate: true };

    const base = {
      conversationId,
      seq: conv.last_seq + 1,
      sender,
      sentAt: ctx.now().toISOString(),
      clientId: req.clientId,
      text: req.text,
      lang: req.lang ?? null,
      translation: req.translation ?? null,
      attachments,
      order: req.order ?? null,
    };
    const prevHash = conv.head_hash;
    const hash = chainHash(prevHash, base);
    const message: Message = { ...base, prevHash, hash, signature: signHash(hash, ctx.signingKey.secretKey) };

    await tx.query(
      `insert into messages (conversation_id, seq, sender, client_id, text, lang, translation, attachments,
                             order_ref, sent_at, prev_hash, hash, signature, key_id)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12, $13, $14)`,
      [
        conversationId,
        message.seq,
        sender,
        message.clientId,
        message.text,
        message.lang,
        json(message.translation),
        json(message.attachments),
        json(message.order),
        message.sentAt,
        prevHash,
        hash,
        message.signature,
        ctx.signingKey.keyId,
      ],
    );
    await tx.query('update conversations set last_seq = $2, head_hash = $3 where id = $1', [
      conversationId,
      message.seq,
      hash,
    ]);
    return { message, duplicate: false };
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

export async function messagesAfter(
  db: Queryable,
  conversationId: string,
  afterSeq: number,
  limit: number,
): Promise<{ messages: Message[]; hasMore: boolean }> {
  const rows = await db.query<MessageRow>(
    'select * from messages where conversation_id = $1 and seq > $2 order by seq limit $3',
    [conversationId, afterSeq, limit + 1],
  );
  return { messages: rows.slice(0, limit).map(toMessage), hasMore: rows.length > limit };
}

interface ConversationRow {
  id: string;
  member_a: string;
  member_b: string;
  last_seq: number;
  created_at: Date | string;
}

export async function conversationsOf(db: Queryable, memberId: string): Promise<ConversationSummary[]> {
  const convs = await db.query<ConversationRow>(
    `select id, member_a, member_b, last_seq, created_at from conversations
     where member_a = $1 or member_b = $1 order by created_at, id`,
    [memberId],
  );
  if (convs.length === 0) return [];
  const receipts = await db.query<{
    conversation_id: string;
    member_id: string;
    delivered: number;
    read: number;
  }>(
    'select conversation_id, member_id, delivered, read from receipts where conversation_id = any($1::text[])',
    [convs.map((c) => c.id)],
  );
  return convs.map((c) => {
    const r: ConversationSummary['receipts'] = {
      [c.member_a]: { delivered: 0, read: 0 },
      [c.member_b]: { delivered: 0, read: 0 },
    };
    for (const x of receipts)
      if (x.conversation_id === c.id) r[x.member_id] = { delivered: x.delivered, read: x.read };
    return {
      id: c.id,
      participants: [c.member_a, c.member_b],
      lastSeq: c.last_seq,
      receipts: r,
      createdAt: toIso(c.created_at),
    };
  });
}

/**
 * Records that `memberId`'s devices received (or read) the conversation up to `upToSeq`.
 * Monotonic: a lower value never lowers a stored one; read implies delivered.
 */
export async function recordReceipt(
  db: Queryable,
  conversationId: string,
  memberId: string,
  kind: 'delivered' | 'read',
  upToSeq: number,
): Promise<ReceiptEvent> {
  const [conv] = await db.query<{ last_seq: number }>('select last_seq from conversations where id = $1', [
    conversationId,
  ]);
  if (!conv) throw new AppError('not_found', 'This conversation has no messages yet.');
  if (upToSeq > conv.last_seq) {
    throw new AppError('bad_request', `upToSeq ${upToSeq} is beyond the last message (${conv.last_seq}).`);
  }
  const read = kind === 'read' ? upToSeq : 0;
  const [row] = await db.query<{ delivered: number; read: number }>(
    `insert into receipts (conversation_id, member_id, delivered, read) values ($1, $2, $3, $4)
     on conflict (conversation_id, member_id) do update set
       delivered = greatest(receipts.delivered, excluded.delivered),
       read = greatest(receipts.read, excluded.read)
     returning delivered, read`,
    [conversationId, memberId, upToSeq, read],
  );
  return { conversationId, memberId, delivered: row!.delivered, read: row!.read };
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
