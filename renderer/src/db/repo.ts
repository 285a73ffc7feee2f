/**
 * Repository functions: the only code that writes the local database. Each multi-table change
 * runs in one Dexie transaction, so a crash never leaves a message without its outbox entry or
 * an acked message still queued.
 */
import type {
  MessageChange,
  ReplyTo,
  Contact,
  ContactChange,
  ConversationSummary,
  Me,
  Message,
  Presence,
  ReceiptEvent,
  SendAck,
  TypingEvent,
} from '../../../shared/protocol';
import { conversationIdFor, partnerOf } from '../../../shared/protocol';
import type { ErrorCode } from '../../../shared/result';
import { nextRun, runAfter, type LastRun } from '../domain/lastRun';
import { afterFailure } from '../domain/outboxPolicy';
import { afterRead, afterStored } from '../domain/unread';
import { heldPartners } from './held';
import Dexie from 'dexie';
import {
  databaseName,
  openDb,
  type ContactRow,
  type ConversationRow,
  type MessageRow,
  type OutboxRow,
  type TradewindDb,
} from './schema';

export function contactRow(c: Contact): ContactRow {
  return {
    memberId: c.user.memberId,
    displayName: c.user.displayName,
    user: c.user,
    presence: c.presence,
    blocked: c.blocked,
    groupId: c.groupId,
    pinned: c.pinned,
    note: c.note,
    addedAt: c.addedAt,
  };
}

export async function saveMe(db: TradewindDb, me: Me): Promise<void> {
  await db.meta.put({ key: 'me', value: me });
}

/**
 * Keeps the known-device marker of this account (docs/protocol.md § Accounts): the SHA-256 of
 * the session token, never the token, so it can lower no one's guard but sign-in throttling's.
 */
export async function saveDeviceMarker(db: TradewindDb, token: string): Promise<void> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  await db.meta.put({ key: 'deviceMarker', value: hex });
}

/** The known-device marker of `memberId` on this server, if this device ever signed in as them. */
export async function deviceMarkerOf(memberId: string, serverUrl: string): Promise<string | undefined> {
  const id = memberId.trim();
  if (!(await Dexie.exists(databaseName(id, serverUrl)))) return undefined;
  const row = await openDb(id, serverUrl).meta.get('deviceMarker');
  return row?.key === 'deviceMarker' ? row.value : undefined;
}

export async function loadMe(db: TradewindDb): Promise<Me | null> {
  const row = await db.meta.get('me');
  return row?.key === 'me' ? row.value : null;
}

/**
 * The whole contact list as the server sent it (every connect): rows gone are deleted, and only
 * rows that differ from what is stored are written. Issue 10: a seller's reconnect answered
 * 10,000 contacts, nearly all unchanged; writing them all again cost the write, and every view of
 * the list a re-read of 10,000 rows (db/contactList.ts patches by the keys a write names).
 */
export async function replaceContacts(db: TradewindDb, contacts: readonly Contact[]): Promise<void> {
  await db.transaction('rw', db.contacts, async () => {
    const rows = contacts.map(contactRow);
    const keep = new Set(rows.map((r) => r.memberId));
    const stored = await db.contacts.toArray();
    await db.contacts.bulkDelete(stored.filter((r) => !keep.has(r.memberId)).map((r) => r.memberId));
    await db.contacts.bulkPut(changedContacts(stored, rows));
  });
}

/** The rows of `rows` not stored as they are in `stored` (new or different). */
export function changedContacts(stored: readonly ContactRow[], rows: readonly ContactRow[]): ContactRow[] {
  const before = new Map(stored.map((r) => [r.memberId, r]));
  return rows.filter((r) => {
    const b = before.get(r.memberId);
    return b === undefined || !sameData(b, r);
  });
}

/**
 * Whether two rows hold the same data. Rows are plain JSON data, built in one property order
 * (contactRow, emptyConversation and spreads of stored rows), so equal text is an equal row; a
 * different order only costs a write that was not needed.
 */
