import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/protocol';
import { changedContacts, contactRow, newMessage, writeMessage } from './repo';
import type { TradewindDb } from './schema';

const card = (memberId: string, extra: Partial<Contact> = {}): Contact =>
  ({
    user: { memberId, displayName: memberId.toUpperCase(), role: 'buyer', profile: { company: 'Co' } },
    presence: { state: 'offline' },
    blocked: false,
    groupId: null,
    pinned: false,
    note: '',
    addedAt: '2026-01-01T00:00:00Z',
    ...extra,
  }) as unknown as Contact;

describe('replaceContacts writes only what changed (issue 10: a seller reconnects with 10,000)', () => {
  it('leaves rows stored as they are, writes new and different ones', () => {
    // Stored rows come back from IndexedDB as copies: equal data, not the same objects.
    const stored = [card('ann'), card('bob'), card('cy')].map((c) => structuredClone(contactRow(c)));
    const answer = [
      card('ann'),
      card('bob', { presence: { state: 'online' } } as Partial<Contact>),
      card('cy', { note: 'pays late' }),
      card('dan'),
    ].map(contactRow);
    expect(changedContacts(stored, answer).map((r) => r.memberId)).toEqual(['bob', 'cy', 'dan']);
    expect(
      changedContacts(
        stored,
        stored.map((r) => structuredClone(r)),
      ),
    ).toEqual([]);
  });
});

/** Tables as Maps, keyed as the schema keys them; `add` refuses a stored key as IndexedDB does. */
function memoryDb() {
  const table = <T>(key: (row: T) => string) => {
    const rows = new Map<string, T>();
    return {
      rows,
      get: (k: string) => Promise.resolve(rows.get(k)),
      add(row: T) {
        if (rows.has(key(row)))
          return Promise.reject(new DOMException('Key already exists', 'ConstraintError'));
        rows.set(key(row), row);
        return Promise.resolve(key(row));
      },
      put: (row: T) => Promise.resolve(void rows.set(key(row), row)),
      delete: (k: string) => Promise.resolve(void rows.delete(k)),
    };
  };
  return {
    messages: table((r: { clientId: string }) => r.clientId),
    outbox: table((r: { clientId: string }) => r.clientId),
    conversations: table((r: { id: string }) => r.id),
    drafts: table((r: { conversationId: string }) => r.conversationId),
    transaction: (_mode: string, _tables: unknown, fn: () => Promise<unknown>) => fn(),
  };
}

describe('writeMessage (issue 10: a send goes exactly once)', () => {
  it('writes a message once; the same client id again counts as written and changes nothing', async () => {
    const mem = memoryDb();
    const db = mem as unknown as TradewindDb;
    const row = newMessage('ann', 'bob', 'MOQ 300?');
    expect(await writeMessage(db, 'bob', row)).toBe(true);
    expect([...mem.outbox.rows.keys()]).toEqual([row.clientId]);
    // A draft typed since: a second write of the stored send (the journal's replay, another tab's
    // Enter) neither fails nor queues a second send nor takes the new draft.
    await mem.drafts.put({ conversationId: row.conversationId });
    await mem.outbox.delete(row.clientId);
    expect(await writeMessage(db, 'bob', { ...row })).toBe(false);
    expect(mem.outbox.rows.size).toBe(0);
    expect(mem.drafts.rows.size).toBe(1);
  });
});
