import { createClient } from 'redis';
import { PresenceSetting } from '../../../shared/protocol';
import type { PresenceStore, PresenceTransition } from './store';

type RedisClient = ReturnType<typeof createClient>;

/**
 * Presence shared by several nodes: one Redis hash per user, `tw:presence:<memberId>`, field
 * `<nodeId>|<socketId>` → setting. Each node keeps `tw:node:<nodeId>` alive with a TTL; fields of
 * a node whose key expired (it crashed) are ignored and cleaned up, so a dead node cannot keep
 * its users online forever.
 */
export class RedisPresenceStore implements PresenceStore {
  private timer: NodeJS.Timeout | undefined;
  private readonly aliveCache = new Map<string, { alive: boolean; at: number }>();

  private constructor(
    private readonly client: RedisClient,
    private readonly nodeId: string,
    private readonly ttlSeconds: number,
  ) {}

  static async connect(url: string, nodeId: string, ttlSeconds = 30): Promise<RedisPresenceStore> {
    const client: RedisClient = createClient({ url });
    await client.connect();
    const store = new RedisPresenceStore(client, nodeId, ttlSeconds);
    await store.heartbeat();
    store.timer = setInterval(() => void store.heartbeat().catch(() => undefined), (ttlSeconds * 1000) / 3);
    store.timer.unref();
    return store;
  }

  private heartbeat(): Promise<unknown> {
    return this.client.set(`tw:node:${this.nodeId}`, '1', { EX: this.ttlSeconds });
  }

  private key(memberId: string): string {
    return `tw:presence:${memberId}`;
  }

  async update(memberId: string, socketId: string, setting: PresenceSetting | null): Promise<PresenceTransition> {
    const key = this.key(memberId);
    const field = `${this.nodeId}|${socketId}`;
    // MULTI makes before/after one atomic snapshot even with other nodes writing the same user.
    const multi = this.client.multi().hGetAll(key);
    if (setting === null) multi.hDel(key, field);
    else multi.hSet(key, field, setting);
    multi.hGetAll(key);
    const replies = (await multi.exec()) as unknown[];
    const before = replies[0] as Record<string, string>;
    const after = replies[2] as Record<string, string>;
    return { before: await this.live(key, before), after: await this.live(key, after) };
  }

  async devices(memberId: string): Promise<PresenceSetting[]> {
    const key = this.key(memberId);
    return this.live(key, await this.client.hGetAll(key));
  }

  /** Settings whose node is alive; removes fields of dead nodes. */
  private async live(key: string, fields: Record<string, string>): Promise<PresenceSetting[]> {
    const out: PresenceSetting[] = [];
    for (const [field, value] of Object.entries(fields)) {
      const node = field.split('|')[0] ?? '';
      if (!(await this.isAlive(node))) {
        await this.client.hDel(key, field);
        continue;
      }
      const parsed = PresenceSetting.safeParse(value);
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  }

  private async isAlive(nodeId: string): Promise<boolean> {
    if (nodeId === this.nodeId) return true;
    const cached = this.aliveCache.get(nodeId);
    const now = Date.now();
    if (cached && now - cached.at < 5000) return cached.alive;
    const alive = (await this.client.exists(`tw:node:${nodeId}`)) === 1;
    this.aliveCache.set(nodeId, { alive, at: now });
    return alive;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.client.del(`tw:node:${this.nodeId}`).catch(() => undefined);
    this.client.destroy();
  }
}
