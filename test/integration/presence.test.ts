import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Presence } from '../../shared/protocol';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import { barrier, call, closeAll, connect, once, record, secondDevice, signUp, type Client, type SignedIn } from '../helpers/client';

describe.each(BACKENDS)('presence on %s', (backend) => {
  let t: TestServer;
  let clock = new Date('2026-03-01T10:00:00.000Z');
  beforeAll(async () => {
    t = await startTestServer(backend, { now: () => clock });
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
    await call(stranger.socket, 'message:send', { to: seller.memberId, clientId: crypto.randomUUID(), text: 'hi' });
    return { seller, watcher, stranger };
  }

  it('tells contacts, and only contacts, when a user goes offline and comes back; last seen is when the last device went', async () => {
    const { seller, watcher, stranger } = await setup();
    const strangerLog = record(stranger.socket);
    const phone = await secondDevice(t.url, seller);

    // One device of two goes: still online, nothing to tell.
    const watcherLog = record(watcher.socket);
    closeAll(seller.socket);
    // The last device goes at a known time: offline, last seen = that time.
    clock = new Date('2026-03-01T11:30:00.000Z');
    const offline = presenceOf(watcher.socket, seller.memberId, 'offline');
    closeAll(phone);
    expect(await offline).toEqual({ memberId: seller.memberId, state: 'offline', lastSeen: '2026-03-01T11:30:00.000Z' });
    expect(presenceEvents(watcherLog, seller.memberId)).toHaveLength(1);

    const [entry] = await call(watcher.socket, 'contact:list', {});
    expect(entry?.presence).toEqual({ memberId: seller.memberId, state: 'offline', lastSeen: '2026-03-01T11:30:00.000Z' });

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
    expect(await next).toEqual({ memberId: seller.memberId, state: 'offline', lastSeen: '2026-03-02T08:00:00.000Z' });
    expect((await call(watcher.socket, 'contact:list', {}))[0]?.presence.state).toBe('offline');

    next = presenceOf(watcher.socket, seller.memberId, 'online');
    await call(seller.socket, 'presence:set', { setting: 'online' });
    await next;
    closeAll(seller.socket, laptop, watcher.socket, stranger.socket);
  });

  it('shows a blocked user the blocker as offline, and never tells them the blocker\'s changes', async () => {
    const { seller, watcher, stranger } = await setup();
    // The seller blocks the watcher: the watcher sees the seller go offline without last seen.
    const hidden = presenceOf(watcher.socket, seller.memberId, 'offline');
    await call(seller.socket, 'contact:block', { memberId: watcher.memberId, blocked: true });
    expect(await hidden).toEqual({ memberId: seller.memberId, state: 'offline', lastSeen: null });
    expect((await call(watcher.socket, 'contact:list', {}))[0]?.presence).toEqual({ memberId: seller.memberId, state: 'offline', lastSeen: null });

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
    expect(await call(stranger.socket, 'user:lookup', { memberId: seller.memberId })).not.toHaveProperty('presence');
    closeAll(seller.socket, watcher.socket, stranger.socket);
  });
});
