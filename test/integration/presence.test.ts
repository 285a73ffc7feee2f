import { EventEmitter, once as onceEvent } from 'node:events';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFeatures } from '../../server/src/features';
import type { FeatureModule } from '../../server/src/platform/socket/registry';
import type { Presence } from '../../shared/protocol';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import {
  barrier,
  call,
  closeAll,
  connect,
  once,
  record,
  secondDevice,
  signUp,
  type Client,
  type SignedIn,
} from '../helpers/client';

/**
 * Tells when the server has finished with a socket: `bound` (memberId) once a new device is
 * counted for presence, `unbound` (socketId) once a closed one is removed.
 */
const bound = new EventEmitter();
const unbound = new EventEmitter();
const probe: FeatureModule = {
  name: 'probe',
  handlers: {},
  hooks: {
    onBound: (caller) => void bound.emit(caller.memberId),
    onUnbound: (caller) => void unbound.emit(caller.socketId),
  },
};

/** Connects a signed-in device that states `presence` in its handshake (anything, to test validation). */
async function connectStating(url: string, token: string, presence: unknown): Promise<Client> {
  const socket: Client = io(url, {
    auth: { token, presence },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

describe.each(BACKENDS)('presence on %s', (backend) => {
  let t: TestServer;
  let clock = new Date('2026-03-01T10:00:00.000Z');
  beforeAll(async () => {
    t = await startTestServer(backend, { now: () => clock, features: [...defaultFeatures(), probe] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const presenceOf = (socket: Client, memberId: string, state: Presence['state']) =>
    once(socket, 'presence:changed', (p) => p.memberId === memberId && p.state === state);
  const presenceEvents = (log: ReturnType<typeof record>, memberId: string) =>
    log.events.filter((e) => e.event === 'presence:changed' && (e.payload as Presence).memberId === memberId);

  /** A watcher who lists the seller as a contact, and a stranger who does not. */
  async function setup(): Promise<{ seller: SignedIn; watcher: SignedIn; stranger: SignedIn }> {
    const seller = await signUp(t.url, 'seller', { role: 'seller' });
    const watcher = await signUp(t.url, 'watcher');
    const stranger = await signUp(t.url, 'stranger');
    await call(watcher.socket, 'contact:add', { memberId: seller.memberId });
    // The stranger has talked to the seller, but has not added them as a contact.
    await call(stranger.socket, 'message:send', {
      to: seller.memberId,
      clientId: crypto.randomUUID(),
      text: 'hi',
    });
    return { seller, watcher, stranger };
  }

  it('tells contacts, and only contacts, when a user goes offline and comes back; last seen is when the last device went', async () => {
    const { seller, watcher, stranger } = await setup();
    const strangerLog = record(stranger.socket);
    const phone = await secondDevice(t.url, seller);

    // One device of two goes: once the server has removed it, the seller is still online and
    // the watcher was told nothing.
    const watcherLog = record(watcher.socket);
    const laptopGone = onceEvent(unbound, seller.socket.id!);
    closeAll(seller.socket);
    await laptopGone;
    await barrier(watcher.socket);
    expect(presenceEvents(watcherLog, seller.memberId)).toEqual([]);
    expect((await call(watcher.socket, 'contact:list', {}))[0]?.presence).toEqual({
      memberId: seller.memberId,
      state: 'online',
      lastSeen: null,
    });

    // The last device goes later: offline, last seen = that later time.
    clock = new Date('2026-03-01T11:30:00.000Z');
    const offline = presenceOf(watcher.socket, seller.memberId, 'offline');
    closeAll(phone);
    expect(await offline).toEqual({
      memberId: seller.memberId,
      state: 'offline',
      lastSeen: '2026-03-01T11:30:00.000Z',
    });
    expect(presenceEvents(watcherLog, seller.memberId)).toHaveLength(1);

    const [entry] = await call(watcher.socket, 'contact:list', {});
    expect(entry?.presence).toEqual({
      memberId: seller.memberId,
      state: 'offline',
      lastSeen: '2026-03-01T11:30:00.000Z',
    });

    const online = presenceOf(watcher.socket, seller.memberId, 'online');
    const back = await connect(t.url, seller.session.token);
    expect(await online).toEqual({ memberId: seller.memberId, state: 'online', lastSeen: null });

    await barrier(stranger.socket);
    expect(presenceEvents(strangerLog, seller.memberId)).toEqual([]);
    closeAll(back, watcher.socket, stranger.socket);
  });

  it('merges devices: the best state wins; busy, away and invisible are shown as set', async () => {
    const { seller, watcher, stranger } = await setup();
    const laptop = await secondDevice(t.url, seller);

    let next = presenceOf(watcher.socket, seller.memberId, 'away');
    expect(await call(seller.socket, 'presence:set', { setting: 'away' })).toMatchObject({ state: 'online' }); // laptop is still online
    expect(await call(laptop, 'presence:set', { setting: 'away' })).toMatchObject({ state: 'away' });
    await next;

    next = presenceOf(watcher.socket, seller.memberId, 'busy');
    await call(seller.socket, 'presence:set', { setting: 'invisible' });
    await call(laptop, 'presence:set', { setting: 'busy' });
    await next;

    clock = new Date('2026-03-02T08:00:00.000Z');
    next = presenceOf(watcher.socket, seller.memberId, 'offline');
    expect(await call(laptop, 'presence:set', { setting: 'invisible' })).toMatchObject({ state: 'offline' });
    // "Appear offline" looks exactly like offline, with the moment it began as last seen.
    expect(await next).toEqual({
      memberId: seller.memberId,
      state: 'offline',
      lastSeen: '2026-03-02T08:00:00.000Z',
    });
    expect((await call(watcher.socket, 'contact:list', {}))[0]?.presence.state).toBe('offline');

    next = presenceOf(watcher.socket, seller.memberId, 'online');
    await call(seller.socket, 'presence:set', { setting: 'online' });
    await next;
    closeAll(seller.socket, laptop, watcher.socket, stranger.socket);
  });

  it("shows a blocked user the blocker as offline, and never tells them the blocker's changes", async () => {
    const { seller, watcher, stranger } = await setup();
    // The seller blocks the watcher: the watcher sees the seller go offline without last seen.
    const hidden = presenceOf(watcher.socket, seller.memberId, 'offline');
    await call(seller.socket, 'contact:block', { memberId: watcher.memberId, blocked: true });
    expect(await hidden).toEqual({ memberId: seller.memberId, state: 'offline', lastSeen: null });
    expect((await call(watcher.socket, 'contact:list', {}))[0]?.presence).toEqual({
      memberId: seller.memberId,
      state: 'offline',
      lastSeen: null,
    });

    // The seller's changes no longer reach the watcher. A second watcher proves they happened.
    const other = await signUp(t.url, 'other');
    await call(other.socket, 'contact:add', { memberId: seller.memberId });
    const watcherLog = record(watcher.socket);
    const seen = presenceOf(other.socket, seller.memberId, 'busy');
    await call(seller.socket, 'presence:set', { setting: 'busy' });
    await seen;
    await barrier(watcher.socket);
    expect(presenceEvents(watcherLog, seller.memberId)).toEqual([]);

    // Unblocked: the watcher sees the real state again.
    const visible = presenceOf(watcher.socket, seller.memberId, 'busy');
    await call(seller.socket, 'contact:block', { memberId: watcher.memberId, blocked: false });
    await visible;
    closeAll(seller.socket, watcher.socket, stranger.socket, other.socket);
  });

  it('never tells strangers, even when they are blocked or unblocked', async () => {
    const { seller, watcher, stranger } = await setup();
    const strangerLog = record(stranger.socket);
    await call(seller.socket, 'contact:block', { memberId: stranger.memberId, blocked: true });
    await call(seller.socket, 'contact:block', { memberId: stranger.memberId, blocked: false });
    const seen = presenceOf(watcher.socket, seller.memberId, 'away');
    await call(seller.socket, 'presence:set', { setting: 'away' });
    await seen;
    await barrier(stranger.socket);
    expect(presenceEvents(strangerLog, seller.memberId)).toEqual([]);
    // user:lookup tells a stranger nothing about presence.
    expect(await call(stranger.socket, 'user:lookup', { memberId: seller.memberId })).not.toHaveProperty(
      'presence',
    );
    closeAll(seller.socket, watcher.socket, stranger.socket);
  });

  it('starts a device with the setting of its handshake: "appear offline" and busy never flash online', async () => {
    const { seller, watcher, stranger } = await setup();
    clock = new Date('2026-03-03T09:00:00.000Z');
    const hidden = presenceOf(watcher.socket, seller.memberId, 'offline');
    await call(seller.socket, 'presence:set', { setting: 'invisible' });
    expect((await hidden).lastSeen).toBe('2026-03-03T09:00:00.000Z');
    const gone = onceEvent(unbound, seller.socket.id!);
    closeAll(seller.socket);
    await gone;

    // Reconnects later, still invisible: no presence:changed at all, and the old last seen stays.
    clock = new Date('2026-03-03T12:00:00.000Z');
    const watcherLog = record(watcher.socket);
    const counted = onceEvent(bound, seller.memberId);
    const invisible = await connectStating(t.url, seller.session.token, 'invisible');
    await counted;
    await barrier(watcher.socket);
    expect(presenceEvents(watcherLog, seller.memberId)).toEqual([]);
    const stillHidden = { memberId: seller.memberId, state: 'offline', lastSeen: '2026-03-03T09:00:00.000Z' };
    expect((await call(watcher.socket, 'contact:list', {}))[0]?.presence).toEqual(stillHidden);
    // Going away again while invisible writes no new last seen either.
    clock = new Date('2026-03-03T13:00:00.000Z');
    const invisibleGone = onceEvent(unbound, invisible.id!);
    closeAll(invisible);
    await invisibleGone;
    expect((await call(watcher.socket, 'contact:list', {}))[0]?.presence).toEqual(stillHidden);

    // Busy: the first and only change contacts see is busy.
    const busySeen = presenceOf(watcher.socket, seller.memberId, 'busy');
    const busy = await connectStating(t.url, seller.session.token, 'busy');
    await busySeen;
    await barrier(watcher.socket);
    expect(presenceEvents(watcherLog, seller.memberId).map((e) => (e.payload as Presence).state)).toEqual([
      'busy',
    ]);

    // A setting that is not one falls back to online (which outranks busy).
    const onlineSeen = presenceOf(watcher.socket, seller.memberId, 'online');
    const odd = await connectStating(t.url, seller.session.token, 'sleeping');
    expect(await onlineSeen).toEqual({ memberId: seller.memberId, state: 'online', lastSeen: null });
    closeAll(busy, odd, watcher.socket, stranger.socket);
  });

  it('shows a stranger offline with no last seen in every answer: block, unblock and the list', async () => {
    const { seller, watcher, stranger } = await setup();
    const hidden = { memberId: seller.memberId, state: 'offline', lastSeen: null };
    const strangerSees = async () => {
      expect(
        (await call(stranger.socket, 'contact:block', { memberId: seller.memberId, blocked: true })).presence,
      ).toEqual(hidden);
      expect((await call(stranger.socket, 'contact:list', {})).map((c) => c.presence)).toEqual([hidden]);
      expect(
        (await call(stranger.socket, 'contact:block', { memberId: seller.memberId, blocked: false }))
          .presence,
      ).toEqual(hidden);
      expect(await call(stranger.socket, 'contact:list', {})).toEqual([]);
    };
    // While the seller is online (the watcher sees it) …
    expect((await call(watcher.socket, 'contact:list', {}))[0]?.presence.state).toBe('online');
    await strangerSees();
    // … and once the seller has a last seen.
    clock = new Date('2026-03-04T18:00:00.000Z');
    const offline = presenceOf(watcher.socket, seller.memberId, 'offline');
    closeAll(seller.socket);
    expect((await offline).lastSeen).toBe('2026-03-04T18:00:00.000Z');
    await strangerSees();
    closeAll(watcher.socket, stranger.socket);
  });

  it('shows a pending "ask me first" request offline with no last seen', async () => {
    const seller = await signUp(t.url, 'careful', { role: 'seller' });
    await call(seller.socket, 'profile:update', { contactPolicy: 'ask' });
    const asker = await signUp(t.url, 'asker');
    const hidden = { memberId: seller.memberId, state: 'offline', lastSeen: null };
    expect((await call(asker.socket, 'contact:add', { memberId: seller.memberId })).presence).toEqual(hidden);
    // Asking again, or blocking and unblocking, shows nothing more.
    expect((await call(asker.socket, 'contact:add', { memberId: seller.memberId })).presence).toEqual(hidden);
    expect(
      (await call(asker.socket, 'contact:block', { memberId: seller.memberId, blocked: true })).presence,
    ).toEqual(hidden);
    expect((await call(asker.socket, 'contact:list', {})).map((c) => c.presence)).toEqual([hidden]);
    expect(
      (await call(asker.socket, 'contact:block', { memberId: seller.memberId, blocked: false })).presence,
    ).toEqual(hidden);

    // Accepted: now a contact, the asker sees the seller as they are.
    const visible = presenceOf(asker.socket, seller.memberId, 'online');
    await call(seller.socket, 'contactRequest:accept', { memberId: asker.memberId });
    await visible;
    expect((await call(asker.socket, 'contact:list', {}))[0]?.presence).toEqual({
      memberId: seller.memberId,
      state: 'online',
      lastSeen: null,
    });
    closeAll(seller.socket, asker.socket);
  });
});
