/**
 * The baseline of the messaging bench: a bare socket.io 4 relay. A socket names its user in the
 * handshake (`auth.user`) and joins that user's room; `message:send` is acked with a counter and
 * the time, and the payload is forwarded to the recipient's room as `message:new`. No
 * validation, no storage, no signature: what socket.io alone costs.
 *
 * Prints `{"event":"listening","url":…}` on stdout like the server CLI. `GET /healthz` answers at once.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(http, { serveClient: false, cors: { origin: false } });
let seq = 0;

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
});

http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${port}` })}\n`);
});
// Nothing to flush: exit at once (a --cpu-prof profile is still written on exit).
process.on('SIGTERM', () => process.exit(0));