function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function upsertContact(db: TradewindDb, contact: Contact): Promise<void> {
  await db.contacts.put(contactRow(contact));
}

export async function applyContactChange(db: TradewindDb, change: ContactChange): Promise<void> {
  if (change.kind === 'upsert') await upsertContact(db, change.contact);
  else await db.contacts.delete(change.memberId);
}

export async function applyPresence(db: TradewindDb, presence: Presence): Promise<void> {
  await db.contacts.update(presence.memberId, { presence });
}

export function emptyConversation(id: string, partner: string, now: string): ConversationRow {
  return {
    id,
    partner,
    lastSeq: 0,
    receipts: {},
    createdAt: now,
    lastActivityAt: now,
    partnerTypingUntil: 0,
    unread: 0,
    lastText: null,
    lastSender: null,
    lastRunSince: null,
    lastRunSeq: 0,
  };
}

// --- who wrote last (issue 11) ------------------------------------------------------------------
// `lastSender` / `lastRunSince` / `lastRunSeq` follow every message stored, written or acked, in
// the same transaction (domain/lastRun.ts): the Unanswered queue and the orders view read them.

function runOf(c: ConversationRow): LastRun {
  return { sender: c.lastSender, since: c.lastRunSince, seq: c.lastRunSeq };
}

function withRun(c: ConversationRow, r: LastRun): ConversationRow {
  return { ...c, lastSender: r.sender, lastRunSince: r.since, lastRunSeq: r.seq };
}

// --- counters (issue 10) ------------------------------------------------------------------------
// `ConversationRow.unread` = stored messages from others with a seq after my read mark;
// `meta.unreadTotal` = their sum. Every change that moves one runs in the transaction of the
// change (messages stored, my read mark moving) and adjusts it by what changed: nothing is ever
// recounted, so the work is proportional to the change, not to the history.

/** Adds `delta` to the total. Call inside a transaction that includes `db.meta`. */
async function addToTotal(db: TradewindDb, delta: number): Promise<void> {
  if (delta === 0) return;
  const row = await db.meta.get('unreadTotal');
  const now = row?.key === 'unreadTotal' ? row.value : 0;
  await db.meta.put({ key: 'unreadTotal', value: Math.max(0, now + delta) });
}

/**
 * How many stored messages from others lie in (`from`, `to`]: what leaves `unread` when my read
 * mark moves from `from` to `to`. Reads only that range. Call inside a transaction.
 */
async function incomingBetween(
  db: TradewindDb,
  conversationId: string,
  me: string,
  from: number,
  to: number,
): Promise<number> {
  if (to <= from) return 0;
  return db.messages
    .where('[conversationId+seq]')
    .between([conversationId, from + 1], [conversationId, to], true, true)
    .filter((m) => m.sender !== me && !m.change)
    .count();
}

/**
 * `conv` with my marks merged from `marks`, and its `unread` lowered by the incoming messages my
 * read mark moved over; the total follows. Call inside a rw transaction on messages, meta.
 */
async function withMarks(
  db: TradewindDb,
  conv: ConversationRow,
  me: string,
  marks: ConversationRow['receipts'],
): Promise<ConversationRow> {
  const { row, delta } = await marked(db, conv, me, marks);
  await addToTotal(db, delta);
  return row;
}

/**
 * `withMarks` without the total: the row and what its `unread` moved by, for a caller that marks
 * many rows at once (concurrently) and adds the sum to the total once.
 */
async function marked(
  db: TradewindDb,
  conv: ConversationRow,
  me: string,
  marks: ConversationRow['receipts'],
): Promise<{ row: ConversationRow; delta: number }> {
  const receipts = mergeMarks(conv.receipts, marks);
  const before = conv.receipts[me]?.read ?? 0;
  const after = receipts[me]?.read ?? 0;
  const between = await incomingBetween(db, conv.id, me, before, after);
  const { unread } = afterRead({ read: before, unread: conv.unread }, after, () => between);
  return { row: { ...conv, receipts, unread }, delta: unread - conv.unread };
}

