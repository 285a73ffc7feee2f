/**
 * When and what the outbox sends. Pure, so the ordering and backoff rules are unit-tested apart
 * from IndexedDB and the socket.
 */
import type { ErrorCode } from '../../../shared/result';

export interface OutboxEntryLike {
  /** Auto-increment id: the order the user wrote them in. */
  id: number;
  conversationId: string;
  state: 'queued' | 'failed';
  attempts: number;
  /** ms since epoch; 0 = now. */
  nextAttemptAt: number;
  /** `internal` answers to this entry since it was written or the user last retried it. */
  internalFailures?: number;
}

/**
 * After this many `internal` answers to the same entry it is shown as failed, with a retry
 * button, instead of being retried forever: the server has failed on this very message each
 * time, so trying again by itself is unlikely to help, and the user should know. The entry stays
 * in the outbox (nothing is lost) until the user retries it.
 */
export const MAX_INTERNAL_FAILURES = 3;

/** Errors after which sending the same payload again can succeed. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'timeout',
  'offline',
  'internal',
  'rate_limited',
]);

export function isRetryable(code: ErrorCode): boolean {
  return RETRYABLE.has(code);
}

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 60_000;
/** The longest wait a server's `retryAfterMs` can impose on a message. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * Exponential backoff after the n-th failed attempt (1-based): 1 s, 2 s, 4 s … capped at 60 s,
 * with up to 20 % jitter so many clients do not retry in lockstep after a server restart.
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (1 + 0.2 * random()));
}

/**
 * The head of each conversation's queue: the oldest entry that is not failed. Entries are sent
 * strictly in order, one at a time per conversation, so nothing behind the head is eligible.
 * Failed entries wait for the user's retry and do not hold the queue up.
 */
export function queueHeads<E extends OutboxEntryLike>(entries: readonly E[]): E[] {
  const heads = new Map<string, E>();
  for (const e of [...entries].sort((a, b) => a.id - b.id)) {
    if (e.state === 'failed') continue;
    if (!heads.has(e.conversationId)) heads.set(e.conversationId, e);
  }
  return [...heads.values()];
}

/** Heads whose backoff has elapsed; and the earliest time another becomes due (or null). */
export function dueHeads<E extends OutboxEntryLike>(
  entries: readonly E[],
  now: number,
): { due: E[]; wakeAt: number | null } {
  const due: E[] = [];
  let wakeAt: number | null = null;
  for (const h of queueHeads(entries)) {
    if (h.nextAttemptAt <= now) due.push(h);
    else wakeAt = wakeAt === null ? h.nextAttemptAt : Math.min(wakeAt, h.nextAttemptAt);
  }
  return { due, wakeAt };
}

/**
 * What to do with an entry after a failed attempt. `retryAfterMs` is the server's word on when to
 * try again (`rate_limited`): the entry waits exactly that long, and the wait is not counted as a
 * failed attempt (the message was fine, the sender was fast), so it never grows the backoff.
 */
export function afterFailure<E extends OutboxEntryLike>(
  entry: E,
  code: ErrorCode,
  now: number,
  random: () => number = Math.random,
  retryAfterMs?: number,
): E {
  if (code === 'rate_limited' && retryAfterMs !== undefined && retryAfterMs >= 0)
    // As told, but never longer than an hour: a wrong figure must not park a message for good.
    return { ...entry, state: 'queued', nextAttemptAt: now + Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) };
  const attempts = entry.attempts + 1;
  if (!isRetryable(code)) return { ...entry, attempts, state: 'failed' };
  if (code === 'internal') {
    const internalFailures = (entry.internalFailures ?? 0) + 1;
    if (internalFailures >= MAX_INTERNAL_FAILURES)
      return { ...entry, attempts, internalFailures, state: 'failed' };
    return {
      ...entry,
      attempts,
      internalFailures,
      state: 'queued',
      nextAttemptAt: now + backoffMs(attempts, random),
    };
  }
  // Offline is not the message's fault: retry as soon as we are connected again, no backoff.
  const wait = code === 'offline' ? 0 : backoffMs(attempts, random);
  return { ...entry, attempts, state: 'queued', nextAttemptAt: now + wait };
}

/** The server's `details.retryAfterMs` of a `rate_limited` answer, when it gave one. */
export function retryAfterOf(details: unknown): number | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const ms = (details as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
