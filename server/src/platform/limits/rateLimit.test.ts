import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rateLimit';

describe('RateLimiter', () => {
  it('allows a burst, then refills over time, per key', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const limiter = new RateLimiter(3, 6, () => now); // 3 at once, one every 10 s
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true); // another key has its own bucket
    now = new Date(now.getTime() + 9_000);
    expect(limiter.take('a')).toBe(false);
    now = new Date(now.getTime() + 1_000);
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
    now = new Date(now.getTime() + 3_600_000); // never more than the capacity
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
  });

  it('says how long until the next attempt', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const limiter = new RateLimiter(2, 1 / 3, () => now); // 2 at once, then one every 3 minutes
    expect(limiter.retryAfterMs('x')).toBe(0);
    expect([limiter.take('x'), limiter.take('x'), limiter.take('x')]).toEqual([true, true, false]);
    expect(limiter.retryAfterMs('x')).toBe(180_000);
    now = new Date(now.getTime() + 60_000);
    expect(limiter.retryAfterMs('x')).toBe(120_000);
    now = new Date(now.getTime() + 120_000);
    expect(limiter.retryAfterMs('x')).toBe(0);
    expect(limiter.take('x')).toBe(true);
  });

  it('a clock that steps back neither locks a key out nor hands out tokens', () => {
    let now = new Date('2026-01-01T12:00:00Z');
    const limiter = new RateLimiter(2, 6, () => now); // 2 at once, one every 10 s
    expect([limiter.take('k'), limiter.take('k'), limiter.take('k')]).toEqual([true, true, false]);
    now = new Date('2026-01-01T11:00:00Z'); // an hour back
    expect(limiter.take('k')).toBe(false); // the step back gives nothing
    expect(limiter.retryAfterMs('k')).toBe(10_000); // and costs nothing: one refill from now
    now = new Date(now.getTime() + 10_000);
    expect(limiter.take('k')).toBe(true);
    expect(limiter.take('k')).toBe(false);
  });
});
