/**
 * One TCP write per flush instead of one per packet (issue 9: the send path's socket-thread CPU).
 *
 * engine.io's WebSocket transport writes each packet of a flush as its own ws frame, and ws
 * writes each frame at once (one `writev` of its header and payload). While a write is in
 * flight the transport is not writable, so the packets of a burst (a group commit answers many
 * sends in one turn: acks to senders, `message:new` to recipients) queue in the engine.io
 * socket and go out together at the next flush — still one `writev` each. On loopback and on a
 * real network each `writev` is a syscall and a TCP segment, the largest single cost of the
 * socket thread in the profile (bench/README.md). Corking the TCP socket around the flush
 * makes those frames one `writev`: the same frames, bytes and order on the wire, fewer
 * segments.
 *
 * The ws socket's TCP socket is ws's `_socket` (no public accessor). When a ws version no longer
 * has it, nothing is corked and everything works as before; test/integration/packets-cork.test.ts
 * fails then, so the loss is seen.
 */

/** The parts of a net.Socket this uses. */
interface Corkable {
  cork(): void;
  uncork(): void;
}

/** The parts of an engine.io transport this uses. */
interface EngineTransport {
  name: string;
  socket?: { _socket?: Partial<Corkable> | null };
  send(packets: unknown[]): void;
}

/** The parts of an engine.io socket this uses. */
interface EngineSocket {
  transport: EngineTransport;
  on(event: 'upgrade', listener: (transport: EngineTransport) => void): unknown;
}

/** The parts of an engine.io server this uses. */
interface EngineServer {
  on(event: 'connection', listener: (socket: EngineSocket) => void): unknown;
}

/** Marks a transport whose `send` is already wrapped. */
const CORKED = Symbol('tradewind.corked');

/**
 * Wraps `send` of a WebSocket transport so that a flush of several packets is one TCP write.
 * Returns whether it did (false for other transports, or a ws without `_socket`).
 */
export function corkTransport(transport: EngineTransport): boolean {
  if (transport.name !== 'websocket') return false;
  const t = transport as EngineTransport & { [CORKED]?: true };
  if (t[CORKED]) return true;
  const raw = transport.socket?._socket;
  if (typeof raw?.cork !== 'function' || typeof raw.uncork !== 'function') return false;
  const tcp = raw as Corkable;
  const send = transport.send.bind(transport);
  transport.send = (packets) => {
    if (packets.length < 2) return send(packets);
    tcp.cork();
    try {
      send(packets);
    } finally {
      tcp.uncork();
    }
  };
  t[CORKED] = true;
  return true;
}

/** Corks every WebSocket transport of `engine`: those connected directly and those upgraded to. */
export function corkFlushes(engine: EngineServer): void {
  engine.on('connection', (socket) => {
    corkTransport(socket.transport);
    socket.on('upgrade', (transport) => corkTransport(transport));
  });
}
