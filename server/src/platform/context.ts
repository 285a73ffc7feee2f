/**
 * What every feature gets: the store, presence, ways to reach users' sockets (on every node
 * when the Redis adapter is on), the signing key, configuration, a logger and the clock.
 * Built once by `createServer` (app.ts); handlers receive it as their third argument.
 */
import type {
  Message,
  Presence,
  PresenceSetting,
  PresenceState,
  ServerToClientEvents,
} from '../../../shared/protocol';
import type { Store } from './db';
import type { BucketShape, Limits } from './limits/limits';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { SigningKey } from './signing/signingKey';

export interface ServerConfig {
  /** Package version, reported by /healthz. */
  version: string;
  /** Demo mode (`--demo`): demo data is seeded and /api/demo-session answers loopback callers. */
  demo: boolean;
  /** Directory of the built renderer served over HTTP (browser mode); null = none. */
  staticDir: string | null;
  /** Redis URL when several nodes share presence and broadcasts; null = single node, in memory. */
  redisUrl: string | null;
  /** Prefix of every Redis key and channel of this deployment (`REDIS_PREFIX`, default `tw:`). */
  redisPrefix: string;
  /** This node's id (random per start); names its sockets in shared presence. */
  nodeId: string;
  /** `http://host:port` once listening; null before. */
  url: string | null;
  /** The operator's public URL (`TRADEWIND_PUBLIC_URL`, platform/publicUrl.ts); null = not configured. */
  publicUrl: string | null;
  /** A session unused for more than this many days is refused (`TRADEWIND_SESSION_IDLE_DAYS`). */
  sessionIdleDays: number;
  /** Sign-ups per remote address: `burst` at once, then `perHour` (`TRADEWIND_SIGNUP_BURST`, `TRADEWIND_SIGNUP_PER_HOUR`). */
  signUpLimit: RateLimit;
  /** `message:send` per account (`TRADEWIND_SEND_RATE` a second, `TRADEWIND_SEND_BURST` at once; 0 = none). */
  sendLimit: BucketShape;
  /**
   * Group commits of messages in flight at once on PostgreSQL (`TRADEWIND_COMMIT_PIPELINE`,
   * features/messages/commit.ts); PGlite always runs one.
   */
  commitPipeline: number;
  /**
   * Where attachment bytes are kept as files (`<data>/attachments` on the embedded store;
   * `TRADEWIND_ATTACHMENTS_DIR`, shared by every node, on PostgreSQL); null = in the database.
   */
  attachmentsDir: string | null;
  /** Bearer token that `GET /metrics` requires (`TRADEWIND_METRICS_TOKEN`); null = loopback only. */
  metricsToken: string | null;
  /** Sign-in throttling (features/auth/throttle.ts). */
  signInLimits: SignInLimits;
  /** Minutes after a message during which its sender may edit or retract it (`TRADEWIND_EDIT_WINDOW_MINUTES`). */
  editWindowMinutes: number;
  /** New people (no conversation yet, not listing the sender) one account may write to a day (`TRADEWIND_NEW_CONTACTS_PER_DAY`; 0 = no limit). */
  newContactsPerDay: number;
  /**
   * scrypt's cost for new passwords (features/auth/password.ts, `DEFAULT_SCRYPT`). Not an
   * environment setting, so that no deployment lowers it by a typo; tests pass a cheaper one.
   */
  passwordCost: ScryptParams;
}

/** scrypt's parameters (RFC 7914): cost N, block size r, parallelism p. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** Sign-in throttling: backoff per member id and address, and a ceiling per address. */
export interface SignInLimits {
  /** Wrong passwords in a row (per member id and address) before the backoff starts. */
  freeFailures: number;
  /** The first backoff, in seconds; each further failure doubles it. */
  backoffBaseSec: number;
  /** The longest backoff, in seconds. */
  maxBackoffSec: number;
  /** Failed or refused sign-ins per address per hour (`TRADEWIND_SIGNIN_FAILURES_PER_ADDRESS`). */
  addressFailuresPerHour: number;
}

