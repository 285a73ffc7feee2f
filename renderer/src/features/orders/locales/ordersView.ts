/**
 * Strings of the orders view (issue 11: the rail's Orders), in every interface language. Gathered
 * with every catalogue in renderer/src/app/strings.ts; English is the source of the keys.
 */
import type { Widen } from '../../../i18n/en';

export const ordersViewEn = {
  ordersView: {
    title: 'Orders',
    filter: 'Filter orders',
    filterPlaceholder: 'Number, product, partner or message',
    count_one: '{{count}} order',
    count_other: '{{count}} orders',
    table: 'Orders mentioned in your conversations',
    order: 'Order',
    product: 'Product',
    partner: 'Partner',
    lastMessage: 'Last message',
    waiting: 'Waiting',
    sortBy: 'Sort by {{column}}',
    open: 'Open order #{{orderNo}} with {{name}}',
    you: 'You: {{text}}',
    reference: 'order reference',
    empty:
      'No order has been mentioned in a conversation yet. Attach one with the order button under the message box and it is listed here.',
    noMatch: 'No order matches “{{query}}”.',
  },
} as const;

export type OrdersViewMessages = Widen<typeof ordersViewEn>;