/** Merges receipt marks, never moving one backwards (events can arrive out of order). */
function mergeMarks(
  a: ConversationRow['receipts'],
  b: ConversationRow['receipts'],
): ConversationRow['receipts'] {
  const out: ConversationRow['receipts'] = { ...a };
  for (const [who, m] of Object.entries(b)) {
    const prev = out[who] ?? { delivered: 0, read: 0 };
    out[who] = { delivered: Math.max(prev.delivered, m.delivered), read: Math.max(prev.read, m.read) };
  }
  return out;
}

export async function applyConversationSummaries(
  db: TradewindDb,
  me: string,
  summaries: readonly ConversationSummary[],
): Promise<void> {
  await db.transaction('rw', [db.conversations, db.messages, db.meta], async () => {
    const prevs = await db.conversations.bulkGet(summaries.map((s) => s.id));
    // Each row's marks are read concurrently (a page is 500 conversations); the total moves once.
    const done = await Promise.all(
      summaries.map(async (s, i) => {
        const partner = s.participants.find((p) => p !== me) ?? s.participants[0] ?? me;
        const prev = prevs[i] ?? emptyConversation(s.id, partner, s.createdAt);
        const { row, delta } = await marked(db, prev, me, s.receipts);
        return { row: { ...row, partner, lastSeq: Math.max(prev.lastSeq, s.lastSeq) }, delta };
      }),
    );
    // Issue 10: every connect pages all summaries through here (a seller's 10,000), nearly all as
    // stored; writing them again cost the writes and the contact list a re-read of each page.
    await db.conversations.bulkPut(
      done.filter((d, i) => prevs[i] === undefined || !sameData(prevs[i], d.row)).map((d) => d.row),
    );
    await addToTotal(
      db,
      done.reduce((sum, d) => sum + d.delta, 0),
    );
  });
}

export async function getCursor(db: TradewindDb, conversationId: string): Promise<number> {
  return (await db.cursors.get(conversationId))?.afterSeq ?? 0;
}

/**
 * Moves the cursor over every contiguous stored seq after it (`from`, when the caller read it
 * already). Call inside a transaction.
 */
async function advanceCursor(db: TradewindDb, conversationId: string, from?: number): Promise<number> {
  let cursor = from ?? (await getCursor(db, conversationId));
  const seqs = (await db.messages
    .where('[conversationId+seq]')
    .between([conversationId, cursor + 1], [conversationId, Number.MAX_SAFE_INTEGER], true, true)
    .keys()) as unknown as [string, number][];
  for (const [, seq] of seqs) {
    if (seq !== cursor + 1) break;
    cursor = seq;
  }
  await db.cursors.put({ conversationId, afterSeq: cursor });
  return cursor;
}

function fromServer(m: Message, prev: MessageRow | undefined): MessageRow {
  return {
    clientId: m.clientId,
    conversationId: m.conversationId,
    seq: m.seq,
    sort: m.seq,
    sender: m.sender,
    text: m.text,
    lang: m.lang,
    translation: m.translation,
    attachments: m.attachments,
    order: m.order,
    change: m.change ?? null,
    replyTo: m.replyTo ?? null,
    automatic: m.automatic ?? null,
    sentAt: m.sentAt,
    createdAt: prev?.createdAt ?? m.sentAt,
    prevHash: m.prevHash,
    hash: m.hash,
    signature: m.signature,
    // Without it a batch signature proves nothing about this message (docs/evidence.md § Batch
    // signatures); absent rather than null when signed alone, as the bundle writes it.
    ...(m.proof ? { proof: m.proof } : {}),
    status: 'stored',
  };
}

