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
  contact: ContactRow;
  conversationId: string;
  unread: number;
  lastActivityAt: string | null;
  lastText: string | null;
}

/** Contacts with their unread counts, most recent conversation first, then by name. */
export function useContactList(db: TradewindDb, me: string): ContactListItem[] | undefined {
  return useLiveQuery(async () => {
    const contacts = await db.contacts.toArray();
    const items = await Promise.all(
      contacts.map(async (contact): Promise<ContactListItem> => {
        const conversationId = conversationIdFor(me, contact.memberId);
        const conv = await db.conversations.get(conversationId);
        const last = await db.messages
          .where('[conversationId+sort]')
          .between([conversationId, -Infinity], [conversationId, Infinity])
          .last();
        return {
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
      return a.contact.displayName.localeCompare(b.contact.displayName);
    });
  }, [db, me]);
}

export function useContact(db: TradewindDb, memberId: string | null): ContactRow | null | undefined {
  return useLiveQuery(async () => (memberId ? ((await db.contacts.get(memberId)) ?? null) : null), [db, memberId]);
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
