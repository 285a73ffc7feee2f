/** Live-query hooks: how components read the database. They re-render when the data changes. */
import { useLiveQuery } from 'dexie-react-hooks';
import { conversationIdFor, type Me } from '../../../shared/protocol';
import type { ContactRow, ConversationRow, MessageRow, TradewindDb } from './schema';

export function useMe(db: TradewindDb): Me | null | undefined {
  return useLiveQuery(async () => {
    const row = await db.meta.get('me');
    return row?.key === 'me' ? row.value : null;
  }, [db]);
}

async function unreadIn(db: TradewindDb, conv: ConversationRow, me: string): Promise<number> {
  const myRead = conv.receipts[me]?.read ?? 0;
  return db.messages
    .where('[conversationId+seq]')
    .between([conv.id, myRead + 1], [conv.id, Number.MAX_SAFE_INTEGER], true, true)
    .filter((m) => m.sender !== me)
    .count();
}

export interface ContactListItem {
  memberId: string;
  displayName: string;
  /** null for someone who wrote to me but is not in my contacts. */
  contact: ContactRow | null;
  conversationId: string;
  unread: number;
  lastActivityAt: string | null;
  lastText: string | null;
}

/**
 * Contacts with their unread counts, most recent conversation first, then by name. People who
 * wrote to me without being in my contacts are listed too, so no message goes unseen.
 */
export function useContactList(db: TradewindDb, me: string): ContactListItem[] | undefined {
  return useLiveQuery(async () => {
    const contacts = await db.contacts.toArray();
    const known = new Set(contacts.map((c) => c.memberId));
    const strangers = (await db.conversations.toArray())
      .filter((c) => !known.has(c.partner))
      .map((c) => c.partner);
    const people: { memberId: string; contact: ContactRow | null }[] = [
      ...contacts.map((c) => ({ memberId: c.memberId, contact: c })),
      ...strangers.map((memberId) => ({ memberId, contact: null })),
    ];
    const items = await Promise.all(
      people.map(async ({ memberId, contact }): Promise<ContactListItem> => {
        const conversationId = conversationIdFor(me, memberId);
        const conv = await db.conversations.get(conversationId);
        const last = await db.messages
          .where('[conversationId+sort]')
          .between([conversationId, -Infinity], [conversationId, Infinity])
          .last();
        return {
          memberId,
          displayName: contact?.displayName ?? memberId,
          contact,
          conversationId,
          unread: conv ? await unreadIn(db, conv, me) : 0,
          lastActivityAt: conv?.lastActivityAt ?? null,
          lastText: last?.text ?? null,
        };
      }),
    );
    return items.sort((a, b) => {
      if (a.lastActivityAt !== b.lastActivityAt) {
        if (a.lastActivityAt === null) return 1;
        if (b.lastActivityAt === null) return -1;
        return a.lastActivityAt < b.lastActivityAt ? 1 : -1;
      }
      return a.displayName.localeCompare(b.displayName);
    });
  }, [db, me]);
}

export function useContact(db: TradewindDb, memberId: string | null): ContactRow | null | undefined {
  return useLiveQuery(
    async () => (memberId ? ((await db.contacts.get(memberId)) ?? null) : null),
    [db, memberId],
  );
}

export function useConversation(db: TradewindDb, id: string | null): ConversationRow | null | undefined {
  return useLiveQuery(async () => (id ? ((await db.conversations.get(id)) ?? null) : null), [db, id]);
}

/** A conversation's messages in display order: stored by seq, then pending in the order written. */
export function useMessages(db: TradewindDb, conversationId: string | null): MessageRow[] | undefined {
  return useLiveQuery(
    async () =>
      conversationId
        ? db.messages
            .where('[conversationId+sort]')
            .between([conversationId, -Infinity], [conversationId, Infinity])
            .toArray()
        : [],
    [db, conversationId],
  );
}

/** Unread messages over all conversations (window badge). */
export function useTotalUnread(db: TradewindDb, me: string): number {
  return (
    useLiveQuery(async () => {
      const convs = await db.conversations.toArray();
      const counts = await Promise.all(convs.map((c) => unreadIn(db, c, me)));
      return counts.reduce((a, b) => a + b, 0);
    }, [db, me]) ?? 0
  );
}
