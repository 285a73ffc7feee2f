import { RangeSet } from 'dexie';
import { describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../../shared/protocol';
import { ContactListModel, noteMutations, nothingDirty } from './contactList';
import { emptyConversation } from './repo';
import type { ContactRow, ConversationRow } from './schema';

const ME = 'shop';

const contact = (memberId: string, extra: Partial<ContactRow> = {}): ContactRow =>
  ({
    memberId,
    displayName: memberId.toUpperCase(),
    user: { memberId, displayName: memberId.toUpperCase(), profile: { company: '' } },
    presence: { state: 'offline' },
    blocked: false,
    groupId: null,
    pinned: false,
    note: '',
    addedAt: '2026-01-01T00:00:00Z',
    ...extra,
  }) as ContactRow;

const conversation = (partner: string, extra: Partial<ConversationRow> = {}): ConversationRow => ({
  ...emptyConversation(conversationIdFor(ME, partner), partner, '2026-01-01T00:00:00Z'),
  ...extra,
});

describe('ContactListModel (issue 10: the list patched by key, not re-read)', () => {
  it('lists contacts and people who wrote, with their conversation, less those held', () => {
    const m = new ContactListModel(ME);
    m.reset(
      [contact('ann'), contact('bob')],
      [conversation('ann', { unread: 2, lastText: 'hi' }), conversation('stranger'), conversation('asker')],
      new Map([['asker', 'request' as const]]),
    );
    expect([...m.items.keys()].sort()).toEqual(['ann', 'bob', 'stranger']);
    expect(m.items.get('ann')).toMatchObject({ unread: 2, lastText: 'hi', displayName: 'ANN' });
    expect(m.items.get('stranger')).toMatchObject({ contact: null, displayName: 'stranger' });
  });

  it('says whose item changed, keeps the others as they were, and never changes an earlier map', () => {
    const m = new ContactListModel(ME);
    m.reset([contact('ann'), contact('bob')], [conversation('ann'), conversation('bob')], new Map());
    const before = m.items;
    const bob = before.get('bob');
    const changed = m.apply([], [[conversation('ann').id, conversation('ann', { unread: 1 })]]);
    expect([...changed]).toEqual(['ann']);
    expect(m.items).not.toBe(before);
    expect(before.get('ann')?.unread).toBe(0);
    expect(m.items.get('ann')?.unread).toBe(1);
    expect(m.items.get('bob')).toBe(bob);
  });

  it('a write that shows nothing new (a receipt) changes nobody', () => {
    const m = new ContactListModel(ME);
    m.reset([contact('ann')], [conversation('ann')], new Map());
    const items = m.items;
    const id = conversation('ann').id;
    expect(
      m.apply([], [[id, conversation('ann', { receipts: { ann: { delivered: 3, read: 3 } } })]]).size,
    ).toBe(0);
    expect(m.items).toBe(items);
  });

  it('adds a new writer, drops a deleted contact without a conversation, and follows who is held', () => {
    const m = new ContactListModel(ME);
    m.reset([contact('ann'), contact('bob')], [conversation('bob')], new Map());
    const changed = m.apply(
      [['ann', undefined]],
      [[conversation('new').id, conversation('new')]],
      new Map([['bob', 'blocked' as const]]),
    );
    expect([...changed].sort()).toEqual(['ann', 'bob', 'new']);
    expect([...m.items.keys()]).toEqual(['new']);
    expect([...m.apply([], [], new Map())]).toEqual(['bob']);
    expect(m.items.has('bob')).toBe(true);
  });

  it('a presence change is that contact alone', () => {
    const m = new ContactListModel(ME);
    m.reset([contact('ann'), contact('bob')], [], new Map());
    const changed = m.apply(
      [['bob', contact('bob', { presence: { state: 'online' } as ContactRow['presence'] })]],
      [],
    );
    expect([...changed]).toEqual(['bob']);
    expect(m.items.get('bob')?.contact?.presence.state).toBe('online');
  });
});

describe('noteMutations (what a storagemutated event names)', () => {
  const name = 'tradewind:shop@http://x';
  const part = (table: string, index = ''): string => `idb://${name}/${table}/${index}`;

  it('takes the keys of contacts and conversations, and notes requests', () => {
    const d = nothingDirty();
    const relevant = noteMutations(
      {
        [part('contacts')]: new RangeSet().addKeys(['ann', 'bob']),
        [part('conversations')]: new RangeSet().addKey('dm:ann:shop'),
        [part('conversations', 'lastActivityAt')]: new RangeSet().addKey('2026'),
        [part('contactRequests')]: new RangeSet().addKey('zed'),
        [`idb://other/contacts/`]: new RangeSet().addKey('nobody'),
      },
      name,
      d,
    );
    expect(relevant).toBe(true);
    expect({ ...d, contacts: [...d.contacts].sort(), conversations: [...d.conversations] }).toEqual({
      all: false,
      contacts: ['ann', 'bob'],
      conversations: ['dm:ann:shop'],
      requests: true,
    });
  });

  it('a range (clear, deleteRange) asks for everything; other tables are not its business', () => {
    const d = nothingDirty();
    expect(noteMutations({ [part('conversations')]: new RangeSet('a', 'z') }, name, d)).toBe(true);
    expect(d.all).toBe(true);
    expect(noteMutations({ [part('messages')]: new RangeSet().addKey('x') }, name, nothingDirty())).toBe(
      false,
    );
  });
});