/**
 * The rows already stored here for `messages` (aligned with them; undefined where none), read
 * without a request per message (issue 10: a catch-up page's bulkGet was a third of its main-thread
 * time, bench/README.md). A message can be here only as stored (its seq then lies in the page's
 * seq range: one key-only read per conversation) or as written on this device and not yet acked
 * (pending or failed: the `status` index, a few keys); only those rows are read whole.
 * Call inside a transaction on `db.messages`.
 */
async function localRows(db: TradewindDb, messages: readonly Message[]): Promise<(MessageRow | undefined)[]> {
  const seqs = new Map<string, { lo: number; hi: number }>();
  for (const m of messages) {
    const r = seqs.get(m.conversationId);
    if (r) {
      r.lo = Math.min(r.lo, m.seq);
      r.hi = Math.max(r.hi, m.seq);
    } else seqs.set(m.conversationId, { lo: m.seq, hi: m.seq });
  }
  const keys = await Promise.all([
    db.messages.where('status').anyOf('pending', 'failed').primaryKeys(),
    ...[...seqs].map(([cid, { lo, hi }]) =>
      db.messages.where('[conversationId+seq]').between([cid, lo], [cid, hi], true, true).primaryKeys(),
    ),
  ]);
  const here = new Set(keys.flat());
  const known = messages.filter((m) => here.has(m.clientId)).map((m) => m.clientId);
  if (known.length === 0) return messages.map(() => undefined);
  const rows = new Map(
    (await db.messages.bulkGet(known)).flatMap((r) => (r ? [[r.clientId, r] as const] : [])),
  );
  return messages.map((m) => rows.get(m.clientId));
}

/**
 * The conversation row and cursor after `ms` (all of one conversation, already in the messages
 * table; `fresh` = those stored for the first time) were stored; records the cursor in `touched`
 * and returns what the conversation's `unread` moved by. Call inside storeServerMessages'
 * transaction.
 */
async function storedInConversation(
  db: TradewindDb,
  me: string,
  g: {
    cid: string;
    ms: readonly Message[];
    fresh: readonly Message[];
    /** The conversation row and the cursor as they were before this transaction wrote them. */
    stored: ConversationRow | undefined;
    cursor: number;
  },
  touched: Map<string, { cursor: number; maxSeq: number }>,
): Promise<number> {
  const { cid, ms, fresh, stored, cursor } = g;
  const first = ms[0];
  if (!first) return 0;
  const maxSeq = Math.max(...ms.map((m) => m.seq));
  const newest = ms.reduce((a, b) => (a.seq > b.seq ? a : b), first);
  // The list's last line: the newest message itself, never an edit or a retraction of one.
  const shown = ms.filter((m) => !m.change);
  const newestShown = shown.length > 0 ? shown.reduce((a, b) => (a.seq > b.seq ? a : b)) : null;
  const partner = first.sender === me ? null : first.sender;
  const prev =
    stored ??
    emptyConversation(
      cid,
      partner ??
        cid
          .replace(/^dm:/, '')
          .split(':')
          .find((p) => p !== me) ??
        cid,
      newest.sentAt,
    );
  const read = prev.receipts[me]?.read ?? 0;
  const { unread } = afterStored({ read, unread: prev.unread }, fresh, me);
  const typingStops = ms.some((m) => m.sender === prev.partner);
  const isNewest = newestShown !== null && newestShown.sentAt >= prev.lastActivityAt;
  const run = runAfter(
    runOf(prev),
    ms.map((m) => ({
      sender: m.sender,
      at: m.sentAt,
      seq: m.seq,
      change: m.change,
      automatic: m.automatic,
    })),
  );
  await db.conversations.put({
    ...withRun(prev, run),
    lastSeq: Math.max(prev.lastSeq, maxSeq),
    lastActivityAt: isNewest ? newestShown.sentAt : prev.lastActivityAt,
    lastText: isNewest ? newestShown.text : prev.lastText,
    partnerTypingUntil: typingStops ? 0 : prev.partnerTypingUntil,
    unread,
  });
  touched.set(cid, { cursor: await advanceCursor(db, cid, cursor), maxSeq });
  return unread - prev.unread;
}

