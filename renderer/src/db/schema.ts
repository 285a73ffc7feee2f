/**
 * The local database: IndexedDB through Dexie, the client's single source of truth. The network
 * writes into it; the UI reads it through live queries.
 *
 * Every `version(n)` stays here forever with its upgrade function: a user who skipped ten
 * releases upgrades through all of them in order. Add a new version; never edit an old one.
 */
import { Dexie, type EntityTable } from 'dexie';
import type {
  AttachmentRef,
  AutomaticReply,
  BatchProof,
  Me,
  MessageChange,
  OrderRef,
  ReplyTo,
  SendMessageRequest,
} from '../../../shared/protocol';
import type { ErrorCode } from '../../../shared/result';
import { NO_RUN, runAfter, type RunMessage } from '../domain/lastRun';
import type { LocalStatus, ReceiptMarks } from '../domain/messageState';
import type {
  ContactRow,
  ConversationPrefsRow,
  ContactRequestRow,
  GroupEditRow,
  GroupRow,
  PrefRow,
} from './rows/contacts';
import type { TranslationPrefsRow, TranslationRow } from './rows/translation';
import type { AttachmentBlobRow, DraftFilesRow } from './rows/attachments';
import type { SearchDocRow, SearchPostingRow, SearchStateRow } from './rows/search';
import type { QuickReplyRow } from './rows/quickReplies';

export type { ContactRow };

export interface ConversationRow {
  id: string;
  partner: string;
  lastSeq: number;
  /** Per participant: highest seq confirmed delivered / read. */
  receipts: Record<string, ReceiptMarks>;
  createdAt: string;
  /** ISO time of the newest message (stored or pending), for sorting the list. */
  lastActivityAt: string;
  /** Until when the partner is shown as typing (ms since epoch); 0 = not typing. */
  partnerTypingUntil: number;
  /**
   * v7 (issue 10): stored incoming messages after my read mark. Kept by the repository in the
   * same transaction as the change that moves it (messages stored, my read mark moving), never
   * recounted; `meta.unreadTotal` is the sum over all conversations.
   */
  unread: number;
  /** v7: the newest message's text (stored or pending), for the conversation list. */
  lastText: string | null;
  /**
   * v10 (issue 11): who wrote the newest ordinary message (edits and retractions aside) and since
   * when their trailing run has waited for an answer; `lastRunSeq` is the highest stored seq taken
   * into account (domain/lastRun.ts). Kept by the repository with the messages, like `unread`.
   */
  lastSender: string | null;
  lastRunSince: string | null;
  lastRunSeq: number;
}

export interface MessageRow {
  /** The sender's UUID; the primary key of every message, stored or pending. */
  clientId: string;
  conversationId: string;
  /** Present once the server stored it; `[conversationId+seq]` is unique. */
  seq?: number;
  /** Display order: `seq` when stored, creation ms while pending (always after stored ones). */
  sort: number;
  sender: string;
  text: string;
  lang: string | null;
  translation: { text: string; lang: string } | null;
  attachments: AttachmentRef[];
  order: OrderRef | null;
  /** An edit or retraction of this sender's message `seq` (issue 11); absent on ordinary messages. */
  change?: MessageChange | null;
  /** The earlier message of the conversation this one replies to (issue 11); absent otherwise. */
  replyTo?: ReplyTo | null;
  /** An automatic reply the server sent for its sender (issue 11); absent on every other message. */
  automatic?: AutomaticReply | null;
  /** Server time (ISO) once stored. */
  sentAt?: string;
  /** Local creation time (ISO). */
  createdAt: string;
  prevHash?: string;
  hash?: string;
  signature?: string;
  /**
   * Issue 9: where the server signed it with others of its group commit, its inclusion proof (the
   * signature is then the batch's); absent when signed alone. Not indexed: no schema version.
   * Only an older server sent it with the message: an export takes proofs from the
   * `evidence:attest` answer, this one where the answer has none.
   */
  proof?: BatchProof;
  status: LocalStatus;
  error?: ErrorCode;
}

export interface OutboxRow {
  /** Auto-increment: the order the user wrote them in. */
  id?: number;
  clientId: string;
  conversationId: string;
  request: SendMessageRequest;
  state: 'queued' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lastError?: ErrorCode;
  /** `internal` answers since written or last retried (domain/outboxPolicy.ts: after 3, failed). */
  internalFailures?: number;
}

export interface CursorRow {
  conversationId: string;
  /** Every seq up to and including this one is stored locally. */
  afterSeq: number;
}

/** v7 (issue 10): what the composer of a conversation holds, kept as it is typed. */
export interface DraftRow {
  conversationId: string;
  text: string;
  updatedAt: string;
}

export type MetaRow =
  | { key: 'me'; value: Me }
  | { key: 'lastSyncAt'; value: string }
  /** SHA-256 (hex) of the last session token of this account on this device: the known-device marker of sign-in. */
  | { key: 'deviceMarker'; value: string }
  /** v7: the sum of every conversation's `unread` (window badge), kept with them. */
  | { key: 'unreadTotal'; value: number }
  /** v8: the highest user version of quick replies applied from the server (issue 11). */
  | { key: 'quickReplyVersion'; value: number };

