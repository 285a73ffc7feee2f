import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/protocol';
import { changedContacts, contactRow } from './repo';

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