/**
 * A message refers to these bytes: no draft owns them any more, so taking the file out of a draft
 * never deletes them (features/attachments/draftRows.ts `removeDraftFile` deletes only what a
 * draft owns). Messages' attachments are not indexed, so "does any stored message use this
 * sha256?" would be a scan of every message at delete time; instead every path by which a message
 * with attachments enters this store calls this in the transaction that writes it: server
 * messages (`storeServerMessages`, received and mine from other devices, edits included) and this
 * device's sends (`takeFromDraft`; `writeMessage` carries no attachments); and the cache fill of a
 * message's bytes (`loadAttachment`), for a draft that stored them while they were fetched.
 * A draft that stores bytes a stored message refers to but this device never fetched owns them
 * (storeDraftFile) until the message shows them: `loadAttachment`'s cache hit disowns them then
 * (a read first; the read-write transaction only when a draft owns them), so taking the file out
 * of the draft no longer leaves the message to fetch them again (offline: missing). This
 * device's own sends keep theirs (they were stored before the send, and no draft owns bytes a
 * send took).
 * Inside a transaction that includes `draftFiles`; draftFiles holds one row a
 * conversation with something attached, so reading it whole is cheap.
 */
export async function disownDraftBytes(db: TradewindDb, shas: Iterable<string>): Promise<void> {
  const used = new Set(shas);
  if (used.size === 0) return;
  const disowned = (await db.draftFiles.toArray())
    .filter((r) => r.files.some((f) => f.own && used.has(f.ref.sha256)))
    .map((r) => ({
      ...r,
      files: r.files.map((f) => (used.has(f.ref.sha256) ? { ...f, own: false } : f)),
    }));
  if (disowned.length > 0) await db.draftFiles.bulkPut(disowned);
}

/**
 * Stores messages from the server (live or from a sync page). A message this device wrote is
 * matched by its client id, so it turns from pending into stored instead of appearing twice.
 * Returns, per conversation, whether the cursor now reaches the newest seq seen (no gap).
 */
export async function storeServerMessages(
  db: TradewindDb,
  me: string,
  messages: readonly Message[],
): Promise<Map<string, { cursor: number; maxSeq: number }>> {
  const touched = new Map<string, { cursor: number; maxSeq: number }>();
  if (messages.length === 0) return touched;
  // draftFiles: a message that uses bytes a draft stored makes them the message's.
  const tables = [db.messages, db.conversations, db.cursors, db.meta, db.draftFiles];
  await db.transaction('rw', tables, async () => {
    const prevs = await localRows(db, messages);
    const rows = messages.map((m, i) => fromServer(m, prevs[i]));
    await db.messages.bulkPut(rows);
    // Mine from another device included: a stored message now reads these bytes.
    await disownDraftBytes(
      db,
      messages.flatMap((m) => m.attachments.map((a) => a.sha256)),
    );
    // Per conversation: its messages, and those stored for the first time (what counters add).
    const byConv = new Map<string, { all: Message[]; fresh: Message[] }>();
    for (const [i, m] of messages.entries()) {
      const g = byConv.get(m.conversationId) ?? { all: [], fresh: [] };
      if (!byConv.has(m.conversationId)) byConv.set(m.conversationId, g);
      g.all.push(m);
      if (prevs[i]?.seq === undefined) g.fresh.push(m);
    }
    // One answer of sync:batch holds hundreds of conversations: their rows and cursors are read
    // in two bulk reads and each conversation's work runs concurrently (IndexedDB pipelines the
    // requests of one transaction); the total moves once, by the sum.
    const ids = [...byConv.keys()];
    const [convRows, cursorRows] = await Promise.all([
      db.conversations.bulkGet(ids),
      db.cursors.bulkGet(ids),
    ]);
    const deltas = await Promise.all(
      ids.map((cid, i) => {
        const { all: ms, fresh } = byConv.get(cid) ?? { all: [], fresh: [] };
        const cursor = cursorRows[i]?.afterSeq ?? 0;
        return storedInConversation(db, me, { cid, ms, fresh, stored: convRows[i], cursor }, touched);
      }),
    );
    const added = deltas.reduce((sum, d) => sum + d, 0);
    await addToTotal(db, added);
  });
  return touched;
}

