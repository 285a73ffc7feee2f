/**
 * The away auto-reply (issue 11; docs/protocol.md § Away auto-reply): a user's settings, and the
 * reply the server sends for them when someone writes while they are away — once per
 * conversation per away period (shared/domain/awayReply.ts decides), also while every device of
 * theirs is closed. The reply is an ordinary message of theirs in the chain, marked `automatic`.
 */
import { randomUUID } from 'node:crypto';
import { awayReplyDecision } from '../../../../shared/domain/awayReply';
import {
  participantsOf,
  type AutoReplySettings,
  type Message,
  type ParsedRequest,
} from '../../../../shared/protocol';
import { AppError } from '../../../../shared/result';
import type { RecipientFacts, ServerContext } from '../../platform/context';
import { batchedLookup } from '../../platform/db/batched';
import { toIsoOrNull, type Queryable } from '../../platform/db/store';
import { getUser } from '../auth';
import { sendAutomatic } from '../messages';

interface SettingsRow {
  enabled: boolean;
  text: string;
  lang: string | null;
  updated_at: Date | string | null;
}

const OFF: AutoReplySettings = { enabled: false, text: '', lang: null, updatedAt: null };

function toSettings(r: SettingsRow | undefined): AutoReplySettings {
  return r ? { enabled: r.enabled, text: r.text, lang: r.lang, updatedAt: toIsoOrNull(r.updated_at) } : OFF;
}

export async function getAutoReply(db: Queryable, memberId: string): Promise<AutoReplySettings> {
  const [row] = await db.query<SettingsRow>(
    'select enabled, text, lang, updated_at from auto_replies where member_id = $1',
    [memberId],
  );
  return toSettings(row);
}

/**
 * The settings of each recipient of the moment's stored messages, in one statement
 * (`batchedLookup`): every message asks, and almost every recipient has none or has it off.
 */
const settingsOf = batchedLookup<string, AutoReplySettings>(async (db, memberIds) => {
  const rows = await db.query<SettingsRow & { member_id: string }>(
    'select member_id, enabled, text, lang, updated_at from auto_replies where member_id = any($1::text[])',
    [memberIds],
  );
  const byId = new Map(rows.map((r) => [r.member_id, r]));
  return memberIds.map((id) => toSettings(byId.get(id)));
});

/** Applies a change; `changed` is false when nothing differs (a retry), so nobody is told. */
export async function setAutoReply(
  ctx: ServerContext,
  memberId: string,
  p: ParsedRequest<'autoReply:set'>,
): Promise<{ settings: AutoReplySettings; changed: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const before = await getAutoReply(tx, memberId);
    const text = p.text ?? before.text;
    const lang = p.text !== undefined ? (p.lang ?? null) : (p.lang ?? before.lang);
    const enabled = p.enabled ?? before.enabled;
    if (enabled && text.trim() === '')
      throw new AppError('bad_request', 'Write the away text before turning the auto-reply on.');
    if (
      before.updatedAt !== null &&
      enabled === before.enabled &&
      text === before.text &&
      lang === before.lang
    )
      return { settings: before, changed: false };
    const [row] = await tx.query<SettingsRow>(
      `insert into auto_replies (member_id, enabled, text, lang, updated_at) values ($1, $2, $3, $4, $5)
       on conflict (member_id) do update set enabled = $2, text = $3, lang = $4, updated_at = $5
       returning enabled, text, lang, updated_at`,
      [memberId, enabled, text, lang, ctx.now()],
    );
    return { settings: toSettings(row), changed: true };
  });
}

/**
 * Claims the conversation's reply for this away period, under a row lock, so two messages
 * arriving together (on any node) answer once. Returns the reply's `backAt`, or undefined for none.
 */
