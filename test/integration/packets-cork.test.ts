/**
 * A burst of sends answered by one group commit (server/src/platform/socket/cork.ts): the acks
 * and `message:new` packets that queue for one WebSocket go out as one TCP write per flush, and
 * still reach every device — the sender's acks in full, both participants' other devices every
 * message once and in seq order, the sending device none.
 */
import type { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/protocol';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import { clientId, closeAll, record, request, secondDevice, signUp, type Client } from '../helpers/client';

/** Sends in one turn of the client's event loop. */
const BURST = 40;

/** Counts the TCP writes the server makes to the socket of client `c` (its `_write` and `_writev`). */
function countWrites(t: TestServer, c: Client): { writes: number } {
  const socket = t.server.io.of('/').sockets.get(c.id ?? '');
  const tcp = (socket?.conn.transport as unknown as { socket?: { _socket?: NetSocket } } | undefined)?.socket
    ?._socket;
  if (!tcp) throw new Error('no TCP socket behind this WebSocket');
  const counter = { writes: 0 };
  const raw = tcp as unknown as Record<'_write' | '_writev', (...a: unknown[]) => unknown>;
  for (const name of ['_write', '_writev'] as const) {
    const original = raw[name].bind(tcp);
    raw[name] = (...a: unknown[]) => {
      counter.writes += 1;
      return original(...a);
    };
  }
  return counter;
}

/** Resolves with the first `n` `message:new` of a socket. */
function messages(c: Client, n: number): Promise<Message[]> {
  const got: Message[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${got.length} of ${n} message:new arrived`)), 10_000);
    c.on('message:new', (m) => {
      got.push(m);
      if (got.length === n) {
        clearTimeout(timer);
        resolve(got);
      }
    });
  });
}

describe.each(BACKENDS)('a burst of packets to one WebSocket on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is written in a few TCP writes and reaches every device in order', async () => {
    const buyer = await signUp(t.url, 'cork-buyer');
    const seller = await signUp(t.url, 'cork-seller');
    const buyer2 = await secondDevice(t.url, buyer);
    const seller2 = await secondDevice(t.url, seller);
    // The conversation exists first, so the burst's sends need no request gate.
    const firstArrives = Promise.all([messages(buyer2, 1), messages(seller.socket, 1), messages(seller2, 1)]);
    const first = await request(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: clientId(),
      text: 'Hello',
    });
    expect(first.ok).toBe(true);
    await firstArrives;
    for (const c of [buyer2, seller.socket, seller2]) c.off('message:new');

    const sender = record(buyer.socket);
    const writes = [buyer.socket, seller.socket].map((c) => countWrites(t, c));
    const arriving = [buyer2, seller.socket, seller2].map((c) => messages(c, BURST));
    const texts = Array.from({ length: BURST }, (_, i) => `Offer ${i + 1}: 500 units at ${10 + i} USD`);
    const acks = await Promise.all(
      texts.map((text) =>
        request(buyer.socket, 'message:send', { to: seller.memberId, clientId: clientId(), text }),
      ),
    );
    const received = await Promise.all(arriving);

    const seqs = acks.map((a) => {
      if (!a.ok) throw new Error(`${a.code}: ${a.message}`);
      return a.value.seq;
    });
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: BURST }, (_, i) => i + 2));
    for (const got of received) {
      // Every message once, in seq order, as stored (the ack's hash and signature).
      expect(got.map((m) => m.seq)).toEqual(Array.from({ length: BURST }, (_, i) => i + 2));
      for (const m of got) {
        const ack = acks[seqs.indexOf(m.seq)];
        expect(ack?.ok && { hash: ack.value.hash, signature: ack.value.signature }).toEqual({
          hash: m.hash,
          signature: m.signature,
        });
        expect(m.text).toBe(texts[seqs.indexOf(m.seq)]);
      }
    }
    // The sending device gets its acks, never its own messages.
    expect(sender.events.filter((e) => e.event === 'message:new')).toEqual([]);
    // BURST acks to the sender, BURST messages to the seller's device: packets that queued
    // behind a write in flight went out together (without the cork, one write each).
    for (const w of writes) expect(w.writes).toBeLessThan(BURST / 2);

    closeAll(buyer.socket, buyer2, seller.socket, seller2);
  });
});
