/** The Requests list's live query (issue 11): contact requests and message requests in one list. */
import { useLiveQuery } from 'dexie-react-hooks';
import { conversationIdFor } from '../../../../shared/protocol';
import { heldState } from '../../db/held';
import type { PublicUser } from '../../../../shared/protocol';
import type { ContactRequestRow } from '../../db/rows/contacts';
import type { MessageRow, TradewindDb } from '../../db/schema';

/** An incoming request: who, and — when they wrote — their first message and the unread count. */
export interface IncomingRequest {
  request: ContactRequestRow;
  conversationId: string;
  /** Their first message, or null when they only asked to add me. */
  first: MessageRow | null;
  unread: number;
  /** The newest message's time, else when they asked: the list's order. */
  activityAt: string;
}

export interface RequestLists {
  /** Pending, newest activity first. */
  incoming: IncomingRequest[];
  /** Ignored by me (the sender was not told); may still be accepted. */
  ignored: IncomingRequest[];
  /** My own requests not yet accepted (an ignored one reads "pending" too). */
  outgoing: ContactRequestRow[];
}

export function useRequests(db: TradewindDb, me: string): RequestLists | undefined {
  return useLiveQuery(async () => {
    const rows = (await db.contactRequests.toArray()).filter((r) => r.state !== 'accepted');
    const contacts = await db.contacts.bulkGet(rows.map((r) => r.memberId));
    const incoming: IncomingRequest[] = [];
    const ignored: IncomingRequest[] = [];
    const outgoing: ContactRequestRow[] = [];
    await Promise.all(
      rows.map(async (request, i) => {
        if (request.direction === 'outgoing') {
          if (request.state === 'pending') outgoing.push(request);
          return;
        }
        const held = heldState(request, contacts[i]);
        if (held === null || held === 'blocked') return;
        const conversationId = conversationIdFor(me, request.memberId);
        const [first, conv] = await Promise.all([
          db.messages
            .where('[conversationId+sort]')
            .between([conversationId, -Infinity], [conversationId, Infinity])
            .first(),
          db.conversations.get(conversationId),
        ]);
        const entry = {
          request,
          conversationId,
          first: first ?? null,
          unread: conv?.unread ?? 0,
          activityAt: conv?.lastActivityAt ?? request.updatedAt,
        };
        (held === 'request' ? incoming : ignored).push(entry);
      }),
    );
    const newest = (a: IncomingRequest, b: IncomingRequest): number =>
      b.activityAt.localeCompare(a.activityAt);
    return { incoming: incoming.sort(newest), ignored: ignored.sort(newest), outgoing };
  }, [db, me]);
}

/** How `memberId`'s conversation stands for me (the conversation's request bar reads it). */
export function useRequestWith(
  db: TradewindDb,
  memberId: string,
): { incoming: ReturnType<typeof heldState>; outgoingPending: boolean; blocked: boolean } | undefined {
  return useLiveQuery(async () => {
    const [request, contact] = await Promise.all([
      db.contactRequests.get(memberId),
      db.contacts.get(memberId),
    ]);
    return {
      incoming: heldState(request, contact),
      outgoingPending: request?.direction === 'outgoing' && request.state === 'pending',
      blocked: contact?.blocked ?? false,
    };
  }, [db, memberId]);
}

/** Someone's public card from my contacts, or else from a request between us (a requester's header). */
export function useKnownUser(db: TradewindDb, memberId: string): PublicUser | null | undefined {
  return useLiveQuery(
    async () =>
      (await db.contacts.get(memberId))?.user ?? (await db.contactRequests.get(memberId))?.user ?? null,
    [db, memberId],
  );
}