/** A token bucket's shape: `burst` at once, refilled at `perHour`. */
export interface RateLimit {
  burst: number;
  perHour: number;
}

export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

export interface EmitOptions {
  /** Leave out this socket (typically the one that made the request and gets an ack instead). */
  exceptSocket?: string | undefined;
}

/** The authenticated identity bound to a socket. */
export interface SocketAuth {
  memberId: string;
  sessionId: string;
}

/** Operations on sockets. Room names: `user:<memberId>` and `session:<sessionId>`. */
export interface SocketHub {
  /** Binds a socket on this node to a session (after sign-in): joins its rooms, counts it for presence. A socket bound to another session is switched. */
  bind(socketId: string, auth: SocketAuth): Promise<void>;
  /** Makes a socket on this node anonymous again (after sign-out). */
  unbind(socketId: string): Promise<void>;
  /** Sends `session:revoked` to every socket of the session on any node (except one) and disconnects them. */
  revokeSession(sessionId: string, reason: string, exceptSocket?: string): void;
  /** The sessions of `memberId` with a socket connected now, on any node. */
  connectedSessions(memberId: string): Promise<Set<string>>;
}

/**
 * Presence as features use it. Declared here, on the lower floor, and implemented by
 * features/presence (`PresenceService`), so that contacts/ and groups/ can ask and tell presence
 * through the context while presence/ asks contacts/ who may watch whom — without an import
 * circle between them.
 */
export interface PresenceHub {
  /** Sets this device's setting; answers the user's merged presence. */
  setDevice(memberId: string, socketId: string, setting: PresenceSetting): Promise<Presence>;
  /** The presence of each of `memberIds` as `viewer` may see it (offline, no last seen, when not allowed). */
  visibleTo(viewer: string, memberIds: readonly string[]): Promise<Map<string, Presence>>;
  /** Tells `viewer` the presence of `memberId` they may now see, if `viewer` lists `memberId` as a contact. */
  tellIfWatching(viewer: string, memberId: string): Promise<void>;
  /** Tells everyone who lists `memberId` the presence they may now see (after a visibility change). */
  retell(memberId: string): Promise<void>;
  /** The user's merged state as the server knows it, whoever asks (for the server's own decisions, never to be shown). */
  stateOf(memberId: string): Promise<PresenceState>;
}

export interface ServerContext {
  db: Store;
  presence: PresenceHub;
  sockets: SocketHub;
  /** Emits to every socket of the user(s), on every node. */
  emitToUser<E extends ServerEventName>(
    memberId: string | readonly string[],
    event: E,
    payload: ServerEventPayload<E>,
    options?: EmitOptions,
  ): void;
  signingKey: SigningKey;
  config: ServerConfig;
  logger: Logger;
  /** The clock. Every stored timestamp comes from here, so tests can control time. */
  now: () => Date;
  /** Rate limits (in memory, or in Redis across nodes). */
  limits: Limits;
  /** Prometheus metrics of this node (`GET /metrics`). */
  metrics: Metrics;
  /**
   * Tells the features' `onMessageStored` hooks (platform/socket/registry.ts) that a message was
   * stored and sent; they run in the background, failures logged. Call after the commit, with
   * what the commit read about the recipient when there is that (`SendResult.recipient`).
   */
  messageStored(message: Message, recipient?: RecipientFacts): void;
  /** Resolves once the background work started so far (hooks, presence on connect) has settled. */
  idle(): Promise<void>;
}

/**
 * About the recipient of a newly stored message, read by the group commit's check under the
 * conversation's lock (features/messages/commit.ts), for what runs after the send.
 */
export interface RecipientFacts {
  /** The state of the recipient's contact request to the sender, if there is one (contacts: writing back accepts it). */
  requestToSender: string | null;
  /** Whether the recipient has an away auto-reply switched on (desk: when off, there is nothing to look up). */
  autoReplyOn: boolean;
}