/** What a message carries besides its text when it is written (composer, edit bar, retraction). */
export interface ComposeExtras {
  /** Issue 4: the text's language if known, and the translation the writer saw and approved. */
  lang?: string;
  translation?: { text: string; lang: string };
  change?: MessageChange;
  /** Issue 11: the earlier message this one replies to. */
  replyTo?: ReplyTo;
}

/**
 * The row of a message I am writing, as it is stored while pending (nothing is written yet): the
 * composer shows it at once (issue 10) and hands it to `writeMessage`.
 */
export function newMessage(
  me: string,
  to: string,
  text: string,
  extras: ComposeExtras = {},
  now: Date = new Date(),
): MessageRow {
  return {
    clientId: crypto.randomUUID(),
    conversationId: conversationIdFor(me, to),
    sort: now.getTime(),
    sender: me,
    text,
    lang: extras.lang ?? null,
    translation: extras.translation ?? null,
    attachments: [],
    order: null,
    change: extras.change ?? null,
    replyTo: extras.replyTo ?? null,
    createdAt: now.toISOString(),
    status: 'pending',
  };
}

/**
 * Writes a new message (`newMessage`) and its outbox entry in one transaction; the draft goes
 * with the same commit. A message whose client id is already stored counts as written and is left
 * as it is: another tab's journal replay, or this tab's replay of a send whose commit did land,
 * got there first, and writing it again would send it twice. This is the one place that decides
 * "already stored" (the composer and the journal's replay both rely on it). Returns whether it
 * wrote the message now (false: it was already stored).
 */
export async function writeMessage(
  db: TradewindDb,
  to: string,
  row: MessageRow,
  extras: ComposeExtras = {},
): Promise<boolean> {
  const { clientId, conversationId, text, createdAt: iso } = row;
  return db.transaction('rw', [db.messages, db.outbox, db.conversations, db.drafts], async () => {
    // Checked inside the read-write transaction: a write of the same id by another tab queues
    // before or after this one, never between the check and the add.
    if (await db.messages.get(clientId)) return false;
    await db.messages.add(row);
    await db.outbox.add({
      clientId,
      conversationId,
      request: { to, clientId, text, attachments: [], ...extras },
      state: 'queued',
      attempts: 0,
      nextAttemptAt: 0,
    });
    // An edit or a retraction is written from the edit bar, not the composer: the draft stays.
    await noteComposed(db, conversationId, to, text, iso, extras.change === undefined, extras.change);
    return true;
  });
}

/**
 * The conversation row after I wrote something: newest activity and last text; the draft is gone
 * with the same commit that stored the message. Call inside the composing transaction (it needs
 * `db.conversations` and `db.drafts`).
 */
export async function noteComposed(
  db: TradewindDb,
  conversationId: string,
  to: string,
  text: string,
  iso: string,
  dropDraft = true,
  /** An edit or retraction answers nobody: who wrote last stays as it was. */
  change?: MessageChange,
): Promise<void> {
  const prev = (await db.conversations.get(conversationId)) ?? emptyConversation(conversationId, to, iso);
  // The writer is the participant the message is not addressed to.
  const me = partnerOf(conversationId, to.toLowerCase());
  const run = me === null ? runOf(prev) : nextRun(runOf(prev), { sender: me, at: iso, change });
  // An edit or a retraction is not the conversation's last line (the list shows messages).
  const last = change ? {} : { lastActivityAt: iso, lastText: text };
  await db.conversations.put({ ...withRun(prev, run), ...last });
  if (dropDraft) await db.drafts.delete(conversationId);
}

