import { EventEmitter, once as onceEvent } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFeatures } from '../../server/src/features';
import type { FeatureModule } from '../../server/src/handlers/registry';
import { conversationIdFor } from '../../shared/protocol';
import { REDIS_TEST_URL, createTestDatabase, startTestServer, type TestDatabase, type TestServer } from '../helpers/server';
import { barrier, call, clientId, closeAll, connect, once, record, secondDevice, signUp } from '../helpers/client';

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
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    node1 = await startTestServer('postgres', { db, redisUrl: REDIS_TEST_URL, features: [...defaultFeatures(), probe] });
    node2 = await startTestServer('postgres', { db, redisUrl: REDIS_TEST_URL });
  });
  afterAll(async () => {
    await node1?.close();
    await node2?.close();
    await db?.dispose();
  });

  it('delivers messages, receipts and typing across nodes', async () => {
    const buyer = await signUp(node1.url, 'buyer');
    const seller = await signUp(node2.url, 'seller');
    const buyerOn2 = await secondDevice(node2.url, buyer);

    const atSeller = once(seller.socket, 'message:new');
    const atBuyerOn2 = once(buyerOn2, 'message:new');
    const ack = await call(buyer.socket, 'message:send', { to: seller.memberId, clientId: clientId(), text: 'Across nodes' });
    expect((await atSeller).hash).toBe(ack.hash);
    expect((await atBuyerOn2).seq).toBe(ack.seq);

    const receipt = once(buyer.socket, 'receipt:updated');
    await call(seller.socket, 'message:receipt', { conversationId: conversationIdFor(buyer.memberId, seller.memberId), kind: 'read', upToSeq: 1 });
    expect(await receipt).toMatchObject({ memberId: seller.memberId, read: 1 });

    const typing = once(buyer.socket, 'typing:changed');
    await call(seller.socket, 'typing:set', { to: buyer.memberId, typing: true });
    expect((await typing).memberId).toBe(seller.memberId);
    closeAll(buyer.socket, seller.socket, buyerOn2);
  });

  it('keeps a user online while any device on any node is connected', async () => {
    const seller = await signUp(node1.url, 'seller');
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

    const offline = once(watcher.socket, 'presence:changed', (p) => p.memberId === seller.memberId && p.state === 'offline');
    closeAll(phoneOn2);
    expect((await offline).lastSeen).not.toBeNull();

    const online = once(watcher.socket, 'presence:changed', (p) => p.memberId === seller.memberId && p.state === 'online');
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
});
