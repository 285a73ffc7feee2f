import { EventEmitter, once as onceEvent } from 'node:events';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFeatures } from '../../server/src/features';
import type { FeatureModule } from '../../server/src/platform/socket/registry';
import { conversationIdFor } from '../../shared/protocol';
import {
  REDIS_TEST_URL,
  testRedisPrefix,
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../helpers/server';
import {
  barrier,
  call,
  clientId,
  closeAll,
  connect,
  once,
  record,
  secondDevice,
  signUp,
} from '../helpers/client';
import { startCli } from '../helpers/process';
import { redisChannels, redisLeftovers } from '../helpers/redis';

/** A feature that reports when a node has finished with a disconnected socket (presence included). */
const unbound = new EventEmitter();
const probe: FeatureModule = {
  name: 'probe',
  handlers: {},
  hooks: { onUnbound: (caller) => void unbound.emit(caller.socketId) },
};

/**
 * Two nodes on one PostgreSQL database and one Redis: a user on node 1 and a user on node 2
 * talk as if they were on one server, and presence counts devices on both nodes.
 */
describe('two nodes with Redis', () => {
  let db: TestDatabase;
  let node1: TestServer;
  let node2: TestServer;
  // One clock for both nodes: either may be the one that sweeps a crashed node's devices.
  let clock = new Date('2026-04-01T08:00:00.000Z');
  const now = () => clock;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    node1 = await startTestServer('postgres', {
      db,
      redisUrl: REDIS_TEST_URL,
      now,
      features: [...defaultFeatures(), probe],
    });
    node2 = await startTestServer('postgres', { db, redisUrl: REDIS_TEST_URL, now });
  });
  afterAll(async () => {
    await node1?.close();
    await node2?.close();
    await db?.dispose();
  });

  it("speaks on the adapter's channels under this deployment's REDIS_PREFIX", async () => {
    const channels = await redisChannels(testRedisPrefix());
    // The adapter subscribes to `<key>-request#/#` and `<key>-response#/#…` (and a pattern for broadcasts).
    expect(channels.some((c) => c.startsWith(`${testRedisPrefix()}socket.io-request#`))).toBe(true);
  });

  it('delivers messages, receipts and typing across nodes', async () => {
    const buyer = await signUp(node1.url, 'buyer');
    const seller = await signUp(node2.url, 'seller');
    const buyerOn2 = await secondDevice(node2.url, buyer);

    const atSeller = once(seller.socket, 'message:new');
    const atBuyerOn2 = once(buyerOn2, 'message:new');
    const ack = await call(buyer.socket, 'message:send', {
      to: seller.memberId,
      clientId: clientId(),
      text: 'Across nodes',
    });
    expect((await atSeller).hash).toBe(ack.hash);
    expect((await atBuyerOn2).seq).toBe(ack.seq);

    const receipt = once(buyer.socket, 'receipt:updated');
    await call(seller.socket, 'message:receipt', {
      conversationId: conversationIdFor(buyer.memberId, seller.memberId),
      kind: 'read',
      upToSeq: 1,
    });
    expect(await receipt).toMatchObject({ memberId: seller.memberId, read: 1 });

    const typing = once(buyer.socket, 'typing:changed');
    await call(seller.socket, 'typing:set', { to: buyer.memberId, typing: true });
    expect((await typing).memberId).toBe(seller.memberId);
    closeAll(buyer.socket, seller.socket, buyerOn2);
  });

  it('keeps a user online while any device on any node is connected', async () => {
    const seller = await signUp(node1.url, 'seller', { role: 'seller' });
    const watcher = await signUp(node2.url, 'watcher');
    await call(watcher.socket, 'contact:add', { memberId: seller.memberId });
    const phoneOn2 = await secondDevice(node2.url, seller);

    // The device on node 1 goes; node 2 still has one: no offline.
    const log = record(watcher.socket);
    const gone = onceEvent(unbound, seller.socket.id!);
    closeAll(seller.socket);
    await gone; // node 1 has updated the shared presence
    await barrier(watcher.socket);
    expect(log.events.filter((e) => e.event === 'presence:changed')).toEqual([]);
    expect((await call(watcher.socket, 'contact:list', {}))[0]?.presence.state).toBe('online');

    const offline = once(
      watcher.socket,
      'presence:changed',
      (p) => p.memberId === seller.memberId && p.state === 'offline',
    );
    closeAll(phoneOn2);
    expect((await offline).lastSeen).not.toBeNull();

    const online = once(
      watcher.socket,
      'presence:changed',
      (p) => p.memberId === seller.memberId && p.state === 'online',
    );
    const back = await connect(node1.url, seller.session.token);
    await online;
    closeAll(back, watcher.socket);
  });

  it('revokes a session on every node', async () => {
    const user = await signUp(node1.url, 'user');
    const onOther = await secondDevice(node2.url, user);
    const revoked = once(onOther, 'session:revoked');
    await call(user.socket, 'auth:signOut', {});
    expect(await revoked).toEqual({ reason: 'signed_out' });
    closeAll(user.socket, onOther);
  });

  it('removes the devices of a crashed node like disconnects: last seen stored, contacts told', async () => {
    // A third node in its own process, so that it can really crash (SIGKILL: no clean-up at all).
    const node3 = await startCli(
      ['--port', '0'],
      {
        TRADEWIND_DATA_DIR: db.dataDir,
        DATABASE_URL: db.databaseUrl,
        REDIS_URL: REDIS_TEST_URL,
        REDIS_PREFIX: testRedisPrefix(),
        PORT: '0',
        LOG_LEVEL: 'error',
      },
      120_000,
    );
    const redis = createClient({ url: REDIS_TEST_URL });
    try {
      await redis.connect();
      const seller = await signUp(node3.url, 'seller', { role: 'seller' });
      const watcher = await signUp(node2.url, 'watcher');
      expect((await call(watcher.socket, 'contact:add', { memberId: seller.memberId })).presence.state).toBe(
        'online',
      );

      const watcherLog = record(watcher.socket);
      await node3.stop('SIGKILL');
      closeAll(seller.socket);
      // Still online: nobody has removed the device; its node's heartbeat has not expired yet.
      await barrier(watcher.socket);
      expect(watcherLog.events.filter((e) => e.event === 'presence:changed')).toEqual([]);
      expect((await call(watcher.socket, 'contact:list', {}))[0]?.presence.state).toBe('online');

      // Expire the dead node's heartbeat now rather than waiting out its TTL, then sweep.
      const [field] = await redis.hKeys(`${testRedisPrefix()}presence:${seller.memberId}`);
      const deadNode = field?.split('|')[0];
      expect(deadNode).toBeTruthy();
      await redis.del(`${testRedisPrefix()}node:${deadNode}`);
      clock = new Date('2026-04-01T09:15:00.000Z');
      const offline = once(watcher.socket, 'presence:changed', (p) => p.memberId === seller.memberId);
      await node2.server.ctx.presence.sweep();
      const gone = { memberId: seller.memberId, state: 'offline', lastSeen: '2026-04-01T09:15:00.000Z' };
      expect(await offline).toEqual(gone);
      expect((await call(watcher.socket, 'contact:list', {}))[0]?.presence).toEqual(gone);
      expect(await redis.hLen(`${testRedisPrefix()}presence:${seller.memberId}`)).toBe(0);
      expect(await redis.sCard(`${testRedisPrefix()}node-devices:${deadNode}`)).toBe(0);

      // A second sweep (on any node) finds nothing and tells nobody again.
      await node1.server.ctx.presence.sweep();
      await barrier(watcher.socket);
      expect(watcherLog.events.filter((e) => e.event === 'presence:changed')).toHaveLength(1);
      closeAll(watcher.socket);
    } finally {
      await node3.stop('SIGKILL');
      redis.destroy();
    }
  }, 180_000);
});

describe('Redis after this file', () => {
  it('holds no key under the test prefix once the nodes have stopped (a crashed one swept)', async () => {
    const left = await redisLeftovers(testRedisPrefix(), true);
    expect(left.lasting).toEqual([]);
    expect(await redisLeftovers(testRedisPrefix())).toEqual({ lasting: [], expiring: [] });
  });
});
