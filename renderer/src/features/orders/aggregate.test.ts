import { describe, expect, it } from 'vitest';
import {
  aggregateOrders,
  filterOrders,
  sortOrders,
  type OrderConversation,
  type OrderMessage,
} from './aggregate';

const ME = 'seller';
const at = (d: number, h = 12): string => new Date(Date.UTC(2026, 11, d, h)).toISOString();
const conv = (partner: string, name: string, extra: Partial<OrderConversation> = {}): OrderConversation => ({
  partner,
  partnerName: name,
  lastSender: null,
  lastRunSince: null,
  deadline: null,
  ...extra,
});
const msg = (
  conversationId: string,
  seq: number | undefined,
  sender: string,
  order: OrderMessage['order'],
  text = '',
  when = at(1),
): OrderMessage => ({
  conversationId,
  seq,
  sender,
  order,
  text,
  sentAt: seq === undefined ? undefined : when,
  createdAt: when,
});

const conversations = new Map<string, OrderConversation>([
  ['dm:anna:seller', conv('anna', 'Anna Kowalska', { lastSender: 'anna', lastRunSince: at(3) })],
  ['dm:bruno:seller', conv('bruno', 'Bruno Lima', { lastSender: ME, lastRunSince: at(4) })],
]);

describe('orders view: aggregation', () => {
  const rows = aggregateOrders(
    [
      msg('dm:anna:seller', 1, 'anna', { orderNo: '8123', productId: 'LED-5050' }, 'About 8123', at(1)),
      msg(
        'dm:anna:seller',
        5,
        ME,
        { orderNo: '8123', title: 'LED strip 5 m', price: 'US$ 2.10' },
        'Shipped',
        at(2),
      ),
      msg('dm:anna:seller', 3, 'anna', { orderNo: '8123' }, 'Older', at(1, 18)),
      msg('dm:bruno:seller', 2, 'bruno', { orderNo: '77' }, 'Sample?', at(2, 9)),
      // The same number in another conversation is another row; a message without a number is none.
      msg('dm:bruno:seller', 4, ME, { orderNo: '8123', quantity: 300 }, 'Yours too', at(3)),
      msg('dm:bruno:seller', 6, ME, { productId: 'only-product' }, 'No order number', at(4)),
      // A conversation the database does not know (deleted meanwhile) is left out.
      msg('dm:ghost:seller', 1, 'ghost', { orderNo: '1' }),
    ],
    conversations,
    ME,
  );

  it('makes one row per order number and conversation, newest mention first', () => {
    expect(rows.map((r) => [r.partner, r.orderNo, r.messages])).toEqual([
      ['bruno', '8123', 1],
      ['anna', '8123', 3],
      ['bruno', '77', 1],
    ]);
  });

  it('takes the latest message (by seq) and its product, price, sender and time', () => {
    const anna = rows.find((r) => r.partner === 'anna');
    expect(anna).toMatchObject({
      lastText: 'Shipped',
      lastSender: ME,
      lastAt: at(2),
      product: 'LED strip 5 m',
      price: 'US$ 2.10',
      partnerName: 'Anna Kowalska',
    });
  });

  it('knows who each conversation waits on', () => {
    expect(rows.find((r) => r.partner === 'anna')).toMatchObject({ waitingOn: 'me', waitingSince: at(3) });
    expect(rows.find((r) => r.orderNo === '77')).toMatchObject({ waitingOn: 'them', waitingSince: at(4) });
  });

  it('counts a message still pending as the newest mention', () => {
    const [row] = aggregateOrders(
      [
        msg('dm:anna:seller', 9, 'anna', { orderNo: '5' }, 'stored', at(5)),
        msg('dm:anna:seller', undefined, ME, { orderNo: '5' }, 'pending', at(1)),
      ],
      conversations,
      ME,
    );
    expect(row?.lastText).toBe('pending');
  });

  it('sorts by every column both ways, ties stable by order number', () => {
    expect(sortOrders(rows, 'orderNo', 'asc').map((r) => r.orderNo)).toEqual(['77', '8123', '8123']);
    expect(sortOrders(rows, 'partner', 'desc').map((r) => r.partner)).toEqual(['bruno', 'bruno', 'anna']);
    expect(sortOrders(rows, 'product', 'asc')[2]?.product).toBe('LED strip 5 m');
    expect(sortOrders(rows, 'lastAt', 'asc').map((r) => r.lastText)).toEqual([
      'Sample?',
      'Shipped',
      'Yours too',
    ]);
    // Waiting: on me first (the seller's queue), then on them.
    expect(sortOrders(rows, 'waiting', 'asc').map((r) => r.waitingOn)).toEqual(['me', 'them', 'them']);
  });

  it('filters on number, product, partner and the latest message, accents and case aside', () => {
    expect(filterOrders(rows, '77').map((r) => r.orderNo)).toEqual(['77']);
    expect(filterOrders(rows, 'led strip').map((r) => r.partner)).toEqual(['anna']);
    expect(filterOrders(rows, 'KOWALSKA 8123').map((r) => r.partner)).toEqual(['anna']);
    expect(filterOrders(rows, 'bruno').length).toBe(2);
    expect(filterOrders(rows, 'sample').map((r) => r.orderNo)).toEqual(['77']);
    expect(filterOrders(rows, 'nothing like it')).toEqual([]);
    expect(filterOrders(rows, '  ').length).toBe(3);
  });
});
