/**
 * Fair use and sign-in throttling (issue 9 § Fair use, issue 13 item 3): a flood of sends is
 * answered `rate_limited` with `retryAfterMs`, a client that waits as told loses nothing; an
 * attacker hammering a member id neither locks the owner out from elsewhere nor from a known
 * device, and meets the per-address ceiling. With Redis the limits are shared by the nodes.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendMessageRequest } from '../../shared/protocol';
import { conversationIdFor } from '../../shared/protocol';
import { afterFailure, retryAfterOf } from '../../renderer/src/domain/outboxPolicy';
import { createJsonLogger } from '../../server/src/platform/logger';
import {
  BACKENDS,
  REDIS_TEST_URL,
  testRedisPrefix,
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../helpers/server';
import { redisLeftovers } from '../helpers/redis';
import {
  PASSWORD,
  call,
  clientId,
  closeAll,
  connect,
  request,
  secondDevice,
  signUp,
  type Client,
} from '../helpers/client';

/** The known-device marker a client keeps: the SHA-256 of a session token it was given. */
const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

type Failure = { ok: false; code: string; details?: { retryAfterMs?: number } };

/** Every message of a conversation, paged as a client catches up. */
async function history(socket: Client, conversationId: string) {
  const out: { seq: number; text: string; clientId: string }[] = [];
  for (;;) {
    const page = await call(socket, 'sync:messages', { conversationId, afterSeq: out.at(-1)?.seq ?? 0 });
    out.push(...page.messages.map((m) => ({ seq: m.seq, text: m.text, clientId: m.clientId })));
    if (!page.hasMore) return out;
  }
}

/**
 * The outbox's rules (renderer/src/domain/outboxPolicy.ts) driving a real socket: one message at
 * a time, in order; on `rate_limited` wait exactly `retryAfterMs` and send the same entry again.
 */
async function wellBehaved(socket: Client, requests: SendMessageRequest[]): Promise<{ limited: number }> {
  let limited = 0;
  for (const [i, req] of requests.entries()) {
    let entry = { id: i + 1, conversationId: 'c', state: 'queued' as const, attempts: 0, nextAttemptAt: 0 };
    for (;;) {
      const r = await request(socket, 'message:send', req);
      if (r.ok) break;
      expect(r.code).toBe('rate_limited');
      limited++;
      const next = afterFailure(entry, r.code, Date.now(), Math.random, retryAfterOf(r.details));
      expect(next.state).toBe('queued');
      entry = { ...entry, attempts: next.attempts, nextAttemptAt: next.nextAttemptAt };
      // The server said when: this is the protocol's wait, not a stand-in for an event.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next.nextAttemptAt - Date.now())));
    }
  }
  return { limited };
}

describe.each(BACKENDS)('send rate limit on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    // Two a second: a client that sends as soon as its previous send is acked outruns the refill
    // unless a round trip takes over 500 ms, so the polite client below is held back even on a
    // loaded machine (at 20 a second, round trips of 175 ms under load average 25 never were).
    // A burst of 4 and 16 sends: held back for 6 s, not 15, on each backend.
    t = await startTestServer(backend, { sendLimit: { perSecond: 2, burst: 4 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a flood of 2,000 sends rate_limited with retryAfterMs, and stores only what it acked', async () => {
    const flooder = await signUp(t.url, 'flood');
    const target = await signUp(t.url, 'target');
    const results = await Promise.all(
      Array.from({ length: 2000 }, (_, i) =>
        request(flooder.socket, 'message:send', { to: target.memberId, clientId: clientId(), text: `f${i}` }),
      ),
    );
    const acked = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok) as Failure[];
    expect(refused.length).toBeGreaterThan(1000);
    expect(new Set(refused.map((r) => r.code))).toEqual(new Set(['rate_limited']));
    expect(refused.every((r) => (r.details?.retryAfterMs ?? 0) > 0)).toBe(true);
    const stored = await history(flooder.socket, conversationIdFor(flooder.memberId, target.memberId));
    expect(stored).toHaveLength(acked.length);
    expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    closeAll(flooder.socket, target.socket);
  });

  it('stores every message of a client that waits as told exactly once, in order', async () => {
    const sender = await signUp(t.url, 'polite');
    const partner = await signUp(t.url, 'partner');
    const requests = Array.from({ length: 16 }, (_, i) => ({
      to: partner.memberId,
      clientId: clientId(),
      text: `m${i + 1}`,
    }));
    const { limited } = await wellBehaved(sender.socket, requests);
    expect(limited).toBeGreaterThan(0); // it really was held back
    const stored = await history(partner.socket, conversationIdFor(sender.memberId, partner.memberId));
    expect(stored.map((m) => m.text)).toEqual(requests.map((r) => r.text));
    expect(stored.map((m) => m.clientId)).toEqual(requests.map((r) => r.clientId));
    expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    closeAll(sender.socket, partner.socket);
  }, 60_000);
});

