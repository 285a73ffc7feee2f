/**
 * Issue 13, hole 4: presence can no longer be watched silently. Who sees a user's presence and
 * last seen is their setting (`Me.presenceVisibility`: everyone / contacts / nobody), enforced on
 * the server; a seller starts with `everyone` (buyers who add a supplier see it at work), a buyer
 * with `contacts` (whoever adds a buyer one-way sees nothing until the buyer adds them back).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import {
  barrier,
  call,
  closeAll,
  once,
  record,
  secondDevice,
  signUp,
  type SignedIn,
} from '../helpers/client';

describe.each(BACKENDS)('presence visibility on %s', (backend) => {
  let t: TestServer;
  const open: SignedIn[] = [];
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    closeAll(...open.map((u) => u.socket));
    await t?.close();
  });
  const user = async (prefix: string, role: 'buyer' | 'seller') => {
    const u = await signUp(t.url, prefix, { role });
    open.push(u);
    return u;
  };
  const presenceIn = async (viewer: SignedIn, of: SignedIn) =>
    (await call(viewer.socket, 'contact:list', {})).find((c) => c.user.memberId === of.memberId)?.presence;

  it('starts with the role default: sellers everyone, buyers contacts; the setting is changed like any profile field', async () => {
    const buyer = await user('buyer', 'buyer');
    const seller = await user('seller', 'seller');
    expect(buyer.session.user.presenceVisibility).toBe('contacts');
    expect(seller.session.user.presenceVisibility).toBe('everyone');
    const laptop = await secondDevice(t.url, buyer);
    const changed = once(laptop, 'profile:changed');
    const me = await call(buyer.socket, 'profile:update', { presenceVisibility: 'nobody' });
    expect(me.presenceVisibility).toBe('nobody');
    expect((await changed).presenceVisibility).toBe('nobody');
    expect((await call(buyer.socket, 'profile:get', {})).presenceVisibility).toBe('nobody');
    laptop.close();
  });

  it("someone who adds a buyer one-way does not see the buyer's presence; once the buyer adds them back they do", async () => {
    const buyer = await user('buyer', 'buyer');
    const watcher = await user('seller', 'seller');
    const added = await call(watcher.socket, 'contact:add', { memberId: buyer.memberId });
    expect(added.presence).toEqual({ memberId: buyer.memberId, state: 'offline', lastSeen: null });
    expect(await presenceIn(watcher, buyer)).toEqual({
      memberId: buyer.memberId,
      state: 'offline',
      lastSeen: null,
    });

    // The buyer's changes reach nobody while only the watcher lists them.
    const log = record(watcher.socket);
    await call(buyer.socket, 'presence:set', { setting: 'busy' });
    await call(buyer.socket, 'presence:set', { setting: 'online' });
    await barrier(buyer.socket);
    await barrier(watcher.socket);
    expect(log.events.filter((e) => e.event === 'presence:changed')).toEqual([]);

    // The buyer adds the watcher back: the watcher is told at once, and sees changes from then on.
    const told = once(watcher.socket, 'presence:changed', (p) => p.memberId === buyer.memberId);
    await call(buyer.socket, 'contact:add', { memberId: watcher.memberId });
    expect(await told).toEqual({ memberId: buyer.memberId, state: 'online', lastSeen: null });
    expect(await presenceIn(watcher, buyer)).toMatchObject({ state: 'online' });
    const away = once(watcher.socket, 'presence:changed', (p) => p.memberId === buyer.memberId);
    await call(buyer.socket, 'presence:set', { setting: 'away' });
    expect(await away).toMatchObject({ state: 'away' });

    // And removes them again: offline without last seen, and nothing after that.
    const hidden = once(watcher.socket, 'presence:changed', (p) => p.memberId === buyer.memberId);
    await call(buyer.socket, 'contact:remove', { memberId: watcher.memberId });
    expect(await hidden).toEqual({ memberId: buyer.memberId, state: 'offline', lastSeen: null });
    expect(await presenceIn(watcher, buyer)).toEqual({
      memberId: buyer.memberId,
      state: 'offline',
      lastSeen: null,
    });
  });

  it("a seller's status is visible to a buyer who adds the seller one-way", async () => {
    const seller = await user('seller', 'seller');
    const buyer = await user('buyer', 'buyer');
    const added = await call(buyer.socket, 'contact:add', { memberId: seller.memberId });
    expect(added.presence).toEqual({ memberId: seller.memberId, state: 'online', lastSeen: null });
    const busy = once(buyer.socket, 'presence:changed', (p) => p.memberId === seller.memberId);
    await call(seller.socket, 'presence:set', { setting: 'busy' });
    expect(await busy).toMatchObject({ state: 'busy' });
  });

  it('"nobody" hides presence and last seen from everyone, contacts included; "everyone" shows it again', async () => {
    const seller = await user('seller', 'seller');
    const oneWay = await user('buyer', 'buyer');
    const mutual = await user('buyer', 'buyer');
    await call(oneWay.socket, 'contact:add', { memberId: seller.memberId });
    await call(mutual.socket, 'contact:add', { memberId: seller.memberId });
    await call(seller.socket, 'contact:add', { memberId: mutual.memberId });

    const hidden = [oneWay, mutual].map((u) =>
      once(u.socket, 'presence:changed', (p) => p.memberId === seller.memberId),
    );
    await call(seller.socket, 'profile:update', { presenceVisibility: 'nobody' });
    for (const p of await Promise.all(hidden))
      expect(p).toEqual({ memberId: seller.memberId, state: 'offline', lastSeen: null });

    const logs = [oneWay, mutual].map((u) => record(u.socket));
    await call(seller.socket, 'presence:set', { setting: 'away' });
    await call(seller.socket, 'presence:set', { setting: 'invisible' });
    await barrier(seller.socket);
    for (const u of [oneWay, mutual]) {
      await barrier(u.socket);
      expect(await presenceIn(u, seller)).toEqual({
        memberId: seller.memberId,
        state: 'offline',
        lastSeen: null,
      });
    }
    for (const log of logs) expect(log.events.filter((e) => e.event === 'presence:changed')).toEqual([]);

    // "contacts": only the buyer the seller lists sees it; "everyone": both do.
    await call(seller.socket, 'presence:set', { setting: 'online' });
    const toMutual = once(mutual.socket, 'presence:changed', (p) => p.memberId === seller.memberId);
    await call(seller.socket, 'profile:update', { presenceVisibility: 'contacts' });
    expect(await toMutual).toEqual({ memberId: seller.memberId, state: 'online', lastSeen: null });
    expect(await presenceIn(oneWay, seller)).toMatchObject({ state: 'offline', lastSeen: null });
    const toOneWay = once(oneWay.socket, 'presence:changed', (p) => p.memberId === seller.memberId);
    await call(seller.socket, 'profile:update', { presenceVisibility: 'everyone' });
    expect(await toOneWay).toEqual({ memberId: seller.memberId, state: 'online', lastSeen: null });
  });
});
