import { describe, expect, it } from 'vitest';
import { parseDeepLink } from '../../../../shared/deeplink';
import {
  EMPTY_ORDER_FORM,
  composerStateFromDeepLink,
  deepLinkFromLocation,
  filterByOrder,
  isProductLink,
  orderLabel,
  ordersIn,
  orderToForm,
  validateOrderForm,
} from './logic';

const words = { order: 'Order', product: 'Product' };

describe('order form', () => {
  it('turns the fields into an order reference, leaving empty ones out', () => {
    const r = validateOrderForm({
      ...EMPTY_ORDER_FORM,
      orderNo: ' 8123 ',
      title: 'LED strip',
      quantity: '300',
      price: 'USD 1.20',
    });
    expect(r).toEqual({
      ok: true,
      value: { orderNo: '8123', title: 'LED strip', quantity: 300, price: 'USD 1.20' },
    });
  });
  it('needs an order number or a product id', () => {
    expect(validateOrderForm({ ...EMPTY_ORDER_FORM, title: 'LED strip' })).toEqual({
      ok: false,
      errors: { orderNo: 'required' },
    });
    expect(validateOrderForm({ ...EMPTY_ORDER_FORM, productId: 'P-77' }).ok).toBe(true);
  });
  it('refuses a quantity that is not a whole number from 1', () => {
    for (const q of ['0', '-3', '2.5', '1e3', 'many', '99999999999']) {
      const r = validateOrderForm({ ...EMPTY_ORDER_FORM, orderNo: '1', quantity: q });
      expect(r.ok ? null : r.errors.quantity).toBe('quantity');
    }
  });
  it('refuses links that are not http(s)', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      const r = validateOrderForm({ ...EMPTY_ORDER_FORM, orderNo: '1', url });
      expect(r.ok ? null : r.errors.url).toBe('url');
    }
    expect(validateOrderForm({ ...EMPTY_ORDER_FORM, orderNo: '1', url: 'https://shop.example/p/1' }).ok).toBe(
      true,
    );
  });
  it('refuses overlong fields', () => {
    const r = validateOrderForm({ ...EMPTY_ORDER_FORM, orderNo: 'x'.repeat(65) });
    expect(r.ok ? null : r.errors.orderNo).toBe('tooLong');
  });
  it('round-trips through the form', () => {
    const o = { orderNo: '8123', productId: 'LED-5050', quantity: 300 };
    expect(validateOrderForm(orderToForm(o))).toEqual({ ok: true, value: o });
  });
});

describe('order chips and filter', () => {
  it("links a stored order's product only when it is an http(s) URL", () => {
    expect(isProductLink('https://www.alibaba.com/product-detail/led_1600.html')).toBe(true);
    expect(isProductLink('http://example.com/p?id=1')).toBe(true);
    // What an older server may have stored: read as stored, never made a link.
    expect(isProductLink('javascript:alert(1)')).toBe(false);
    expect(isProductLink('file:///etc/passwd')).toBe(false);
    expect(isProductLink('not a link')).toBe(false);
    expect(isProductLink('')).toBe(false);
    expect(isProductLink(undefined)).toBe(false);
  });
  it('reads like "Order #8123 · LED strip ×300"', () => {
    expect(orderLabel({ orderNo: '8123', title: 'LED strip', quantity: 300 }, words)).toBe(
      'Order #8123 · LED strip ×300',
    );
    expect(orderLabel({ orderNo: '8123' }, words)).toBe('Order #8123');
    expect(orderLabel({ productId: 'P-77', quantity: 5 }, words)).toBe('Product P-77 ×5');
  });
  const msgs = [
    { id: 1, order: { orderNo: 'A', title: 'first' }, createdAt: '2025-01-01T00:00:00.000Z' },
    { id: 2, order: null, createdAt: '2025-01-02T00:00:00.000Z' },
    { id: 3, order: { orderNo: 'B' }, createdAt: '2025-01-03T00:00:00.000Z' },
    { id: 4, order: { orderNo: 'A', title: 'renamed' }, createdAt: '2025-01-04T00:00:00.000Z' },
  ];
  it('lists the orders of a conversation, latest first', () => {
    expect(ordersIn(msgs)).toEqual([
      { orderNo: 'A', title: 'renamed', messages: 2, lastAt: '2025-01-04T00:00:00.000Z' },
      { orderNo: 'B', title: null, messages: 1, lastAt: '2025-01-03T00:00:00.000Z' },
    ]);
  });
  it('filters by order number, or not at all', () => {
    expect(filterByOrder(msgs, 'A').map((m) => m.id)).toEqual([1, 4]);
    expect(filterByOrder(msgs, null)).toHaveLength(4);
  });
});

describe('deep link → composer', () => {
  it('opens the partner with the order and product prefilled', () => {
    const r = parseDeepLink('tradewind://chat?with=li-yiwu&order=8123&product=LED-5050');
    if (!r.ok) throw new Error(r.message);
    expect(composerStateFromDeepLink(r.value)).toEqual({
      partner: 'li-yiwu',
      order: { orderNo: '8123', productId: 'LED-5050' },
    });
  });
  it('opens without an order when the link has none', () => {
    const r = parseDeepLink('tradewind://chat?with=li-yiwu');
    if (!r.ok) throw new Error(r.message);
    expect(composerStateFromDeepLink(r.value)).toEqual({ partner: 'li-yiwu', order: null });
  });
  it('finds the link in a browser URL (?open= or #/chat route)', () => {
    expect(deepLinkFromLocation('?open=' + encodeURIComponent('tradewind://chat?with=a1b2c'), '')).toBe(
      'tradewind://chat?with=a1b2c',
    );
    expect(deepLinkFromLocation('', '#/chat?with=li-yiwu&order=8123')).toBe(
      'tradewind://chat?with=li-yiwu&order=8123',
    );
    expect(deepLinkFromLocation('?x=1', '#/other')).toBeNull();
  });
  it('hands hostile input to the parser, which refuses it', () => {
    const hostile = [
      deepLinkFromLocation('?open=' + encodeURIComponent('javascript:alert(1)'), ''),
      deepLinkFromLocation('', '#/chat?with=li-yiwu&order=<script>'),
      deepLinkFromLocation('', '#/chat?with=li-yiwu&with=other'),
      deepLinkFromLocation('?open=a&open=b', ''),
    ];
    for (const raw of hostile) expect(parseDeepLink(raw).ok).toBe(false);
  });
});
