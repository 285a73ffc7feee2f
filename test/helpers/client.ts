/**
 * socket.io clients for integration tests: typed requests that resolve to the `Result`,
 * event waiters with timeouts (never sleeps), and a recorder to prove an event did NOT arrive.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  RequestName,
  RequestPayload,
  ResponseMap,
  ServerToClientEvents,
  Session,
  SignUpRequest,
} from '../../shared/protocol';
import type { Result } from '../../shared/result';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type EventName = keyof ServerToClientEvents;
type EventPayload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/**
 * How long a request waits for its ack and `once` for its event: a guard against a hang, not a
 * speed target (speed is measured in bench/; absence is proved with `barrier`, never by waiting).
 * Integration files run two at a time beside the end-to-end suite on 2 cores: 5 s timed out under
 * load; 20 s still fails a hung test within its timeout (60 s, vitest.config.ts).
 */
const TIMEOUT = 20_000;

/**
 * Connects and waits until connected; rejects with the server's connect error. `localAddress`
 * (e.g. 127.0.0.2: all of 127/8 is loopback) makes the server see another remote address.
 */
export async function connect(
  url: string,
  token?: string,
  options: { localAddress?: string } = {},
): Promise<Client> {
  const socket: Client = io(url, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
  return socket;
}

/** Sends a request and resolves with the server's Result. */
export async function request<N extends RequestName>(
  socket: Client,
  name: N,
  payload: RequestPayload<N>,
): Promise<Result<ResponseMap[N]>> {
  // socket.io's typed emitWithAck cannot follow a generic event name; the maps are checked above.
  const s = socket.timeout(TIMEOUT) as unknown as {
    emitWithAck(ev: string, p: unknown): Promise<Result<ResponseMap[N]>>;
  };
  return s.emitWithAck(name, payload);
}

/** Like `request`, but throws on failure and returns the value. */
export async function call<N extends RequestName>(
  socket: Client,
  name: N,
  payload: RequestPayload<N>,
): Promise<ResponseMap[N]> {
  const r = await request(socket, name, payload);
  if (!r.ok) throw new Error(`${name} failed: ${r.code}: ${r.message}`);
  return r.value;
}

/** Sends an arbitrary (possibly malformed) event with an ack, bypassing the typed API. */
export function rawRequest(socket: Client, name: string, ...args: unknown[]): Promise<unknown> {
  const s = socket.timeout(TIMEOUT) as unknown as {
    emitWithAck(ev: string, ...a: unknown[]): Promise<unknown>;
  };
  return s.emitWithAck(name, ...args);
}

/** Resolves with the next `event` (matching `filter`), or rejects after a timeout. */
export function once<E extends EventName>(
  socket: Client,
  event: E,
  filter: (payload: EventPayload<E>) => boolean = () => true,
  timeoutMs = TIMEOUT,
): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const on = socket.on.bind(socket) as unknown as (ev: string, fn: (p: EventPayload<E>) => void) => void;
    const off = socket.off.bind(socket) as unknown as (ev: string, fn: (p: EventPayload<E>) => void) => void;
    const handler = (p: EventPayload<E>) => {
      if (!filter(p)) return;
      clearTimeout(timer);
      off(event, handler);
      resolve(p);
    };
    const timer = setTimeout(() => {
      off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    on(event, handler);
  });
}

/** Records every server event a socket receives, to assert that something did not arrive. */
export function record(socket: Client): { events: { event: string; payload: unknown }[] } {
  const log = { events: [] as { event: string; payload: unknown }[] };
  socket.onAny((event: string, payload: unknown) => log.events.push({ event, payload }));
  return log;
}

/**
 * A barrier: once it resolves, every event the server wrote to this socket before the barrier
 * request has been received (one connection delivers in order).
 */
export async function barrier(socket: Client): Promise<void> {
  await request(socket, 'profile:get', {});
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export const PASSWORD = 'correct horse battery';

export interface SignedIn {
  socket: Client;
  session: Session;
  memberId: string;
}

/** Signs up a fresh user on a new socket. */
export async function signUp(
  url: string,
  prefix: string,
  extra: Partial<SignUpRequest> = {},
): Promise<SignedIn> {
  const socket = await connect(url);
  const memberId = uniqueId(prefix);
  const session = await call(socket, 'auth:signUp', {
    memberId,
    displayName: `User ${memberId}`,
    password: PASSWORD,
    role: 'buyer',
    ...extra,
  });
  return { socket, session, memberId };
}

/**
 * Signs an existing member (one a `seed` command made, say) in: a probe socket asks for a session,
 * and a new socket connects with its token.
 */
export async function signIn(url: string, memberId: string, password = PASSWORD): Promise<SignedIn> {
  const probe = await connect(url);
  try {
    const session = await call(probe, 'auth:signIn', { memberId, password });
    return { socket: await connect(url, session.token), session, memberId };
  } finally {
    probe.close();
  }
}

/** Every message of a conversation, as the server pages it (`sync:messages`, 200 a page). */
export async function allMessages(
  socket: Client,
  conversationId: string,
): Promise<ResponseMap['sync:messages']['messages']> {
  const out: ResponseMap['sync:messages']['messages'] = [];
  for (;;) {
    const page = await call(socket, 'sync:messages', {
      conversationId,
      afterSeq: out.at(-1)?.seq ?? 0,
      limit: 200,
    });
    out.push(...page.messages);
    if (!page.hasMore) return out;
  }
}

/** Another device of a signed-in user (a new socket with the same token). */
export function secondDevice(url: string, who: SignedIn): Promise<Client> {
  return connect(url, who.session.token);
}

/** A fresh client id (UUID) for message:send. */
export const clientId = (): string => randomUUID();

export function closeAll(...sockets: (Client | undefined)[]): void {
  for (const s of sockets) s?.close();
}
