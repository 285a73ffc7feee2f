/**
 * Sign-in throttling that slows a password guesser without locking the owner out
 * (docs/operations.md § Sign-in throttling):
 *
 * - **Backoff per account and address**: after `freeFailures` wrong passwords in a row for one
 *   member id from one address, each further failure locks that pair for 1 s, 2 s, 4 s … (from
 *   `backoffBaseSec`) up to `maxBackoffSec`. A right password clears the pair. The owner on another address is not
 *   affected.
 * - **Ceiling per address**: at most `addressFailuresPerHour` failed or refused attempts from one
 *   address, whatever the member ids; past it every sign-in from that address waits out the hour.
 * - **Known device**: a sign-in that presents the marker (SHA-256) of a session token this member
 *   was once given on this device (`deviceMarker`, even signed out or expired) is throttled on
 *   its own key (member + that session) and not by the address: an attacker's failures never
 *   block it.
 *
 * Counters live in `Limits` (memory, or Redis across nodes).
 */
import type { SignInLimits } from '../../platform/context';
import type { Limits } from '../../platform/limits/limits';

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  freeFailures: 5,
  backoffBaseSec: 1,
  maxBackoffSec: 15 * 60,
  addressFailuresPerHour: 100,
};

/** Who is trying: the member id, and either the address or a known device's session id. */
export interface Attempt {
  memberId: string;
  address: string;
  /** The session id of the `deviceMarker` presented, when it is one of this member's. */
  knownSession: string | null;
}

/** Consecutive failures are forgotten a day after the first of them. */
const FAILURE_WINDOW_SEC = 86_400;

export class SignInThrottle {
  constructor(
    private readonly limits: Limits,
    private readonly shape: SignInLimits,
  ) {}

  private get failures() {
    return this.limits.limiter('signin:failures', { points: 1_000_000, durationSec: FAILURE_WINDOW_SEC });
  }
  /** Only `block` and `get` are used: a key is locked while its count is above `points`. */
  private get locks() {
    return this.limits.limiter('signin:lock', { points: 1, durationSec: 1 });
  }
  private get addresses() {
    return this.limits.limiter('signin:address', {
      points: this.shape.addressFailuresPerHour,
      durationSec: 3600,
    });
  }

  private static pair(a: Attempt): string {
    return a.knownSession ? `${a.memberId}|session:${a.knownSession}` : `${a.memberId}|${a.address}`;
  }

  /** Milliseconds this attempt must wait before its password is even checked; 0 = check it. */
  async waitMs(a: Attempt): Promise<number> {
    const [lock, address] = await Promise.all([
      this.locks.get(SignInThrottle.pair(a)),
      a.knownSession ? null : this.addresses.get(a.address),
    ]);
    const locked = lock && lock.consumedPoints > 1 ? lock.msBeforeNext : 0;
    const ceiling =
      address && address.consumedPoints >= this.shape.addressFailuresPerHour ? address.msBeforeNext : 0;
    return Math.max(0, locked, ceiling);
  }

  /** A refused attempt counts against the address ceiling (the attacker keeps paying). */
  async refused(a: Attempt): Promise<void> {
    if (!a.knownSession) await this.addresses.penalty(a.address);
  }

  /** A wrong password: counts, and locks the pair once past the free failures. Answers the count and the lock. */
  async failed(a: Attempt): Promise<{ failures: number; lockedMs: number }> {
    const key = SignInThrottle.pair(a);
    const [res] = await Promise.all([this.failures.penalty(key), this.refused(a)]);
    const failures = res.consumedPoints;
    const over = failures - this.shape.freeFailures;
    if (over < 0) return { failures, lockedMs: 0 };
    const sec = Math.min(this.shape.maxBackoffSec, this.shape.backoffBaseSec * 2 ** Math.min(over, 30));
    await this.locks.block(key, sec);
    return { failures, lockedMs: sec * 1000 };
  }

  /** The right password: the pair starts afresh. */
  async succeeded(a: Attempt): Promise<void> {
    const key = SignInThrottle.pair(a);
    await Promise.all([this.failures.delete(key), this.locks.delete(key)]);
  }
}