async function claim(
  ctx: ServerContext,
  conversationId: string,
  memberId: string,
  decide: (lastReplyAt: number | null) => { send: false } | { send: true; backAt: number | null },
): Promise<{ backAt: number | null } | undefined> {
  return ctx.db.transaction(async (tx) => {
    await tx.query(
      `insert into auto_reply_sent (conversation_id, member_id, sent_at) values ($1, $2, '-infinity')
       on conflict do nothing`,
      [conversationId, memberId],
    );
    const [row] = await tx.query<{ last: Date | string | null }>(
      `select case when sent_at = '-infinity' then null else sent_at end as last
       from auto_reply_sent where conversation_id = $1 and member_id = $2 for update`,
      [conversationId, memberId],
    );
    const last = toIsoOrNull(row?.last ?? null);
    const d = decide(last === null ? null : Date.parse(last));
    if (!d.send) return undefined;
    await tx.query('update auto_reply_sent set sent_at = $3 where conversation_id = $1 and member_id = $2', [
      conversationId,
      memberId,
      ctx.now(),
    ]);
    return { backAt: d.backAt };
  });
}

/**
 * Whether `owner` holds `sender`'s messages back: `sender` writes as a stranger whose request
 * waits or was ignored ("ask me first"). Such a sender gets no automatic reply: it would tell them
 * that the message arrived and that the owner is away. (A blocked sender's messages are refused
 * before they are stored.)
 */
async function heldFrom(ctx: ServerContext, owner: string, sender: string): Promise<boolean> {
  const rows = await ctx.db.query(
    `select 1 from contact_requests r
      where r.from_id = $2 and r.to_id = $1 and r.state <> 'accepted'
        and not exists (select 1 from contacts c where c.owner_id = $1 and c.contact_id = $2 and c.listed)
     limit 1`,
    [owner, sender],
  );
  return rows.length > 0;
}

/**
 * After `message` was stored: when its recipient has the auto-reply on and is away, and the
 * conversation had no automatic reply in this away period, sends one for them. Edits,
 * retractions and automatic replies never trigger one (no reply to a reply). `recipient`, when
 * given, is what the group commit read about the recipient: with the auto-reply off (almost every
 * recipient) nothing is looked up.
 */
export async function answerIfAway(
  ctx: ServerContext,
  message: Message,
  recipient?: RecipientFacts,
): Promise<void> {
  if (message.change || message.automatic) return;
  if (recipient && !recipient.autoReplyOn) return;
  const members = participantsOf(message.conversationId);
  if (!members) return;
  const owner = members[0] === message.sender ? members[1] : members[0];
  const settings = await settingsOf(ctx.db, owner);
  if (!settings.enabled || settings.text.trim() === '') return;
  if (await heldFrom(ctx, owner, message.sender)) return;
  const [user, presence] = await Promise.all([getUser(ctx.db, owner), ctx.presence.stateOf(owner)]);
  if (!user) return;
  const [row] = await ctx.db.query<{ presence_changed_at: Date | string | null }>(
    'select presence_changed_at from users where member_id = $1',
    [owner],
  );
  const changedAt = toIsoOrNull(row?.presence_changed_at ?? null);
  const now = ctx.now().getTime();
  const claimed = await claim(ctx, message.conversationId, owner, (lastReplyAt) =>
    awayReplyDecision({
      presence,
      presenceChangedAt: changedAt === null ? null : Date.parse(changedAt),
      lastReplyAt,
      businessHours: user.business_hours ?? undefined,
      timeZone: user.time_zone,
      now,
    }),
  );
  if (!claimed) return;
  const { message: reply, duplicate } = await sendAutomatic(ctx, {
    sender: owner,
    to: message.sender,
    clientId: randomUUID(),
    text: settings.text,
    lang: settings.lang,
    automatic: {
      kind: 'away',
      backAt: claimed.backAt === null ? null : new Date(claimed.backAt).toISOString(),
    },
  });
  if (duplicate) return;
  ctx.metrics.messagesPersisted.inc();
  ctx.emitToUser(members, 'message:new', reply);
}
