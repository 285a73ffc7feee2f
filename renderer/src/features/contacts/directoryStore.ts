/**
 * What the contact directory reads (issue 10: a seller's 10,000 contacts). Opening it reads no
 * contact row: the list's order and length come from the `displayName` index's keys (a key
 * cursor, names and member ids only), and only the rows of the window on screen are read, by
 * primary key. Searching needs the company and country of every contact, so a search reads the
 * rows — once when it starts and again only when contacts change while it runs — and keeps what
 * it matches on, not the rows.
 */
import type { TradewindDb } from '../../db/schema';
import type { ContactRow } from '../../db/rows/contacts';
import { directoryOrder, type DirectoryEntry } from './directory';

/** A contact's place in the directory. */
export interface DirectoryKey {
  memberId: string;
  displayName: string;
}

/** Every contact's name and member id, from the index alone, in the reader's collation. */
export async function directoryKeys(db: TradewindDb, locale: string): Promise<DirectoryKey[]> {
  const keys: DirectoryKey[] = [];
  await db.contacts
    .orderBy('displayName')
    .eachKey((name, cursor) => keys.push({ displayName: name as string, memberId: cursor.primaryKey }));
  return keys.sort(directoryOrder(locale));
}

/** What a search matches on, for every contact (the rows are let go). */
export async function searchableContacts(db: TradewindDb): Promise<DirectoryEntry[]> {
  return (await db.contacts.toArray()).map(entryOf);
}

function entryOf(c: ContactRow): DirectoryEntry {
  return {
    memberId: c.memberId,
    displayName: c.displayName,
    company: c.user.profile.company,
    country: c.user.profile.country,
  };
}

/** The rows of the window on screen, by member id (a contact deleted meanwhile is absent). */
export async function windowRows(
  db: TradewindDb,
  memberIds: readonly string[],
): Promise<Map<string, ContactRow>> {
  const rows = await db.contacts.bulkGet([...memberIds]);
  return new Map(rows.flatMap((r) => (r ? [[r.memberId, r] as const] : [])));
}
