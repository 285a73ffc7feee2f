/** Live-query hooks: how components read the database. They re-render when the data changes. */
import { Dexie } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { conversationIdFor, type Me } from '../../../shared/protocol';
import type { ContactRow, ConversationRow, MessageRow, TradewindDb } from './schema';
import { heldPartners, heldUnread } from './held';

export function useMe(db: TradewindDb): Me | null | undefined {
  return useLiveQuery(async () => {
    const row = await db.meta.get('me');
    return row?.key === 'me' ? row.value : null;
  }, [db]);
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
  /** Who wrote last and since when their run waits (issue 11: the Unanswered queue). */
  lastSender: string | null;
  lastRunSince: string | null;
}

/**
 * Contacts with their unread counts, most recent conversation first, then by name. People who
 * wrote to me without being in my contacts are listed too, so no message goes unseen — except
 * those held as message requests (db/held.ts: the Requests list shows them, or they were ignored
 * or blocked there).
 */
export function useContactList(db: TradewindDb, me: string): ContactListItem[] | undefined {
  // Two table reads, no per-row query: counters and the last text live in the conversation row.
  return useLiveQuery(async () => {
    const [contacts, conversations, held] = await Promise.all([
      db.contacts.toArray(),
      db.conversations.toArray(),
      heldPartners(db),
    ]);
    const byId = new Map(conversations.map((c) => [c.id, c]));
    const known = new Set(contacts.map((c) => c.memberId));
    const people: { memberId: string; contact: ContactRow | null }[] = [
      ...contacts.filter((c) => !held.has(c.memberId)).map((c) => ({ memberId: c.memberId, contact: c })),
      ...conversations
        .filter((c) => !known.has(c.partner) && !held.has(c.partner))
        .map((c) => ({ memberId: c.partner, contact: null })),
    ];
    const items = people.map(({ memberId, contact }): ContactListItem => {
      const conversationId = conversationIdFor(me, memberId);
      const conv = byId.get(conversationId);
      return {
        memberId,
        displayName: contact?.displayName ?? memberId,
        contact,
        conversationId,
        unread: conv?.unread ?? 0,
        lastActivityAt: conv?.lastActivityAt ?? null,
        lastText: conv?.lastText ?? null,
        lastSender: conv?.lastSender ?? null,
        lastRunSince: conv?.lastRunSince ?? null,
      };
    });
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

/**
 * Which part of a conversation to read (issue 10): the newest `older` messages when `anchor` is
 * null (the conversation opens at its end), else up to `older` messages before the sort key
 * `anchor` and up to `newer` from it on. Scrolling widens the span; a jump moves the anchor.
 */
export interface WindowSpan {
  anchor: number | null;
  older: number;
  newer: number;
}

export interface MessageWindow {
  /** In display order: stored by seq, then pending in the order written. */
  messages: MessageRow[];
  /** Whether messages exist before / after the window. */
  hasOlder: boolean;
  hasNewer: boolean;
}

/**
 * A window of a conversation's messages, read with keyset paging on `[conversationId+sort]`.
 * The live query reads only the window's key range (plus one row each side, to know whether
 * there is more), so a write elsewhere in the conversation, or a catch-up page older than the
 * window, does not re-run it, and its cost does not grow with the history.
 */
export function useMessageWindow(
  db: TradewindDb,
  conversationId: string | null,
  span: WindowSpan,
): MessageWindow | undefined {
  const { anchor, older, newer } = span;
  return useLiveQuery(async (): Promise<MessageWindow> => {
    if (!conversationId) return { messages: [], hasOlder: false, hasNewer: false };
    const byId = db.messages.where('[conversationId+sort]');
    const top = anchor ?? Infinity;
    const before = await byId
      .between([conversationId, -Infinity], [conversationId, top], true, anchor === null)
      .reverse()
      .limit(older + 1)
      .toArray();
    const after =
      anchor === null
        ? []
        : await byId
            .between([conversationId, anchor], [conversationId, Infinity], true, true)
            .limit(newer + 1)
            .toArray();
    return {
      messages: [...before.slice(0, older).reverse(), ...after.slice(0, newer)],
      hasOlder: before.length > older,
      hasNewer: after.length > newer,
    };
  }, [db, conversationId, anchor, older, newer]);
}

/** The newest `count` messages of a conversation (reply statistics, the waiting clock). */
export function useRecentMessages(
  db: TradewindDb,
  conversationId: string | null,
  count: number,
): MessageRow[] | undefined {
  return useMessageWindow(db, conversationId, { anchor: null, older: count, newer: 0 })?.messages;
}

/** The messages that mention an order, through the `[conversationId+order.orderNo]` index (v7). */
export function useOrderMessages(db: TradewindDb, conversationId: string | null): MessageRow[] | undefined {
  return useLiveQuery(
    async () =>
      conversationId
        ? db.messages
            .where('[conversationId+order.orderNo]')
            .between([conversationId, Dexie.minKey], [conversationId, Dexie.maxKey])
            .toArray()
        : [],
    [db, conversationId],
  );
}

/**
 * Unread messages over all conversations (window badge): one row, kept by the repository, less
 * those of conversations held as message requests (a few rows: db/held.ts).
 */
export function useTotalUnread(db: TradewindDb): number {
  return (
    useLiveQuery(async () => {
      const [row, meRow] = await Promise.all([db.meta.get('unreadTotal'), db.meta.get('me')]);
      const total = row?.key === 'unreadTotal' ? row.value : 0;
      const me = meRow?.key === 'me' ? meRow.value.memberId : null;
      return me ? Math.max(0, total - (await heldUnread(db, me))) : total;
    }, [db]) ?? 0
  );
}
