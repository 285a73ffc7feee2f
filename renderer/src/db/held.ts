/**
 * Conversations held out of the chat list (issue 11, message requests; docs/protocol.md § Message
 * requests and blocking): a partner whose incoming contact request I have not accepted wrote to
 * me. Pending → my Requests list; ignored (declined) → out of sight; from someone I blocked → out
 * of sight (Settings › Blocked). While held, no receipt goes out and the unread messages do not
 * count in the window badge. Read from the contactRequests table (small: one row per request),
 * never from the messages.
 */
import { conversationIdFor, partnerOf } from '../../../shared/protocol';
import type { ContactRequestRow } from './rows/contacts';
import type { ContactRow, TradewindDb } from './schema';

export type HeldState = 'request' | 'ignored' | 'blocked';

/** How a conversation with the requester of `request` is held, or null when it is not. */
export function heldState(
  request: ContactRequestRow | undefined,
  contact: ContactRow | undefined,
): HeldState | null {
  if (!request || request.direction !== 'incoming' || request.state === 'accepted') return null;
  if (contact?.blocked) return 'blocked';
  return request.state === 'declined' ? 'ignored' : 'request';
}

/** Every held partner (member id → how), from the incoming requests and my blocks. */
export async function heldPartners(db: TradewindDb): Promise<Map<string, HeldState>> {
  const incoming = await db.contactRequests.where('direction').equals('incoming').toArray();
  const open = incoming.filter((r) => r.state !== 'accepted');
  const out = new Map<string, HeldState>();
  if (open.length === 0) return out;
  const contacts = await db.contacts.bulkGet(open.map((r) => r.memberId));
  open.forEach((r, i) => {
    const state = heldState(r, contacts[i]);
    if (state) out.set(r.memberId, state);
  });
  return out;
}

/** How the conversation `conversationId` is held for `me`, or null when it is not. */
export async function heldConversation(
  db: TradewindDb,
  me: string,
  conversationId: string,
): Promise<HeldState | null> {
  const partner = partnerOf(conversationId, me);
  if (!partner) return null;
  const [request, contact] = await Promise.all([db.contactRequests.get(partner), db.contacts.get(partner)]);
  return heldState(request, contact);
}

/** The unread messages of held conversations: left out of the window badge. */
export async function heldUnread(db: TradewindDb, me: string): Promise<number> {
  const held = await heldPartners(db);
  if (held.size === 0) return 0;
  const convs = await db.conversations.bulkGet([...held.keys()].map((p) => conversationIdFor(me, p)));
  return convs.reduce((sum, c) => sum + (c?.unread ?? 0), 0);
}
