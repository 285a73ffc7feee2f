/**
 * Issue 13, hole 1: a NUL (or another C0 control, or a lone surrogate) in any text field is
 * refused by the schema with `bad_request` and a sentence naming the field — it never reaches
 * the store, where PostgreSQL and PGlite fail on U+0000 (`internal`, which a client retries
 * forever) and turn a lone surrogate into U+FFFD. On both stores; the connection keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIdFor, type RequestName } from '../../shared/protocol';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import {
  call,
  clientId,
  closeAll,
  connect,
  rawRequest,
  signUp,
  type Client,
  type SignedIn,
} from '../helpers/client';

describe.each(BACKENDS)('text rules on %s', (backend) => {
  let t: TestServer;
  let buyer: SignedIn;
  let seller: SignedIn;
  let anonymous: Client;

  beforeAll(async () => {
    t = await startTestServer(backend);
    buyer = await signUp(t.url, 'buyer');
    seller = await signUp(t.url, 'seller', { role: 'seller' });
    anonymous = await connect(t.url);
    await call(buyer.socket, 'contact:add', { memberId: seller.memberId });
  });
  afterAll(async () => {
    closeAll(buyer?.socket, seller?.socket, anonymous);
    await t?.close();
  });

  /** [request, payload with the bad value, field path, field name, anonymous socket]. */
  const cases = (bad: string): [RequestName, () => unknown, string, string, boolean?][] => [
    [
      'message:send',
      () => ({ to: seller.memberId, clientId: clientId(), text: `Hello ${bad}` }),
      'text',
      'message text',
    ],
    [
      'message:send',
      () => ({
        to: seller.memberId,
        clientId: clientId(),
        text: 'x',
        translation: { text: bad, lang: 'zh' },
      }),
      'translation.text',
      'approved translation',
    ],
    [
      'message:send',
      () => ({ to: seller.memberId, clientId: clientId(), text: 'x', order: { orderNo: `TW-${bad}` } }),
      'order.orderNo',
      'order number',
    ],
    ['profile:update', () => ({ displayName: `Anna ${bad}` }), 'displayName', 'display name'],
    ['profile:update', () => ({ profile: { company: `Acme ${bad}` } }), 'profile.company', 'company name'],
    ['group:create', () => ({ name: `Suppliers ${bad}` }), 'name', 'group name'],
    ['contact:note', () => ({ memberId: seller.memberId, note: `note ${bad}` }), 'note', 'note'],
    ['glossary:delete', () => ({ id: `g${bad}` }), 'id', 'glossary id'],
    [
      'translate:texts',
      () => ({ items: [{ id: '1', text: 'Dzień dobry' }], targetLang: 'zh', groupId: `g${bad}` }),
      'groupId',
      'group id',
    ],
    [
      'sync:messages',
      () => ({ conversationId: `${conversationIdFor(buyer.memberId, seller.memberId)}${bad}`, afterSeq: 0 }),
      'conversationId',
      'conversation id',
    ],
    [
      'auth:signIn',
      () => ({ memberId: buyer.memberId, password: 'wrong password', deviceName: `Laptop ${bad}` }),
      'deviceName',
      'device name',
      true,
    ],
    [
      'auth:signUp',
      () => ({
        memberId: `x${clientId().slice(0, 8)}`,
        displayName: 'New',
        password: 'long enough',
        role: 'buyer',
        deviceName: `Phone ${bad}`,
      }),
      'deviceName',
      'device name',
      true,
    ],
  ];

  it('refuses a message whose text or translation begins with U+FEFF, which PGlite would read back without it', async () => {
    const to = seller.memberId;
    for (const [payload, path, field] of [
      [{ to, clientId: clientId(), text: '\ufeffHello' }, 'text', 'message text'],
      [
        { to, clientId: clientId(), text: 'x', translation: { text: '\ufeff你好', lang: 'zh' } },
        'translation.text',
        'approved translation',
      ],
    ] as const) {
      const r = (await rawRequest(buyer.socket, 'message:send', payload)) as {
        code?: string;
        message?: string;
      };
      expect(r.code).toBe('bad_request');
      expect(r.message).toContain(
        `The message:send request is not valid (${path}): The ${field} begins with U+FEFF (a byte order mark, an invisible character), which is not allowed; remove it.`,
      );
    }
    // Inside a text U+FEFF is kept, and reads back (and so hashes) as sent on both stores.
    const ack = await call(buyer.socket, 'message:send', { to, clientId: clientId(), text: 'Hel\ufefflo' });
    const { messages } = await call(buyer.socket, 'sync:messages', {
      conversationId: ack.conversationId,
      afterSeq: ack.seq - 1,
    });
    expect(messages.map((m) => [m.text, m.hash])).toEqual([['Hel\ufefflo', ack.hash]]);
  });

  for (const [label, bad, sentence] of [
    ['NUL', '\u0000', (field: string) => `The ${field} contains a control character (U+0000)`],
    [
      'an escape character',
      '\u001b[31m',
      (field: string) => `The ${field} contains a control character (U+001B)`,
    ],
    ['a lone surrogate', '\ud83d', (field: string) => `The ${field} contains a lone surrogate`],
  ] as const) {
    it(`refuses ${label} in every text field with bad_request naming the field, never internal`, async () => {
      for (const [name, payload, path, field, anon] of cases(bad)) {
        const r = (await rawRequest(anon ? anonymous : buyer.socket, name, payload())) as {
          ok: boolean;
          code?: string;
          message?: string;
        };
        expect({ name, code: r.code }).toEqual({ name, code: 'bad_request' });
        expect(r.message).toContain(`The ${name} request is not valid (${path}): ${sentence(field)}`);
      }
      // Nothing of it was stored, and the same connection still works.
      const me = await call(buyer.socket, 'profile:get', {});
      expect(me.displayName).toBe(`User ${buyer.memberId}`);
      expect(me.profile.company).toBe('');
      const ack = await call(buyer.socket, 'message:send', {
        to: seller.memberId,
        clientId: clientId(),
        text: 'Line one\n\tline two\r\nżółć 😀',
      });
      const { messages } = await call(buyer.socket, 'sync:messages', {
        conversationId: ack.conversationId,
        afterSeq: ack.seq - 1,
      });
      expect(messages.map((m) => m.text)).toEqual(['Line one\n\tline two\r\nżółć 😀']);
    });
  }
});
