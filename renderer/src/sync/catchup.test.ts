/**
 * The engine's catch-up against a fake server and an in-memory store (issue 10): the next
 * `sync:batch` is on the wire while the previous answer is stored, yet an answer is stored only
 * after the previous one committed, every message exactly once and in order; a store that fails
 * mid-way loses nothing — the next connect resumes from the committed cursors; the delivered
 * receipts the catch-up owes go out batched in `message:receipts`, not one request per conversation.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../../shared/protocol';
import type { StoredSession } from '../../../shared/hostApi';
import type { TradewindDb } from '../db/schema';
import { SyncEngine } from './engine';

const fake = await vi.hoisted(async () => {
  const { socket } = (await import('../../../test/helpers/fakeSocket')).fakeSocket();
  /** The server: conversation id → its last seq (every seq 1..last exists). */
  const server = new Map<string, number>();
  /** What is committed here: the seqs stored per conversation, in the order stored; the cursors. */
  const stored = new Map<string, number[]>();
  const cursors = new Map<string, number>();
  /** Every request and store, in order: `ask n`, `store n`, `committed n`. */
  const log: string[] = [];
  const requests: { name: string; payload: unknown }[] = [];
  const failStore = { at: -1 };
  const maxLimit = { value: 1000 };
  /** When set, `message:receipts` is refused with this code. */
  const receiptsRefusal: { code: string | null } = { code: null };
  let stores = 0;
  let asks = 0;
  let caughtUp: () => void = () => undefined;
  return {
    socket,
    server,
    stored,
    cursors,
    log,
    requests,
    failStore,
    maxLimit,
    receiptsRefusal,
    nextAsk: () => asks++,
    nextStore: () => stores++,
    reset() {
      server.clear();
      stored.clear();
      cursors.clear();
      log.length = 0;
      requests.length = 0;
      failStore.at = -1;
      maxLimit.value = 1000;
      receiptsRefusal.code = null;
      stores = 0;
      asks = 0;
    },
    /** Resolves when the next catch-up has finished (the outbox is read after it). */
    caughtUp: () => new Promise<void>((resolve) => (caughtUp = resolve)),
    outboxRead: () => caughtUp(),
  };
});

const PAGE = 200;
const BUDGET = 1000;
const message = (conversationId: string, seq: number): Message =>
  ({ conversationId, seq, sender: 'partner', clientId: `${conversationId}#${seq}` }) as unknown as Message;

vi.mock('./transport', () => ({
  connectSocket: () => fake.socket,
  request: async (_socket: unknown, name: string, payload: never) => {
    fake.requests.push({ name, payload });
    await Promise.resolve();
    if (name === 'sync:batch') {
      const n = fake.nextAsk();
      fake.log.push(`ask ${n}`);
      const { cursors, limit = PAGE } = payload as {
        cursors: { conversationId: string; afterSeq: number }[];
        limit?: number;
      };
      // A server that predates pages of a whole answer refuses the limit.
      if (limit > fake.maxLimit.value) return { ok: false, code: 'too_large', message: 'limit' };
      let left = BUDGET;
      const pages = cursors.map(({ conversationId, afterSeq }) => {
        const last = fake.server.get(conversationId) ?? 0;
        const take = Math.min(limit, left, last - afterSeq);
        left -= take;
        const messages = Array.from({ length: take }, (_, i) => message(conversationId, afterSeq + 1 + i));
        return { conversationId, messages, hasMore: afterSeq + take < last };
      });
      // The network: the answer comes a few turns of the event loop later.
      await new Promise((r) => setTimeout(r, 1));
      return { ok: true, value: { pages } };
    }
    if (name === 'message:receipts') {
      if (fake.receiptsRefusal.code)
        return { ok: false, code: fake.receiptsRefusal.code, message: 'refused by this test' };
      const { receipts } = payload as { receipts: { conversationId: string; upToSeq: number }[] };
      return {
        ok: true,
        value: {
          receipts: receipts.map((r) => ({ ...r, memberId: 'me-1', delivered: r.upToSeq, read: 0 })),
        },
      };
    }
    return { ok: false, code: 'offline', message: 'not in this test' };
  },
}));

vi.mock('../db/held', () => ({ heldConversation: () => Promise.resolve(false) }));

