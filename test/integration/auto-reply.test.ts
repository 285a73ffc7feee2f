/**
 * The away auto-reply (issue 11) on a real server (port 0), on PGlite and PostgreSQL, with the
 * server's clock injected (no sleeps): the seller's hours in Asia/Shanghai, the buyer in
 * Europe/Warsaw, across both European daylight-saving switches (last Sunday of March and of
 * October), when Shanghai has none. One reply per conversation per away period; none while the
 * seller is online or busy, or with the reply turned off; the reply is a signed message of the
 * seller's in the chain, marked automatic, also while every device of the seller is closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backAtForReader } from '../../shared/domain/awayReply';
import { chainHash } from '../../shared/evidence/chain';
import { conversationIdFor, type BusinessHours, type Message } from '../../shared/protocol';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import {
  call,
  clientId,
  closeAll,
  connect,
  once,
  record,
  request,
  signUp,
  type Client,
  type SignedIn,
} from '../helpers/client';

/** Monday–Friday 09:00–18:00, closed at the weekend. */
const WEEKDAYS: BusinessHours = [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [{ start: 540, end: 1080 }] : []));
const AWAY_TEXT = '您好，我们已下班，上班后第一时间回复您。';

describe.each(BACKENDS)('away auto-reply on %s', (backend) => {
  let t: TestServer;
  let seller: SignedIn;
  /** The seller's one device while connected; null while all are closed. */
  let sellerDevice: Client | null;
  let clock = Date.parse('2026-03-27T12:00:00.000Z'); // Friday 20:00 in Shanghai, 13:00 in Warsaw
  const at = (iso: string) => (clock = Date.parse(iso));
  const buyers: SignedIn[] = [];

  const newBuyer = async () => {
    const b = await signUp(t.url, 'ar-buyer', {
      readLanguage: 'pl',
      profile: { timeZone: 'Europe/Warsaw', company: '', country: 'PL', languages: ['pl'] },
    });
    buyers.push(b);
    return b;
  };
  const write = (buyer: SignedIn, text = 'Dzień dobry, jaka jest cena?') =>
    call(buyer.socket, 'message:send', { to: seller.memberId, clientId: clientId(), text, lang: 'pl' });
  const history = async (buyer: SignedIn): Promise<Message[]> =>
    (
      await call(buyer.socket, 'sync:messages', {
        conversationId: conversationIdFor(buyer.memberId, seller.memberId),
        afterSeq: 0,
      })
    ).messages;
  /** Waits for the automatic reply the buyer's device receives. */
  const replyTo = (buyer: SignedIn) => once(buyer.socket, 'message:new', (m) => !!m.automatic);
  /** Every reply the server started has been sent (or not): nothing more will come. */
  const settled = () => t.server.ctx.idle();
  const sellerGoes = async (setting: 'online' | 'away' | 'busy') => {
    sellerDevice ??= await connect(t.url, seller.session.token);
    await call(sellerDevice, 'presence:set', { setting });
  };
  const sellerClosesApp = async () => {
    const device = sellerDevice;
    sellerDevice = null;
    if (!device) return;
    device.close();
    // The server has removed the device once its disconnect is handled: wait for the state.
    await expect.poll(() => t.server.ctx.presence.stateOf(seller.memberId), { interval: 20 }).toBe('offline');
  };

  beforeAll(async () => {
    t = await startTestServer(backend, { now: () => new Date(clock) });
    seller = await signUp(t.url, 'ar-seller', {
      role: 'seller',
      readLanguage: 'zh',
      profile: {
        timeZone: 'Asia/Shanghai',
        company: 'Yiwu Bright',
        country: 'CN',
        languages: ['zh'],
        businessHours: WEEKDAYS,
      },
    });
    // The sign-up socket only configures; the seller's presence is `sellerDevice`.
    await call(seller.socket, 'presence:set', { setting: 'invisible' });
    sellerDevice = null;
  });
  afterAll(async () => {
    closeAll(seller?.socket, sellerDevice ?? undefined, ...buyers.map((b) => b.socket));
    await t?.close();
  });

  it('is off until the seller turns it on, needs a text, and reaches the seller’s other devices', async () => {
    expect(await call(seller.socket, 'autoReply:get', {})).toEqual({
      enabled: false,
      text: '',
      lang: null,
      updatedAt: null,
    });
    const buyer = await newBuyer();
    await write(buyer);
    await settled();
    expect((await history(buyer)).map((m) => m.sender)).toEqual([buyer.memberId]);

    expect(await request(seller.socket, 'autoReply:set', { enabled: true })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    const other = await connect(t.url, seller.session.token);
    await call(other, 'presence:set', { setting: 'invisible' });
    const told = once(other, 'autoReply:changed');
    const saved = await call(seller.socket, 'autoReply:set', { enabled: true, text: AWAY_TEXT, lang: 'zh' });
    expect(saved).toMatchObject({ enabled: true, text: AWAY_TEXT, lang: 'zh' });
    expect(await told).toEqual(saved);
    // A retry changes nothing and tells nobody.
    const log = record(other);
    expect(
      await call(seller.socket, 'autoReply:set', { enabled: true, text: AWAY_TEXT, lang: 'zh' }),
    ).toEqual(saved);
    await call(other, 'profile:get', {});
    expect(log.events.filter((e) => e.event === 'autoReply:changed')).toEqual([]);
    other.close();
  });

  it('answers once per away period outside the hours (Friday night), back Monday 09:00 Shanghai = 03:00 Warsaw after the March switch', async () => {
    at('2026-03-27T12:00:00.000Z'); // Fri 20:00 Shanghai (UTC+8), 13:00 Warsaw (UTC+1)
    const buyer = await newBuyer();
    const reply = replyTo(buyer);
    await write(buyer);
    const m = await reply;
    expect(m).toMatchObject({
      sender: seller.memberId,
      text: AWAY_TEXT,
      lang: 'zh',
      automatic: { kind: 'away', backAt: '2026-03-30T01:00:00.000Z' },
      sentAt: '2026-03-27T12:00:00.000Z',
    });
    // Europe moved its clocks on Sunday 29 March: Monday 09:00 in Shanghai is 03:00 in Warsaw,
    // though on Friday the two were seven hours apart.
    expect(backAtForReader(m.automatic!.backAt!, 'Europe/Warsaw', clock)).toEqual({
      time: '03:00',
      dayOffset: 3,
      weekday: 0,
    });
    expect(backAtForReader(m.automatic!.backAt!, 'Asia/Shanghai', clock)).toMatchObject({ time: '09:00' });

    // The same away period: Saturday, another message, no second reply.
    at('2026-03-28T08:00:00.000Z');
    await write(buyer, 'Halo?');
    await settled();
    const h = await history(buyer);
    expect(h.map((x) => [x.sender === seller.memberId, !!x.automatic])).toEqual([
      [false, false],
      [true, true],
      [false, false],
    ]);
    // A signed message of the seller's in the chain, `automatic` hashed with it.
    for (const x of h) expect(chainHash(x.prevHash, x)).toBe(x.hash);
    expect(h[1]!.prevHash).toBe(h[0]!.hash);
  });

  it('says nothing while the seller is online or busy, inside the hours or outside them', async () => {
    const buyer = await newBuyer();
    await sellerGoes('online');
    at('2026-03-30T03:00:00.000Z'); // Mon 11:00 Shanghai, inside
    await write(buyer);
    at('2026-03-30T14:00:00.000Z'); // Mon 22:00 Shanghai, outside but online (answering late)
    await write(buyer);
    await sellerGoes('busy');
    at('2026-03-30T14:05:00.000Z');
    await write(buyer);
    await settled();
    expect((await history(buyer)).filter((m) => m.automatic)).toEqual([]);
  });

  it('a new away period gets a new reply; inside the hours it has no back time', async () => {
    const buyer = await newBuyer();
    await sellerGoes('online');
    at('2026-03-31T02:00:00.000Z'); // Tue 10:00 Shanghai, inside the hours
    await sellerGoes('away'); // idle at the desk
    at('2026-03-31T02:10:00.000Z');
    let reply = replyTo(buyer);
    await write(buyer);
    expect((await reply).automatic).toEqual({ kind: 'away', backAt: null });
    at('2026-03-31T02:20:00.000Z');
    await write(buyer);
    await settled();
    // Back at the desk, then the app is closed for the night: a new period.
    at('2026-03-31T03:00:00.000Z');
    await sellerGoes('online');
    at('2026-03-31T11:00:00.000Z'); // Tue 19:00 Shanghai
    await sellerClosesApp();
    at('2026-03-31T12:30:00.000Z');
    reply = replyTo(buyer);
    await write(buyer);
    expect((await reply).automatic).toEqual({ kind: 'away', backAt: '2026-04-01T01:00:00.000Z' });
    await settled();
    expect((await history(buyer)).filter((m) => m.automatic)).toHaveLength(2);
  });

  it('the October switch: Friday 20:00 Shanghai, back Monday 09:00 = 02:00 Warsaw', async () => {
    await sellerGoes('online');
    at('2026-10-23T11:00:00.000Z');
    await sellerClosesApp();
    at('2026-10-23T12:00:00.000Z'); // Fri 20:00 Shanghai, 14:00 Warsaw (UTC+2)
    const buyer = await newBuyer();
    const reply = replyTo(buyer);
    await write(buyer);
    const m = await reply;
    expect(m.automatic).toEqual({ kind: 'away', backAt: '2026-10-26T01:00:00.000Z' });
    // Europe went back to UTC+1 on Sunday 25 October.
    expect(backAtForReader(m.automatic!.backAt!, 'Europe/Warsaw', clock)).toEqual({
      time: '02:00',
      dayOffset: 3,
      weekday: 0,
    });
  });

  it('two messages at once get one reply', async () => {
    at('2026-10-24T12:00:00.000Z');
    const buyer = await newBuyer();
    const reply = replyTo(buyer);
    await Promise.all([write(buyer, 'Pierwsza'), write(buyer, 'Druga')]);
    await reply;
    await settled();
    expect((await history(buyer)).filter((m) => m.automatic)).toHaveLength(1);
  });

  it('a stranger held as a message request gets no reply (a blocked sender is refused before)', async () => {
    at('2026-10-24T12:30:00.000Z'); // away and outside the hours, as for the two messages above
    await call(seller.socket, 'profile:update', { contactPolicy: 'ask' });
    const stranger = await newBuyer();
    await write(stranger);
    await settled();
    expect((await history(stranger)).map((m) => m.sender)).toEqual([stranger.memberId]);

    // The same moment, someone the seller does not hold back: answered (so the one above was held).
    await call(seller.socket, 'profile:update', { contactPolicy: 'anyone' });
    const buyer = await newBuyer();
    const reply = replyTo(buyer);
    await write(buyer);
    expect((await reply).sender).toBe(seller.memberId);
  });

  it('turned off: no reply, even while away', async () => {
    at('2026-10-24T13:00:00.000Z');
    expect(await call(seller.socket, 'autoReply:set', { enabled: false })).toMatchObject({
      enabled: false,
      text: AWAY_TEXT,
    });
    const buyer = await newBuyer();
    await write(buyer);
    await settled();
    expect((await history(buyer)).filter((m) => m.automatic)).toEqual([]);
  });
});
