/** What a test file left in Redis under its own prefix (`testRedisPrefix()`, ./server.ts). */
import { createClient } from 'redis';
import { REDIS_TEST_URL } from './server';

export interface Leftovers {
  /** Keys without a time to live: they would stay for ever. */
  lasting: string[];
  /** Keys that expire by themselves (rate-limit windows). */
  expiring: string[];
}

/** Scans the keys under `prefix`; with `dropExpiring`, deletes the expiring ones afterwards. */
export async function redisLeftovers(prefix: string, dropExpiring = false): Promise<Leftovers> {
  const redis = createClient({ url: REDIS_TEST_URL });
  await redis.connect();
  try {
    const out: Leftovers = { lasting: [], expiring: [] };
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      for (const key of keys) {
        const ttl = await redis.pTTL(key); // -1: no TTL, -2: gone meanwhile
        if (ttl !== -2) (ttl >= 0 ? out.expiring : out.lasting).push(key);
      }
    }
    if (dropExpiring && out.expiring.length > 0) await redis.del(out.expiring);
    return out;
  } finally {
    redis.destroy();
  }
}

/** The pub/sub channels open under `prefix` (the socket.io adapter's). */
export async function redisChannels(prefix: string): Promise<string[]> {
  const redis = createClient({ url: REDIS_TEST_URL });
  await redis.connect();
  try {
    return await redis.pubSubChannels(`${prefix}*`);
  } finally {
    redis.destroy();
  }
}
