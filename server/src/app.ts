/**
 * `createServer(deps)`: the HTTP server and the socket.io server, built from injected
 * dependencies so tests start a real server on port 0 with a temporary store and a fixed clock.
 *
 * The transport is generic: for every request name in `requestSchemas` that some feature
 * handles, each socket gets a listener that checks the ack, parses the payload with the shared
 * zod schema, checks the session, calls the handler and acks a `Result`. A throw never kills
 * the socket; unknown errors become `internal` and are logged.
 */
import { randomUUID } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server as IoServer, type Socket } from 'socket.io';
import type { z } from 'zod';
import {
  DEFAULT_EDIT_WINDOW_MINUTES,
  LIMITS,
  PresenceSetting,
  requestSchemas,
  type ClientToServerEvents,
  type HandshakeAuth,
  type RequestName,
  type ServerToClientEvents,
} from '../../shared/protocol';
import { AppError, fail, ok, toFailure, type Failure } from '../../shared/result';
import type {
  EmitOptions,
  RateLimit,
  ServerConfig,
  ScryptParams,
  ServerContext,
  ServerEventName,
  SignInLimits,
  ServerEventPayload,
  SocketAuth,
  SocketHub,
} from './platform/context';
import type { Store } from './platform/db';
import { defaultFeatures } from './features';
import type { Caller, Connection, FeatureModule, HttpRoute } from './platform/socket/registry';
import { corkFlushes } from './platform/socket/cork';
import { jsonTextParser } from './platform/socket/jsonText';
import { healthRoute, serverKeyRoute } from './platform/http/core';
import { securityHeaders, sendJson } from './platform/http/respond';
import { originPolicy } from './platform/http/origin';
import { staticRoute } from './platform/http/static';
import { createJsonLogger, type Logger } from './platform/logger';
import { createLimits, type BucketShape, type Limits } from './platform/limits/limits';
import { createMetrics } from './platform/metrics';
import { metricsRoute } from './platform/http/metrics';
import {
  MemoryPresenceStore,
  PresenceService,
  RedisPresenceStore,
  type PresenceStore,
} from './features/presence';
import {
  DEFAULT_SCRYPT,
  DEFAULT_SESSION_IDLE_DAYS,
  DEFAULT_SIGN_IN_LIMITS,
  DEFAULT_SIGN_UP_LIMIT,
  resolveToken,
  touchSession,
} from './features/auth';
import type { SigningKey } from './platform/signing/signingKey';
import { VERSION } from './platform/version';

export interface ServerDeps {
  store: Store;
  signingKey: SigningKey;
  logger?: Logger;
  /** Built renderer to serve (browser mode). */
  staticDir?: string | null;
  /** Redis for several nodes: socket.io adapter + shared presence. */
  redisUrl?: string | null;
  /** The operator's public URL (`TRADEWIND_PUBLIC_URL`); evidence key URLs are built on it. */
  publicUrl?: string | null;
  /** Web origins besides the server's own and the desktop app's that may use it (`TRADEWIND_ALLOWED_ORIGINS`). */
  allowedOrigins?: readonly string[];
  /** The clock; defaults to the system clock. */
  now?: () => Date;
  /** Days a session may go unused before it is refused; defaults to 90. */
  sessionIdleDays?: number;
  /** Sign-ups per remote address; defaults to `DEFAULT_SIGN_UP_LIMIT`. */
  signUpLimit?: RateLimit;
  /** Prefix of Redis keys and channels; defaults to `DEFAULT_REDIS_PREFIX` (`tw:`). */
  redisPrefix?: string;
  /** `message:send` per account; defaults to `DEFAULT_SEND_LIMIT`; `perSecond: 0` = none. */
  sendLimit?: BucketShape;
  /** Group commits in flight at once on PostgreSQL; defaults to `DEFAULT_COMMIT_PIPELINE`. */
  commitPipeline?: number;
  /** Sign-in throttling; defaults to `DEFAULT_SIGN_IN_LIMITS`. */
  signInLimits?: SignInLimits;
  /** Attachment files' directory (`attachmentsDirOf`); null/absent = bytes in the database. */
  attachmentsDir?: string | null;
  /** Bearer token for `GET /metrics`; null/absent = loopback only. */
  metricsToken?: string | null;
  /** Edit/retract window in minutes; default DEFAULT_EDIT_WINDOW_MINUTES. */
  editWindowMinutes?: number;
  /** New people one account may write to a day; default DEFAULT_NEW_CONTACTS_PER_DAY; 0 = no limit. */
  newContactsPerDay?: number;
  /** scrypt's cost for new passwords; defaults to `DEFAULT_SCRYPT` (tests lower it). */
  passwordCost?: ScryptParams;
  /** Feature modules; defaults to `defaultFeatures()`. */
  features?: FeatureModule[];
  demo?: boolean;
}

