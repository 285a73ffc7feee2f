/**
 * The orders view (issue 11) as data: every order referenced in any conversation, one row per
 * (conversation, order number) — number, product, partner, the latest message about it, and who
 * the conversation waits on — with the view's sort and filter. Pure: no database, no React
 * (aggregate.test.ts checks it); OrdersView reads its input through the order index.
 */
import type { OrderRef } from '../../../../shared/protocol';
import type { Deadline } from '../../../../shared/domain/waitingClock';

/** A message that mentions an order, as the order index returns it. */
export interface OrderMessage {
  conversationId: string;
  sender: string;
  text: string;
  order: OrderRef | null;
  seq?: number;
  sentAt?: string;
  createdAt: string;
}

/** What a row needs from its conversation (the conversation row and its waiting-clock deadline). */
export interface OrderConversation {
  partner: string;
  partnerName: string;
  lastSender: string | null;
  lastRunSince: string | null;
  deadline: Deadline | null;
}

export interface OrderRow {
  /** Unique per row: conversation and order number. */
  key: string;
  orderNo: string;
  conversationId: string;
  partner: string;
  partnerName: string;
  /** The latest reference's title, else its product id. */
  product: string | null;
  price: string | null;
  quantity: number | null;
  /** Messages that mention the order. */
  messages: number;
  /** The latest of them. */
  lastText: string;
  lastSender: string;
  lastAt: string;
  /** Who the conversation waits on now: me (they wrote last), them (I did), or nobody. */
  waitingOn: 'me' | 'them' | null;
  waitingSince: string | null;
  deadline: Deadline | null;
}

const timeOf = (m: OrderMessage): string => m.sentAt ?? m.createdAt;

/** Later in the conversation: by seq when both are stored, else by time (pending ones are newest). */
function isLater(a: OrderMessage, b: OrderMessage): boolean {
  if (a.seq !== undefined && b.seq !== undefined) return a.seq > b.seq;
  if (a.seq === undefined && b.seq !== undefined) return true;
  if (a.seq !== undefined && b.seq === undefined) return false;
  return timeOf(a) >= timeOf(b);
}

/** One row per order number in each conversation; conversations unknown to `conversations` are left out. */
export function aggregateOrders(
  messages: readonly OrderMessage[],
  conversations: ReadonlyMap<string, OrderConversation>,
  me: string,
): OrderRow[] {
  const latest = new Map<string, { last: OrderMessage; count: number; product: string | null }>();
  for (const m of messages) {
    const no = m.order?.orderNo;
    if (!no || !conversations.has(m.conversationId)) continue;
    const key = `${m.conversationId}\u0000${no}`;
    const product = m.order?.title ?? m.order?.productId ?? null;
    const prev = latest.get(key);
    if (!prev) latest.set(key, { last: m, count: 1, product });
    else {
      prev.count += 1;
      if (isLater(m, prev.last)) {
        prev.last = m;
        prev.product = product ?? prev.product;
      } else prev.product ??= product;
    }
  }
  const rows: OrderRow[] = [];
  for (const [key, { last, count, product }] of latest) {
    const conv = conversations.get(last.conversationId) as OrderConversation;
    const waitingOn =
      conv.lastSender === null || conv.lastRunSince === null ? null : conv.lastSender === me ? 'them' : 'me';
    rows.push({
      key,
      orderNo: last.order?.orderNo as string,
      conversationId: last.conversationId,
      partner: conv.partner,
      partnerName: conv.partnerName,
      product,
      price: last.order?.price ?? null,
      quantity: last.order?.quantity ?? null,
      messages: count,
      lastText: last.text,
      lastSender: last.sender,
      lastAt: timeOf(last),
      waitingOn,
      waitingSince: waitingOn === null ? null : conv.lastRunSince,
      deadline: conv.deadline,
    });
  }
  return sortOrders(rows, 'lastAt', 'desc');
}

export type OrderSortKey = 'orderNo' | 'product' | 'partner' | 'lastAt' | 'waiting';
export type SortDirection = 'asc' | 'desc';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Ascending "waiting": conversations waiting on me first, the longest waiting first (the seller's
 * queue), then those waiting on the partner (longest first), then the rest.
 */
function waitingRank(r: OrderRow): [number, number] {
  const since = r.waitingSince === null ? Infinity : Date.parse(r.waitingSince);
  return [r.waitingOn === 'me' ? 0 : r.waitingOn === 'them' ? 1 : 2, since];
}

function compare(a: OrderRow, b: OrderRow, key: OrderSortKey): number {
  switch (key) {
    case 'orderNo':
      return collator.compare(a.orderNo, b.orderNo);
    case 'product':
      // Rows without a product last in either direction would need a second pass; alphabetical is enough.
      return collator.compare(a.product ?? '', b.product ?? '');
    case 'partner':
      return collator.compare(a.partnerName, b.partnerName);
    case 'lastAt':
      return Date.parse(a.lastAt) - Date.parse(b.lastAt);
    case 'waiting': {
      const [ra, sa] = waitingRank(a);
      const [rb, sb] = waitingRank(b);
      return ra - rb || (sa === sb ? 0 : sa < sb ? -1 : 1);
    }
  }
}

/** A new array sorted by `key`; ties by order number, then conversation, so the order is stable. */
export function sortOrders(
  rows: readonly OrderRow[],
  key: OrderSortKey,
  direction: SortDirection,
): OrderRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort(
    (a, b) =>
      sign * compare(a, b, key) ||
      collator.compare(a.orderNo, b.orderNo) ||
      a.conversationId.localeCompare(b.conversationId),
  );
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** Rows whose number, product, partner (name or member id) or latest message contain every word of `query`. */
export function filterOrders(rows: readonly OrderRow[], query: string): OrderRow[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const hay = fold([r.orderNo, r.product ?? '', r.partnerName, r.partner, r.lastText].join('\n'));
    return words.every((w) => hay.includes(w));
  });
}
