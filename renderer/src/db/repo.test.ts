import { describe, expect, it } from 'vitest';
import { sampleDispute, TEST_SECRET_KEY } from '../../../shared/evidence/testkit';
import type { Contact, Message } from '../../../shared/protocol';
import {
  applySendAck,
  changedContacts,
  contactRow,
  newMessage,
  storeServerMessages,
  writeMessage,
} from './repo';
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

type Key = string | number | Key[];
/** IndexedDB's key order for the keys these tests use: numbers before strings, arrays element-wise. */
function cmp(a: Key, b: Key): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = cmp(a[i] as Key, b[i] as Key);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Tables as Maps, keyed as the schema keys them; `add` refuses a stored key as IndexedDB does.
 * `where` knows single and compound (`[a+b]`) indexes, without rows that lack a key part.
 */
function memoryDb() {
  const table = <T extends object>(key: (row: T) => string) => {
    const rows = new Map<string, T>();
    const where = (index: string) => {
      const fields = index.replace(/^\[|\]$/g, '').split('+');
      const keyOf = (r: T): Key | undefined => {
        const parts = fields.map((f) => (r as Record<string, Key | undefined>)[f]);
        if (parts.some((x) => x === undefined)) return undefined;
        return index.startsWith('[') ? (parts as Key[]) : parts[0];
      };
      const matching = (test: (k: Key) => boolean) =>
        [...rows.entries()].flatMap(([pk, r]) => {
          const k = keyOf(r);
          return k !== undefined && test(k) ? [{ pk, k }] : [];
        });
      const collection = (test: (k: Key) => boolean) => ({
        keys: () =>
          Promise.resolve(
            matching(test)
              .sort((x, y) => cmp(x.k, y.k))
              .map((e) => e.k),
          ),
        primaryKeys: () => Promise.resolve(matching(test).map((e) => e.pk)),
        delete: () => Promise.resolve(void matching(test).forEach((e) => rows.delete(e.pk))),
      });
      return {
        equals: (v: Key) => collection((k) => cmp(k, v) === 0),
        anyOf: (...vs: Key[]) => collection((k) => vs.flat().some((v) => cmp(k, v) === 0)),
        between: (lo: Key, hi: Key, withLo = true, withHi = false) =>
          collection(
            (k) => (withLo ? cmp(k, lo) >= 0 : cmp(k, lo) > 0) && (withHi ? cmp(k, hi) <= 0 : cmp(k, hi) < 0),
          ),
      };
    };
    return {
      rows,
      get: (k: string) => Promise.resolve(rows.get(k)),
      bulkGet: (ks: string[]) => Promise.resolve(ks.map((k) => rows.get(k))),
      add(row: T) {
        if (rows.has(key(row)))
          return Promise.reject(new DOMException('Key already exists', 'ConstraintError'));
        rows.set(key(row), row);
        return Promise.resolve(key(row));
      },
      put: (row: T) => Promise.resolve(void rows.set(key(row), row)),
      bulkPut: (rs: T[]) => Promise.resolve(void rs.forEach((r) => rows.set(key(r), r))),
      delete: (k: string) => Promise.resolve(void rows.delete(k)),
      toArray: () => Promise.resolve([...rows.values()]),
      where,
    };
  };
  return {
    messages: table((r: { clientId: string }) => r.clientId),
    outbox: table((r: { clientId: string }) => r.clientId),
    conversations: table((r: { id: string }) => r.id),
    drafts: table((r: { conversationId: string }) => r.conversationId),
    cursors: table((r: { conversationId: string }) => r.conversationId),
    meta: table((r: { key: string }) => r.key),
    draftFiles: table((r: { conversationId: string }) => r.conversationId),
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

describe('batch proofs (issue 9: the server signs a group commit once)', () => {
  // Message 1 signed alone, 2–4 in one group commit, 5–6 in another.
  const c = sampleDispute(TEST_SECRET_KEY, [1, 3, 2]);
  const asServerSends = (): Message[] => c.messages.map(({ keyId: _k, ...m }) => structuredClone(m));

  it('keeps the proof of each message from the server (live or a sync page), none on one signed alone', async () => {
    const mem = memoryDb();
    const db = mem as unknown as TradewindDb;
    const messages = asServerSends();
    await storeServerMessages(db, 'anna.kowalska', messages.slice(0, 3));
    await storeServerMessages(db, 'anna.kowalska', messages.slice(3));
    const rows = [...mem.messages.rows.values()].sort((a, b) => (a as Message).seq - (b as Message).seq);
    expect(rows.map((r) => ('proof' in r ? r.proof : 'none'))).toEqual([
      'none',
      ...c.messages.slice(1).map((m) => m.proof),
    ]);
    expect(rows.map((r) => (r as Message).signature)).toEqual(c.messages.map((m) => m.signature));
  });

  it('keeps the proof the send ack carries', async () => {
    const mem = memoryDb();
    const db = mem as unknown as TradewindDb;
    const row = newMessage('anna.kowalska', 'shenzhen-led', c.messages[2]!.text);
    expect(await writeMessage(db, 'shenzhen-led', row)).toBe(true);
    const m = c.messages[2]!;
    await applySendAck(db, row.clientId, {
      conversationId: row.conversationId,
      seq: 3,
      sentAt: m.sentAt,
      hash: m.hash,
      signature: m.signature,
      proof: m.proof,
      duplicate: false,
    });
    expect(mem.messages.rows.get(row.clientId)).toMatchObject({
      status: 'stored',
      seq: 3,
      signature: m.signature,
      proof: { index: 1, size: 3, path: m.proof!.path },
    });
    expect(mem.outbox.rows.size).toBe(0);
  });
});
