import type { OrdersViewMessages } from './ordersView';

export const ordersViewPl: OrdersViewMessages = {
  ordersView: {
    title: 'Zamówienia',
    filter: 'Filtruj zamówienia',
    filterPlaceholder: 'Numer, produkt, partner lub wiadomość',
    count_one: '{{count}} zamówienie',
    count_few: '{{count}} zamówienia',
    count_many: '{{count}} zamówień',
    count_other: '{{count}} zamówienia',
    table: 'Zamówienia wspomniane w twoich rozmowach',
    order: 'Zamówienie',
    product: 'Produkt',
    partner: 'Partner',
    lastMessage: 'Ostatnia wiadomość',
    waiting: 'Oczekiwanie',
    sortBy: 'Sortuj według: {{column}}',
    open: 'Otwórz zamówienie #{{orderNo}} – {{name}}',
    you: 'Ty: {{text}}',
    reference: 'odnośnik do zamówienia',
    empty:
      'Żadna rozmowa nie wspomina jeszcze zamówienia. Dołącz je przyciskiem zamówienia pod polem wiadomości, a pojawi się tutaj.',
    noMatch: 'Żadne zamówienie nie pasuje do „{{query}}”.',
  },
};
