import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import { PASSWORD, call, closeAll, connect, once, rawRequest, request, secondDevice, signUp, uniqueId } from '../helpers/client';

describe.each(BACKENDS)('auth and transport on %s', (backend) => {
  let t: TestServer;
  // A controlled clock: the sign-in rate limit refills with time, and a loaded machine is slow.
  let clock = new Date('2026-05-04T08:00:00.000Z');
  beforeAll(async () => {
    t = await startTestServer(backend, { now: () => clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs up, returns token and profile, and binds the socket', async () => {
    const memberId = uniqueId('buyer');
    const s = await connect(t.url);
    const session = await call(s, 'auth:signUp', {
      memberId: memberId.toUpperCase(), // member ids are case-insensitive, stored lower case
      displayName: 'Marta',
      password: PASSWORD,
      role: 'buyer',
      profile: { company: 'Kowalska', country: 'PL', timeZone: 'Europe/Warsaw', languages: ['pl', 'en'] },
    });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.user).toMatchObject({
      memberId,
      displayName: 'Marta',
      role: 'buyer',
      readLanguage: 'pl',
      contactPolicy: 'anyone',
      profile: { company: 'Kowalska', country: 'PL', timeZone: 'Europe/Warsaw', languages: ['pl', 'en'] },
    });
    // The socket is signed in: an authenticated request works right away.
    const me = await call(s, 'profile:get', {});
    expect(me.memberId).toBe(memberId);
    // The token is stored hashed, never in clear.
    const rows = await t.store.query<{ token_hash: string }>('select token_hash from sessions where member_id = $1', [memberId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).not.toContain(session.token);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    closeAll(s);
  });

  it('refuses a taken member id with conflict', async () => {
    const a = await signUp(t.url, 'dup');
    const s = await connect(t.url);
    const r = await request(s, 'auth:signUp', { memberId: a.memberId, displayName: 'X', password: PASSWORD, role: 'seller' });
    expect(r).toMatchObject({ ok: false, code: 'conflict' });
    closeAll(a.socket, s);
  });

  it('signs in with the password, refuses a wrong one, and resumes with the token after a restart of the app', async () => {
    const a = await signUp(t.url, 'signin');
    closeAll(a.socket);
    const s = await connect(t.url);
    expect(await request(s, 'auth:signIn', { memberId: a.memberId, password: 'wrong password' })).toMatchObject({
      ok: false,
      code: 'invalid_credentials',
    });
    expect(await request(s, 'auth:signIn', { memberId: uniqueId('nobody'), password: PASSWORD })).toMatchObject({
      ok: false,
      code: 'invalid_credentials',
    });
    const session = await call(s, 'auth:signIn', { memberId: a.memberId, password: PASSWORD });
    expect(session.user.memberId).toBe(a.memberId);
    closeAll(s);

    // "Restarted app": a new socket with the stored token is signed in by the handshake.
    const resumed = await connect(t.url, session.token);
    expect((await call(resumed, 'profile:get', {})).memberId).toBe(a.memberId);
    closeAll(resumed);
  });

  it('refuses an unknown token at connect with unauthenticated', async () => {
    const err = await connect(t.url, 'not-a-real-token').then(
      () => null,
      (e: Error & { data?: unknown }) => e,
    );
    expect(err?.data).toMatchObject({ code: 'unauthenticated' });
  });

  it('requires a session for everything but sign-up and sign-in', async () => {
    const s = await connect(t.url);
    expect(await request(s, 'contact:list', {})).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await request(s, 'message:send', { to: 'someone', clientId: crypto.randomUUID(), text: 'hi' })).toMatchObject({
      ok: false,
      code: 'unauthenticated',
    });
    closeAll(s);
  });

  it('signs out: revokes the token, tells the session\'s other sockets, and the token no longer connects', async () => {
    const a = await signUp(t.url, 'signout');
    const other = await secondDevice(t.url, a);
    const revoked = once(other, 'session:revoked');
    const disconnected = new Promise<string>((resolve) => other.once('disconnect', resolve));
    expect(await request(a.socket, 'auth:signOut', {})).toEqual({ ok: true, value: {} });
    expect(await revoked).toEqual({ reason: 'signed_out' });
    expect(await disconnected).toBe('io server disconnect');
    // The signing-out socket is anonymous again.
    expect(await request(a.socket, 'profile:get', {})).toMatchObject({ ok: false, code: 'unauthenticated' });
    const err = await connect(t.url, a.session.token).then(
      () => null,
      (e: Error & { data?: unknown }) => e,
    );
    expect(err?.data).toMatchObject({ code: 'unauthenticated' });
    closeAll(a.socket, other);
  });

  it('answers bad payloads with bad_request and keeps the connection', async () => {
    const a = await signUp(t.url, 'bad');
    const r1 = (await rawRequest(a.socket, 'contact:add', { memberId: 'x' })) as { ok: boolean; code: string; details: { issues: { path: string }[] } };
    expect(r1).toMatchObject({ ok: false, code: 'bad_request' });
    expect(r1.details.issues[0]?.path).toBe('memberId');
    expect(await rawRequest(a.socket, 'message:send', 'not an object')).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await rawRequest(a.socket, 'message:send', null)).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await rawRequest(a.socket, 'sync:messages', { conversationId: 'dm:a:b', afterSeq: -1 })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    // Over the documented text limit: too_large with a sentence that says so.
    const tooLong = (await rawRequest(a.socket, 'message:send', {
      to: 'someone',
      clientId: crypto.randomUUID(),
      text: 'x'.repeat(8001),
    })) as { ok: boolean; code: string; message: string };
    expect(tooLong).toMatchObject({ ok: false, code: 'too_large' });
    expect(tooLong.message).toContain('8000');
    // Unknown events are answered, not ignored.
    expect(await rawRequest(a.socket, 'no:such', {})).toMatchObject({ ok: false, code: 'unsupported' });
    // A request without an ack is ignored without harm.
    (a.socket as unknown as { emit(ev: string, p: unknown): void }).emit('profile:get', {});
    // Still connected and signed in.
    expect(a.socket.connected).toBe(true);
    expect((await call(a.socket, 'profile:get', {})).memberId).toBe(a.memberId);
    closeAll(a.socket);
  });

  it('updates the profile', async () => {
    const a = await signUp(t.url, 'profile');
    const me = await call(a.socket, 'profile:update', {
      displayName: 'New Name',
      profile: { timeZone: 'Asia/Shanghai', businessHours: [[{ start: 540, end: 1080 }], [], [], [], [], [], []] },
      readLanguage: 'zh',
    });
    expect(me).toMatchObject({ displayName: 'New Name', readLanguage: 'zh', profile: { timeZone: 'Asia/Shanghai' } });
    expect(me.profile.businessHours?.[0]).toEqual([{ start: 540, end: 1080 }]);
    expect(await request(a.socket, 'profile:update', { profile: { timeZone: 'Mars/Olympus' } })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    closeAll(a.socket);
  });

  it('rate-limits sign-in attempts per member id', async () => {
    const a = await signUp(t.url, 'limit');
    const s = await connect(t.url);
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await request(s, 'auth:signIn', { memberId: a.memberId, password: 'wrong password' });
      codes.push(r.ok ? 'ok' : r.code);
    }
    expect(codes.slice(0, 10).every((c) => c === 'invalid_credentials')).toBe(true);
    expect(codes.slice(10)).toEqual(['rate_limited', 'rate_limited']);
    // Even the right password waits now.
    expect(await request(s, 'auth:signIn', { memberId: a.memberId, password: PASSWORD })).toMatchObject({ ok: false, code: 'rate_limited' });
    // One attempt comes back every 6 seconds.
    clock = new Date(clock.getTime() + 6_000);
    expect((await call(s, 'auth:signIn', { memberId: a.memberId, password: PASSWORD })).user.memberId).toBe(a.memberId);
    expect(await request(s, 'auth:signIn', { memberId: a.memberId, password: PASSWORD })).toMatchObject({ ok: false, code: 'rate_limited' });
    closeAll(a.socket, s);
  });
});
