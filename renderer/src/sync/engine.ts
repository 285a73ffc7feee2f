/**
 * The sync engine: one per signed-in session. It owns the socket, writes everything the server
 * says into IndexedDB, catches up after every (re)connect and drains the outbox. The UI never
 * waits on it: it reads the database, which the engine keeps current.
 */
import type { Socket } from 'socket.io-client';
import {
  ContactChange,
  LIMITS,
  Me,
  Message,
  Presence,
  ReceiptEvent,
  TypingEvent,
  type RequestName,
  type RequestPayload,
  type ResponseMap,
  type SendMessageRequest,
  type ServerToClientEvents,
  type SyncBatchResponse,
  type SyncCursor,
} from '../../../shared/protocol';
import type { PresenceSetting } from '../../../shared/protocol';
import type { StoredSession } from '../../../shared/hostApi';
import { ok, type ErrorCode, type Result } from '../../../shared/result';
import { dueHeads, retryAfterOf } from '../domain/outboxPolicy';
import {
  allOutbox,
  applyContactChange,
  applyConversationSummaries,
  applyPresence,
  applyReceipt,
  applyReceipts,
  applySendAck,
  applyTyping,
  conversationsNeedingSync,
  deliveredOwed,
  getConversation,
  latestIncomingSeq,
  recordSendFailure,
  replaceContacts,
  saveMe,
  storeServerMessages,
} from '../db/repo';
import type { TradewindDb } from '../db/schema';
import { heldConversation } from '../db/held';
import { replayJournal } from '../db/journal';
import { followUps, nextBatch, type Behind } from './batches';
import { pipelined } from './pipeline';
import { connectSocket, request, type ClientSocket } from './transport';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface EngineEvents {
  /** The token is no longer valid (revoked or unknown): the user must sign in again. */
  onSignedOut: () => void;
  /** A message from someone else arrived live. */
  onIncoming?: (message: Message) => void;
}

/**
 * What a feature plugs into the engine (contact groups, attachments …). app/ registers them with
 * `use()` before `start()`: the engine knows no feature, so sync/ never imports one.
 */
export interface SyncPlugin {
  /** Live socket events it handles; each handler parses its payload (types are no validation). */
  readonly events?: { readonly [E in keyof ServerToClientEvents]?: (raw: unknown) => void };
  /** A step of every catch-up: after profile, contacts and conversation summaries, before messages. */
  catchUp?(): Promise<void>;
  /** Server messages just stored (a catch-up page or a live message), mine included. */
  stored?(messages: readonly Message[]): void;
  /** Runs before a queued message is sent; a failure is recorded as the send's failure. */
  beforeSend?(request: SendMessageRequest): Promise<Result<unknown>>;
  /** The engine stopped (timers off until the next catch-up). */
  stop?(): void;
}

const SEND_TIMEOUT_MS = 15_000;
/**
 * Refusals of `message:receipts` after which the receipts go one request each: the server does
 * not know the request, or refused one receipt of the batch (which refuses them all).
 */
const RECEIPT_FALLBACK: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'unsupported',
  'bad_request',
  'not_found',
  'forbidden',
]);
/** Conversation summaries asked for per `sync:conversations` page. */
const CONVERSATIONS_PAGE = 500;

export class SyncEngine {
  private readonly socket: ClientSocket;
  private state: ConnectionState = 'connecting';
  /** When this session last lost its connection (ms); null while connected or before the first connect. */
  private offlineSince: number | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly disposers: (() => void)[] = [];
  private pumping = false;
  private pumpAgain = false;
  private wakeTimer: ReturnType<typeof setTimeout> | null = null;
  private visibleConversation: string | null = null;
  private catchUp: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Features plugged in by app/ (contact groups and requests, attachments …), in order. */
  private readonly plugins: SyncPlugin[] = [];
  /** The presence setting this device reports (the status menu plus automatic away). */
  private presence: PresenceSetting = 'online';
  /** The setting sent in the last handshake: the server started this connection's device with it. */
  private handshakePresence: PresenceSetting = 'online';
  /** Whether `setPresence` has been called (then the saved choice is not read over it). */
  private presenceSet = false;

