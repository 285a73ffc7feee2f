/**
 * Live-query hooks: how components read the database. They re-render when the data changes. The
 * single rows many components show (me, a contact, a conversation) are one shared query each (shared.ts).
 */
import { Dexie, liveQuery } from 'dexie';
import { useLiveQuery, useObservable } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Me } from '../../../shared/protocol';
import type { ContactRow, ConversationRow, MessageRow, TradewindDb } from './schema';
import { heldUnread } from './held';
import { sharedQuery, sharedValue } from './shared';

export function useMe(db: TradewindDb): Me | null | undefined {
  return useObservable(
    () =>
      sharedQuery(db, 'me', () =>
        liveQuery(async () => {
          const row = await db.meta.get('me');
          return row?.key === 'me' ? row.value : null;
        }),
      ),
    [db],
  );
}

/** My row as `useMe` last read it, if a component reads it now (no read: undefined when none). */
export function knownMe(db: TradewindDb): Me | null | undefined {
  return sharedValue<Me | null>(db, 'me');
}

/** The contact list lives in memory, patched with what changed: db/contactList.ts. */
export type { ContactListItem } from './contactList';

export function useContact(db: TradewindDb, memberId: string | null): ContactRow | null | undefined {
  return useObservable(
    () =>
      sharedQuery(db, `contact|${memberId}`, () =>
        liveQuery(async () => (memberId ? ((await db.contacts.get(memberId)) ?? null) : null)),
      ),
    [db, memberId],
  );
}

export function useConversation(db: TradewindDb, id: string | null): ConversationRow | null | undefined {
  return useObservable(
    () =>
      sharedQuery(db, `conversation|${id}`, () =>
        liveQuery(async () => (id ? ((await db.conversations.get(id)) ?? null) : null)),
      ),
    [db, id],
  );
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

/** Reads a window of a conversation (keyset paging on `[conversationId+sort]`). */
async function readWindow(
  db: TradewindDb,
  conversationId: string | null,
  { anchor, older, newer }: WindowSpan,
): Promise<MessageWindow> {
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
}

/**
 * Reads that start beside a window's first read and that its first screen waits for (issue 10:
 * the translation of its messages, which sets their heights): given the window's read, they
 * settle when done, and never reject.
 */
export type BesideWindow = (read: Promise<MessageWindow>) => Promise<void>;

/** The window's read and, when given, what is read beside it: answers the window when both are done. */
function readWindowWith(
  db: TradewindDb,
  conversationId: string,
  span: WindowSpan,
  beside: BesideWindow | undefined,
): Promise<MessageWindow> {
  const read = readWindow(db, conversationId, span);
  return beside ? beside(read).then(() => read) : read;
}

/** A window read started before the view that shows it renders (`startWindowRead`). */
let early: {
  db: TradewindDb;
  conversationId: string;
  span: WindowSpan;
  at: number;
  read: Promise<MessageWindow>;
} | null = null;
/** How old an early read may be when the view takes it, ms: older, the view reads again. */
const EARLY_MS = 1000;

/**
 * Issue 10, open: starts the read of the window `useMessageWindow(db, conversationId, span)` will
 * ask first, from the input that opens the conversation (the press on its contact's row, or the
 * click's handler), before React renders the contact list's new selection and the conversation's
 * view; the hook's first render takes it. Asked again for the same window while fresh (the press,
 * then its click), it reads once.
 */
export function startWindowRead(
  db: TradewindDb,
  conversationId: string,
  span: WindowSpan,
  beside?: BesideWindow,
): void {
  // The press started it, and the click asks again: one read.
  const e = early;
  if (
    e &&
    e.db === db &&
    e.conversationId === conversationId &&
    sameSpan(e.span, span) &&
    performance.now() - e.at <= EARLY_MS
  )
    return;
  const read = readWindowWith(db, conversationId, span, beside);
  read.catch(() => undefined); // the hook's own read, or its live query, reports
  early = { db, conversationId, span, at: performance.now(), read };
}

/** The early read of this window, once, if there is a fresh one (`startWindowRead`; exported for tests). */
export function takeEarlyRead(
  db: TradewindDb,
  conversationId: string,
  { anchor, older, newer }: WindowSpan,
): Promise<MessageWindow> | null {
  const e = early;
  early = null;
  if (
    !e ||
    e.db !== db ||
    e.conversationId !== conversationId ||
    !sameSpan(e.span, { anchor, older, newer }) ||
    performance.now() - e.at > EARLY_MS
  )
    return null;
  return e.read;
}

const sameSpan = (a: WindowSpan, b: WindowSpan): boolean =>
  a.anchor === b.anchor && a.older === b.older && a.newer === b.newer;

/**
 * A window of a conversation's messages, read with keyset paging on `[conversationId+sort]`.
 * The live query reads only the window's key range (plus one row each side, to know whether
 * there is more), so a write elsewhere in the conversation, or a catch-up page older than the
 * window, does not re-run it, and its cost does not grow with the history.
 *
 * Issue 10, open: a live query's first read starts in a timer after the commit that mounted it,
 * behind the reads of every other live query of the view (effects run children first), and the
 * database answers in order. The first window is read at once instead, from the render that opens
 * the conversation, while the rest of the view renders, and shown until the live query answers;
 * or earlier still, from the click that opens it (`startWindowRead`). With `beside`, the first
 * screen also waits for what is read beside that first read (the translation that sets the
 * bubbles' heights), so that it comes with its final heights.
 */
export function useMessageWindow(
  db: TradewindDb,
  conversationId: string | null,
  span: WindowSpan,
  beside?: BesideWindow,
): MessageWindow | undefined {
  const { anchor, older, newer } = span;
  const live = useLiveQuery(
    () => readWindow(db, conversationId, { anchor, older, newer }),
    [db, conversationId, anchor, older, newer],
  );
  const [first, setFirst] = useState<{ window: MessageWindow | undefined } | null>(null);
  const [asked] = useState(() => {
    // A read started by the render that mounts the hook (once: a lazy initial state).
    if (conversationId)
      void (takeEarlyRead(db, conversationId, span) ?? readWindowWith(db, conversationId, span, beside)).then(
        (window) => setFirst({ window }),
        () => setFirst({ window: undefined }), // the live query reads again and reports
      );
    return { conversationId, span, waits: conversationId !== null && beside !== undefined };
  });
  const same =
    asked.conversationId === conversationId &&
    asked.span.anchor === anchor &&
    asked.span.older === older &&
    asked.span.newer === newer;
  // The first screen waits for what is read beside the first read, even when the live query
  // answered first (issue 10: it would show the window without it).
  if (live !== undefined && !(same && asked.waits && first === null)) return live;
  return same ? first?.window : undefined;
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
