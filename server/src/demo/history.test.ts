import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHash, genesisHash, verifyHashSignature } from '../../../shared/evidence/chain';
import { conversationIdFor } from '../../../shared/protocol';
import { AppError } from '../../../shared/result';
import { openStore, type Store } from '../platform/db';
import { loadOrCreateSigningKey, type SigningKey } from '../platform/signing/signingKey';
import { toMessage, type MessageRow } from '../features/messages';
import { seedHistory } from './history';

describe('seedHistory', () => {
  let dir: string;
  let store: Store;
  let key: SigningKey;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tw-history-'));
    store = await openStore({ dataDir: dir });
    key = loadOrCreateSigningKey(join(dir, 'server-key.json'));
    // A hang guard: a new PGlite cluster (initdb in WebAssembly) took over 60 s beside the other
    // suites on a slow 2-core machine.
  }, 180_000);
  afterAll(async () => {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses an id that is not a member id, and creates no one', async () => {
    const now = new Date('2026-12-01T12:00:00Z');
    for (const bad of ['Upper-Case', 'q"uote', 'x'.repeat(33)]) {
      const opts = { a: 'ok-buyer', b: bad, messages: 1, unread: 0, password: 'correct horse battery', now };
      const err: unknown = await seedHistory(store, key, opts).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('bad_request');
      expect((err as AppError).message).toContain(`"${bad}" is not a member id`);
    }
    expect(await store.query(`select 1 from users where member_id = 'ok-buyer'`)).toEqual([]);
  });

  it('appends a gapless chain, signed with the server key, across batches and runs', async () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const opts = { a: 'h-buyer', b: 'h-seller', unread: 5, password: 'correct horse battery', now };
    await seedHistory(store, key, { ...opts, messages: 1500 });
    await seedHistory(store, key, { ...opts, messages: 700 }); // a second run continues the chain
    const id = conversationIdFor('h-buyer', 'h-seller');
    const rows = await store.query<MessageRow>(
      'select * from messages where conversation_id = $1 order by seq',
      [id],
    );
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 2200 }, (_, i) => i + 1));
    let prev = genesisHash(id);
    for (const r of rows) {
      const m = toMessage(r);
      expect(m.prevHash).toBe(prev);
      expect(m.hash).toBe(chainHash(prev, m));
      expect(verifyHashSignature(m.hash, m.signature, key.publicKey)).toBe(true);
      prev = m.hash;
    }
    const [conv] = await store.query<{ last_seq: number; head_hash: string }>(
      'select last_seq, head_hash from conversations where id = $1',
      [id],
    );
    expect(conv).toEqual({ last_seq: 2200, head_hash: prev });
    const [receipts] = await store.query<{
      a_delivered: number;
      a_read: number;
      b_delivered: number;
      b_read: number;
    }>('select a_delivered, a_read, b_delivered, b_read from conversations where id = $1', [id]);
    // h-buyer < h-seller: the buyer is member_a.
    expect(receipts).toEqual({ a_delivered: 2200, a_read: 2195, b_delivered: 2200, b_read: 2195 });
  }, 240_000);
});
