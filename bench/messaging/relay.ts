/**
 * The baseline of the messaging bench: a bare socket.io 4 relay. A socket names its user in the
 * handshake (`auth.user`) and joins that user's room; `message:send` is acked with a counter and
 * the time, and the payload is forwarded to the recipient's room as `message:new`. No
 * validation, no storage, no signature: what socket.io alone costs.
 *
 * `sync:conversations` answers, from memory, the same list the bench seeds into Tradewind's store
 * for its member with many conversations (bench/messaging/seed.ts: `BENCH_RELAY_CONVERSATIONS`
 * partners, the same ids, receipts and `createdAt`, summaries in the protocol's shape), whole or
 * in pages (`{limit, after}`, in id order): what socket.io alone costs to carry that answer.
 *
 * Prints `{"event":"listening","url":…}` on stdout like the server CLI. `GET /healthz` answers at once.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { conversationIdFor, participantsOf } from '../../shared/protocol';
import { SELLER, partnerId } from './members';

const http = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(http, { serveClient: false, cors: { origin: false } });
let seq = 0;

const createdAt = new Date().toISOString();
const summaries = Array.from({ length: Number(process.env.BENCH_RELAY_CONVERSATIONS ?? 0) }, (_, i) => {
  const id = conversationIdFor(SELLER, partnerId(i));
  const [a, b] = participantsOf(id)!;
  // As the server builds a summary (toSummary): receipts keyed by member id, without a prototype.
  const receipts = Object.create(null) as Record<string, { delivered: number; read: number }>;
  receipts[a] = { delivered: 1, read: a === SELLER ? 1 : 0 };
  receipts[b] = { delivered: 1, read: b === SELLER ? 1 : 0 };
  return { id, participants: [a, b], lastSeq: 1, receipts, createdAt };
}).sort((x, y) => (x.id < y.id ? -1 : 1));
const indexOf = new Map(summaries.map((s, i) => [s.id, i]));

io.on('connection', (socket) => {
  const { user } = socket.handshake.auth as { user: string };
  void socket.join(`user:${user}`);
  socket.on(
    'message:send',
    (payload: { to: string; clientId: string; text: string }, ack?: (r: unknown) => void) => {
      seq += 1;
      const sentAt = new Date().toISOString();
      io.to(`user:${payload.to}`)
        .except(socket.id)
        .emit('message:new', { ...payload, sender: user, seq, sentAt });
      ack?.({ ok: true, value: { seq, sentAt } });
    },
  );
  socket.on('sync:conversations', (page: { limit?: number; after?: string }, ack?: (r: unknown) => void) => {
    if (page.limit === undefined) return ack?.({ ok: true, value: summaries });
    const from = page.after === undefined ? 0 : (indexOf.get(page.after) ?? -1) + 1;
    ack?.({ ok: true, value: summaries.slice(from, from + page.limit) });
  });
});

http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${port}` })}\n`);
});
// Nothing to flush: exit at once (a --cpu-prof profile is still written on exit).
process.on('SIGTERM', () => process.exit(0));