describe.each(BACKENDS)('sign-in throttling on %s', (backend) => {
  let t: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await startTestServer(backend, {
      // Backoffs of a minute and more: a busy machine never outlasts one within a test.
      signInLimits: { freeFailures: 3, backoffBaseSec: 60, maxBackoffSec: 900, addressFailuresPerHour: 16 },
      logger: createJsonLogger('info', (l) => lines.push(l)),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('slows an attacker on one address without locking the owner out elsewhere or on a known device', async () => {
    const owner = await signUp(t.url, 'owner');
    const attacker = await connect(t.url, undefined, { localAddress: '127.0.0.2' });
    const guesses: Failure[] = [];
    for (let i = 0; i < 12; i++)
      guesses.push(
        (await request(attacker, 'auth:signIn', {
          memberId: owner.memberId,
          password: `guess number ${i}`,
        })) as Failure,
      );
    expect(guesses.slice(0, 3).map((g) => g.code)).toEqual([
      'invalid_credentials',
      'invalid_credentials',
      'invalid_credentials',
    ]);
    const throttled = guesses.filter((g) => g.code === 'rate_limited');
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every((g) => (g.details?.retryAfterMs ?? 0) > 0)).toBe(true);
    // The right password from the attacker's address waits too (it could be the attacker's lucky guess)…
    expect(
      await request(attacker, 'auth:signIn', { memberId: owner.memberId, password: PASSWORD }),
    ).toMatchObject({ ok: false, code: 'rate_limited' });

    // …but the owner on another address signs in at once,
    const elsewhere = await connect(t.url, undefined, { localAddress: '127.0.0.3' });
    const session = await call(elsewhere, 'auth:signIn', { memberId: owner.memberId, password: PASSWORD });
    expect(session.user.memberId).toBe(owner.memberId);
    // and so does a known device behind the attacker's address (same network), even signed out.
    await call(owner.socket, 'auth:signOut', {});
    const known = await connect(t.url, undefined, { localAddress: '127.0.0.2' });
    const again = await call(known, 'auth:signIn', {
      memberId: owner.memberId,
      password: PASSWORD,
      deviceMarker: sha256(owner.session.token),
    });
    expect(again.user.memberId).toBe(owner.memberId);
    // The marker of someone else's session is none for this member.
    const other = await signUp(t.url, 'other');
    expect(
      await request(attacker, 'auth:signIn', {
        memberId: owner.memberId,
        password: PASSWORD,
        deviceMarker: sha256(other.session.token),
      }),
    ).toMatchObject({ ok: false, code: 'rate_limited' });

    // Failures are logged as structured events, never with the password.
    const failed = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((e) => e.event === 'auth.signin_failed' && e.memberId === owner.memberId);
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(String(failed[0]?.address)).toContain('127.0.0.2');
    expect(failed[0]?.knownDevice).toBe(false);
    expect(lines.some((l) => l.includes('guess number'))).toBe(false);
    closeAll(owner.socket, attacker, elsewhere, known, other.socket);
  });

  it('stops every sign-in from an address past its ceiling, whatever the member id', async () => {
    const victim = await signUp(t.url, 'victim');
    const attacker = await connect(t.url, undefined, { localAddress: '127.0.0.4' });
    // A different member id each time (known or not), so no pair's backoff stops it: only the ceiling can.
    const codes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await request(attacker, 'auth:signIn', { memberId: `nobody-${i}`, password: `guess ${i}` });
      codes.push(r.ok ? 'ok' : r.code);
    }
    expect(codes.slice(0, 16)).toEqual(Array.from({ length: 16 }, () => 'invalid_credentials'));
    expect(codes.slice(16)).toEqual(['rate_limited', 'rate_limited', 'rate_limited', 'rate_limited']);
    const past = (await request(attacker, 'auth:signIn', {
      memberId: victim.memberId,
      password: PASSWORD,
    })) as Failure;
    expect(past).toMatchObject({ ok: false, code: 'rate_limited' });
    // The hour's window: well over a minute to wait.
    expect(past.details?.retryAfterMs).toBeGreaterThan(60_000);
    // The victim on their own address is not hurt.
    const own = await connect(t.url, undefined, { localAddress: '127.0.0.5' });
    expect(
      (await call(own, 'auth:signIn', { memberId: victim.memberId, password: PASSWORD })).user.memberId,
    ).toBe(victim.memberId);
    closeAll(attacker, own, victim.socket);
  });
});

