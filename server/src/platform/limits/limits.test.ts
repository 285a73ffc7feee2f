import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLimits, waitSentence } from './limits';

/** rate-limiter-flexible's memory store keeps its windows by Date.now(): only Date is faked. */
describe('token buckets (in memory)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives `burst` at once, then `perSecond`, and says how long to wait', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000_000 });
    const bucket = createLimits(null, 'tw:').bucket('send', { perSecond: 10, burst: 50 });
    const first = await Promise.all(Array.from({ length: 51 }, () => bucket.take('a')));
    expect(first.filter((w) => w === 0)).toHaveLength(50);
    const wait = first[50] ?? 0;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1000);
    // Another key has its own bucket.
    expect(await bucket.take('b')).toBe(0);
    // After the wait, the steady rate: 10 in the next second, not 11.
    vi.setSystemTime(Date.now() + wait);
    const next = await Promise.all(Array.from({ length: 11 }, () => bucket.take('a')));
    expect(next.filter((w) => w === 0)).toHaveLength(10);
  });

  it('keeps the sign-up shape: 20 at once, then one every 3 minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 5_000_000 });
    const bucket = createLimits(null, 'tw:').bucket('signup', { perSecond: 20 / 3600, burst: 20 });
    for (let i = 0; i < 20; i++) expect(await bucket.take('1.2.3.4')).toBe(0);
    expect(await bucket.take('1.2.3.4')).toBe(180_000);
    vi.setSystemTime(Date.now() + 60_000);
    expect(await bucket.take('1.2.3.4')).toBe(120_000);
    vi.setSystemTime(Date.now() + 120_000);
    expect(await bucket.take('1.2.3.4')).toBe(0);
    expect(await bucket.take('1.2.3.4')).toBe(180_000);
  });

  it('has no limit at perSecond 0', async () => {
    const bucket = createLimits(null, 'tw:').bucket('send', { perSecond: 0, burst: 0 });
    const waits = await Promise.all(Array.from({ length: 1000 }, () => bucket.take('a')));
    expect(waits.every((w) => w === 0)).toBe(true);
  });

  it('words waits for people', () => {
    expect(waitSentence(400)).toBe('1 second');
    expect(waitSentence(12_300)).toBe('13 seconds');
    expect(waitSentence(180_000)).toBe('3 minutes');
    expect(waitSentence(3 * 3_600_000)).toBe('3 hours');
  });
});