/** Key and channel prefix in Redis when `REDIS_PREFIX` is not set. */
export const DEFAULT_REDIS_PREFIX = 'tw:';

/** `message:send` per account: a person typing, or pasting a few quick replies, never meets it. */
export const DEFAULT_SEND_LIMIT: BucketShape = { perSecond: 10, burst: 50 };
/**
 * Group commits in flight at once on PostgreSQL: the next batch's statements run while the
 * previous commit waits for the disk (features/messages/commit.ts).
 */
export const DEFAULT_COMMIT_PIPELINE = 2;

/** New people one account may write to a day: a busy trader's day, far below a spammer's. */
export const DEFAULT_NEW_CONTACTS_PER_DAY = 50;

export type InterServerEvents = Record<string, never>;
export interface SocketData {
  auth: SocketAuth | null;
  /** The presence setting the client stated in its handshake; the device starts with it. */
  presence: PresenceSetting;
}
export type TradewindIo = IoServer<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type TradewindSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface TradewindServer {
  httpServer: HttpServer;
  io: TradewindIo;
  /** The context features get, with the concrete presence service (tests sweep it). */
  ctx: ServerContext & { presence: PresenceService };
  /** Starts listening; port 0 picks a free port. Host defaults to 127.0.0.1. */
  listen(port: number, host?: string): Promise<{ url: string; port: number }>;
  /** Disconnects every socket, stops features, closes HTTP and Redis. Does not close the store (its owner does). */
  close(): Promise<void>;
}

type AnyHandler = (payload: unknown, who: unknown, ctx: ServerContext) => Promise<unknown>;
interface Route {
  module: string;
  isPublic: boolean;
  handler: AnyHandler;
  schema: z.ZodType;
}

/** Merges the feature modules' handler tables; a name handled twice is a start-up error. */
export function buildRoutes(features: readonly FeatureModule[]): Map<string, Route> {
  const routes = new Map<string, Route>();
  const add = (module: string, isPublic: boolean, table: object) => {
    for (const [name, handler] of Object.entries(table)) {
      if (typeof handler !== 'function') continue;
      if (!(name in requestSchemas))
        throw new Error(`Feature "${module}" handles "${name}", which is not in requestSchemas.`);
      const clash = routes.get(name);
      if (clash) throw new Error(`"${name}" is handled by both "${clash.module}" and "${module}".`);
      routes.set(name, {
        module,
        isPublic,
        handler: handler as AnyHandler,
        schema: requestSchemas[name as RequestName],
      });
    }
  };
  for (const f of features) {
    add(f.name, false, f.handlers);
    if (f.publicHandlers) add(f.name, true, f.publicHandlers);
  }
  return routes;
}

/** Issues listed in `details` (an array of 500 bad items would otherwise make a 500-issue ack). */
const MAX_ISSUES = 20;

/** A zod failure as a `bad_request` (or `too_large` when a size limit was exceeded). */
export function invalidPayload(name: string, error: z.ZodError): Failure {
  const issues = error.issues
    .slice(0, MAX_ISSUES)
    .map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
  const first = issues[0];
  const where = first?.path ? ` (${first.path})` : '';
  const code = error.issues.some((i) => i.code === 'too_big') ? 'too_large' : 'bad_request';
  return fail(code, `The ${name} request is not valid${where}: ${first?.message ?? 'unexpected payload'}`, {
    issues,
  });
}

