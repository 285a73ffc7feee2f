/**
 * A token bucket per key (e.g. member id for sign-in attempts): `capacity` attempts at once,
 * refilled at `refillPerMinute`. In memory, per node: enough to make password guessing slow.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerMinute: number,
    private readonly now: () => Date,
  ) {}

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string): boolean {
    const t = this.now().getTime();
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: t };
    // The clock stepped back: refills count from now on (see `level`), even while refused.
    if (t < b.at) b.at = t;
    const refilled = this.level(b, t);
    // A refused attempt changes nothing, so refills accumulate from the last accepted one.
    if (refilled < 1) return false;
    this.buckets.set(key, { tokens: refilled - 1, at: t });
    if (this.buckets.size > 10_000) this.prune(t);
    return true;
  }

  /** Milliseconds until `key` has a token again; 0 when it has one now. */
  retryAfterMs(key: string): number {
    const t = this.now().getTime();
    const b = this.buckets.get(key);
    if (!b) return 0;
    const missing = 1 - this.level(b, t);
    // Less a microsecond, so floating-point dust (a rate of 1/3 per minute) does not add a millisecond.
    return missing <= 0 ? 0 : Math.ceil((missing * 60_000) / this.refillPerMinute - 1e-3);
  }

  /** Forget full buckets so the map does not grow without bound. */
  private prune(t: number): void {
    for (const [k, b] of this.buckets) {
      if (this.level(b, t) >= this.capacity) this.buckets.delete(k);
    }
  }

  private level(b: { tokens: number; at: number }, t: number): number {
    // A wall clock that stepped back (NTP, a test clock) counts as no time passed, not as a debt
    // that would lock the key out until the clock catches up.
    const elapsed = Math.max(0, t - b.at);
    // Multiply before dividing: exact for whole seconds, so "one every 10 s" is one after 10 s.
    return Math.min(this.capacity, b.tokens + (elapsed * this.refillPerMinute) / 60_000);
  }
}
