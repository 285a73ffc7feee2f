/**
 * Requests over socket.io: every one with `timeout(ms).emitWithAck`, every answer parsed with
 * the shared schema. A request never throws; it resolves to a `Result`.
 */
import { io, type Socket } from 'socket.io-client';
import {
  responseSchemas,
  type ClientToServerEvents,
  type HandshakeAuth,
  type PresenceSetting,
  type RequestName,
  type RequestPayload,
  type ResponseMap,
  type ServerToClientEvents,
  type Session,
  type SignInRequest,
  type SignUpRequest,
} from '../../../shared/protocol';
import { ERROR_CODES, fail, ok, type ErrorCode, type Result } from '../../../shared/result';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const DEFAULT_TIMEOUT_MS = 10_000;

function isErrorCode(x: unknown): x is ErrorCode {
  return typeof x === 'string' && (ERROR_CODES as readonly string[]).includes(x);
}

/** Checks an ack against the Result envelope and the request's response schema. */
export function parseAck<N extends RequestName>(name: N, raw: unknown): Result<ResponseMap[N]> {
  if (typeof raw !== 'object' || raw === null || !('ok' in raw)) {
    return fail('internal', `Malformed answer to ${name}.`);
  }
  const r = raw as { ok: unknown; value?: unknown; code?: unknown; message?: unknown; details?: unknown };
  if (r.ok === true) {
    const parsed = responseSchemas[name].safeParse(r.value);
    if (!parsed.success)
      return fail('internal', `The server's answer to ${name} did not match the protocol.`);
    return ok(parsed.data as ResponseMap[N]);
  }
  const code = isErrorCode(r.code) ? r.code : 'internal';
  // `details` carries what the caller acts on, e.g. the `retryAfterMs` of `rate_limited` that the
  // outbox waits for (domain/outboxPolicy.ts).
  return fail(code, typeof r.message === 'string' ? r.message : 'Request failed.', r.details);
}

export async function request<N extends RequestName>(
  socket: ClientSocket,
  name: N,
  payload: RequestPayload<N>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Result<ResponseMap[N]>> {
  if (!socket.connected) return fail('offline', 'Not connected to the server.');
  try {
    // socket.io's typed emitWithAck cannot follow a generic event name; the payload's type is
    // already tied to `name` by this function's signature.
    const loose = socket as unknown as Socket;
    const raw: unknown = await loose.timeout(timeoutMs).emitWithAck(name, payload);
    return parseAck(name, raw);
  } catch {
    return fail(socket.connected ? 'timeout' : 'offline', `No answer to ${name} in time.`);
  }
}

/**
 * Opens a socket to the server; `token` undefined = anonymous (sign-up / sign-in only).
 * `presence`, when given, is asked at every (re)connect and sent in the handshake, so the server
 * starts the device with the user's setting instead of "online" (docs/protocol.md § Transport).
 */
export function connectSocket(
  serverUrl: string,
  token: string | undefined,
  autoConnect = true,
  presence?: () => PresenceSetting,
): ClientSocket {
  const auth = (): HandshakeAuth => ({
    ...(token === undefined ? {} : { token }),
    ...(presence ? { presence: presence() } : {}),
  });
  return io(serverUrl, {
    // A function, not an object: socket.io-client calls it for each connect and reconnect.
    auth: (cb) => cb(auth()),
    autoConnect,
    // WebSocket first: no sticky sessions needed behind a balancer of several nodes
    // (docs/operations.md); long-polling remains the fallback where WebSockets are blocked.
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    timeout: 8000,
  });
}

/** Signs up or in over a short-lived anonymous socket. */
export async function authenticate(
  serverUrl: string,
  kind: 'signUp' | 'signIn',
  payload: SignUpRequest | SignInRequest,
): Promise<Result<Session>> {
  const socket = connectSocket(serverUrl, undefined, false);
  socket.io.reconnection(false);
  try {
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
      socket.connect();
    });
    if (!connected) return fail('offline', `Cannot reach ${serverUrl}.`);
    return kind === 'signUp'
      ? await request(socket, 'auth:signUp', payload as SignUpRequest)
      : await request(socket, 'auth:signIn', payload);
  } finally {
    socket.disconnect();
  }
}