vi.mock('../db/repo', () => ({
  allOutbox: () => {
    fake.outboxRead();
    return Promise.resolve([]);
  },
  applyContactChange: vi.fn(),
  applyConversationSummaries: vi.fn(),
  applyPresence: vi.fn(),
  applyReceipt: vi.fn(),
  applyReceipts: vi.fn(() => Promise.resolve()),
  applySendAck: vi.fn(),
  applyTyping: vi.fn(),
  conversationsNeedingSync: () =>
    Promise.resolve(
      [...fake.server].flatMap(([id, lastSeq]) => {
        const afterSeq = fake.cursors.get(id) ?? 0;
        return lastSeq > afterSeq ? [{ id, afterSeq, lastSeq }] : [];
      }),
    ),
  deliveredOwed: () =>
    Promise.resolve([...fake.cursors].map(([conversationId, upToSeq]) => ({ conversationId, upToSeq }))),
  getConversation: (_db: unknown, id: string) =>
    Promise.resolve(fake.server.has(id) ? { id, receipts: {} } : undefined),
  latestIncomingSeq: (_db: unknown, id: string) => Promise.resolve(fake.cursors.get(id) ?? 0),
  recordSendFailure: vi.fn(),
  replaceContacts: vi.fn(),
  saveMe: vi.fn(),
  /** One transaction: it commits after a turn of the event loop, or fails and leaves nothing. */
  storeServerMessages: async (_db: unknown, _me: string, messages: readonly Message[]) => {
    const n = fake.nextStore();
    fake.log.push(`store ${n}`);
    await new Promise((r) => setTimeout(r, 2));
    if (n === fake.failStore.at) throw new Error('the transaction aborted');
    const touched = new Map<string, { cursor: number; maxSeq: number }>();
    for (const m of messages) {
      const seqs = fake.stored.get(m.conversationId) ?? [];
      fake.stored.set(m.conversationId, [...seqs, m.seq]);
      const cursor = fake.cursors.get(m.conversationId) ?? 0;
      if (m.seq === cursor + 1) fake.cursors.set(m.conversationId, m.seq);
      touched.set(m.conversationId, { cursor: fake.cursors.get(m.conversationId) ?? 0, maxSeq: m.seq });
    }
    fake.log.push(`committed ${n}`);
    return touched;
  },
}));

const session: StoredSession = { serverUrl: 'http://server.test', token: 't', memberId: 'me-1' };

function stubBrowser(): void {
  const listeners = { addEventListener: vi.fn(), removeEventListener: vi.fn() };
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('window', listeners);
  vi.stubGlobal('document', { ...listeners, visibilityState: 'hidden', hasFocus: () => false });
}

const db = { prefs: { get: () => Promise.resolve(undefined) } } as unknown as TradewindDb;

/** Every seq 1..last of each conversation of the server, each once, in order. */
function everyMessageOnce(): Record<string, number[]> {
  return Object.fromEntries(
    [...fake.server].map(([id, last]) => [id, Array.from({ length: last }, (_, i) => i + 1)]),
  );
}

