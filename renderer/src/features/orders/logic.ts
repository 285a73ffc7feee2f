/**
 * Pure rules for order references in a conversation: the composer's order form, how an order
 * reads on a chip, which orders a conversation mentions, filtering by one, and what a
 * `tradewind://chat` deep link puts into the composer.
 */
import { OrderRef } from '../../../../shared/protocol';
import type { ChatDeepLink } from '../../../../shared/deeplink';

/** The order form's fields as typed (all strings). */
export interface OrderFormFields {
  orderNo: string;
  productId: string;
  title: string;
  url: string;
  price: string;
  quantity: string;
}

export const EMPTY_ORDER_FORM: OrderFormFields = {
  orderNo: '',
  productId: '',
  title: '',
  url: '',
  price: '',
  quantity: '',
};

export type OrderFieldError = 'required' | 'tooLong' | 'url' | 'quantity';

/**
 * Validates the order form into the protocol's OrderRef. An order needs its number or the product
 * id; the link must be http(s); the quantity a whole number from 1. Empty fields are left out.
 */
export function validateOrderForm(
  f: OrderFormFields,
):
  | { ok: true; value: OrderRef }
  | { ok: false; errors: Partial<Record<keyof OrderFormFields, OrderFieldError>> } {
  const errors: Partial<Record<keyof OrderFormFields, OrderFieldError>> = {};
  const trimmed: OrderFormFields = {
    orderNo: f.orderNo.trim(),
    productId: f.productId.trim(),
    title: f.title.trim(),
    url: f.url.trim(),
    price: f.price.trim(),
    quantity: f.quantity.trim(),
  };
  if (trimmed.orderNo === '' && trimmed.productId === '') errors.orderNo = 'required';
  const max: Partial<Record<keyof OrderFormFields, number>> = {
    orderNo: 64,
    productId: 64,
    title: 200,
    price: 32,
    url: 2048,
  };
  for (const [k, n] of Object.entries(max) as [keyof OrderFormFields, number][]) {
    if (trimmed[k].length > n) errors[k] = 'tooLong';
  }
  let quantity: number | undefined;
  if (trimmed.quantity !== '') {
    quantity = /^\d{1,10}$/.test(trimmed.quantity) ? Number(trimmed.quantity) : NaN;
    if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > 1e9) errors.quantity = 'quantity';
  }
  const candidate: OrderRef = {};
  if (trimmed.orderNo) candidate.orderNo = trimmed.orderNo;
  if (trimmed.productId) candidate.productId = trimmed.productId;
  if (trimmed.title) candidate.title = trimmed.title;
  if (trimmed.url) candidate.url = trimmed.url;
  if (trimmed.price) candidate.price = trimmed.price;
  if (quantity !== undefined && !errors.quantity) candidate.quantity = quantity;
  if (trimmed.url && !errors.url && !OrderRef.shape.url.safeParse(trimmed.url).success) errors.url = 'url';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = OrderRef.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: { orderNo: 'required' } };
  return { ok: true, value: parsed.data };
}

/**
 * Whether a stored order's link may be shown as a link: an http(s) URL by today's rule. A stored
 * message is read as stored (shared/protocol/schemas.ts, `Message`), so one from an older server
 * may carry anything there; anything else gets no link.
 */
export function isProductLink(url: string | undefined): url is string {
  return url !== undefined && OrderRef.shape.url.safeParse(url).success;
}

/** The fields of an existing reference, for editing it again. */
export function orderToForm(o: OrderRef | null | undefined): OrderFormFields {
  return {
    orderNo: o?.orderNo ?? '',
    productId: o?.productId ?? '',
    title: o?.title ?? '',
    url: o?.url ?? '',
    price: o?.price ?? '',
    quantity: o?.quantity !== undefined ? String(o.quantity) : '',
  };
}

/** "Order #8123 · LED strip ×300" (the words come from the caller's translation). */
export function orderLabel(o: OrderRef, words: { order: string; product: string }): string {
  const head = o.orderNo ? `${words.order} #${o.orderNo}` : `${words.product} ${o.productId ?? ''}`.trim();
  const what = o.title ?? (o.orderNo && o.productId ? o.productId : undefined);
  const qty = o.quantity !== undefined ? ` ×${o.quantity}` : '';
  return what ? `${head} · ${what}${qty}` : `${head}${qty}`;
}

export interface OrderSummary {
  orderNo: string;
  /** The latest reference's title (or product id), for the list. */
  title: string | null;
  messages: number;
  lastAt: string;
}

/** The orders a conversation mentions, most recently mentioned first. */
export function ordersIn(
  messages: readonly { order: OrderRef | null; sentAt?: string; createdAt: string }[],
): OrderSummary[] {
  const by = new Map<string, OrderSummary>();
  for (const m of messages) {
    const no = m.order?.orderNo;
    if (!no) continue;
    const at = m.sentAt ?? m.createdAt;
    const prev = by.get(no);
    const title = m.order?.title ?? m.order?.productId ?? null;
    if (!prev) by.set(no, { orderNo: no, title, messages: 1, lastAt: at });
    else {
      prev.messages += 1;
      if (at >= prev.lastAt) {
        prev.lastAt = at;
        prev.title = title ?? prev.title;
      }
    }
  }
  return [...by.values()].sort((a, b) => (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0));
}

/** The messages of one order (the same rule as the evidence scope `order`). */
export function filterByOrder<M extends { order: OrderRef | null }>(
  messages: readonly M[],
  orderNo: string | null,
): readonly M[] {
  if (orderNo === null) return messages;
  return messages.filter((m) => m.order?.orderNo === orderNo);
}

/** What a "Chat now" deep link does: open this partner's conversation with this order in the composer. */
export function composerStateFromDeepLink(link: ChatDeepLink): { partner: string; order: OrderRef | null } {
  const order: OrderRef = {};
  if (link.orderNo !== undefined) order.orderNo = link.orderNo;
  if (link.productId !== undefined) order.productId = link.productId;
  return { partner: link.with, order: Object.keys(order).length > 0 ? order : null };
}

/**
 * Browser mode: the deep link a page URL carries, if any — `?open=<encoded tradewind:// link>`
 * or a `#/chat?with=…` route (turned into the same `tradewind://chat?…` link, so both go through
 * the one parser). Returns the raw text for the parser; it is not trusted here.
 */
export function deepLinkFromLocation(search: string, hash: string): string | null {
  const open = new URLSearchParams(search).getAll('open');
  if (open.length > 0) return open.length === 1 ? (open[0] ?? '') : '\u0000repeated';
  const m = /^#\/chat(\?.*)?$/s.exec(hash);
  if (m) return `tradewind://chat${m[1] ?? ''}`;
  return null;
}