export class TradewindDb extends Dexie {
  contacts!: EntityTable<ContactRow, 'memberId'>;
  conversations!: EntityTable<ConversationRow, 'id'>;
  messages!: EntityTable<MessageRow, 'clientId'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  cursors!: EntityTable<CursorRow, 'conversationId'>;
  meta!: EntityTable<MetaRow, 'key'>;
  // v2 (issue 3): contact groups, their offline edit queue, contact requests, per-conversation
  // preferences (waiting-clock deadline, notifications shown) and small local preferences.
  groups!: EntityTable<GroupRow, 'id'>;
  groupEdits!: EntityTable<GroupEditRow, 'id'>;
  contactRequests!: EntityTable<ContactRequestRow, 'memberId'>;
  conversationPrefs!: EntityTable<ConversationPrefsRow, 'conversationId'>;
  prefs!: EntityTable<PrefRow, 'key'>;
  // v3 (issue 4): machine translations per (message, reading language), and per-conversation
  // reading preferences (language override, translation off, show originals).
  translations!: Dexie.Table<TranslationRow, [string, string]>;
  translationPrefs!: EntityTable<TranslationPrefsRow, 'conversationId'>;
  // v4 (issue 5): attachment bytes by SHA-256 — outgoing ones until (and after) upload, incoming
  // ones cached for offline use and for evidence exports.
  attachmentBlobs!: EntityTable<AttachmentBlobRow, 'sha256'>;
  // v5, v6 (issue 10): the message search index (features/search), kept behind catch-up by a
  // background indexer, and how far that indexer got.
  searchState!: EntityTable<SearchStateRow, 'key'>;
  searchDocs!: EntityTable<SearchDocRow, 'id'>;
  searchPostings!: EntityTable<SearchPostingRow, 'id'>;
  // v7 (issue 10): the composer's text per conversation, so a reload or a crash loses nothing typed.
  drafts!: EntityTable<DraftRow, 'conversationId'>;
  // v8 (issue 11): my quick replies, synced with the server (features/desk).
  quickReplies!: EntityTable<QuickReplyRow, 'id'>;
  // v17 (issue 10): the files and order reference waiting in a conversation's composer
  // (features/attachments/draftRows.ts), so a reload or a restart loses nothing attached.
  draftFiles!: EntityTable<DraftFilesRow, 'conversationId'>;