export async function createServer(deps: ServerDeps): Promise<TradewindServer> {
  const logger = deps.logger ?? createJsonLogger();
  const now = deps.now ?? (() => new Date());
  const features = deps.features ?? defaultFeatures();
  const routes = buildRoutes(features);
  const config: ServerConfig = {
    version: VERSION,
    demo: deps.demo ?? false,
    staticDir: deps.staticDir ?? null,
    redisUrl: deps.redisUrl ?? null,
    redisPrefix: deps.redisPrefix ?? DEFAULT_REDIS_PREFIX,
    nodeId: randomUUID(),
    url: null,
    publicUrl: deps.publicUrl ?? null,
    sessionIdleDays: deps.sessionIdleDays ?? DEFAULT_SESSION_IDLE_DAYS,
    signUpLimit: deps.signUpLimit ?? DEFAULT_SIGN_UP_LIMIT,
    sendLimit: deps.sendLimit ?? DEFAULT_SEND_LIMIT,
    commitPipeline: deps.commitPipeline ?? DEFAULT_COMMIT_PIPELINE,
    signInLimits: deps.signInLimits ?? DEFAULT_SIGN_IN_LIMITS,
    metricsToken: deps.metricsToken || null,
    attachmentsDir: deps.attachmentsDir ?? null,
    editWindowMinutes: deps.editWindowMinutes ?? DEFAULT_EDIT_WINDOW_MINUTES,
    newContactsPerDay: deps.newContactsPerDay ?? DEFAULT_NEW_CONTACTS_PER_DAY,
    passwordCost: deps.passwordCost ?? DEFAULT_SCRYPT,
  };

  const httpRoutes: HttpRoute[] = [
    healthRoute,
    serverKeyRoute,
    metricsRoute,
    ...features.flatMap((f) => f.routes ?? []),
  ];
  if (config.staticDir) httpRoutes.push(await staticRoute(config.staticDir));

  const httpServer = createHttpServer((req, res) => void handleHttp(req, res));
  const origins = originPolicy({ publicUrl: config.publicUrl, allowed: deps.allowedOrigins ?? [] });

  /**
   * The HTTP API (`/api/`) answers only allowed origins (platform/http/origin.ts), with CORS
   * headers for the allowed cross-origin callers (the desktop app, the configured list) and
   * their preflights. Returns true when the request was answered here.
   */
  function guardApi(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (!origins.allows(origin, req.headers.host)) {
      logger.warn('origin refused', { origin, url: req.url });
      sendJson(
        res,
        403,
        fail('forbidden', `Web pages from ${origin ?? 'this origin'} may not use this server.`),
      );
      return true;
    }
    const cors = origins.corsOrigin(origin);
    if (!cors) return false;
    res.setHeader('Access-Control-Allow-Origin', cors);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Disposition, ETag');
    if (req.method !== 'OPTIONS') return false;
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, HEAD, PUT',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-None-Match',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return true;
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith('/api/') && guardApi(req, res)) return;
      for (const route of httpRoutes) {
        if (await route(req, res, url, ctx)) return;
      }
      sendJson(res, 404, fail('not_found', 'There is nothing at this address.'));
    } catch (err) {
      logger.error('http request failed', { url: req.url, err });
      if (!res.headersSent) sendJson(res, 500, toFailure(err));
      else res.destroy();
    }
  }

  const io: TradewindIo = new IoServer(httpServer, {
    // The transport ceiling, far above every schema limit: an oversize payload is answered
    // `too_large` by the schema; only an absurd packet closes the connection (limits.ts).
    maxHttpBufferSize: LIMITS.packetBytes,
    serveClient: false,
    // socket.io-parser, except that an ack's value the store wrote as JSON is sent as that text
    // (`JsonText`: `sync:conversations`); the same JSON on the wire.
    parser: jsonTextParser,
    // Frames are small JSON (an ack, a message): compressing each costs the socket thread more
    // than the bytes it saves, and ws would queue every frame behind zlib. engine.io's default,
    // stated so that a change of default cannot turn it on unnoticed.
    perMessageDeflate: false,
    // The Origin allow-list, for WebSocket and long-polling handshakes alike (a refused one is
    // answered HTTP 403 before any socket exists); CORS headers for the allowed cross-origin
    // callers' polling requests. Same-origin pages need none.
    allowRequest: (req, callback) => {
      const allowed = origins.allows(req.headers.origin, req.headers.host);
      if (!allowed) logger.warn('origin refused', { origin: req.headers.origin, transport: 'socket' });
      callback(allowed ? null : 'This origin may not connect to this server.', allowed);
    },
    cors: { origin: (origin, callback) => callback(null, origins.corsOrigin(origin) !== null) },
  });

  // A flush of several packets to one WebSocket is one TCP write (platform/socket/cork.ts).
  corkFlushes(io.engine);

  const metrics = createMetrics(() => {
    let signedIn = 0;
    let anonymous = 0;
    for (const s of io.of('/').sockets.values()) {
      if (s.data.auth) signedIn++;
      else anonymous++;
    }
    return { signedIn, anonymous };
  });

  let presenceStore: PresenceStore = new MemoryPresenceStore();
  let limits: Limits = createLimits(null, config.redisPrefix);
  const redisClients: ReturnType<typeof createClient>[] = [];
  if (config.redisUrl) {
    const pub = createClient({ url: config.redisUrl });
    const sub = pub.duplicate();
    pub.on('error', (err) => logger.error('redis (pub) error', { err }));
    sub.on('error', (err) => logger.error('redis (sub) error', { err }));
    await Promise.all([pub.connect(), sub.connect()]);
    redisClients.push(pub, sub);
    // Channels `<prefix>socket.io#…`: deployments sharing one Redis never hear each other.
    io.adapter(createAdapter(pub, sub, { key: `${config.redisPrefix}socket.io` }));
    presenceStore = await RedisPresenceStore.connect(config.redisUrl, config.nodeId, config.redisPrefix);
    // Rate limits share the publishing connection (it only sends commands).
    limits = createLimits(pub, config.redisPrefix);
  }

  // In-flight background work (presence on connect/disconnect) that close() waits for.
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>, what: string): void => {
    const t = p.catch((err: unknown) => logger.error(`${what} failed`, { err }));
    pending.add(t);
    void t.finally(() => pending.delete(t));
  };

  const emitToUser = <E extends ServerEventName>(
    memberId: string | readonly string[],
    event: E,
    payload: ServerEventPayload<E>,
    options?: EmitOptions,
  ): void => {
    const ids = typeof memberId === 'string' ? [memberId] : memberId;
    if (ids.length === 0) return;
    if (event === 'message:new') metrics.messagesDelivered.inc(ids.length);
    let op = io.to(ids.map((id) => `user:${id}`));
    if (options?.exceptSocket) op = op.except(options.exceptSocket);
    // The event maps are checked at the call site (E, ServerEventPayload<E>); socket.io's
    // variadic emit typing cannot follow a generic event name.
    (op.emit as (ev: string, p: unknown) => boolean)(event, payload);
  };

  const presence = new PresenceService(
    presenceStore,
    deps.store,
    (ids, p) => emitToUser(ids, 'presence:changed', p),
    now,
    logger,
  );
  // Redis: remove the devices of crashed nodes soon after their heartbeat expires.
  const stopSweeping =
    presenceStore instanceof RedisPresenceStore ? presence.startSweeping(presenceStore.ttlMs / 3) : null;

  const localSocket = (socketId: string): TradewindSocket => {
    const s = io.of('/').sockets.get(socketId);
    if (!s) throw new AppError('unauthenticated', 'The connection closed.');
    return s;
  };
  const callerOf = (socket: TradewindSocket): Caller | null =>
    socket.data.auth ? { ...socket.data.auth, socketId: socket.id } : null;

  const runHooks = async (kind: 'onBound' | 'onUnbound', caller: Caller) => {
    for (const f of features) {
      const hook = f.hooks?.[kind];
      if (hook) await hook(caller, ctx);
    }
  };

  /**
   * Puts a socket into its user's and session's rooms; counts it as a device unless it already
   * is one, with the setting of its handshake, so "appear offline", away or busy never flash online.
   */
  const attach = async (socket: TradewindSocket, auth: SocketAuth, newDevice: boolean) => {
    socket.data.auth = auth;
    await socket.join([`user:${auth.memberId}`, `session:${auth.sessionId}`]);
    if (newDevice) await presence.setDevice(auth.memberId, socket.id, socket.data.presence);
    await runHooks('onBound', { ...auth, socketId: socket.id });
  };

  const sockets: SocketHub = {
    async bind(socketId, auth) {
      const socket = localSocket(socketId);
      const prev = socket.data.auth;
      if (prev && prev.memberId === auth.memberId) {
        // Same user, new session (signed in again on this socket): no presence flicker.
        await socket.leave(`session:${prev.sessionId}`);
        return attach(socket, auth, false);
      }
      if (prev) await sockets.unbind(socketId);
      return attach(socket, auth, true);
    },
    async unbind(socketId) {
      const socket = io.of('/').sockets.get(socketId);
      const auth = socket?.data.auth;
      if (!socket || !auth) return;
      socket.data.auth = null;
      await socket.leave(`user:${auth.memberId}`);
      await socket.leave(`session:${auth.sessionId}`);
      await presence.removeDevice(auth.memberId, socketId);
      await runHooks('onUnbound', { ...auth, socketId });
    },
    revokeSession(sessionId, reason, exceptSocket) {
      let op = io.in(`session:${sessionId}`);
      if (exceptSocket) op = op.except(exceptSocket);
      op.emit('session:revoked', { reason });
      op.disconnectSockets();
    },
    async connectedSessions(memberId) {
      const found = await io.in(`user:${memberId}`).fetchSockets();
      return new Set(found.flatMap((s) => (s.data.auth ? [s.data.auth.sessionId] : [])));
    },
  };

  // Declared after the closures above that use it; none of them runs before this line.
  const ctx: ServerContext & { presence: PresenceService } = {
    db: deps.store,
    presence,
    sockets,
    emitToUser,
    signingKey: deps.signingKey,
    config,
    logger,
    now,
    limits,
    metrics,
    messageStored(message, recipient) {
      for (const f of features) {
        const work = f.hooks?.onMessageStored?.(message, ctx, recipient);
        if (work) track(work, `${f.name}: after a stored message`);
      }
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };

  // Handshake: a token in `auth` signs the socket in; a bad token is refused with a reason.
  // `presence` is the device's setting to start with; absent or not valid means online.
  io.use((socket, next) => {
    socket.data.auth = null;
    const handshake = socket.handshake.auth as Partial<Record<keyof HandshakeAuth, unknown>> | undefined;
    const stated = PresenceSetting.safeParse(handshake?.presence);
    socket.data.presence = stated.success ? stated.data : 'online';
    const token = handshake?.token;
    if (token === undefined) return next();
    const refuse = (code: 'unauthenticated' | 'internal', message: string) =>
      next(Object.assign(new Error(message), { data: { code, message } }));
    if (typeof token !== 'string') return refuse('unauthenticated', 'The session token must be a string.');
    resolveToken(deps.store, token, now(), config.sessionIdleDays).then(
      (session) => {
        if (!session) return refuse('unauthenticated', 'Your session has ended. Please sign in again.');
        socket.data.auth = session;
        next();
      },
      (err: unknown) => {
        logger.error('handshake failed', { err });
        refuse('internal', 'Something went wrong on our side. Please try again.');
      },
    );
  });

  /**
   * Acks a request's result and records its latency and outcome. Declared once, not per request:
   * a closure per request is an allocation (and under tsx a `__name` call) on the send path.
   */
  function answer(
    name: string,
    ack: (r: unknown) => void,
    started: number,
    result: { ok: boolean; code?: string },
  ): void {
    metrics.ackLatency.observe({ event: name }, (performance.now() - started) / 1000);
    metrics.requests.inc({ event: name, outcome: result.ok ? 'ok' : (result.code ?? 'internal') });
    try {
      ack(result);
    } catch (err) {
      logger.warn('ack failed', { event: name, err });
    }
  }

  async function handleRequest(
    socket: TradewindSocket,
    name: string,
    route: Route,
    args: unknown[],
  ): Promise<void> {
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') {
      logger.debug('request without ack ignored', { event: name, socket: socket.id });
      return;
    }
    const reply = ack as (r: unknown) => void;
    const started = performance.now();
    // `emit(name, ack)` without a payload is the same as an empty payload.
    const raw = args.length > 1 ? args[0] : {};
    const parsed = route.schema.safeParse(raw);
    if (!parsed.success) return answer(name, reply, started, invalidPayload(name, parsed.error));
    try {
      let value: unknown;
      if (route.isPublic) {
        const connection: Connection = {
          socketId: socket.id,
          address: socket.handshake.address,
          auth: callerOf(socket),
        };
        value = await route.handler(parsed.data, connection, ctx);
      } else {
        const caller = callerOf(socket);
        if (!caller) return answer(name, reply, started, fail('unauthenticated', 'Please sign in first.'));
        value = await route.handler(parsed.data, caller, ctx);
      }
      answer(name, reply, started, ok(value));
    } catch (err) {
      if (!(err instanceof AppError))
        logger.error('request failed', { event: name, module: route.module, err });
      answer(name, reply, started, toFailure(err));
    }
  }

  io.on('connection', (socket) => {
    const auth = socket.data.auth;
    if (auth) track(attach(socket, auth, true), 'bind on connect');
    for (const [name, route] of routes) {
      (socket as unknown as { on(ev: string, fn: (...args: unknown[]) => void): void }).on(
        name,
        (...args) => {
          void handleRequest(socket, name, route, args);
        },
      );
    }
    socket.onAny((event: string, ...args: unknown[]) => {
      if (routes.has(event)) return;
      const ack = args[args.length - 1];
      if (typeof ack === 'function')
        (ack as (r: unknown) => void)(
          fail('unsupported', `This server does not know the request "${event}".`),
        );
    });
    socket.on('disconnect', () => {
      const a = socket.data.auth;
      if (!a) return;
      const caller: Caller = { ...a, socketId: socket.id };
      track(
        presence.removeDevice(a.memberId, socket.id).then(() => runHooks('onUnbound', caller)),
        'presence on disconnect',
      );
      // A device connected for weeks was in use all along: its session is not idle.
      track(touchSession(deps.store, a.sessionId, now()), 'session touch on disconnect');
    });
  });

  const disposers: (() => Promise<void>)[] = [];
  let closed = false;

  return {
    httpServer,
    io,
    ctx,
    async listen(port, host = '127.0.0.1') {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const addr = httpServer.address() as AddressInfo;
      const shownHost =
        host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      config.url = `http://${shownHost}:${addr.port}`;
      for (const f of features) if (f.start) disposers.push(await f.start(ctx));
      logger.info('listening', { url: config.url, db: deps.store.kind, redis: Boolean(config.redisUrl) });
      return { url: config.url, port: addr.port };
    },
    async close() {
      if (closed) return;
      closed = true;
      await stopSweeping?.();
      for (const d of disposers.reverse())
        await d().catch((err: unknown) => logger.error('feature stop failed', { err }));
      const wasListening = httpServer.listening;
      await io.close();
      if (wasListening) httpServer.closeAllConnections();
      while (pending.size > 0) await Promise.all([...pending]);
      await presenceStore.close();
      await Promise.all(redisClients.map((c) => c.quit().catch(() => undefined)));
    },
  };
}
