/**
 * Contact groups and contact requests against a real server on port 0, on PGlite and PostgreSQL:
 * two devices of the same user stay in step in real time, deleting a group never loses a
 * contact, offline edits merge per field, and "ask me first" works with a silent decline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, NOTE_MERGE_SEPARATOR, type Contact } from '../../shared/protocol';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import {
  barrier,
  clientId,
  call,
  closeAll,
  connect,
  once,
  record,
  request,
  secondDevice,
  signUp,
  type SignedIn,
} from '../helpers/client';

const byId = (contacts: Contact[], id: string): Contact | undefined =>
  contacts.find((c) => c.user.memberId === id);

describe.each(BACKENDS)('contact groups and requests on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A buyer with two suppliers in the contact list. */
  async function buyerWithSuppliers(): Promise<{ buyer: SignedIn; s1: SignedIn; s2: SignedIn }> {
    const buyer = await signUp(t.url, 'buyer');
    const s1 = await signUp(t.url, 'supa', { role: 'seller' });
    const s2 = await signUp(t.url, 'supb', { role: 'seller' });
    await call(buyer.socket, 'contact:add', { memberId: s1.memberId });
    await call(buyer.socket, 'contact:add', { memberId: s2.memberId });
    return { buyer, s1, s2 };
  }

  it('group changes made on device A reach device B of the same user, and no one else', async () => {
    const a = await signUp(t.url, 'multi');
    const b = await secondDevice(t.url, a);
    const stranger = await signUp(t.url, 'stranger');
    const strangerLog = record(stranger.socket);
    const aLog = record(a.socket);

    const created = once(b, 'group:changed', (e) => e.group.name === 'Suppliers');
    const g1 = await call(a.socket, 'group:create', { name: 'Suppliers' });
    expect(g1).toMatchObject({
      version: 1,
      concurrent: false,
      group: { name: 'Suppliers', position: 0, deleted: false },
    });
    expect(await created).toEqual({ version: 1, group: g1.group });

    const g2 = await call(a.socket, 'group:create', { name: 'Logistics' });
    expect(g2.group.position).toBe(1);

    const renamed = once(
      b,
      'group:changed',
      (e) => e.group.id === g1.group.id && e.group.name === 'Factories',
    );
    await call(a.socket, 'group:rename', { id: g1.group.id, name: '  Factories ' });
    expect((await renamed).version).toBe(3);

    // Reorder: Logistics first. B hears about both moved groups.
    const moved = [
      once(b, 'group:changed', (e) => e.group.id === g2.group.id && e.group.position === 0),
      once(b, 'group:changed', (e) => e.group.id === g1.group.id && e.group.position === 1),
    ];
    const reordered = await call(a.socket, 'group:reorder', { order: [g2.group.id, g1.group.id] });
    expect(reordered.groups.map((g) => g.name)).toEqual(['Logistics', 'Factories']);
    await Promise.all(moved);

    const collapsed = once(b, 'group:changed', (e) => e.group.collapsed);
    await call(a.socket, 'group:collapse', { id: g2.group.id, collapsed: true });
    await collapsed;

    // B lists the same state.
    const list = await call(b, 'group:list', {});
    expect(list.version).toBe(5);
    expect(list.groups.map((g) => [g.name, g.position, g.collapsed])).toEqual([
      ['Logistics', 0, true],
      ['Factories', 1, false],
    ]);

    // The device that made a change gets the ack, not an echo; strangers get nothing.
    await barrier(a.socket);
    await barrier(stranger.socket);
    expect(aLog.events.filter((e) => e.event === 'group:changed')).toEqual([]);
    expect(strangerLog.events.filter((e) => e.event.startsWith('group:'))).toEqual([]);
    closeAll(a.socket, b, stranger.socket);
  });

  it('group:create with a client id is idempotent; a no-op edit bumps nothing', async () => {
    const a = await signUp(t.url, 'idem');
    const id = clientId();
    const first = await call(a.socket, 'group:create', { id, name: 'Favourite factories' });
    const again = await call(a.socket, 'group:create', { id, name: 'Favourite factories' });
    expect(again).toEqual(first);
    const same = await call(a.socket, 'group:rename', { id, name: 'Favourite factories' });
    expect(same.version).toBe(first.version);
    expect(await request(a.socket, 'group:rename', { id: 'nope', name: 'x' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await request(a.socket, 'group:create', { name: '   ' })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    closeAll(a.socket);
  });

  it('moves, pins and notes reach device B and show in contact:list', async () => {
    const { buyer, s1, s2 } = await buyerWithSuppliers();
    const b = await secondDevice(t.url, buyer);
    const g = await call(buyer.socket, 'group:create', { name: 'Suppliers' });

    const heard = [
      once(
        b,
        'contact:changed',
        (c) =>
          c.kind === 'upsert' && c.contact.user.memberId === s1.memberId && c.contact.groupId === g.group.id,
      ),
      once(
        b,
        'contact:changed',
        (c) =>
          c.kind === 'upsert' && c.contact.user.memberId === s2.memberId && c.contact.groupId === g.group.id,
      ),
    ];
    const movedResult = await call(buyer.socket, 'contact:move', {
      memberIds: [s1.memberId, s2.memberId],
      groupId: g.group.id,
    });
    expect(movedResult.contacts.map((c) => c.groupId)).toEqual([g.group.id, g.group.id]);
    await Promise.all(heard);

    const pinned = once(b, 'contact:changed', (c) => c.kind === 'upsert' && c.contact.pinned);
    await call(buyer.socket, 'contact:pin', { memberId: s1.memberId, pinned: true });
    await pinned;

    const noted = once(
      b,
      'contact:changed',
      (c) => c.kind === 'upsert' && c.contact.note === 'MOQ 300, 30% deposit',
    );
    await call(buyer.socket, 'contact:note', { memberId: s2.memberId, note: 'MOQ 300, 30% deposit' });
    await noted;

    const list = await call(b, 'contact:list', {});
    expect(byId(list, s1.memberId)).toMatchObject({ groupId: g.group.id, pinned: true, note: '' });
    expect(byId(list, s2.memberId)).toMatchObject({
      groupId: g.group.id,
      pinned: false,
      note: 'MOQ 300, 30% deposit',
    });

    // Not a contact: not found; a group that does not exist: not found.
    expect(
      await request(buyer.socket, 'contact:pin', { memberId: 'nobody-here', pinned: true }),
    ).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(
      await request(buyer.socket, 'contact:move', { memberIds: [s1.memberId], groupId: 'missing' }),
    ).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    // The seller's own list is untouched by the buyer's placement.
    expect(await call(s1.socket, 'group:list', {})).toEqual({ version: 0, groups: [], contacts: [] });
    closeAll(buyer.socket, b, s1.socket, s2.socket);
  });

  it('deleting a group moves its contacts to Unsorted on every device, never losing one', async () => {
    const { buyer, s1, s2 } = await buyerWithSuppliers();
    const b = await secondDevice(t.url, buyer);
    const g = await call(buyer.socket, 'group:create', { name: 'Old suppliers' });
    const keep = await call(buyer.socket, 'group:create', { name: 'Keep' });
    await call(buyer.socket, 'contact:move', { memberIds: [s1.memberId, s2.memberId], groupId: g.group.id });
    const before = await call(buyer.socket, 'group:list', {});

    const heard = [
      once(
        b,
        'contact:changed',
        (c) => c.kind === 'upsert' && c.contact.user.memberId === s1.memberId && c.contact.groupId === null,
      ),
      once(
        b,
        'contact:changed',
        (c) => c.kind === 'upsert' && c.contact.user.memberId === s2.memberId && c.contact.groupId === null,
      ),
      once(b, 'group:changed', (e) => e.group.id === g.group.id && e.group.deleted),
    ];
    const deleted = await call(buyer.socket, 'group:delete', { id: g.group.id });
    expect(deleted.group.deleted).toBe(true);
    expect(deleted.moved.map((c) => [c.user.memberId, c.groupId]).sort()).toEqual(
      [
        [s1.memberId, null],
        [s2.memberId, null],
      ].sort(),
    );
    await Promise.all(heard);

    const contacts = await call(b, 'contact:list', {});
    expect(contacts.map((c) => c.user.memberId).sort()).toEqual([s1.memberId, s2.memberId].sort());
    expect(contacts.every((c) => c.groupId === null)).toBe(true);

    // Full list: only live groups. Delta since before: the tombstone and both placements.
    expect((await call(b, 'group:list', {})).groups.map((x) => x.id)).toEqual([keep.group.id]);
    const delta = await call(b, 'group:list', { sinceVersion: before.version });
    expect(delta.groups).toEqual([deleted.group]);
    expect(delta.contacts.map((c) => [c.memberId, c.groupId]).sort()).toEqual(
      [
        [s1.memberId, null],
        [s2.memberId, null],
      ].sort(),
    );
    // Deleting again is a harmless no-op.
    expect(await call(buyer.socket, 'group:delete', { id: g.group.id })).toMatchObject({
      version: deleted.version,
      moved: [],
    });
    closeAll(buyer.socket, b, s1.socket, s2.socket);
  });

  it('edits made offline on device B merge per field with what device A did meanwhile', async () => {
    const { buyer, s1, s2 } = await buyerWithSuppliers();
    const suppliers = await call(buyer.socket, 'group:create', { name: 'Suppliers' });
    const doomed = await call(buyer.socket, 'group:create', { name: 'Samples' });
    await call(buyer.socket, 'contact:move', { memberIds: [s1.memberId], groupId: suppliers.group.id });

    // Device B syncs, then goes offline.
    let b = await secondDevice(t.url, buyer);
    const base = (await call(b, 'group:list', {})).version;
    closeAll(b);

    // Meanwhile on device A: rename, pin s1, delete "Samples".
    await call(buyer.socket, 'group:rename', { id: suppliers.group.id, name: 'Factories' });
    await call(buyer.socket, 'contact:pin', { memberId: s1.memberId, pinned: true });
    await call(buyer.socket, 'group:delete', { id: doomed.group.id });

    // Device B comes back and replays its offline queue, each edit with its base version.
    b = await connect(t.url, buyer.session.token);
    const aHears = once(
      buyer.socket,
      'contact:changed',
      (c) => c.kind === 'upsert' && c.contact.note === 'agreed 2% discount',
    );
    const note = await call(b, 'contact:note', {
      memberId: s1.memberId,
      note: 'agreed 2% discount',
      baseVersion: base,
    });
    // s1's placement changed after B's base (the pin): reported, and the note still applies.
    expect(note.concurrent).toBe(true);
    expect(note.contacts[0]).toMatchObject({
      pinned: true,
      note: 'agreed 2% discount',
      groupId: suppliers.group.id,
    });
    await aHears;

    const collapse = await call(b, 'group:collapse', {
      id: suppliers.group.id,
      collapsed: true,
      baseVersion: base,
    });
    expect(collapse.concurrent).toBe(true);
    expect(collapse.group).toMatchObject({ name: 'Factories', collapsed: true });

    // B renamed "Samples" and moved s2 into it while offline; A deleted it. The deletion stands,
    // the rename answers with the tombstone, and s2 lands in Unsorted instead of being lost.
    const rename = await call(b, 'group:rename', {
      id: doomed.group.id,
      name: 'Sample orders',
      baseVersion: base,
    });
    expect(rename.group).toMatchObject({ deleted: true, name: 'Samples' });
    const move = await call(b, 'contact:move', {
      memberIds: [s2.memberId],
      groupId: doomed.group.id,
      baseVersion: base,
    });
    expect(move.contacts).toHaveLength(1);
    expect(move.contacts[0]).toMatchObject({ groupId: null });

    // Both sides' changes survive.
    const list = await call(buyer.socket, 'contact:list', {});
    expect(byId(list, s1.memberId)).toMatchObject({
      groupId: suppliers.group.id,
      pinned: true,
      note: 'agreed 2% discount',
    });
    expect(byId(list, s2.memberId)).toMatchObject({ groupId: null });
    const groups = await call(buyer.socket, 'group:list', {});
    expect(groups.groups).toEqual([expect.objectContaining({ name: 'Factories', collapsed: true })]);

    // A reorder made offline that does not know a group created meanwhile keeps that group.
    const late = await call(buyer.socket, 'group:create', { name: 'New on A' });
    const reorder = await call(b, 'group:reorder', { order: [suppliers.group.id], baseVersion: base });
    expect(reorder.groups.map((g) => g.id)).toEqual([suppliers.group.id, late.group.id]);
    closeAll(buyer.socket, b, s1.socket, s2.socket);
  });

  it('the same note edited on two devices offline keeps both texts; a contained edit keeps the longer', async () => {
    const { buyer, s1, s2 } = await buyerWithSuppliers();
    await call(buyer.socket, 'contact:note', { memberId: s1.memberId, note: 'MOQ 300' });
    // Device B syncs the note, then goes offline.
    let b = await secondDevice(t.url, buyer);
    const synced = await call(b, 'group:list', {});
    const base = synced.version;
    const baseNote = synced.contacts.find((c) => c.memberId === s1.memberId)?.note;
    expect(baseNote).toBe('MOQ 300');
    closeAll(b);

    // A rewrites the note; B, offline, rewrote it differently from the same base.
    await call(buyer.socket, 'contact:note', {
      memberId: s1.memberId,
      note: 'MOQ 500 after the call',
      baseNote,
    });
    b = await connect(t.url, buyer.session.token);
    const merged = `MOQ 500 after the call\n${NOTE_MERGE_SEPARATOR}\nMOQ 300, deposit 30%`;
    const aHears = once(
      buyer.socket,
      'contact:changed',
      (c) => c.kind === 'upsert' && c.contact.note === merged,
    );
    const fromB = await call(b, 'contact:note', {
      memberId: s1.memberId,
      note: 'MOQ 300, deposit 30%',
      baseVersion: base,
      baseNote,
    });
    expect(fromB.concurrent).toBe(true);
    expect(fromB.contacts[0]?.note).toBe(merged);
    await aHears;
    // A retry of the same edit (lost ack) changes nothing and does not merge twice.
    const retry = await call(b, 'contact:note', {
      memberId: s1.memberId,
      note: 'MOQ 300, deposit 30%',
      baseVersion: base,
      baseNote,
    });
    expect(retry.contacts[0]?.note).toBe(merged);
    expect(retry.version).toBe(fromB.version);

    // One side only added to the other's text: the longer text, no separator.
    await call(buyer.socket, 'contact:note', { memberId: s2.memberId, note: 'Pays by L/C' });
    const base2 = (await call(b, 'group:list', {})).version;
    await call(buyer.socket, 'contact:note', {
      memberId: s2.memberId,
      note: 'Pays by L/C at sight',
      baseNote: 'Pays by L/C',
    });
    const grown = await call(b, 'contact:note', {
      memberId: s2.memberId,
      note: 'Pays by L/C',
      baseVersion: base2,
      baseNote: '',
    });
    expect(grown.contacts[0]?.note).toBe('Pays by L/C at sight');

    // Not concurrent (the stored note is still the base): the edit simply applies, deletions too.
    const shortened = await call(b, 'contact:note', {
      memberId: s1.memberId,
      note: 'MOQ 500',
      baseNote: merged,
    });
    expect(shortened).toMatchObject({
      concurrent: false,
      contacts: [expect.objectContaining({ note: 'MOQ 500' })],
    });

    // Both versions together over the limit: refused, the stored note is left as it was.
    const long = 'x'.repeat(LIMITS.note - 3);
    await call(buyer.socket, 'contact:note', { memberId: s2.memberId, note: long });
    const tooLong = await request(b, 'contact:note', {
      memberId: s2.memberId,
      note: 'y'.repeat(10),
      baseNote: 'z',
    });
    expect(tooLong).toMatchObject({ ok: false, code: 'too_large' });
    const list = await call(buyer.socket, 'contact:list', {});
    expect(byId(list, s2.memberId)?.note).toBe(long);
    closeAll(buyer.socket, b, s1.socket, s2.socket);
  });

  it('"ask me first": contact:add makes a request the other side accepts; both then see each other', async () => {
    const supplier = await signUp(t.url, 'asker', { role: 'seller' });
    await call(supplier.socket, 'profile:update', { contactPolicy: 'ask' });
    const supplierB = await secondDevice(t.url, supplier);
    const buyer = await signUp(t.url, 'reqbuyer');

    const received = once(supplier.socket, 'contactRequest:received');
    const receivedB = once(supplierB, 'contactRequest:received');
    const card = await call(buyer.socket, 'contact:add', { memberId: supplier.memberId });
    // The requester gets the public card, presence hidden until accepted.
    expect(card).toMatchObject({
      user: { memberId: supplier.memberId },
      presence: { state: 'offline', lastSeen: null },
    });
    expect(await received).toMatchObject({
      direction: 'incoming',
      state: 'pending',
      user: { memberId: buyer.memberId },
    });
    await receivedB;

    const incoming = await call(supplier.socket, 'contactRequest:list', {});
    expect(incoming.map((r) => [r.direction, r.state, r.user.memberId])).toEqual([
      ['incoming', 'pending', buyer.memberId],
    ]);
    expect(await call(buyer.socket, 'contactRequest:list', {})).toEqual([
      expect.objectContaining({ direction: 'outgoing', state: 'pending' }),
    ]);
    // Not a contact yet on either side.
    expect(await call(buyer.socket, 'contact:list', {})).toEqual([]);
    expect(await call(supplier.socket, 'contact:list', {})).toEqual([]);

    const buyerGetsContact = once(
      buyer.socket,
      'contact:changed',
      (c) => c.kind === 'upsert' && c.contact.user.memberId === supplier.memberId,
    );
    const buyerGetsAnswer = once(buyer.socket, 'contactRequest:changed', (r) => r.state === 'accepted');
    const otherDeviceHears = once(
      supplierB,
      'contact:changed',
      (c) => c.kind === 'upsert' && c.contact.user.memberId === buyer.memberId,
    );
    const accepted = await call(supplier.socket, 'contactRequest:accept', { memberId: buyer.memberId });
    expect(accepted.user.memberId).toBe(buyer.memberId);
    const contact = await buyerGetsContact;
    if (contact.kind !== 'upsert') throw new Error('expected an upsert');
    // Now a contact: the buyer sees the supplier's real presence.
    expect(contact.contact.presence.state).toBe('online');
    await buyerGetsAnswer;
    await otherDeviceHears;
    expect((await call(buyer.socket, 'contact:list', {})).map((c) => c.user.memberId)).toEqual([
      supplier.memberId,
    ]);
    expect((await call(supplier.socket, 'contact:list', {})).map((c) => c.user.memberId)).toEqual([
      buyer.memberId,
    ]);
    expect(await call(supplier.socket, 'contactRequest:list', {})).toEqual([]);
    closeAll(supplier.socket, supplierB, buyer.socket);
  });

  it('"ask me first": a decline is silent and a repeated add does not ask again', async () => {
    const supplier = await signUp(t.url, 'decliner', { role: 'seller' });
    await call(supplier.socket, 'profile:update', { contactPolicy: 'ask' });
    const buyer = await signUp(t.url, 'pest');
    const buyerLog = record(buyer.socket);

    const received = once(supplier.socket, 'contactRequest:received');
    await call(buyer.socket, 'contact:add', { memberId: supplier.memberId });
    await received;
    await call(supplier.socket, 'contactRequest:decline', { memberId: buyer.memberId });
    expect(await call(supplier.socket, 'contactRequest:list', {})).toEqual([]);

    // The requester hears nothing and still sees the request as pending.
    await barrier(buyer.socket);
    expect(buyerLog.events.filter((e) => e.event.startsWith('contact'))).toEqual([]);
    expect(await call(buyer.socket, 'contactRequest:list', {})).toEqual([
      expect.objectContaining({ direction: 'outgoing', state: 'pending' }),
    ]);

    // Asking again does not reach the supplier.
    const supplierLog = record(supplier.socket);
    await call(buyer.socket, 'contact:add', { memberId: supplier.memberId });
    await barrier(supplier.socket);
    expect(supplierLog.events.filter((e) => e.event === 'contactRequest:received')).toEqual([]);
    expect(
      await request(supplier.socket, 'contactRequest:decline', { memberId: buyer.memberId }),
    ).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    // Neither is in the other's list.
    expect(await call(buyer.socket, 'contact:list', {})).toEqual([]);

    // Policy "anyone" adds at once, without a request.
    const open = await signUp(t.url, 'open', { role: 'seller' });
    const added = await call(buyer.socket, 'contact:add', { memberId: open.memberId });
    expect(added.user.memberId).toBe(open.memberId);
    expect(await call(open.socket, 'contactRequest:list', {})).toEqual([]);
    closeAll(supplier.socket, buyer.socket, open.socket);
  });

  it('"ask me first": adding someone who already asked you accepts their request', async () => {
    const a = await signUp(t.url, 'mutuala');
    const b = await signUp(t.url, 'mutualb');
    await call(a.socket, 'profile:update', { contactPolicy: 'ask' });
    await call(b.socket, 'profile:update', { contactPolicy: 'ask' });
    const aHears = once(a.socket, 'contactRequest:received');
    await call(b.socket, 'contact:add', { memberId: a.memberId });
    await aHears;
    const bGetsContact = once(
      b.socket,
      'contact:changed',
      (c) => c.kind === 'upsert' && c.contact.user.memberId === a.memberId,
    );
    const contact = await call(a.socket, 'contact:add', { memberId: b.memberId });
    expect(contact.user.memberId).toBe(b.memberId);
    await bGetsContact;
    expect((await call(a.socket, 'contact:list', {})).map((c) => c.user.memberId)).toEqual([b.memberId]);
    closeAll(a.socket, b.socket);
  });
});
