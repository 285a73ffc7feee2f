/**
 * The messaging bench's throughput floor (issue 9): a server that does for `message:send` only
 * what the guarantees require, built from the product's own separable parts, run beside the bare
 * relay and Tradewind in the same run (bench/messaging.ts starts it like the relay, with the
 * probe preloaded; `TRADEWIND_DATA_DIR`, and `DATABASE_URL` for PostgreSQL).
 *
 * What it does per send, as Tradewind does it:
 * - socket.io receives the send (a socket names its user in the handshake, `auth.user`, and joins
 *   that user's room);
 * - the payload is validated with the real schema (`requestSchemas['message:send']`, shared/protocol),
 *   a send to oneself refused;
 * - the real group commit stores it: the messages feature's own `MessageCommitter`
 *   (server/src/features/messages/commit.ts) over the real store (`openStore`, its migrations and
 *   its PGlite worker or pg pool), configured as the server configures it (PGlite: one writer, its
 *   one-request commits from cached heads two deep; PostgreSQL: `TRADEWIND_COMMIT_PIPELINE`, 2,
 *   a batch that starts alone or beside such writes of other conversations written in one
 *   statement from cached heads) — so its statements: de-duplication
 *   by client id, recipient and blocks checked under the conversation's lock (or, on PGlite, as
 *   the single writer), consecutive seqs, the chain hash (node:crypto) and one Ed25519 signature per
 *   group commit (node:crypto, the server's key file; the batch's hashes stored once beside its
 *   messages, `message_batches`), one multi-row insert per group commit, the commit;
 * - the sender is acked with what Tradewind acks (conversation, seq, sentAt, hash, signature,
 *   duplicate) and `message:new` (the whole stored message) goes to both members' rooms except
 *   the sending socket.
 *
 * What it omits, each a cost Tradewind pays per send that no guarantee of issue 9 requires (or
 * pays per connection rather than per send):
 * - sessions: no token resolved at the handshake, no `auth:signUp`; the user row is inserted when
 *   a socket connects (once per user, so that the commit's recipient check finds it);
 * - the per-account send limit (`TRADEWIND_SEND_RATE`, 0 in the bench anyway), the contacts
 *   gate of issue 11 (new people per day, message requests: `gateSend` / `afterSend`, their
 *   batched lookups), the attachment check (the bench sends none), the away auto-reply hook;
 * - metrics (prom-client: no counters or ack-latency histogram per send; `/metrics` answers only
 *   the committer's own two group-commit counters, read when asked), logging, presence;
 * - the transport's generic routing (a handler per request name, `onAny`): one listener.
 *
 * Prints `{"event":"listening","url":…}` on stdout like the server CLI; `GET /healthz` answers at once.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { conversationIdFor, participantsOf, requestSchemas } from '../../shared/protocol';
import { DEFAULT_COMMIT_PIPELINE } from '../../server/src/app';
import { MessageCommitter, nodeCommitterOptions } from '../../server/src/features/messages/commit';
import { openStore } from '../../server/src/platform/db';
import { bytesSigner } from '../../server/src/platform/signing/sign';
import { loadOrCreateSigningKey } from '../../server/src/platform/signing/signingKey';

const dataDir = process.env.TRADEWIND_DATA_DIR;
if (!dataDir) throw new Error('TRADEWIND_DATA_DIR is required.');
const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
const key = loadOrCreateSigningKey(join(dataDir, 'server-key.json'));
const committer = new MessageCommitter(
  store,
  bytesSigner(key.secretKey),
  key.keyId,
  nodeCommitterOptions(store.kind, Number(process.env.TRADEWIND_COMMIT_PIPELINE ?? DEFAULT_COMMIT_PIPELINE)),
);
/** The server's edit window (`editWindowMinutes`, 15): the bench sends no edits. */
const CHANGE_WINDOW_MS = 15 * 60_000;

const http = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  if (req.url === '/metrics') {
    // The two lines bench/messaging.ts reads for the mean group commit, from the committer's counters.
    const { batches, sends } = committer.stats;
    res
      .writeHead(200, { 'content-type': 'text/plain' })
      .end(`tradewind_group_commit_size_count ${batches}\ntradewind_group_commit_size_sum ${sends}\n`);
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(http, { serveClient: false, cors: { origin: false } });

io.use((socket, next) => {
  const { user } = socket.handshake.auth as { user?: unknown };
  if (typeof user !== 'string') return next(new Error('auth.user is required'));
  store
    .query(
      `insert into users (member_id, display_name, password_hash, role, member_since)
       values ($1, $1, 'none', 'buyer', now()) on conflict (member_id) do nothing`,
      [user],
    )
    .then(
      () => next(),
      (err: Error) => next(err),
    );
});

io.on('connection', (socket) => {
  const sender = (socket.handshake.auth as { user: string }).user;
  void socket.join(`user:${sender}`);
  socket.on('message:send', (raw: unknown, ack?: (r: unknown) => void) => {
    if (typeof ack !== 'function') return;
    const parsed = requestSchemas['message:send'].safeParse(raw);
    if (!parsed.success) return ack({ ok: false, code: 'bad_request', message: parsed.error.message });
    const p = parsed.data;
    if (p.to === sender) return ack({ ok: false, code: 'bad_request', message: 'to oneself' });
    const conversationId = conversationIdFor(sender, p.to);
    const members = participantsOf(conversationId) ?? [sender, p.to];
    committer
      .send({
        conversationId,
        members,
        sender,
        to: p.to,
        clientId: p.clientId,
        text: p.text,
        lang: p.lang ?? null,
        translation: p.translation ?? null,
        attachments: [],
        order: p.order ?? null,
        change: p.change ?? null,
        changeWindowMs: CHANGE_WINDOW_MS,
        replyTo: p.replyTo ?? null,
        at: new Date(),
      })
      .then(
        ({ message, duplicate }) => {
          if (!duplicate)
            io.to(members.map((m) => `user:${m}`))
              .except(socket.id)
              .emit('message:new', message);
          ack({
            ok: true,
            value: {
              conversationId: message.conversationId,
              seq: message.seq,
              sentAt: message.sentAt,
              hash: message.hash,
              signature: message.signature,
              duplicate,
            },
          });
        },
        (err: unknown) => {
          const e = err as { code?: unknown; message?: unknown };
          ack({
            ok: false,
            code: typeof e.code === 'string' ? e.code : 'internal',
            message: String(e.message),
          });
        },
      );
  });
});

http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => {
  void (async () => {
    await io.close();
    await committer.idle();
    await store.close();
    process.exit(0);
  })();
});