/** Keeps what the composer holds (an empty text removes the draft). */
export async function saveDraft(db: TradewindDb, conversationId: string, text: string): Promise<void> {
  if (text === '') await db.drafts.delete(conversationId);
  else await db.drafts.put({ conversationId, text, updatedAt: new Date().toISOString() });
}

export async function loadDraft(db: TradewindDb, conversationId: string): Promise<string> {
  return (await db.drafts.get(conversationId))?.text ?? '';
}

/** The server stored it: the message becomes stored and only now leaves the outbox. */
export async function applySendAck(db: TradewindDb, clientId: string, ack: SendAck): Promise<void> {
  await db.transaction('rw', [db.messages, db.outbox, db.conversations, db.cursors], async () => {
    const msg = await db.messages.get(clientId);
    if (msg) {
      await db.messages.put({
        ...msg,
        seq: ack.seq,
        sort: ack.seq,
        sentAt: ack.sentAt,
        hash: ack.hash,
        signature: ack.signature,
        // Only from an older server, whose ack was this message's only proof until a sync page
        // brought it again (an export takes proofs from `evidence:attest`).
        ...(ack.proof ? { proof: ack.proof } : {}),
        status: 'stored',
        error: undefined,
      });
    }
    await db.outbox.where('clientId').equals(clientId).delete();
    const conv = await db.conversations.get(ack.conversationId);
    if (conv) {
      const run = msg
        ? nextRun(runOf(conv), { sender: msg.sender, at: ack.sentAt, seq: ack.seq, change: msg.change })
        : runOf(conv);
      await db.conversations.put({ ...withRun(conv, run), lastSeq: Math.max(conv.lastSeq, ack.seq) });
    }
    await advanceCursor(db, ack.conversationId);
  });
}

/** Records a failed attempt: back off (or wait `retryAfterMs`, the server's word) and retry, or mark failed for the user to retry. */
export async function recordSendFailure(
  db: TradewindDb,
  entry: OutboxRow,
  code: ErrorCode,
  now: number,
  retryAfterMs?: number,
): Promise<void> {
  if (entry.id === undefined) return;
  const next = afterFailure({ ...entry, id: entry.id }, code, now, Math.random, retryAfterMs);
  await db.transaction('rw', [db.messages, db.outbox], async () => {
    if (!(await db.outbox.get(next.id))) return; // acked meanwhile
    await db.outbox.put({ ...next, lastError: code });
    if (next.state === 'failed') await db.messages.update(entry.clientId, { status: 'failed', error: code });
  });
}

/** The user pressed retry: the message goes to the back of its conversation's queue. */
export async function retryMessage(db: TradewindDb, clientId: string): Promise<void> {
  await db.transaction('rw', [db.messages, db.outbox], async () => {
    const entry = await db.outbox.where('clientId').equals(clientId).first();
    if (!entry) return;
    await db.outbox.delete(entry.id);
    const { id: _old, ...rest } = entry;
    await db.outbox.add({
      ...rest,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: undefined,
      internalFailures: 0,
    });
    await db.messages.update(clientId, { status: 'pending', error: undefined, sort: Date.now() });
  });
}

/** A receipt (mine from another device, or the partner's); my read mark moving lowers `unread`. */
export async function applyReceipt(db: TradewindDb, me: string, r: ReceiptEvent): Promise<void> {
  await db.transaction('rw', [db.conversations, db.messages, db.meta], async () => {
    const conv = await db.conversations.get(r.conversationId);
    if (!conv) return;
    await db.conversations.put(
      await withMarks(db, conv, me, { [r.memberId]: { delivered: r.delivered, read: r.read } }),
    );
  });
}

/**
 * Many receipts at once (a `message:receipts` answer, issue 10) in one transaction: each
 * conversation's marks merged as `applyReceipt` does, its `unread` lowered by what my read mark
 * moved over; the total moves once, by the sum.
 */
