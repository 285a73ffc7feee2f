import type { OrdersViewMessages } from './ordersView';

export const ordersViewRo: OrdersViewMessages = {
  ordersView: {
    title: 'Comenzi',
    filter: 'Filtrează comenzile',
    filterPlaceholder: 'Număr, produs, partener sau mesaj',
    count_one: '{{count}} comandă',
    count_few: '{{count}} comenzi',
    count_other: '{{count}} de comenzi',
    table: 'Comenzile menționate în conversațiile tale',
    order: 'Comandă',
    product: 'Produs',
    partner: 'Partener',
    lastMessage: 'Ultimul mesaj',
    waiting: 'Așteptare',
    sortBy: 'Sortează după: {{column}}',
    open: 'Deschide comanda #{{orderNo}} cu {{name}}',
    you: 'Tu: {{text}}',
    reference: 'referință la comandă',
    empty:
      'Nicio conversație nu a menționat încă o comandă. Atașează una cu butonul de comandă de sub caseta de mesaj și va apărea aici.',
    noMatch: 'Nicio comandă nu corespunde cu „{{query}}”.',
  },
};
