/**
 * Property-based fuzz test of the socket protocol (issue 13): payloads generated from the zod
 * request schemas (test/helpers/zodArbitrary.ts) — mostly valid, so they reach the handlers and
 * the store, and hostile at any node (NUL and other controls, lone surrogates, huge strings,
 * numbers the store cannot hold, wrong types, deep nesting, extra keys) — sent to every request
 * of a real server on port 0 (PGlite, with the DeepL peer behind translation).
 *
 * Asserts that every request is answered, with success or a documented error code, never
 * `internal`; that the connection survives all of it; and that a normal message still goes
 * through and reaches its recipient afterwards. Bounded: a few thousand payloads. The seed is
 * random each run and printed on failure; FUZZ_SEED=<n> replays one, FUZZ_RUNS=<n> changes the
 * number of batches.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  ConversationIdField,
  conversationIdFor,
  EvidenceScope,
  GroupId,
  LIMITS,
  MemberId,
  requestSchemas,
  type RequestName,
} from '../../shared/protocol';
import { ERROR_CODES } from '../../shared/result';
import { defaultFeatures } from '../../server/src/features';
import { translationFeature } from '../../server/src/features/translation/feature';
import { startDeeplPeer, type DeeplPeer } from '../peers/deepl';
import { startTestServer, type TestServer } from '../helpers/server';
import {
  call,
  clientId,
  closeAll,
  connect,
  once,
  rawRequest,
  signUp,
  type Client,
  type SignedIn,
} from '../helpers/client';
import { payloadFor, wrongType, type Overrides } from '../helpers/zodArbitrary';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** Codes a server may answer with: the closed union minus `internal` and the client-only ones. */
const SERVER_CODES = new Set<string>(
  ERROR_CODES.filter((c) => !['internal', 'timeout', 'offline'].includes(c)),
);
/** Requests an anonymous socket makes; everything else goes to the signed-in one. */
const ANONYMOUS = new Set<string>(['auth:signUp', 'auth:signIn', 'auth:signOut']);