export async function applyReceipts(db: TradewindDb, me: string, rs: readonly ReceiptEvent[]): Promise<void> {
  if (rs.length === 0) return;
  await db.transaction('rw', [db.conversations, db.messages, db.meta], async () => {
    const convs = await db.conversations.bulkGet(rs.map((r) => r.conversationId));
    const done = await Promise.all(
      rs.flatMap((r, i) => {
        const conv = convs[i];
        return conv ? [marked(db, conv, me, { [r.memberId]: { delivered: r.delivered, read: r.read } })] : [];
      }),
    );
    await db.conversations.bulkPut(done.map((d) => d.row));
    await addToTotal(
      db,
      done.reduce((sum, d) => sum + d.delta, 0),
    );
  });
}

/** A typing indicator lasts a few seconds unless renewed, so a lost "stopped" event cannot stick. */
export const TYPING_TTL_MS = 6000;

export async function applyTyping(db: TradewindDb, e: TypingEvent, me: string, now: number): Promise<void> {
  if (e.memberId === me) return;
  await db.conversations.update(e.conversationId, { partnerTypingUntil: e.typing ? now + TYPING_TTL_MS : 0 });
}

export async function allOutbox(db: TradewindDb): Promise<OutboxRow[]> {
  return db.outbox.orderBy('id').toArray();
}

/**
 * The conversations whose summary says the server has more than is stored here: their cursor and
 * the server's last seq (two reads, whatever the number of conversations).
 */
export async function conversationsNeedingSync(
  db: TradewindDb,
): Promise<{ id: string; afterSeq: number; lastSeq: number }[]> {
  return db.transaction('r', [db.conversations, db.cursors], async () => {
    const convs = await db.conversations.toArray();
    const cursors = await db.cursors.bulkGet(convs.map((c) => c.id));
    return convs.flatMap((c, i) => {
      const afterSeq = cursors[i]?.afterSeq ?? 0;
      return c.lastSeq > afterSeq ? [{ id: c.id, afterSeq, lastSeq: c.lastSeq }] : [];
    });
  });
}

/**
 * The delivered receipts this device owes after a catch-up: per conversation not held (issue 11:
 * no receipt for a message request), the newest stored incoming seq where it is beyond my
 * delivered mark. Only conversations whose last seq passes that mark are read (a seller's
 * thousands of settled ones cost nothing), all in one read transaction.
 */
export async function deliveredOwed(
  db: TradewindDb,
  me: string,
): Promise<{ conversationId: string; upToSeq: number }[]> {
  return db.transaction('r', [db.conversations, db.messages, db.contactRequests, db.contacts], async () => {
    const behind = (await db.conversations.toArray()).filter(
      (c) => c.lastSeq > (c.receipts[me]?.delivered ?? 0),
    );
    if (behind.length === 0) return [];
    const held = await heldPartners(db);
    const owing = behind.filter((c) => !held.has(partnerOf(c.id, me) ?? ''));
    const upTo = await Promise.all(owing.map((c) => latestIncomingSeq(db, c.id, me)));
    return owing.flatMap((c, i) => {
      const seq = upTo[i] ?? 0;
      return seq > (c.receipts[me]?.delivered ?? 0) ? [{ conversationId: c.id, upToSeq: seq }] : [];
    });
  });
}

/** Highest stored seq of an incoming message in a conversation (what a receipt confirms). */
export async function latestIncomingSeq(
  db: TradewindDb,
  conversationId: string,
  me: string,
): Promise<number> {
  const rows = await db.messages
    .where('[conversationId+seq]')
    .between([conversationId, 1], [conversationId, Number.MAX_SAFE_INTEGER], true, true)
    .reverse()
    .filter((m) => m.sender !== me)
    .first();
  return rows?.seq ?? 0;
}

export async function getConversation(db: TradewindDb, id: string): Promise<ConversationRow | undefined> {
  return db.conversations.get(id);
}