  constructor(name: string) {
    super(name);
    // v1 — foundation (issue 2). Later versions add translations and groups tables.
    this.version(1).stores({
      contacts: '&memberId, displayName',
      conversations: '&id, partner, lastActivityAt',
      messages: '&clientId, &[conversationId+seq], [conversationId+sort], status',
      outbox: '++id, &clientId, conversationId',
      cursors: '&conversationId',
      meta: '&key',
    });
    // v2 — contact groups, presence and clocks (issue 3). New tables only: nothing to migrate.
    this.version(2).stores({
      groups: '&id, position',
      groupEdits: '++id',
      contactRequests: '&memberId, direction',
      conversationPrefs: '&conversationId',
      prefs: '&key',
    });
    // v3 — translation (issue 4). New tables only: nothing to migrate.
    this.version(3).stores({
      translations: '&[clientId+targetLang], conversationId',
      translationPrefs: '&conversationId',
    });
    // v4 — photos and files (issue 5). New table only: nothing to migrate.
    this.version(4).stores({
      attachmentBlobs: '&sha256, uploaded',
    });
    // v5 — message search (issue 10). New tables, and translations gain an index in the order
    // they were stored, which the indexer walks. Nothing to migrate: the indexer finds every
    // stored message and translation not yet indexed and indexes them in the background.
    this.version(5).stores({
      translations: '&[clientId+targetLang], conversationId, [storedAt+clientId+targetLang]',
      searchWords: '&[at+conversationId+seq+part], *words',
      searchState: '&key',
    });
    // v6 — message search with numeric keys (issue 10): v5's compound keys cost ~1 s per common
    // word at 100,000 messages (bench/README.md). Its postings are dropped and the watermarks
    // cleared, so the indexer rebuilds the index in the background.
    this.version(6)
      .stores({
        searchWords: null,
        searchDocs: '&id, &[conversationId+seq]',
        searchPostings: '&id, *words',
      })
      .upgrade((tx) => tx.table('searchState').clear());
    // v7 — a year of trade (issue 10): unread counters and the last text in the conversation
    // row (computed once here, then kept incrementally by db/repo.ts) and their total in meta;
    // messages indexed by order number, so the orders panel reads only messages with an order;
    // composer drafts.
    this.version(7)
      .stores({
        messages:
          '&clientId, &[conversationId+seq], [conversationId+sort], status, [conversationId+order.orderNo]',
        drafts: '&conversationId',
      })
      .upgrade(async (tx) => {
        const meRow = (await tx.table('meta').get('me')) as MetaRow | undefined;
        const me = meRow?.key === 'me' ? meRow.value.memberId : '';
        const messages = tx.table<MessageRow, string>('messages');
        const conversations = tx.table<ConversationRow, string>('conversations');
        let total = 0;
        const rows: ConversationRow[] = [];
        for (const conv of await conversations.toArray()) {
          const read = conv.receipts[me]?.read ?? 0;
          const unread = await messages
            .where('[conversationId+seq]')
            .between([conv.id, read + 1], [conv.id, Number.MAX_SAFE_INTEGER], true, true)
            .filter((m) => m.sender !== me)
            .count();
          const last = await messages
            .where('[conversationId+sort]')
            .between([conv.id, -Infinity], [conv.id, Infinity])
            .last();
          total += unread;
          rows.push({ ...conv, unread, lastText: last?.text ?? null });
        }
        await conversations.bulkPut(rows);
        await tx.table('meta').put({ key: 'unreadTotal', value: total });
      });
    // v8 — quick replies (issue 11). New table only: nothing to migrate; the first catch-up
    // fills it from the server.
    this.version(8).stores({
      quickReplies: '&id',
    });
    // v9 — edits and retractions (issue 11): messages indexed by the message they change. Only
    // changes are in this index (no `change` → no key), so a window of the conversation reads
    // exactly its messages' changes. Nothing to migrate.
    this.version(9).stores({
      messages:
        '&clientId, &[conversationId+seq], [conversationId+sort], status, [conversationId+order.orderNo], [conversationId+change.seq]',
    });
    // v10 — the Unanswered queue (issue 11): who wrote last and since when, in the conversation
    // row (then kept by db/repo.ts). No index: the conversation list reads every row already.
    // Each conversation reads its trailing run backwards, up to the first message of someone else.
    this.version(10)
      .stores({})
      .upgrade(async (tx) => {
        const messages = tx.table<MessageRow, string>('messages');
        const conversations = tx.table<ConversationRow, string>('conversations');
        const rows: ConversationRow[] = [];
        for (const conv of await conversations.toArray()) {
          const run: RunMessage[] = [];
          await messages
            .where('[conversationId+sort]')
            .between([conv.id, -Infinity], [conv.id, Infinity])
            .reverse()
            .until((m) => {
              if (m.change || m.automatic) return false;
              const first = run[0];
              if (first && first.sender !== m.sender) return true;
              run.push({ sender: m.sender, at: m.sentAt ?? m.createdAt, seq: m.seq });
              return false;
            })
            .toArray();
          const last = runAfter(NO_RUN, run.reverse());
          rows.push({ ...conv, lastSender: last.sender, lastRunSince: last.since, lastRunSeq: last.seq });
        }
        await conversations.bulkPut(rows);
      });
    // v14 — search in fewer round trips (issue 10): a posting carries its message's conversation,
    // seq and client id, and a message's own posting whether one of its machine translations exists
    // (db/rows/search.ts), so a query reads the hits' messages from the postings it walked. No index
    // changes. Existing postings are carried over as they are (search keeps answering from them,
    // through their doc rows); the watermarks are cleared, so the background indexer rewrites every
    // posting with the new fields, with its progress shown.
    this.version(14)
      .stores({})
      .upgrade((tx) => tx.table('searchState').clear());
    // v15 — search by contact (issue 10): a conversation's docs by time, `[conversationId+id]` (a
    // doc's id is its time), so one word in one conversation intersects the word's posting keys
    // with the conversation's docs read newest first instead of reading the word's postings whole
    // (features/search/walk.ts `conversationWindow`). Only an index is added: IndexedDB builds it
    // from the stored docs during the upgrade, every store is carried over as it is. (A store that
    // reached v17 without it, before this landed, gets it from Dexie's schema diff on open.)
    this.version(15).stores({
      searchDocs: '&id, &[conversationId+seq], [conversationId+id]',
    });
    // v17 — attachment drafts (issue 10): per conversation, the files (their bytes in
    // attachmentBlobs, where the sent message reads them) and the order reference waiting in the
    // composer. New table only: every existing store is carried over as it is; drafts attached
    // before this version lived in memory and are gone with the page that held them.
    this.version(17).stores({
      draftFiles: '&conversationId',
    });
  }
}

/** One database per account and server, so two accounts (or two servers) never mix. */
export function databaseName(memberId: string, serverUrl: string): string {
  const server = serverUrl.replace(/\/+$/, '').toLowerCase();
  return `tradewind:${memberId.toLowerCase()}@${server}`;
}

let current: TradewindDb | null = null;

/** The one open database; opening another account's closes the previous one. */
export function openDb(memberId: string, serverUrl: string): TradewindDb {
  const name = databaseName(memberId, serverUrl);
  if (current?.name === name) return current;
  current?.close();
  current = new TradewindDb(name);
  return current;
}
