import type { OrdersViewMessages } from './ordersView';

export const ordersViewTr: OrdersViewMessages = {
  ordersView: {
    title: 'Siparişler',
    filter: 'Siparişleri filtrele',
    filterPlaceholder: 'Numara, ürün, iş ortağı veya mesaj',
    count_one: '{{count}} sipariş',
    count_other: '{{count}} sipariş',
    table: 'Sohbetlerinizde geçen siparişler',
    order: 'Sipariş',
    product: 'Ürün',
    partner: 'İş ortağı',
    lastMessage: 'Son mesaj',
    waiting: 'Bekleme',
    sortBy: 'Sırala: {{column}}',
    open: '#{{orderNo}} siparişini aç ({{name}})',
    you: 'Siz: {{text}}',
    reference: 'sipariş referansı',
    empty:
      'Henüz hiçbir sohbette sipariş geçmedi. Mesaj kutusunun altındaki sipariş düğmesiyle bir sipariş ekleyin; burada listelenir.',
    noMatch: '“{{query}}” ile eşleşen sipariş yok.',
  },
};
