/**
 * How a feature plugs into the socket server. Each feature folder exports a `FeatureModule`
 * (socket request handlers + optional HTTP routes) and is listed once in `server/src/features.ts`.
 * The transport (app.ts) parses each payload with `requestSchemas[name]`, checks the session,
 * calls the handler and turns thrown `AppError`s into `{ ok: false, code, message }` acks.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ParsedRequest, RequestName, ResponseMap } from '../../../shared/protocol';
import type { ServerContext } from '../context';

/** The authenticated caller of a request; `null` for the few requests anonymous sockets may make. */
export interface Caller {
  memberId: string;
  sessionId: string;
  socketId: string;
}

export type RequestHandler<N extends RequestName> = (
  payload: ParsedRequest<N>,
  caller: Caller,
  ctx: ServerContext,
) => Promise<ResponseMap[N]>;

export type HandlerTable = { [N in RequestName]?: RequestHandler<N> };

/** An HTTP route; return false to let the next route try. */
export type HttpRoute = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ServerContext,
) => Promise<boolean> | boolean;

export interface FeatureModule {
  name: string;
  handlers: HandlerTable;
  routes?: HttpRoute[];
  /** Called once the server is listening (e.g. to start timers); returns a disposer. */
  start?: (ctx: ServerContext) => Promise<() => Promise<void>> | (() => Promise<void>);
}
