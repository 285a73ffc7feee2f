/**
 * Quick replies (issue 11) against a real server on port 0, on PGlite and PostgreSQL: a reply
 * saved on one device reaches the user's other devices at once and nobody else; a device that
 * was offline catches up with `sinceVersion` (deletions included); bad input is refused naming
 * the field; the limits hold; and a user can never read or change another user's replies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICK_REPLY_LIMITS, type QuickReplyResult } from '../../shared/protocol';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import {
  barrier,
  call,
  clientId,
  closeAll,
  once,
  record,
  request,
  secondDevice,
  signUp,
} from '../helpers/client';

describe.each(BACKENDS)('quick replies on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * Writes `n` replies (or tombstones) for `owner` straight into the store, after the versions the
   * user already has, as the service would have left them.
   */
  async function seed(owner: string, n: number, deleted: boolean): Promise<void> {
    await t.store.transaction(async (tx) => {
      const rows = await tx.query<{ version: number }>(
        `insert into quick_reply_sync (owner_id, version) values ($1, $2)
         on conflict (owner_id) do update set version = quick_reply_sync.version + $2
         returning version`,
        [owner, n],
      );
      const top = Number(rows[0]?.version);
      await tx.query(
        `insert into quick_replies (owner_id, id, name, body, deleted, version, created_at, updated_at)
         select $1, 'seed-' || i, case when $3 then '' else 'Seeded ' || i end,
                case when $3 then '' else 'Text ' || i end, $3, $2 - $4 + i, now(), now()
         from generate_series(1, $4::int) as i`,
        [owner, top, deleted, n],
      );
    });
  }

  it('a reply saved on device A reaches device B of the same user at once, and no one else', async () => {
    const seller = await signUp(t.url, 'qr-seller', { role: 'seller' });
    const b = await secondDevice(t.url, seller);
    const stranger = await signUp(t.url, 'qr-stranger');
    const strangerLog = record(stranger.socket);
    const aLog = record(seller.socket);

    const id = clientId();
    const heard = once(b, 'quickReply:changed', (e) => e.reply.id === id);
    const saved = await call(seller.socket, 'quickReply:put', {
      id,
      name: '  Shipping  ',
      text: 'Dear {name}, we ship order {order} by sea within 15 days.\n— {me}',
    });
    expect(saved).toMatchObject({
      version: 1,
      reply: {
        id,
        name: 'Shipping',
        text: 'Dear {name}, we ship order {order} by sea within 15 days.\n— {me}',
        deleted: false,
        version: 1,
      },
    });
    expect(await heard).toEqual(saved);

    // The same put again (a retry whose ack was lost) changes nothing and tells no one.
    const again = await call(seller.socket, 'quickReply:put', {
      id,
      name: 'Shipping',
      text: 'Dear {name}, we ship order {order} by sea within 15 days.\n— {me}',
    });
    expect(again).toEqual(saved);

    // An edit from B reaches A.
    const edited = once(seller.socket, 'quickReply:changed', (e) => e.reply.text.startsWith('Sea freight'));
    const edit = await call(b, 'quickReply:put', { id, name: 'Shipping', text: 'Sea freight: 15 days.' });
    expect(edit.version).toBe(2);
    expect((await edited).reply).toMatchObject({ id, name: 'Shipping', text: 'Sea freight: 15 days.' });

    const listed = await call(b, 'quickReply:list', {});
    expect(listed).toEqual({ version: 2, replies: [edit.reply], full: true });

    await barrier(seller.socket);
    await barrier(stranger.socket);
    // The device that saved gets the ack, not an echo; strangers get nothing and list nothing.
    expect(aLog.events.filter((e) => e.event === 'quickReply:changed').map((e) => e.payload)).toEqual([edit]);
    expect(strangerLog.events.filter((e) => e.event.startsWith('quickReply:'))).toEqual([]);
    expect(await call(stranger.socket, 'quickReply:list', {})).toEqual({
      version: 0,
      replies: [],
      full: true,
    });
    closeAll(seller.socket, b, stranger.socket);
  });

  it('a device that was offline catches up with sinceVersion, deletions included', async () => {
    const seller = await signUp(t.url, 'qr-offline', { role: 'seller' });
    const moq = clientId();
    const samples = clientId();
    await call(seller.socket, 'quickReply:put', { id: moq, name: 'MOQ', text: 'MOQ is 500 pieces.' });
    const synced = await call(seller.socket, 'quickReply:list', {});
    expect(synced.replies.map((r) => r.name)).toEqual(['MOQ']);

    // While device B is away: a new reply, an edit, a deletion.
    await call(seller.socket, 'quickReply:put', { id: samples, name: 'Samples', text: 'Samples are free.' });
    await call(seller.socket, 'quickReply:put', { id: moq, name: 'MOQ', text: 'MOQ is 300 pieces.' });
    const gone = await call(seller.socket, 'quickReply:delete', { id: samples });
    expect(gone.reply).toMatchObject({ id: samples, deleted: true, name: '', text: '' });

    const b = await secondDevice(t.url, seller);
    const since = await call(b, 'quickReply:list', { sinceVersion: synced.version });
    expect(since.full).toBe(false);
    expect(since.version).toBe(gone.version);
    expect(since.replies.map((r) => [r.id, r.deleted, r.text])).toEqual([
      [moq, false, 'MOQ is 300 pieces.'],
      [samples, true, ''],
    ]);
    // Up to date: nothing more.
    expect(await call(b, 'quickReply:list', { sinceVersion: since.version })).toEqual({
      version: since.version,
      replies: [],
      full: false,
    });

    // Deleting a tombstone is a no-op; saving it again brings the reply back.
    expect(await call(b, 'quickReply:delete', { id: samples })).toEqual(gone);
    const back = await call(b, 'quickReply:put', { id: samples, name: 'Samples', text: 'Samples: $20.' });
    expect(back.reply).toMatchObject({ deleted: false, text: 'Samples: $20.', version: gone.version + 1 });
    expect(await request(b, 'quickReply:delete', { id: 'never-there' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    closeAll(seller.socket, b);
  });

  it('refuses bad input naming the field, and holds the limits', async () => {
    const user = await signUp(t.url, 'qr-limits');
    const put = (name: string, text: string, id = clientId()) =>
      request(user.socket, 'quickReply:put', { id, name, text });

    const cases: [string, string, string, RegExp][] = [
      ['   ', 'x', 'bad_request', /name/],
      ['Terms', '  \n ', 'bad_request', /text/],
      ['Ter\u0000ms', 'x', 'bad_request', /quick reply name.*control character/],
      ['Terms', 'a\u0007b', 'bad_request', /quick reply text.*control character/],
      ['Terms', 'lone \ud800', 'bad_request', /quick reply text.*lone surrogate/],
      ['Two\nlines', 'x', 'bad_request', /quick reply name cannot contain tabs or line breaks/],
      ['n'.repeat(QUICK_REPLY_LIMITS.name + 1), 'x', 'too_large', /name has at most 40/],
      ['Terms', 't'.repeat(QUICK_REPLY_LIMITS.text + 1), 'too_large', /at most 8000/],
    ];
    for (const [name, text, code, message] of cases) {
      const r = await put(name, text);
      expect(r, JSON.stringify([name.slice(0, 20), text.slice(0, 20)])).toMatchObject({ ok: false, code });
      if (!r.ok) expect(r.message).toMatch(message);
    }
    expect(
      await request(user.socket, 'quickReply:put', { id: 'no spaces', name: 'a', text: 'b' }),
    ).toMatchObject({ ok: false, code: 'bad_request' });
    // At the limits exactly: accepted.
    expect(await put('n'.repeat(QUICK_REPLY_LIMITS.name), 't'.repeat(QUICK_REPLY_LIMITS.text))).toMatchObject(
      {
        ok: true,
      },
    );

    // At most 200 live replies; a deletion makes room again. The first 199 are written straight
    // into the store (200 requests one by one would only slow the suite down).
    await seed(user.memberId, QUICK_REPLY_LIMITS.replies - 2, false);
    const ids = (await call(user.socket, 'quickReply:list', {})).replies.map((r) => r.id);
    expect(ids).toHaveLength(QUICK_REPLY_LIMITS.replies - 1);
    expect(await put('The 200th', 'x')).toMatchObject({ ok: true });
    const over = await put('One too many', 'x');
    expect(over).toMatchObject({ ok: false, code: 'too_large' });
    // Editing an existing reply at the limit is fine.
    expect(await put('Reply 1', 'Edited', ids[0])).toMatchObject({ ok: true });
    await call(user.socket, 'quickReply:delete', { id: ids[1]! });
    expect(await put('Now it fits', 'x')).toMatchObject({ ok: true });
    expect((await call(user.socket, 'quickReply:list', {})).replies).toHaveLength(QUICK_REPLY_LIMITS.replies);
    closeAll(user.socket);
  });

  it('purges the oldest tombstones beyond the limit; a device behind them gets the whole list', async () => {
    const user = await signUp(t.url, 'qr-tombs');
    const keep = clientId();
    await call(user.socket, 'quickReply:put', { id: keep, name: 'Keep', text: 'Kept.' });
    const early = await call(user.socket, 'quickReply:list', {});
    // As many tombstones as are kept, written straight into the store; one more deletion purges the oldest.
    await seed(user.memberId, QUICK_REPLY_LIMITS.tombstones, true);
    const temp = clientId();
    await call(user.socket, 'quickReply:put', { id: temp, name: 'Temp', text: 'x' });
    await call(user.socket, 'quickReply:delete', { id: temp });
    const rows = await t.store.query<{ n: number }>(
      'select count(*)::int as n from quick_replies where owner_id = $1 and deleted',
      [user.memberId],
    );
    expect(Number(rows[0]?.n)).toBe(QUICK_REPLY_LIMITS.tombstones);
    // The first tombstone is gone: a device that synced before it cannot learn of it from a
    // delta, so it gets every live reply and replaces its copy.
    const behind = await call(user.socket, 'quickReply:list', { sinceVersion: early.version });
    expect(behind).toMatchObject({ full: true, replies: [{ id: keep, name: 'Keep' }] });
    // A device that synced after the purge still gets a delta.
    const now = await call(user.socket, 'quickReply:list', { sinceVersion: behind.version - 1 });
    expect(now.full).toBe(false);
    expect(now.replies).toHaveLength(1);
    expect(now.replies[0]?.deleted).toBe(true);
    closeAll(user.socket);
  });

  it('only the owner can read or change a reply', async () => {
    const alice = await signUp(t.url, 'qr-alice', { role: 'seller' });
    const mallory = await signUp(t.url, 'qr-mallory');
    const aliceLog = record(alice.socket);
    const id = clientId();
    const mine = await call(alice.socket, 'quickReply:put', {
      id,
      name: 'Payment',
      text: 'T/T 30% deposit.',
    });

    // Mallory cannot delete Alice's reply …
    expect(await request(mallory.socket, 'quickReply:delete', { id })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    // … and a put with the same id makes Mallory's own reply, leaving Alice's untouched.
    const theirs: QuickReplyResult = await call(mallory.socket, 'quickReply:put', {
      id,
      name: 'Payment',
      text: 'Pay me',
    });
    expect(theirs.version).toBe(1);
    expect((await call(mallory.socket, 'quickReply:list', {})).replies.map((r) => r.text)).toEqual([
      'Pay me',
    ]);
    expect((await call(alice.socket, 'quickReply:list', {})).replies).toEqual([mine.reply]);
    await barrier(alice.socket);
    expect(aliceLog.events.filter((e) => e.event === 'quickReply:changed')).toEqual([]);

    // Signed out: refused.
    await call(mallory.socket, 'auth:signOut', {});
    expect(await request(mallory.socket, 'quickReply:list', {})).toMatchObject({
      ok: false,
      code: 'unauthenticated',
    });
    closeAll(alice.socket, mallory.socket);
  });
});
