/** Every order referenced in any conversation, read through the order index (issue 11, the orders view). */
import { useLiveQuery } from 'dexie-react-hooks';
import { partnerOf } from '../../../../shared/protocol';
import type { TradewindDb } from '../../db/schema';
import { aggregateOrders, type OrderConversation, type OrderRow } from './aggregate';

/**
 * Reads only the messages that mention an order number — the `[conversationId+order.orderNo]`
 * index (v7) holds no other message — then the rows of their conversations, their partners and
 * their waiting-clock deadlines by key. A seller's thousands of conversations without orders and
 * the millions of messages without one are never read; a write that touches no order, conversation
 * row or contact of the list does not re-run the query.
 */
export function useAllOrders(db: TradewindDb, me: string): OrderRow[] | undefined {
  return useLiveQuery(async () => {
    const messages = await db.messages.orderBy('[conversationId+order.orderNo]').toArray();
    const ids = [...new Set(messages.map((m) => m.conversationId))];
    const [convs, prefs] = await Promise.all([
      db.conversations.bulkGet(ids),
      db.conversationPrefs.bulkGet(ids),
    ]);
    const partners = ids.map((id, i) => convs[i]?.partner ?? partnerOf(id, me) ?? id);
    const contacts = await db.contacts.bulkGet(partners);
    const byId = new Map<string, OrderConversation>();
    ids.forEach((id, i) => {
      const conv = convs[i];
      const partner = partners[i] ?? id;
      byId.set(id, {
        partner,
        partnerName: contacts[i]?.displayName ?? partner,
        lastSender: conv?.lastSender ?? null,
        lastRunSince: conv?.lastRunSince ?? null,
        deadline: prefs[i]?.deadline ?? null,
      });
    });
    return aggregateOrders(messages, byId, me);
  }, [db, me]);
}
