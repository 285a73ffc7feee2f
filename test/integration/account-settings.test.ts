/**
 * Issue 12, Settings › Devices and the settings that follow the account: I see my own signed-in
 * sessions and sign out one other device or all others — never another user's — and the
 * signed-out device is disconnected and its token refused; automatic translation and muted
 * contacts are stored on the server and reach my other devices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import {
  PASSWORD,
  barrier,
  call,
  closeAll,
  connect,
  once,
  record,
  request,
  secondDevice,
  signUp,
  type Client,
} from '../helpers/client';

describe.each(BACKENDS)('devices and account settings on %s', (backend) => {
  let t: TestServer;
  const sockets: Client[] = [];
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    closeAll(...sockets);
    await t?.close();
  });

  /** Another sign-in of `memberId`: a new session on a new socket. */
  const signInAgain = async (memberId: string, deviceName: string, platform?: string) => {
    const socket = await connect(t.url);
    sockets.push(socket);
    const session = await call(socket, 'auth:signIn', {
      memberId,
      password: PASSWORD,
      deviceName,
      ...(platform ? { platform } : {}),
    });
    return { socket, session };
  };
  const refused = async (token: string) =>
    connect(t.url, token).then(
      (s) => {
        s.close();
        return null;
      },
      (e: Error & { data?: unknown }) => e.data,
    );

  it('lists my sessions with device, platform, activity and this one marked; signs out one other device', async () => {
    const me = await signUp(t.url, 'st-dev', { deviceName: 'Chrome 140', platform: 'Linux' });
    sockets.push(me.socket);
    const laptop = await signInAgain(me.memberId, 'Tradewind desktop', 'Windows');
    const phone = await signInAgain(me.memberId, 'Safari 17', 'iOS');
    phone.socket.close();
    // An older client sent its raw user agent, cut at 64 characters, as the device name.
    const old = await signInAgain(
      me.memberId,
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like ',
    );
    old.socket.close();
    await barrier(me.socket);

    const list = await call(me.socket, 'session:list', {});
    expect(list).toHaveLength(4);
    expect(list[0]).toMatchObject({
      deviceName: 'Chrome 140',
      platform: 'Linux',
      current: true,
      connected: true,
    });
    const byName = new Map(list.map((s) => [s.deviceName, s]));
    expect(byName.get('Tradewind desktop')).toMatchObject({
      platform: 'Windows',
      current: false,
      connected: true,
    });
    expect(byName.get('Safari 17')).toMatchObject({ platform: 'iOS', current: false });
    // The old one is listed with what its user agent says: no name to show, but the platform.
    expect(list.find((s) => s.deviceName === null)).toMatchObject({ platform: 'Linux', connected: false });
    for (const s of list) {
      expect(Number.isNaN(Date.parse(s.createdAt))).toBe(false);
      expect(Date.parse(s.lastActiveAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));
    }

    // Sign out the laptop from here: its socket is told and closed, its token refused.
    const laptopId = byName.get('Tradewind desktop')!.id;
    const revoked = once(laptop.socket, 'session:revoked');
    const closed = new Promise<string>((resolve) => laptop.socket.once('disconnect', resolve));
    expect(await call(me.socket, 'session:revoke', { sessionId: laptopId })).toEqual({ revoked: 1 });
    expect(await revoked).toEqual({ reason: 'signed_out_by_other_device' });
    expect(await closed).toBe('io server disconnect');
    expect(await refused(laptop.session.token)).toMatchObject({ code: 'unauthenticated' });
    // Gone from the list; this device is still signed in.
    const after = await call(me.socket, 'session:list', {});
    expect(after.map((s) => s.id)).not.toContain(laptopId);
    expect(after).toHaveLength(3);
    // Again: nothing of mine has that id any more.
    expect(await request(me.socket, 'session:revoke', { sessionId: laptopId })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    // This session is not signed out this way.
    expect(await request(me.socket, 'session:revoke', { sessionId: after[0]!.id })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
  });

  it("cannot list or sign out another user's sessions", async () => {
    const victim = await signUp(t.url, 'st-victim');
    const attacker = await signUp(t.url, 'st-attacker');
    sockets.push(victim.socket, attacker.socket);
    const [victimSession] = await call(victim.socket, 'session:list', {});
    // Only my own sessions are listed.
    const mine = await call(attacker.socket, 'session:list', {});
    expect(mine.map((s) => s.id)).not.toContain(victimSession!.id);
    expect(mine).toHaveLength(1);

    const log = record(victim.socket);
    expect(await request(attacker.socket, 'session:revoke', { sessionId: victimSession!.id })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    // "All others" of the attacker are the attacker's only.
    expect(await call(attacker.socket, 'session:revoke', { others: true })).toEqual({ revoked: 0 });
    await barrier(victim.socket);
    expect(log.events.filter((e) => e.event === 'session:revoked')).toEqual([]);
    expect(victim.socket.connected).toBe(true);
    expect((await call(victim.socket, 'profile:get', {})).memberId).toBe(victim.memberId);
    const stillThere = await connect(t.url, victim.session.token);
    stillThere.close();
    // A malformed request is refused before anything happens.
    expect(await request(attacker.socket, 'session:revoke', { others: false } as never)).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
  });

  it('signs out all other devices, keeping this one', async () => {
    const me = await signUp(t.url, 'st-all');
    sockets.push(me.socket);
    const sameSession = await secondDevice(t.url, me);
    sockets.push(sameSession);
    const others = [await signInAgain(me.memberId, 'A'), await signInAgain(me.memberId, 'B')];
    const gone = others.map((o) => once(o.socket, 'session:revoked'));
    expect(await call(me.socket, 'session:revoke', { others: true })).toEqual({ revoked: 2 });
    expect(await Promise.all(gone)).toEqual([
      { reason: 'signed_out_by_other_device' },
      { reason: 'signed_out_by_other_device' },
    ]);
    for (const o of others) expect(await refused(o.session.token)).toMatchObject({ code: 'unauthenticated' });
    // This session's sockets stay.
    await barrier(sameSession);
    expect(sameSession.connected).toBe(true);
    expect((await call(me.socket, 'session:list', {})).map((s) => s.current)).toEqual([true]);
  });

  it('keeps automatic translation and muted contacts on the account and pushes changes to my other devices', async () => {
    const me = await signUp(t.url, 'st-sync');
    const other = await signUp(t.url, 'st-muted');
    sockets.push(me.socket, other.socket);
    expect(await call(me.socket, 'settings:get', {})).toEqual({
      autoTranslate: true,
      mutedContacts: [],
      updatedAt: null,
    });
    const laptop = await signInAgain(me.memberId, 'laptop');
    const otherLog = record(other.socket);

    const told = once(laptop.socket, 'settings:changed');
    const changed = await call(me.socket, 'settings:update', { autoTranslate: false });
    expect(changed).toMatchObject({ autoTranslate: false, mutedContacts: [] });
    expect(changed.updatedAt).not.toBeNull();
    expect(await told).toEqual(changed);

    // Two devices mute two contacts: both count.
    await Promise.all([
      call(me.socket, 'settings:update', { mute: { memberId: other.memberId, muted: true } }),
      call(laptop.socket, 'settings:update', { mute: { memberId: 'st-someone', muted: true } }),
    ]);
    const now = await call(laptop.socket, 'settings:get', {});
    expect(now.mutedContacts).toEqual([other.memberId, 'st-someone'].sort());
    expect(now.autoTranslate).toBe(false);

    const unmuted = once(me.socket, 'settings:changed');
    await call(laptop.socket, 'settings:update', { mute: { memberId: other.memberId, muted: false } });
    expect((await unmuted).mutedContacts).toEqual(['st-someone']);

    // A change that changes nothing tells no one; another user is never told.
    const quiet = record(laptop.socket);
    await call(me.socket, 'settings:update', { autoTranslate: false });
    await barrier(laptop.socket);
    expect(quiet.events.filter((e) => e.event === 'settings:changed')).toEqual([]);
    await barrier(other.socket);
    expect(otherLog.events.filter((e) => e.event === 'settings:changed')).toEqual([]);
    expect((await call(other.socket, 'settings:get', {})).updatedAt).toBeNull();
    expect(await request(me.socket, 'settings:update', { autoTranslate: 'no' } as never)).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
  });
});
