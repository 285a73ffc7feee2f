/**
 * What the contact directory reads, against a stand-in for the contacts table that counts the
 * rows it hands out (no IndexedDB in unit tests; test/e2e/scale.spec.ts counts them in Chromium).
 */
import { describe, expect, it } from 'vitest';
import type { ContactRow } from '../../db/rows/contacts';
import type { TradewindDb } from '../../db/schema';
import { directoryKeys, searchableContacts, windowRows } from './directoryStore';

const contact = (memberId: string, displayName: string): ContactRow =>
  ({
    memberId,
    displayName,
    user: { memberId, displayName, profile: { company: 'Co', country: 'PL' } },
    presence: { state: 'offline' },
    blocked: false,
    groupId: null,
    pinned: false,
    note: '',
    addedAt: '2026-01-01T00:00:00Z',
  }) as unknown as ContactRow;

/** The contacts table: `rowsRead` counts the rows (values) read; keys are free. */
function fakeDb(rows: ContactRow[]) {
  const counts = { rowsRead: 0 };
  // The displayName index in IndexedDB's order: binary, ties by primary key.
  const byIndex = [...rows].sort(
    (a, b) =>
      (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0) ||
      (a.memberId < b.memberId ? -1 : 1),
  );
  const contacts = {
    orderBy: (index: string) => ({
      eachKey: (cb: (key: string, cursor: { primaryKey: string }) => void) => {
        expect(index).toBe('displayName');
        for (const r of byIndex) cb(r.displayName, { primaryKey: r.memberId });
        return Promise.resolve();
      },
    }),
    bulkGet: (keys: string[]) => {
      const found = keys.map((k) => rows.find((r) => r.memberId === k));
      counts.rowsRead += found.filter(Boolean).length;
      return Promise.resolve(found);
    },
    toArray: () => {
      counts.rowsRead += rows.length;
      return Promise.resolve(rows);
    },
  };
  return { db: { contacts } as unknown as TradewindDb, counts };
}

describe('contact directory reads (issue 10: a seller with 10,000 contacts)', () => {
  const many = Array.from({ length: 10_000 }, (_, i) =>
    contact(`b${String(i).padStart(5, '0')}`, `Buyer ${i}`),
  );

  it('orders and counts everyone from the index keys, reading no row', async () => {
    const { db, counts } = fakeDb(many);
    const keys = await directoryKeys(db, 'en');
    expect(keys).toHaveLength(10_000);
    expect(counts.rowsRead).toBe(0);
    // Numeric collation: "Buyer 2" before "Buyer 10" (the index says otherwise).
    expect(keys.slice(0, 3).map((k) => k.displayName)).toEqual(['Buyer 0', 'Buyer 1', 'Buyer 2']);
  });

  it('reads the rows of the window only', async () => {
    const { db, counts } = fakeDb(many);
    const keys = await directoryKeys(db, 'en');
    const window = keys.slice(4_990, 5_030).map((k) => k.memberId);
    const rows = await windowRows(db, [...window, 'gone']);
    expect(counts.rowsRead).toBe(40);
    expect([...rows.keys()]).toEqual(window);
  });

  it('orders in the reader’s collation, not the index’s', async () => {
    const { db } = fakeDb([
      contact('e', 'émile'),
      contact('z', 'Zoë'),
      contact('a', 'anna'),
      contact('b', 'Bob'),
    ]);
    expect((await directoryKeys(db, 'en')).map((k) => k.memberId)).toEqual(['a', 'b', 'e', 'z']);
  });

  it('a search reads what it matches on', async () => {
    const { db, counts } = fakeDb([contact('li', 'Li Wei')]);
    expect(await searchableContacts(db)).toEqual([
      { memberId: 'li', displayName: 'Li Wei', company: 'Co', country: 'PL' },
    ]);
    expect(counts.rowsRead).toBe(1);
  });
});