  constructor(
    readonly db: TradewindDb,
    readonly session: StoredSession,
    private readonly events: EngineEvents,
  ) {
    this.socket = connectSocket(session.serverUrl, session.token, false, () => {
      this.handshakePresence = this.presence;
      return this.presence;
    });
  }

  /** Plugs a feature in; call before `start()`. */
  use(plugin: SyncPlugin): void {
    this.plugins.push(plugin);
  }

  get me(): string {
    return this.session.memberId;
  }

  // --- connection state, for useSyncExternalStore -------------------------------------------

  getState = (): ConnectionState => this.state;

  /**
   * Since when the server has been out of reach (ms), or null while connected and while the
   * first connection is being made: what others' presence was known up to (issue 12).
   */
  getOfflineSince = (): number | null => this.offlineSince;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private setState(s: ConnectionState): void {
    if (this.state === s) return;
    if (s === 'online') this.offlineSince = null;
    else if (this.state === 'online') this.offlineSince = Date.now();
    this.state = s;
    for (const l of this.listeners) l();
  }

  // --- lifecycle ------------------------------------------------------------------------------

  /** Connects and listens. Restartable after stop() (React StrictMode mounts effects twice). */
  start(): void {
    this.stopped = false;
    // Issue 10: sends the composer journaled whose commit a closed page lost are written first
    // (before any new send of this session can queue behind them), then go out in order.
    replayJournal(this.db, this.me).then(
      (written) => {
        if (written > 0) this.pump();
      },
      (e: unknown) => console.warn('journal not replayed', e),
    );
    const s = this.socket;
    s.on('connect', () => {
      this.setState('online');
      // The handshake carried my setting; restate it only if it changed while connecting.
      if (this.presence !== this.handshakePresence)
        void this.request('presence:set', { setting: this.presence }, 5000);
      this.catchUp = this.catchUp
        .then(() => this.runCatchUp())
        .catch((e: unknown) => console.warn('catch-up failed', e));
    });
    s.on('disconnect', (reason) => {
      this.setState(navigator.onLine ? 'connecting' : 'offline');
      // The server closed this session on purpose: socket.io will not reconnect by itself.
      if (reason === 'io server disconnect' && !this.stopped) s.connect();
    });
    s.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      if (err.data?.code === 'unauthenticated' || /unauthenticated/i.test(err.message)) {
        this.events.onSignedOut();
        return;
      }
      this.setState(navigator.onLine ? 'connecting' : 'offline');
    });
    s.on('message:new', (raw) => void this.onMessage(raw));
    s.on('receipt:updated', (raw) => {
      const p = ReceiptEvent.safeParse(raw);
      if (p.success) void applyReceipt(this.db, this.me, p.data);
    });
    s.on('typing:changed', (raw) => {
      const p = TypingEvent.safeParse(raw);
      if (p.success) void applyTyping(this.db, p.data, this.me, Date.now());
    });
    s.on('presence:changed', (raw) => {
      const p = Presence.safeParse(raw);
      if (p.success) void applyPresence(this.db, p.data);
    });
    s.on('contact:changed', (raw) => {
      const p = ContactChange.safeParse(raw);
      if (p.success) void applyContactChange(this.db, p.data);
    });
    // socket.io's typed `on` cannot follow an event name from a mapped type; each handler takes
    // `unknown` and parses, so any payload type fits.
    const loose = s as unknown as Socket;
    for (const p of this.plugins)
      for (const [event, handler] of Object.entries(p.events ?? {})) loose.on(event, handler);
    // My profile changed on another of my devices (the profile editor, the status menu).
    s.on('profile:changed', (raw) => {
      const p = Me.safeParse(raw);
      if (p.success && p.data.memberId === this.me) void saveMe(this.db, p.data);
    });
    s.on('session:revoked', () => this.events.onSignedOut());

    // The browser knows before socket.io does that the network is gone (or back).
    const offline = (): void => {
      this.setState('offline');
      s.disconnect();
    };
    const online = (): void => {
      this.setState('connecting');
      if (!this.stopped) s.connect();
    };
    const focus = (): void => void this.markVisibleRead();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    window.addEventListener('focus', focus);
    document.addEventListener('visibilitychange', focus);
    this.disposers.push(() => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      window.removeEventListener('focus', focus);
      document.removeEventListener('visibilitychange', focus);
    });

    if (navigator.onLine) {
      // The first handshake already carries the status chosen in an earlier run.
      void this.restoreChosenPresence().then(() => {
        if (!this.stopped && !s.active) s.connect();
      });
    } else this.setState('offline');
  }

  /** Takes the saved status choice (status menu) as this device's setting, unless one was set already. */
  private async restoreChosenPresence(): Promise<void> {
    if (this.presenceSet) return;
    const row = await this.db.prefs.get('presenceSetting').catch(() => undefined);
    if (!this.presenceSet && row?.key === 'presenceSetting') this.presence = row.value;
  }

  stop(): void {
    this.stopped = true;
    for (const d of this.disposers.splice(0)) d();
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    for (const p of this.plugins) p.stop?.();
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  /** A request for the UI (contact:add, user:lookup …). */
  request<N extends RequestName>(
    name: N,
    payload: RequestPayload<N>,
    timeoutMs?: number,
  ): Promise<Result<ResponseMap[N]>> {
    return request(this.socket, name, payload, timeoutMs);
  }

  // --- catch-up -------------------------------------------------------------------------------

  /**
   * After every (re)connect: conversations, then the messages after each cursor, then the
   * outbox. The outbox drains even when a step before it throws (the error still propagates).
   */
  private async runCatchUp(): Promise<void> {
    try {
      const [profile, contacts] = await Promise.all([
        this.request('profile:get', {}),
        this.request('contact:list', {}),
      ]);
      if (profile.ok) await saveMe(this.db, profile.value);
      if (contacts.ok) await replaceContacts(this.db, contacts.value);
      await this.syncConversationList();
      for (const p of this.plugins) await p.catchUp?.();
      await this.syncBehind();
      await this.confirmAllDelivered();
      await this.markVisibleRead();
    } finally {
      this.pump();
    }
  }

  /**
   * The conversation summaries, a page at a time (a seller has thousands: one page is one short
   * request and one short transaction). A server that predates paging refuses `limit` with
   * `bad_request`; it gets the old request for the whole list.
   */
  private async syncConversationList(): Promise<void> {
    let after: string | undefined;
    for (let guard = 0; guard < 100_000; guard++) {
      const page = await this.request('sync:conversations', { limit: CONVERSATIONS_PAGE, after });
      if (!page.ok) {
        if (page.code !== 'bad_request' || after !== undefined) return;
        const all = await this.request('sync:conversations', {});
        if (all.ok) await applyConversationSummaries(this.db, this.me, all.value);
        return;
      }
      await applyConversationSummaries(this.db, this.me, page.value);
      const last = page.value.at(-1)?.id;
      if (page.value.length < CONVERSATIONS_PAGE || last === undefined) return;
      after = last;
    }
  }

  /**
   * The messages of every conversation whose summary says the server has more than is stored
   * here, many conversations per `sync:batch` request (issue 10). A conversation with more than
   * a page goes back in the queue after the last seq its page brought. The next request goes out
   * as soon as an answer is in, while earlier answers are stored (`pipelined`: answers stored in
   * order, each store after the previous one committed; the cursors move only with those
   * commits); answers that arrived during a store are stored together in one transaction.
   * A server that predates `sync:batch` answers `unsupported`: then (as for any refusal) one
   * conversation at a time with `sync:messages`, as before.
   */
  private async syncBehind(): Promise<void> {
    const queue: Behind[] = await conversationsNeedingSync(this.db);
    let at = 0;
    // Pages of up to a whole answer (issue 10); a server that predates them refuses the limit
    // (too_large): then its default pages, from that request on.
    let limit: number | undefined = LIMITS.syncBatchMessages;
    const ask = async (cursors: SyncCursor[]): Promise<Result<SyncBatchResponse>> => {
      const r = await this.request('sync:batch', { cursors, limit });
      if (r.ok || r.code !== 'too_large' || limit === undefined) return r;
      limit = undefined;
      return this.request('sync:batch', { cursors });
    };
    type Answer = { batch: Behind[]; r: Result<SyncBatchResponse> };
    const size = ({ r }: Answer): number =>
      r.ok ? r.value.pages.reduce((n, p) => n + p.messages.length, 0) : 0;
    await pipelined<Answer>(
      {
        ask: () => {
          if (at >= queue.length || this.stopped) return null;
          const { batch, next } = nextBatch(queue, at);
          at = next;
          const cursors = batch.map((c) => ({ conversationId: c.id, afterSeq: c.afterSeq }));
          return ask(cursors).then((r) => ({ batch, r }));
        },
        received: (answer) => {
          if (!answer.r.ok) return false;
          queue.push(...followUps(answer.batch, answer.r.value.pages));
          // An answer that brought nothing at all cannot make progress by asking again.
          return size(answer) > 0;
        },
        store: async (answers) => {
          // Answers that arrived together go in one transaction; a refusal can only be the last.
          const messages = answers.flatMap(({ r }) => (r.ok ? r.value.pages.flatMap((p) => p.messages) : []));
          if (messages.length > 0) {
            await storeServerMessages(this.db, this.me, messages);
            this.stored(messages);
          }
          const refused = answers.find(({ r }) => !r.ok);
          if (!refused || refused.r.ok) return;
          if (refused.r.code === 'offline' || refused.r.code === 'timeout') return; // the next connect catches up
          for (const c of [...refused.batch, ...queue.slice(at)]) await this.syncConversation(c.id);
        },
      },
      // Up to an answer's worth of messages waiting while a store runs: together, one transaction.
      { limit: LIMITS.syncBatchMessages, weight: size },
    );
  }

  private async syncConversation(conversationId: string): Promise<void> {
    for (let guard = 0; guard < 10_000; guard++) {
      const cursor = (await this.db.cursors.get(conversationId))?.afterSeq ?? 0;
      const page = await this.request('sync:messages', { conversationId, afterSeq: cursor });
      if (!page.ok) return;
      const touched = await storeServerMessages(this.db, this.me, page.value.messages);
      this.stored(page.value.messages);
      const after = touched.get(conversationId)?.cursor ?? cursor;
      // Stop when the server has nothing more, or when a page did not move us forward.
      if (!page.value.hasMore || after <= cursor) return;
    }
  }

  private async onMessage(raw: unknown): Promise<void> {
    const p = Message.safeParse(raw);
    if (!p.success) return;
    const m = p.data;
    const touched = await storeServerMessages(this.db, this.me, [m]);
    this.stored([m]);
    const t = touched.get(m.conversationId);
    // A gap (we missed something between two live messages): page it in.
    if (t && t.cursor < t.maxSeq) await this.syncConversation(m.conversationId);
    if (m.sender !== this.me) {
      this.events.onIncoming?.(m);
      await this.confirmDelivered(m.conversationId);
      await this.markVisibleRead();
    }
  }

  private stored(messages: readonly Message[]): void {
    for (const p of this.plugins) p.stored?.(messages);
  }

  /** Every plugin's step before a send (attachments' bytes go up first); the first failure wins. */
  private async beforeSend(request: SendMessageRequest): Promise<Result<unknown>> {
    for (const p of this.plugins) {
      const r = (await p.beforeSend?.(request)) ?? ok(null);
      if (!r.ok) return r;
    }
    return ok(null);
  }

  // --- receipts -------------------------------------------------------------------------------

  private async confirmDelivered(conversationId: string): Promise<void> {
    const conv = await getConversation(this.db, conversationId);
    // A message request not accepted (issue 11): no receipt tells its sender anything.
    if (!conv || (await heldConversation(this.db, this.me, conversationId))) return;
    const upTo = await latestIncomingSeq(this.db, conversationId, this.me);
    const mine = conv.receipts[this.me] ?? { delivered: 0, read: 0 };
    if (upTo <= mine.delivered) return;
    const r = await this.request('message:receipt', { conversationId, kind: 'delivered', upToSeq: upTo });
    if (r.ok) await applyReceipt(this.db, this.me, r.value);
  }

  /**
   * Delivered receipts for whatever arrived while we were away, many conversations per
   * `message:receipts` request (issue 10: a seller's new device owes thousands; one request each
   * was thousands of round trips after the catch-up). A server that predates it answers
   * `unsupported`: then one `message:receipt` per conversation, as before.
   */
  private async confirmAllDelivered(): Promise<void> {
    const owed = await deliveredOwed(this.db, this.me);
    for (let at = 0; at < owed.length && !this.stopped; at += LIMITS.receiptsBatch) {
      const chunk = owed.slice(at, at + LIMITS.receiptsBatch);
      const r = await this.request('message:receipts', {
        receipts: chunk.map((o) => ({
          conversationId: o.conversationId,
          kind: 'delivered',
          upToSeq: o.upToSeq,
        })),
      });
      if (r.ok) {
        await applyReceipts(this.db, this.me, r.value.receipts);
        continue;
      }
      // A server that predates the request, or one receipt refused (all or nothing): one request
      // each, so the others still go. Anything else (offline, timeout, rate_limited, internal …):
      // the next connect sends them — thousands of single requests would only add to the load.
      if (!RECEIPT_FALLBACK.has(r.code)) return;
      for (const o of owed.slice(at)) await this.confirmDelivered(o.conversationId);
      return;
    }
  }

  /** Sends the receipts a conversation owes (after a message request was accepted, issue 11). */
  async confirmReceipts(conversationId: string): Promise<void> {
    await this.confirmDelivered(conversationId);
    await this.markVisibleRead();
  }

  /** The conversation the user is looking at, or null. Read receipts go only for that one. */
  setVisibleConversation(id: string | null): void {
    this.visibleConversation = id;
    void this.markVisibleRead();
  }

  private async markVisibleRead(): Promise<void> {
    const id = this.visibleConversation;
    if (!id || document.visibilityState !== 'visible' || !document.hasFocus()) return;
    const conv = await getConversation(this.db, id);
    if (!conv || (await heldConversation(this.db, this.me, id))) return;
    const upTo = await latestIncomingSeq(this.db, id, this.me);
    const mine = conv.receipts[this.me] ?? { delivered: 0, read: 0 };
    if (upTo <= mine.read) return;
    const r = await this.request('message:receipt', { conversationId: id, kind: 'read', upToSeq: upTo });
    if (r.ok) await applyReceipt(this.db, this.me, r.value);
  }

  // --- presence -------------------------------------------------------------------------------

  get presenceSetting(): PresenceSetting {
    return this.presence;
  }

  /** Reports this device's setting now, and again after every reconnect. */
  setPresence(setting: PresenceSetting): void {
    this.presenceSet = true;
    if (this.presence === setting) return;
    this.presence = setting;
    if (this.state === 'online') void this.request('presence:set', { setting }, 5000);
  }

  // --- typing ---------------------------------------------------------------------------------

  setTyping(to: string, typing: boolean): void {
    if (this.state !== 'online') return;
    void this.request('typing:set', { to, typing }, 5000);
  }

  // --- outbox ---------------------------------------------------------------------------------

  /** Drains the outbox: each conversation's head, one at a time per conversation, in order. */
  pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    void this.drain().finally(() => {
      this.pumping = false;
      if (this.pumpAgain) {
        this.pumpAgain = false;
        this.pump();
      }
    });
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped || !this.socket.connected) return;
      const { due, wakeAt } = dueHeads(
        (await allOutbox(this.db)).flatMap((e) => (e.id === undefined ? [] : [{ ...e, id: e.id }])),
        Date.now(),
      );
      if (due.length === 0) {
        if (wakeAt !== null) {
          if (this.wakeTimer) clearTimeout(this.wakeTimer);
          this.wakeTimer = setTimeout(() => this.pump(), Math.max(0, wakeAt - Date.now()));
        }
        return;
      }
      await Promise.all(
        due.map(async (entry) => {
          // Issue 5: the attachments' bytes go up first (idempotent: addressed by hash), then the message.
          const up = await this.beforeSend(entry.request);
          const r = up.ok ? await this.request('message:send', entry.request, SEND_TIMEOUT_MS) : up;
          if (r.ok) await applySendAck(this.db, entry.clientId, r.value);
          else await recordSendFailure(this.db, entry, r.code, Date.now(), retryAfterOf(r.details));
        }),
      );
    }
  }
}