/** Two nodes on one Redis: the limits are the deployment's, not each node's. */
describe('limits across nodes with Redis', () => {
  let db: TestDatabase;
  let node1: TestServer;
  let node2: TestServer;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const options = {
      db,
      redisUrl: REDIS_TEST_URL,
      // One a minute after a burst of 5: nothing refills during the test.
      sendLimit: { perSecond: 1 / 60, burst: 5 },
      signInLimits: { freeFailures: 2, backoffBaseSec: 60, maxBackoffSec: 900, addressFailuresPerHour: 100 },
    };
    node1 = await startTestServer('postgres', options);
    node2 = await startTestServer('postgres', options);
  });
  afterAll(async () => {
    await node1?.close();
    await node2?.close();
    await db?.dispose();
  });

  it('shares the send bucket of an account between its devices on both nodes', async () => {
    const sender = await signUp(node1.url, 'shared');
    const partner = await signUp(node2.url, 'partner');
    const onNode2 = await secondDevice(node2.url, sender);
    const send = (s: Client) =>
      request(s, 'message:send', { to: partner.memberId, clientId: clientId(), text: 'x' });
    for (let i = 0; i < 5; i++) expect((await send(sender.socket)).ok).toBe(true);
    const refused = (await send(onNode2)) as Failure;
    expect(refused).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(refused.details?.retryAfterMs).toBeGreaterThan(1000);
    closeAll(sender.socket, partner.socket, onNode2);
  });

  it('throttles a member id and address on every node after failures on one', async () => {
    const owner = await signUp(node1.url, 'owner');
    const on1 = await connect(node1.url, undefined, { localAddress: '127.0.0.6' });
    const on2 = await connect(node2.url, undefined, { localAddress: '127.0.0.6' });
    for (let i = 0; i < 2; i++)
      expect(
        await request(on1, 'auth:signIn', { memberId: owner.memberId, password: 'nope nope' }),
      ).toMatchObject({
        code: 'invalid_credentials',
      });
    // The second failure locked the pair for a minute: the other node knows.
    expect(await request(on2, 'auth:signIn', { memberId: owner.memberId, password: PASSWORD })).toMatchObject(
      {
        ok: false,
        code: 'rate_limited',
      },
    );
    closeAll(owner.socket, on1, on2);
  });
});

describe('Redis after this file', () => {
  it('holds nothing of these tests for good, and nothing at all once the limit windows are dropped', async () => {
    const left = await redisLeftovers(testRedisPrefix(), true);
    expect(left.lasting).toEqual([]);
    expect(left.expiring.length).toBeGreaterThan(0); // the rate-limit windows of the tests above
    expect(await redisLeftovers(testRedisPrefix())).toEqual({ lasting: [], expiring: [] });
  });
});