describe('catch-up', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    fake.reset();
  });

  it('asks for the next page while storing one, stores each after the previous committed, every message once', async () => {
    stubBrowser();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fake.server.set('dm:me-1:partner', 5000);
    fake.server.set('dm:me-1:other', 450);
    const engine = new SyncEngine(db, session, { onSignedOut: () => undefined });
    const done = fake.caughtUp();
    engine.start();
    await done;
    engine.stop();

    expect(Object.fromEntries(fake.stored)).toEqual(everyMessageOnce());
    const at = (entry: string): number => fake.log.indexOf(entry);
    const stores = fake.log.filter((e) => e.startsWith('store ')).length;
    expect(stores).toBeGreaterThan(3);
    for (let n = 1; n < stores; n++) {
      // Never applied before the previous one committed…
      expect(at(`store ${n}`)).toBeGreaterThan(at(`committed ${n - 1}`));
      // …but asked for before that commit: the request overlaps the previous store.
      expect(at(`ask ${n}`)).toBeLessThan(at(`committed ${n - 1}`));
    }
  });

  it('loses nothing when a store fails mid-way: the next connect resumes from the committed cursors', async () => {
    stubBrowser();
    let warned: (e: unknown) => void = () => undefined;
    const failed = new Promise<unknown>((resolve) => (warned = resolve));
    vi.spyOn(console, 'warn').mockImplementation((_what: unknown, e: unknown) => warned(e));
    fake.server.set('dm:me-1:partner', 5000);
    fake.failStore.at = 2;
    const engine = new SyncEngine(db, session, { onSignedOut: () => undefined });
    const first = fake.caughtUp();
    engine.start();
    await first;
    expect(((await failed) as Error).message).toBe('the transaction aborted');
    // Two stores committed; the one that failed and anything asked ahead of it are not stored.
    const committed = fake.cursors.get('dm:me-1:partner') ?? 0;
    expect(committed).toBeGreaterThanOrEqual(2000);
    expect(committed).toBeLessThan(5000);
    expect(fake.stored.get('dm:me-1:partner')).toEqual(Array.from({ length: committed }, (_, i) => i + 1));

    fake.socket.disconnect();
    const second = fake.caughtUp();
    fake.socket.connect();
    await second;
    engine.stop();
    expect(Object.fromEntries(fake.stored)).toEqual(everyMessageOnce());
    const resumed = fake.requests.filter((r) => r.name === 'sync:batch').map((r) => r.payload);
    expect(resumed).toContainEqual({
      cursors: [{ conversationId: 'dm:me-1:partner', afterSeq: committed }],
      limit: 1000,
    });
  });

  it('asks for pages of a whole answer, and for the default pages when the server refuses the limit', async () => {
    stubBrowser();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fake.server.set('dm:me-1:partner', 3000);
    let engine = new SyncEngine(db, session, { onSignedOut: () => undefined });
    let done = fake.caughtUp();
    engine.start();
    await done;
    engine.stop();
    expect(Object.fromEntries(fake.stored)).toEqual(everyMessageOnce());
    expect(fake.requests.filter((r) => r.name === 'sync:batch')).toHaveLength(3);

    fake.reset();
    fake.server.set('dm:me-1:partner', 1000);
    fake.maxLimit.value = 200; // a server before pages of 1000
    engine = new SyncEngine(db, session, { onSignedOut: () => undefined });
    done = fake.caughtUp();
    engine.start();
    await done;
    engine.stop();
    expect(Object.fromEntries(fake.stored)).toEqual(everyMessageOnce());
    const asked = fake.requests
      .filter((r) => r.name === 'sync:batch')
      .map((r) => r.payload as { limit?: number });
    // One refused, then five of 200 without a limit.
    expect(asked.map((p) => p.limit)).toEqual([1000, undefined, undefined, undefined, undefined, undefined]);
  });

  it('sends the delivered receipts a seller owes in message:receipts batches, none one by one', async () => {
    stubBrowser();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (let i = 0; i < 1200; i++) fake.server.set(`dm:buyer${i}:me-1`, 3);
    const engine = new SyncEngine(db, session, { onSignedOut: () => undefined });
    const done = fake.caughtUp();
    engine.start();
    await done;
    engine.stop();

    const names = fake.requests.map((r) => r.name);
    expect(names.filter((n) => n === 'message:receipt')).toEqual([]);
    const batches = fake.requests.filter((r) => r.name === 'message:receipts');
    expect(batches.map((b) => (b.payload as { receipts: unknown[] }).receipts.length)).toEqual([
      500, 500, 200,
    ]);
    const sent = batches.flatMap((b) => (b.payload as { receipts: { conversationId: string }[] }).receipts);
    expect(new Set(sent.map((r) => r.conversationId)).size).toBe(1200);
  });

  it('falls back to one receipt each only when the server lacks message:receipts or refused one receipt', async () => {
    stubBrowser();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const singles: Record<string, number> = {};
    for (const code of ['rate_limited', 'internal', 'unsupported', 'not_found']) {
      fake.reset();
      for (let i = 0; i < 30; i++) fake.server.set(`dm:buyer${i}:me-1`, 2);
      fake.receiptsRefusal.code = code;
      const engine = new SyncEngine(db, session, { onSignedOut: () => undefined });
      const done = fake.caughtUp();
      engine.start();
      await done;
      engine.stop();
      singles[code] = fake.requests.filter((r) => r.name === 'message:receipt').length;
    }
    // Overload or a server fault: the next connect sends them, not 30 more requests now.
    expect(singles).toEqual({ rate_limited: 0, internal: 0, unsupported: 30, not_found: 30 });
  });
});
