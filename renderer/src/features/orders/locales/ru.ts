import type { OrdersViewMessages } from './ordersView';

export const ordersViewRu: OrdersViewMessages = {
  ordersView: {
    title: 'Заказы',
    filter: 'Фильтр заказов',
    filterPlaceholder: 'Номер, товар, партнёр или сообщение',
    count_one: '{{count}} заказ',
    count_few: '{{count}} заказа',
    count_many: '{{count}} заказов',
    count_other: '{{count}} заказа',
    table: 'Заказы, упомянутые в ваших переписках',
    order: 'Заказ',
    product: 'Товар',
    partner: 'Партнёр',
    lastMessage: 'Последнее сообщение',
    waiting: 'Ожидание',
    sortBy: 'Сортировать: {{column}}',
    open: 'Открыть заказ #{{orderNo}} — {{name}}',
    you: 'Вы: {{text}}',
    reference: 'ссылка на заказ',
    empty:
      'Ни в одной переписке ещё не упоминался заказ. Прикрепите его кнопкой заказа под полем сообщения, и он появится здесь.',
    noMatch: 'Нет заказов по запросу «{{query}}».',
  },
};
