/**
 * The sync engine with the socket and the database replaced by fakes and a plugged-in feature whose
 * catch-up step breaks: a catch-up step that throws must not leave the outbox undrained (and the
 * error is still reported); the handshake states the saved presence choice from the very first
 * connect; my profile changed on another device is stored; a plugin's events reach it and it stops
 * with the engine.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredSession } from '../../../shared/hostApi';
import type { TradewindDb } from '../db/schema';
import { saveMe } from '../db/repo';
import { SyncEngine, type SyncPlugin } from './engine';

const fake = await vi.hoisted(async () => {
  const handshakes: unknown[] = [];
  const presence: { get?: () => string } = {};
  // What socket.io-client does at every (re)connect: ask for the handshake `auth`.
  const { socket, emit } = (await import('../../../test/helpers/fakeSocket')).fakeSocket(() =>
    handshakes.push(presence.get?.()),
  );
  let outboxRead: () => void = () => undefined;
  const outboxReadOnce = new Promise<void>((resolve) => (outboxRead = resolve));
  return { socket, handshakes, presence, emit, outboxReadOnce, outboxRead: () => outboxRead() };
});

vi.mock('./transport', () => ({
  connectSocket: (_url: string, _token: string, _auto: boolean, presence: () => string) => {
    fake.presence.get = presence;
    return fake.socket;
  },
  request: () => Promise.resolve({ ok: false, code: 'offline', message: 'not in this test' }),
}));
vi.mock('../db/repo', () => ({
  allOutbox: () => {
    fake.outboxRead();
    return Promise.resolve([]);
  },
  applyContactChange: vi.fn(),
  applyConversationSummaries: vi.fn(),
  applyPresence: vi.fn(),
  applyReceipt: vi.fn(),
  applyReceipts: vi.fn(),
  applySendAck: vi.fn(),
  applyTyping: vi.fn(),
  conversationsNeedingSync: () => Promise.resolve([]),
  deliveredOwed: () => Promise.resolve([]),
  getConversation: () => Promise.resolve(undefined),
  latestIncomingSeq: () => Promise.resolve(0),
  recordSendFailure: vi.fn(),
  replaceContacts: vi.fn(),
  saveMe: vi.fn(),
  storeServerMessages: () => Promise.resolve(new Map()),
}));

const session: StoredSession = { serverUrl: 'http://server.test', token: 't', memberId: 'me-1' };

/** A plugged-in feature (as contact groups are) whose catch-up step breaks. */
const brokenStep: SyncPlugin = { catchUp: () => Promise.reject(new Error('group sync broke')) };

function stubBrowser(): void {
  const listeners = { addEventListener: vi.fn(), removeEventListener: vi.fn() };
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('window', listeners);
  vi.stubGlobal('document', { ...listeners, visibilityState: 'hidden', hasFocus: () => false });
}

describe('SyncEngine', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('drains the outbox even when a catch-up step throws, and still reports the error', async () => {
    stubBrowser();
    let reported: (err: unknown) => void = () => undefined;
    const warned = new Promise<unknown>((resolve) => (reported = resolve));
    vi.spyOn(console, 'warn').mockImplementation((_what: unknown, err: unknown) => reported(err));

    const db = {
      prefs: { get: () => Promise.resolve(undefined) },
      conversations: { toArray: () => Promise.resolve([]) },
    } as unknown as TradewindDb;
    const engine = new SyncEngine(db, session, { onSignedOut: () => undefined });
    engine.use(brokenStep);
    engine.start();

    await fake.outboxReadOnce; // pump() ran after the plugin's catch-up step threw
    expect(((await warned) as Error).message).toBe('group sync broke');
    engine.stop();
  }, 5_000);

  it('states the saved "appear offline" choice in the first handshake, and the current setting on reconnect', async () => {
    stubBrowser();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined); // the catch-up fails here too
    const db = {
      prefs: { get: () => Promise.resolve({ key: 'presenceSetting', value: 'invisible' }) },
      conversations: { toArray: () => Promise.resolve([]) },
    } as unknown as TradewindDb;
    fake.handshakes.length = 0;
    const engine = new SyncEngine(db, session, { onSignedOut: () => undefined });
    engine.use(brokenStep);
    let connected: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (connected = resolve));
    engine.subscribe(() => {
      if (engine.getState() === 'online') connected();
    });
    engine.start();
    await first;
    expect(fake.handshakes).toEqual(['invisible']);
    expect(engine.presenceSetting).toBe('invisible');

    // socket.io-client asks again at a reconnect (simulated after stop(), without a new catch-up).
    engine.setPresence('busy');
    engine.stop();
    fake.socket.connect();
    expect(fake.handshakes).toEqual(['invisible', 'busy']);
  }, 5_000);

  it('stores my profile when another of my devices changes it, and ignores anything else', () => {
    stubBrowser();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = {
      prefs: { get: () => Promise.resolve(undefined) },
      conversations: { toArray: () => Promise.resolve([]) },
    } as unknown as TradewindDb;
    const engine = new SyncEngine(db, session, { onSignedOut: () => undefined });
    engine.use(brokenStep);
    engine.start();
    const me = {
      memberId: 'me-1',
      displayName: 'Marta',
      role: 'buyer',
      profile: { company: 'K', country: 'PL', timeZone: 'Europe/Warsaw', languages: ['pl'] },
      memberSince: '2021-03-15T09:00:00.000Z',
      contactPolicy: 'ask',
      presenceVisibility: 'contacts',
      readLanguage: 'pl',
    };
    vi.mocked(saveMe).mockClear();
    fake.emit('profile:changed', { ...me, memberId: 'someone-else' }); // not mine
    fake.emit('profile:changed', { ...me, role: 'pirate' }); // not a profile
    fake.emit('profile:changed', me);
    expect(vi.mocked(saveMe).mock.calls).toEqual([[db, me]]);
    engine.stop();
  }, 5_000);

  it('hands a plugin its socket events and stops it with the engine', () => {
    stubBrowser();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = {
      prefs: { get: () => Promise.resolve(undefined) },
      conversations: { toArray: () => Promise.resolve([]) },
    } as unknown as TradewindDb;
    const engine = new SyncEngine(db, session, { onSignedOut: () => undefined });
    const changed = vi.fn();
    const stopped = vi.fn();
    engine.use({ ...brokenStep, events: { 'group:changed': changed }, stop: stopped });
    engine.start();
    fake.emit('group:changed', { group: 'raw payload' });
    expect(changed).toHaveBeenCalledWith({ group: 'raw payload' });
    expect(stopped).not.toHaveBeenCalled();
    engine.stop();
    expect(stopped).toHaveBeenCalledTimes(1);
  }, 5_000);
});