describe('protocol fuzz (PGlite)', () => {
  let peer: DeeplPeer;
  let t: TestServer;
  let seller: SignedIn;
  let buyer: SignedIn;
  let stranger: SignedIn;
  let anonymous: Client;

  beforeAll(async () => {
    peer = await startDeeplPeer({ authKey: 'fuzz-key' });
    const translation = translationFeature({
      authKey: 'fuzz-key',
      serverUrl: peer.url,
      timeoutMs: 300,
      monthlyBudgetChars: null,
      service: { batchWindowMs: 5, retry: { maxAttempts: 1, baseMs: 1, maxMs: 2 } },
    });
    t = await startTestServer('pglite', {
      features: [...defaultFeatures().filter((f) => f.name !== 'translation'), translation],
    });
    seller = await signUp(t.url, 'seller', { role: 'seller', readLanguage: 'zh' });
    buyer = await signUp(t.url, 'buyer', { readLanguage: 'pl' });
    stranger = await signUp(t.url, 'stranger');
    anonymous = await connect(t.url);
    await call(seller.socket, 'contact:add', { memberId: buyer.memberId });
    await call(buyer.socket, 'contact:add', { memberId: seller.memberId });
    await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: clientId(),
      text: 'Dzień dobry',
    });
    await call(seller.socket, 'group:create', { id: 'suppliers', name: 'Suppliers' });
    await call(seller.socket, 'glossary:put', {
      scope: { kind: 'contact', memberId: buyer.memberId },
      sourceLang: 'zh',
      targetLang: 'pl',
      entries: [{ source: '样品', target: 'próbka' }],
    });
  });
  afterAll(async () => {
    closeAll(seller?.socket, buyer?.socket, stranger?.socket, anonymous);
    await t?.close();
    await peer?.close();
  });

  it('answers thousands of generated payloads with documented codes, never internal, and keeps serving', async () => {
    const ids = [seller.memberId, buyer.memberId, stranger.memberId, 'nobody-here'];
    const overrides: Overrides = new Map<z.ZodType, fc.Arbitrary<unknown>>([
      [MemberId, fc.constantFrom(...ids)],
      [
        ConversationIdField,
        fc.constantFrom(
          conversationIdFor(seller.memberId, buyer.memberId),
          conversationIdFor(buyer.memberId, stranger.memberId),
          conversationIdFor(seller.memberId, 'nobody-here'),
          'dm:z:a',
        ),
      ],
      [GroupId, fc.constantFrom('suppliers', 'no-such-group')],
      [
        EvidenceScope,
        fc.oneof(
          fc.constant({ kind: 'whole' }),
          fc.record({
            kind: fc.constant('order'),
            orderNo: fc.oneof(
              fc.string({ unit: 'binary', maxLength: 70 }),
              fc.constantFrom('A\u0000', 'A\ud800'),
            ),
          }),
          fc.record({
            kind: fc.constant('dateRange'),
            from: fc.constantFrom('2026-02-30T00:00:00Z', '2000-01-01T00:00:00Z', '0000-01-01T00:00:00Z'),
            to: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          }),
          wrongType,
        ),
      ],
    ]);
    const names = Object.keys(requestSchemas) as RequestName[];
    const oneRequest = fc.oneof(
      ...names.map((name) =>
        fc.record({
          name: fc.constant(name),
          // Under the transport ceiling: a bigger packet closes the connection by design (docs/protocol.md § Limits).
          payload: payloadFor(requestSchemas[name], overrides).filter(
            (p) => Buffer.byteLength(JSON.stringify(p) ?? '') < LIMITS.packetBytes / 2,
          ),
          // `emit(name, ack)` with no payload at all, now and then.
          withoutPayload: fc.oneof(
            { weight: 19, arbitrary: fc.constant(false) },
            { weight: 1, arbitrary: fc.constant(true) },
          ),
        }),
      ),
    );

    const disconnects: string[] = [];
    for (const [who, socket] of [
      ['signed-in', seller.socket],
      ['anonymous', anonymous],
    ] as const)
      socket.on('disconnect', (reason) => disconnects.push(`${who}: ${reason}`));
    const counts = new Map<string, number>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(oneRequest, { minLength: 1, maxLength: 16 }), async (batch) => {
        const answers = await Promise.all(
          batch.map(({ name, payload, withoutPayload }) => {
            const socket = ANONYMOUS.has(name) ? anonymous : seller.socket;
            sent++;
            return withoutPayload ? rawRequest(socket, name) : rawRequest(socket, name, payload);
          }),
        );
        answers.forEach((answer, i) => {
          const r = answer as { ok?: unknown; code?: unknown; message?: unknown };
          const label = `${batch[i]?.name}: ${JSON.stringify(r).slice(0, 300)}`;
          if (r.ok === true) return void counts.set('ok', (counts.get('ok') ?? 0) + 1);
          expect(r.ok, label).toBe(false);
          expect(SERVER_CODES.has(String(r.code)), label).toBe(true);
          expect(typeof r.message, label).toBe('string');
          counts.set(String(r.code), (counts.get(String(r.code)) ?? 0) + 1);
        });
        expect(disconnects).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The spread of answers, for whoever reads the CI log.
    console.info(`fuzz: ${sent} payloads`, Object.fromEntries(counts));
    // The fuzzer reached the handlers, not only the schemas: some requests succeeded.
    expect(counts.get('ok') ?? 0).toBeGreaterThan(RUNS / 4);

    // The same connection still serves, and a normal message goes through to its recipient.
    expect(seller.socket.connected).toBe(true);
    await call(seller.socket, 'contact:block', { memberId: buyer.memberId, blocked: false });
    const arrived = once(buyer.socket, 'message:new', (m) => m.text === 'Still here after the fuzz.');
    const ack = await call(seller.socket, 'message:send', {
      to: buyer.memberId,
      clientId: clientId(),
      text: 'Still here after the fuzz.',
    });
    expect((await arrived).seq).toBe(ack.seq);
  });
});
