import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import { LIMITS } from '../../shared/protocol';
import { DEFAULT_SIGN_UP_LIMIT } from '../../server/src/features/auth';
import {
  PASSWORD,
  call,
  clientId,
  closeAll,
  connect,
  once,
  rawRequest,
  request,
  secondDevice,
  signUp,
  uniqueId,
} from '../helpers/client';

const DAY = 86_400_000;
type Failure = {
  ok: false;
  code: string;
  message: string;
  details?: { issues: { path: string }[]; retryAfterMs?: number };
};

describe.each(BACKENDS)('auth and transport on %s', (backend) => {
  let t: TestServer;
  // A controlled clock for sessions' idle days (rate limits keep their own, see the sign-up test).
  let clock = new Date('2026-05-04T08:00:00.000Z');
  beforeAll(async () => {
    // The production sign-up limit; its test signs up from other loopback addresses (127.0.0.2, .3).
    t = await startTestServer(backend, { now: () => clock, signUpLimit: DEFAULT_SIGN_UP_LIMIT });
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
    const rows = await t.store.query<{ token_hash: string }>(
      'select token_hash from sessions where member_id = $1',
      [memberId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).not.toContain(session.token);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    closeAll(s);
  });

  it('refuses a taken member id with conflict', async () => {
    const a = await signUp(t.url, 'dup');
    const s = await connect(t.url);
    const r = await request(s, 'auth:signUp', {
      memberId: a.memberId,
      displayName: 'X',
      password: PASSWORD,
      role: 'seller',
    });
    expect(r).toMatchObject({ ok: false, code: 'conflict' });
    closeAll(a.socket, s);
  });

  it('signs in with the password, refuses a wrong one, and resumes with the token after a restart of the app', async () => {
    const a = await signUp(t.url, 'signin');
    closeAll(a.socket);
    const s = await connect(t.url);
    expect(
      await request(s, 'auth:signIn', { memberId: a.memberId, password: 'wrong password' }),
    ).toMatchObject({
      ok: false,
      code: 'invalid_credentials',
    });
    expect(
      await request(s, 'auth:signIn', { memberId: uniqueId('nobody'), password: PASSWORD }),
    ).toMatchObject({
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
    expect(
      await request(s, 'message:send', { to: 'someone', clientId: crypto.randomUUID(), text: 'hi' }),
    ).toMatchObject({
      ok: false,
      code: 'unauthenticated',
    });
    closeAll(s);
  });

  it("signs out: revokes the token, tells the session's other sockets, and the token no longer connects", async () => {
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

  it('signs out everywhere: every session of the user is revoked and its sockets disconnected', async () => {
    const a = await signUp(t.url, 'everywhere');
    const phone = await secondDevice(t.url, a); // the same session
    const laptop = await connect(t.url);
    const laptopSession = await call(laptop, 'auth:signIn', { memberId: a.memberId, password: PASSWORD }); // another session
    const bystander = await signUp(t.url, 'bystander');
    const gone = [phone, laptop].map((s) => ({
      revoked: once(s, 'session:revoked'),
      disconnected: new Promise<string>((resolve) => s.once('disconnect', resolve)),
    }));
    expect(await request(a.socket, 'auth:signOut', { everywhere: 'yes' } as never)).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    expect(await request(a.socket, 'auth:signOut', { everywhere: true })).toEqual({ ok: true, value: {} });
    for (const g of gone) {
      expect(await g.revoked).toEqual({ reason: 'signed_out_everywhere' });
      expect(await g.disconnected).toBe('io server disconnect');
    }
    expect(await request(a.socket, 'profile:get', {})).toMatchObject({ ok: false, code: 'unauthenticated' });
    for (const token of [a.session.token, laptopSession.token]) {
      const err = await connect(t.url, token).then(
        () => null,
        (e: Error & { data?: unknown }) => e,
      );
      expect(err?.data).toMatchObject({ code: 'unauthenticated' });
    }
    const live = await t.store.query('select id from sessions where member_id = $1 and revoked_at is null', [
      a.memberId,
    ]);
    expect(live).toEqual([]);
    // Other users keep their sessions.
    expect(bystander.socket.connected).toBe(true);
    expect((await call(bystander.socket, 'profile:get', {})).memberId).toBe(bystander.memberId);
    closeAll(a.socket, phone, laptop, bystander.socket);
  });

  it('records last_used_at and refuses a session idle for more than 90 days', async () => {
    const a = await signUp(t.url, 'idle');
    closeAll(a.socket);
    const lastUsed = async () =>
      (
        await t.store.query<{ last_used_at: Date | string }>(
          'select last_used_at from sessions where member_id = $1',
          [a.memberId],
        )
      ).map((r) => new Date(r.last_used_at).toISOString());
    expect(await lastUsed()).toEqual([clock.toISOString()]);
    // Used on day 89: that resets the idle time, so day 178 is fine too.
    clock = new Date(clock.getTime() + 89 * DAY);
    const day89 = await connect(t.url, a.session.token);
    expect(await lastUsed()).toEqual([clock.toISOString()]);
    clock = new Date(clock.getTime() + 89 * DAY);
    const day178 = await connect(t.url, a.session.token);
    expect((await call(day178, 'profile:get', {})).memberId).toBe(a.memberId);
    // 91 days without use: refused, and it stays refused.
    // (The sockets stay open until the end: a disconnect also counts as use.)
    clock = new Date(clock.getTime() + 91 * DAY);
    for (let i = 0; i < 2; i++) {
      const err = await connect(t.url, a.session.token).then(
        () => null,
        (e: Error & { data?: unknown }) => e,
      );
      expect(err?.data).toMatchObject({ code: 'unauthenticated' });
    }
    const [row] = await t.store.query<{ revoked_at: unknown }>(
      'select revoked_at from sessions where member_id = $1',
      [a.memberId],
    );
    expect(row?.revoked_at).not.toBeNull();
    closeAll(day89, day178);
  });

  it('rate-limits sign-ups per remote address and says when to try again', async () => {
    const taken = await signUp(t.url, 'taken');
    const busy = await connect(t.url, undefined, { localAddress: '127.0.0.2' });
    // Attempts count, successful or not (a taken id is answered before scrypt, so this is quick).
    const codes = await Promise.all(
      Array.from({ length: DEFAULT_SIGN_UP_LIMIT.burst }, async () => {
        const r = await request(busy, 'auth:signUp', {
          memberId: taken.memberId,
          displayName: 'X',
          password: PASSWORD,
          role: 'buyer',
        });
        return r.ok ? 'ok' : r.code;
      }),
    );
    expect(new Set(codes)).toEqual(new Set(['conflict']));
    const fresh = () => ({
      memberId: uniqueId('new'),
      displayName: 'New',
      password: PASSWORD,
      role: 'buyer' as const,
    });
    const refused = (await request(busy, 'auth:signUp', fresh())) as Failure;
    expect(refused).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(refused.message).toBe('Too many new accounts from your network. Please try again in 3 minutes.');
    // One sign-up every 3 minutes, counted from the first attempt of the window (moments ago);
    // the refill itself is unit-tested (platform/limits/limits.test.ts).
    expect(refused.details?.retryAfterMs).toBeLessThanOrEqual(180_000);
    expect(refused.details?.retryAfterMs).toBeGreaterThan(120_000);
    // Another address has its own bucket.
    const elsewhere = await connect(t.url, undefined, { localAddress: '127.0.0.3' });
    expect((await request(elsewhere, 'auth:signUp', fresh())).ok).toBe(true);
    expect(await request(busy, 'auth:signUp', fresh())).toMatchObject({ ok: false, code: 'rate_limited' });
    closeAll(taken.socket, busy, elsewhere);
  });

  it('answers bad payloads with bad_request and keeps the connection', async () => {
    const a = await signUp(t.url, 'bad');
    const r1 = (await rawRequest(a.socket, 'contact:add', { memberId: 'x' })) as {
      ok: boolean;
      code: string;
      details: { issues: { path: string }[] };
    };
    expect(r1).toMatchObject({ ok: false, code: 'bad_request' });
    expect(r1.details.issues[0]?.path).toBe('memberId');
    expect(await rawRequest(a.socket, 'message:send', 'not an object')).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    expect(await rawRequest(a.socket, 'message:send', null)).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    expect(
      await rawRequest(a.socket, 'message:send', [{ to: 'someone', clientId: clientId(), text: 'hi' }]),
    ).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    expect(await rawRequest(a.socket, 'contact:add', 42)).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await rawRequest(a.socket, 'profile:get', [])).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await rawRequest(a.socket, 'profile:get', 'x')).toMatchObject({ ok: false, code: 'bad_request' });
    expect(
      await rawRequest(a.socket, 'sync:messages', { conversationId: 'dm:a:b', afterSeq: -1 }),
    ).toMatchObject({
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
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await rawRequest(a.socket, name, {})).toMatchObject({ ok: false, code: 'unsupported' });
    }
    // Unknown events without an ack, too.
    (a.socket as unknown as { emit(ev: string, p: unknown): void }).emit('no:such', {});
    (a.socket as unknown as { emit(ev: string, p: unknown): void }).emit('__proto__', {});
    // A request without an ack is ignored without harm.
    (a.socket as unknown as { emit(ev: string, p: unknown): void }).emit('profile:get', {});
    // Still connected and signed in.
    expect(a.socket.connected).toBe(true);
    expect((await call(a.socket, 'profile:get', {})).memberId).toBe(a.memberId);
    closeAll(a.socket);
  });

  it('drops prototype-pollution keys: nothing polluted, only the real fields change', async () => {
    const a = await signUp(t.url, 'proto', {
      profile: { company: 'Before', timeZone: 'Europe/Warsaw', languages: ['pl'] },
    });
    const evil: unknown = JSON.parse(
      `{"__proto__": {"polluted": "yes", "displayName": "Hacked"},
        "constructor": {"prototype": {"polluted": "yes"}},
        "displayName": "Safe Name",
        "profile": {"__proto__": {"businessHours": [[],[],[],[],[],[],[]], "polluted": "yes"},
                    "constructor": {"prototype": {"polluted": "yes"}}, "company": "Acme"}}`,
    );
    const me = (await rawRequest(a.socket, 'profile:update', evil)) as {
      ok: true;
      value: Record<string, unknown>;
    };
    expect(me).toMatchObject({
      ok: true,
      value: { displayName: 'Safe Name', profile: { company: 'Acme', timeZone: 'Europe/Warsaw' } },
    });
    expect(me.value.profile).not.toHaveProperty('businessHours');
    const sneaky: unknown = JSON.parse(
      `{"__proto__": {"memberId": "${a.memberId}"}, "constructor": {"prototype": {"polluted": "yes"}}}`,
    );
    expect(await rawRequest(a.socket, 'contact:add', sneaky)).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    // The server runs in this process: its Object.prototype is ours.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('businessHours');
    // What is stored is what was asked for, nothing more.
    const stored = await call(a.socket, 'profile:get', {});
    expect(stored).toMatchObject({
      displayName: 'Safe Name',
      profile: { company: 'Acme', languages: ['pl'] },
    });
    expect(stored.profile.businessHours).toBeUndefined();
    closeAll(a.socket);
  });

  it('answers oversize but sane payloads with too_large and a sentence, and the connection survives', async () => {
    const a = await signUp(t.url, 'big');
    const b = await signUp(t.url, 'bigpeer');
    const ref = { sha256: 'a'.repeat(64), name: 'photo.jpg', mime: 'image/jpeg', size: 1234 };
    // The display name alone is bigger than the old 1 MiB packet ceiling, which closed the connection.
    const cases: [string, unknown, string, number][] = [
      [
        'message:send',
        { to: b.memberId, clientId: clientId(), text: 'x'.repeat(100_000) },
        'text',
        LIMITS.textChars,
      ],
      [
        'message:send',
        { to: b.memberId, clientId: clientId(), text: 'files', attachments: Array(500).fill(ref) },
        'attachments',
        LIMITS.attachmentsPerMessage,
      ],
      ['profile:update', { displayName: 'x'.repeat(2 * 1024 * 1024) }, 'displayName', LIMITS.displayName],
    ];
    for (const [name, payload, path, limit] of cases) {
      const r = (await rawRequest(a.socket, name, payload)) as Failure;
      expect(r).toMatchObject({ ok: false, code: 'too_large' });
      expect(r.message).toMatch(new RegExp(`^The ${name} request is not valid \\(${path}\\): .*${limit}`));
      expect(r.details?.issues.length).toBeLessThanOrEqual(20);
      expect(a.socket.connected).toBe(true);
    }
    // Nothing was stored, and the same socket sends a valid message at once.
    expect((await call(a.socket, 'profile:get', {})).displayName).toBe(`User ${a.memberId}`);
    const arrived = once(b.socket, 'message:new');
    const ack = await call(a.socket, 'message:send', {
      to: b.memberId,
      clientId: clientId(),
      text: 'Now a normal one',
    });
    expect(ack.seq).toBe(1);
    expect(await arrived).toMatchObject({ seq: 1, text: 'Now a normal one' });
    closeAll(a.socket, b.socket);
  });

  it('closes the connection only for an absurd packet above the transport ceiling', async () => {
    const a = await signUp(t.url, 'absurd');
    const closed = new Promise<string>((resolve) => a.socket.once('disconnect', resolve));
    const answer = rawRequest(a.socket, 'profile:update', {
      displayName: 'x'.repeat(LIMITS.packetBytes + 1),
    }).catch(() => 'no ack');
    expect(await closed).toBe('transport close');
    expect(await answer).toBe('no ack');
    // The account is untouched and the token still works.
    const again = await connect(t.url, a.session.token);
    expect((await call(again, 'profile:get', {})).displayName).toBe(`User ${a.memberId}`);
    closeAll(again);
  });

  it('updates the profile', async () => {
    const a = await signUp(t.url, 'profile');
    const me = await call(a.socket, 'profile:update', {
      displayName: 'New Name',
      profile: {
        timeZone: 'Asia/Shanghai',
        businessHours: [[{ start: 540, end: 1080 }], [], [], [], [], [], []],
      },
      readLanguage: 'zh',
    });
    expect(me).toMatchObject({
      displayName: 'New Name',
      readLanguage: 'zh',
      profile: { timeZone: 'Asia/Shanghai' },
    });
    expect(me.profile.businessHours?.[0]).toEqual([{ start: 540, end: 1080 }]);
    // Changing one field keeps the others (zod 4 would fill a `.partial()` profile with defaults).
    const again = await call(a.socket, 'profile:update', { profile: { company: 'Acme Ltd' } });
    expect(again.profile).toEqual({ ...me.profile, company: 'Acme Ltd' });
    expect(
      await request(a.socket, 'profile:update', { profile: { timeZone: 'Mars/Olympus' } }),
    ).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    closeAll(a.socket);
  });

  it('withdraws published business hours with null, and contacts see no hours', async () => {
    const seller = await signUp(t.url, 'hours', { role: 'seller' });
    const fan = await signUp(t.url, 'hoursfan');
    await call(fan.socket, 'contact:add', { memberId: seller.memberId });
    const laptop = await secondDevice(t.url, seller);
    const week = [[{ start: 540, end: 1080 }], [{ start: 540, end: 1080 }], [], [], [], [], []];
    const ofSeller = (c: { kind: string; contact?: { user: { memberId: string } } }): boolean =>
      c.kind === 'upsert' && c.contact?.user.memberId === seller.memberId;

    const published = once(fan.socket, 'contact:changed', ofSeller);
    await call(seller.socket, 'profile:update', { profile: { businessHours: week } });
    const seen = await published;
    expect(seen.kind === 'upsert' && seen.contact.user.profile.businessHours).toEqual(week);

    // Not a week: refused, and the hours stay published.
    const refused = await request(seller.socket, 'profile:update', { profile: { businessHours: [] } });
    expect(refused).toMatchObject({ ok: false, code: 'bad_request' });

    const withdrawn = once(fan.socket, 'contact:changed', ofSeller);
    const onLaptop = once(laptop, 'profile:changed');
    const me = await call(seller.socket, 'profile:update', {
      profile: { company: 'Wenzhou Valves', businessHours: null },
    });
    expect(me.profile).not.toHaveProperty('businessHours');
    expect(me.profile.company).toBe('Wenzhou Valves');
    expect((await onLaptop).profile).not.toHaveProperty('businessHours');
    // The contact's card says nothing about hours: "not published", not "closed all week".
    const change = await withdrawn;
    expect(change.kind === 'upsert' && change.contact.user.profile).toEqual(me.profile);
    expect(change.kind === 'upsert' && change.contact.user.profile).not.toHaveProperty('businessHours');
    // Stored, not only answered: a fresh read on either side has no hours.
    expect((await call(seller.socket, 'profile:get', {})).profile).not.toHaveProperty('businessHours');
    const card = (await call(fan.socket, 'contact:list', {})).find(
      (c) => c.user.memberId === seller.memberId,
    );
    expect(card?.user.profile).not.toHaveProperty('businessHours');
    expect((await call(fan.socket, 'user:lookup', { memberId: seller.memberId })).profile).not.toHaveProperty(
      'businessHours',
    );
    // Publishing again works after a withdrawal.
    const again = await call(seller.socket, 'profile:update', { profile: { businessHours: week } });
    expect(again.profile.businessHours).toEqual(week);
    closeAll(seller.socket, fan.socket, laptop);
  });
});
