/**
 * How a feature plugs into the socket server. Each feature exports a `FeatureModule` (socket
 * request handlers + optional HTTP routes) and is listed once in `server/src/features/index.ts`.
 * The transport (app.ts) parses each payload with `requestSchemas[name]`, checks the session,
 * calls the handler and turns thrown `AppError`s into `{ ok: false, code, message }` acks.
 *
 * To add a request: add its schema to `requestSchemas` and its response type to `ResponseMap`
 * (shared/protocol/events.ts), implement it in a module's `handlers`, document it in
 * docs/protocol.md. The transport registers it on every socket; nothing else to wire.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Message, ParsedRequest, RequestName, ResponseMap } from '../../../../shared/protocol';
import type { RecipientFacts, ServerContext } from '../context';
import type { JsonText } from './jsonText';

/** The authenticated caller of a request. */
export interface Caller {
  memberId: string;
  sessionId: string;
  socketId: string;
}

/** The socket a request arrived on, signed in or not (for the few requests anonymous sockets may make). */
export interface Connection {
  socketId: string;
  /** Remote address as the socket saw it. */
  address: string;
  /** The session bound to the socket, if any. */
  auth: Caller | null;
}

/**
 * Handles a request from a signed-in socket. Throw `AppError` for an expected failure. The answer
 * is the value, or its JSON text as the store wrote it (`JsonText`, sent as it is).
 */
export type RequestHandler<N extends RequestName> = (
  payload: ParsedRequest<N>,
  caller: Caller,
  ctx: ServerContext,
) => Promise<ResponseMap[N] | JsonText<ResponseMap[N]>>;

/** Handles a request that anonymous sockets may make (sign-up, sign-in). */
export type PublicRequestHandler<N extends RequestName> = (
  payload: ParsedRequest<N>,
  connection: Connection,
  ctx: ServerContext,
) => Promise<ResponseMap[N]>;

export type HandlerTable = { [N in RequestName]?: RequestHandler<N> };
export type PublicHandlerTable = { [N in RequestName]?: PublicRequestHandler<N> };

/** An HTTP route; return false to let the next route try. */
export type HttpRoute = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ServerContext,
) => Promise<boolean> | boolean;

/** Socket lifecycle hooks, e.g. to push state to a socket that just signed in. */
export interface SocketHooks {
  /** A socket was bound to a session (connected with a token, or signed in/up). */
  onBound?: (caller: Caller, ctx: ServerContext) => Promise<void> | void;
  /** A bound socket disconnected or signed out. */
  onUnbound?: (caller: Caller, ctx: ServerContext) => Promise<void> | void;
  /**
   * A message was stored and sent to its participants (not a duplicate). Runs after the commit,
   * in the background (`ServerContext.messageStored`): the sender's ack never waits for it.
   * `recipient` is what the commit read about the recipient, when the message came through it.
   * Returns nothing when it has nothing to do (no background work to track).
   */
  onMessageStored?: (
    message: Message,
    ctx: ServerContext,
    recipient?: RecipientFacts,
  ) => Promise<void> | undefined;
}

export interface FeatureModule {
  name: string;
  /** Requests that need a signed-in socket. */
  handlers: HandlerTable;
  /** Requests anonymous sockets may make. A name may be in `handlers` or here, not both. */
  publicHandlers?: PublicHandlerTable;
  routes?: HttpRoute[];
  hooks?: SocketHooks;
  /** Called once the server is listening (e.g. to start timers); returns a disposer. */
  start?: (ctx: ServerContext) => Promise<() => Promise<void>> | (() => Promise<void>);
}
