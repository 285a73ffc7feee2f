import { createClient } from 'redis';
import { PresenceSetting } from '../../../../shared/protocol';
import type { OrphanDevice, PresenceStore, PresenceTransition } from './store';

type RedisClient = ReturnType<typeof createClient>;

/** The keys of one deployment, under its `REDIS_PREFIX` (`tw:` by default). */
function keysOf(prefix: string) {
  return {
    /** Every node that has (or had) devices in Redis, so a survivor can find a crashed one's. */
    nodes: `${prefix}nodes`,
    presence: (memberId: string): string => `${prefix}presence:${memberId}`,
    heartbeat: (nodeId: string): string => `${prefix}node:${nodeId}`,
    nodeDevices: (nodeId: string): string => `${prefix}node-devices:${nodeId}`,
  };
}

/**
 * Presence shared by several nodes (docs/operations.md § Several nodes):
 *
 * Keys below are shown with the default prefix `tw:` (REDIS_PREFIX).
 *
 * - `tw:presence:<memberId>`: hash, field `<nodeId>|<socketId>` → setting; every device of the
 *   user on every node. Reads count every field: a device is connected until it is removed.
 * - `tw:node-devices:<nodeId>`: set of `<memberId>|<socketId>`, the same devices by node.
 * - `tw:node:<nodeId>`: the node's heartbeat, refreshed every TTL/3 with a TTL.
 * - `tw:nodes`: set of node ids, re-added with every heartbeat.
 *
 * A node that crashes stops its heartbeat; once the key has expired its devices are `orphans()`,
 * which the presence service of any surviving node removes like disconnects (last seen stored,
 * contacts told). A node cut off from Redis for longer than the TTL is taken for dead in the same
 * way: its users look offline until their next connect or presence change.
 */
export class RedisPresenceStore implements PresenceStore {
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly client: RedisClient,
    private readonly nodeId: string,
    private readonly ttlSeconds: number,
    private readonly keys: ReturnType<typeof keysOf>,
  ) {}

  static async connect(
    url: string,
    nodeId: string,
    prefix: string,
    ttlSeconds = 30,
  ): Promise<RedisPresenceStore> {
    const client: RedisClient = createClient({ url });
    await client.connect();
    const store = new RedisPresenceStore(client, nodeId, ttlSeconds, keysOf(prefix));
    await store.heartbeat();
    store.timer = setInterval(() => void store.heartbeat().catch(() => undefined), (ttlSeconds * 1000) / 3);
    store.timer.unref();
    return store;
  }

  /** The heartbeat's time to live: a crashed node's devices are orphans this long after its last beat. */
  get ttlMs(): number {
    return this.ttlSeconds * 1000;
  }

  private heartbeat(): Promise<unknown> {
    return this.client
      .multi()
      .set(this.keys.heartbeat(this.nodeId), '1', { EX: this.ttlSeconds })
      .sAdd(this.keys.nodes, this.nodeId)
      .exec();
  }

  async update(
    memberId: string,
    socketId: string,
    setting: PresenceSetting | null,
  ): Promise<PresenceTransition> {
    const key = this.keys.presence(memberId);
    const field = `${this.nodeId}|${socketId}`;
    const byNode = this.keys.nodeDevices(this.nodeId);
    // MULTI makes before/after one atomic snapshot even with other nodes writing the same user.
    const multi = this.client.multi().hGetAll(key);
    if (setting === null) multi.hDel(key, field).sRem(byNode, `${memberId}|${socketId}`);
    else multi.hSet(key, field, setting).sAdd(byNode, `${memberId}|${socketId}`);
    multi.hGetAll(key);
    return transition(await multi.exec());
  }

  async devices(memberId: string): Promise<PresenceSetting[]> {
    return settings(await this.client.hGetAll(this.keys.presence(memberId)));
  }

  async orphans(): Promise<OrphanDevice[]> {
    const out: OrphanDevice[] = [];
    for (const node of await this.client.sMembers(this.keys.nodes)) {
      if (node === this.nodeId || (await this.client.exists(this.keys.heartbeat(node))) === 1) continue;
      const devices = await this.client.sMembers(this.keys.nodeDevices(node));
      if (devices.length === 0) {
        // Nothing left of it. A node that was only cut off re-adds itself with its next heartbeat.
        await this.client.sRem(this.keys.nodes, node);
        continue;
      }
      for (const entry of devices) {
        const cut = entry.indexOf('|');
        if (cut < 0) continue;
        out.push({ memberId: entry.slice(0, cut), device: `${node}|${entry.slice(cut + 1)}` });
      }
    }
    return out;
  }

  async removeOrphan({ memberId, device }: OrphanDevice): Promise<PresenceTransition> {
    const cut = device.indexOf('|');
    const node = device.slice(0, cut);
    const socketId = device.slice(cut + 1);
    const key = this.keys.presence(memberId);
    // Atomic like update(): when two survivors sweep at once, only one sees the device go.
    const replies = (await this.client
      .multi()
      .hGetAll(key)
      .hDel(key, device)
      .sRem(this.keys.nodeDevices(node), `${memberId}|${socketId}`)
      .hGetAll(key)
      .exec()) as unknown[];
    return transition(replies);
  }

  /**
   * Stops the heartbeat and deletes it. Devices are removed before this, as their sockets
   * disconnect; any that were not become orphans at once and are swept by the other nodes. A node
   * that leaves no device behind leaves no key behind either.
   */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    try {
      await this.client.del(this.keys.heartbeat(this.nodeId));
      if ((await this.client.sCard(this.keys.nodeDevices(this.nodeId))) === 0)
        await this.client.sRem(this.keys.nodes, this.nodeId);
    } catch {
      // Redis gone: the other nodes' sweep tidies up once it is back.
    }
    this.client.destroy();
  }
}

/** before = the first reply of a MULTI, after = the last; both `hGetAll` of the user's hash. */
function transition(replies: unknown[]): PresenceTransition {
  const before = replies[0] as Record<string, string>;
  const after = replies[replies.length - 1] as Record<string, string>;
  return { before: settings(before), after: settings(after) };
}

function settings(fields: Record<string, string>): PresenceSetting[] {
  const out: PresenceSetting[] = [];
  for (const value of Object.values(fields)) {
    const parsed = PresenceSetting.safeParse(value);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}
