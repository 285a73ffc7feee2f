/**
 * Rate limits built on rate-limiter-flexible: in memory on one node, in Redis (keys under
 * `REDIS_PREFIX` + `rl:`) when several nodes share one. A Redis limiter falls back to an
 * in-memory one of the same shape while Redis is unreachable (`insuranceLimiter`), so a Redis
 * outage makes the limits per node for a while, never answers `internal`.
 *
 * Two shapes:
 * - `bucket(name, {perSecond, burst})`: token-bucket semantics as the library composes them
 *   (`BurstyRateLimiter`): `perSecond` per one-second window (or one per ⌈1/perSecond⌉ s when
 *   slower than one a second) plus a reserve that brings the total at once up to `burst` and
 *   refills in `burst / perSecond` seconds. `perSecond: 0` = no limit.
 * - `limiter(name, options)`: a plain counter with the library's whole API (sign-in uses its
 *   `block` and `get`).
 */
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { createClient } from 'redis';
import { AppError } from '../../../../shared/result';

type RedisClient = ReturnType<typeof createClient>;

/** A token bucket's shape: `perSecond` tokens a second, at most `burst` at once; 0 = no limit. */
export interface BucketShape {
  perSecond: number;
  burst: number;
}

export interface TokenBucket {
  /** False for a bucket of `perSecond: 0` (no limit), whose `take` always answers 0. */
  readonly limited: boolean;
  /** Takes one token for `key`: 0 when taken, else the milliseconds until one is available. */
  take(key: string): Promise<number>;
}

export interface LimiterOptions {
  /** Points per `durationSec` (whole seconds). */
  points: number;
  durationSec: number;
}

export interface Limits {
  /** The bucket called `name` (one per name: the first call's shape wins). */
  bucket(name: string, shape: BucketShape): TokenBucket;
  /** The counter called `name` (one per name: the first call's options win). */
  limiter(name: string, options: LimiterOptions): RateLimiterAbstract;
}

const UNLIMITED: TokenBucket = { limited: false, take: () => Promise.resolve(0) };

/** `redis` null: in memory. `prefix` is the deployment's REDIS_PREFIX. */
export function createLimits(redis: RedisClient | null, prefix: string): Limits {
  const limiters = new Map<string, RateLimiterAbstract>();
  const buckets = new Map<string, TokenBucket>();

  const make = (name: string, { points, durationSec }: LimiterOptions): RateLimiterAbstract => {
    const opts = { points, duration: durationSec };
    if (!redis) return new RateLimiterMemory({ ...opts, keyPrefix: name });
    return new RateLimiterRedis({
      ...opts,
      keyPrefix: `${prefix}rl:${name}`,
      storeClient: redis,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ ...opts, keyPrefix: name }),
    });
  };

  const limiter = (name: string, options: LimiterOptions): RateLimiterAbstract => {
    let l = limiters.get(name);
    if (!l) limiters.set(name, (l = make(name, options)));
    return l;
  };

  return {
    limiter,
    bucket(name, shape) {
      let b = buckets.get(name);
      if (b) return b;
      b = shape.perSecond > 0 ? bucketOf(name, shape, limiter) : UNLIMITED;
      buckets.set(name, b);
      return b;
    },
  };
}

function bucketOf(
  name: string,
  { perSecond, burst }: BucketShape,
  limiter: (name: string, options: LimiterOptions) => RateLimiterAbstract,
): TokenBucket {
  const steady: LimiterOptions =
    perSecond >= 1
      ? { points: Math.floor(perSecond), durationSec: 1 }
      : { points: 1, durationSec: Math.ceil(1 / perSecond) };
  const rate = limiter(`${name}:rate`, steady);
  const reserve = Math.floor(burst) - steady.points;
  const consumer =
    reserve > 0
      ? new BurstyRateLimiter(
          rate,
          limiter(`${name}:burst`, {
            points: reserve,
            durationSec: Math.max(1, Math.ceil(burst / perSecond)),
          }),
        )
      : rate;
  return {
    limited: true,
    async take(key) {
      try {
        await consumer.consume(key);
        return 0;
      } catch (err) {
        if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext));
        throw err;
      }
    },
  };
}

/** The `rate_limited` failure every limit answers with: a sentence and `details.retryAfterMs` (plus `extra`, e.g. which limit). */
export function rateLimited(
  retryAfterMs: number,
  message: string,
  extra: Record<string, unknown> = {},
): AppError {
  return new AppError('rate_limited', message, { ...extra, retryAfterMs });
}

/** "3 minutes", "1 hour": how long to wait, rounded up to whole seconds / minutes. */
export function waitSentence(ms: number): string {
  if (ms < 60_000) {
    const s = Math.max(1, Math.ceil(ms / 1000));
    return s === 1 ? '1 second' : `${s} seconds`;
  }
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}
