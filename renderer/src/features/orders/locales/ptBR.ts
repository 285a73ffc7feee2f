import type { OrdersViewMessages } from './ordersView';

export const ordersViewPtBR: OrdersViewMessages = {
  ordersView: {
    title: 'Pedidos',
    filter: 'Filtrar pedidos',
    filterPlaceholder: 'Número, produto, parceiro ou mensagem',
    count_one: '{{count}} pedido',
    count_many: '{{count}} de pedidos',
    count_other: '{{count}} pedidos',
    table: 'Pedidos mencionados nas suas conversas',
    order: 'Pedido',
    product: 'Produto',
    partner: 'Parceiro',
    lastMessage: 'Última mensagem',
    waiting: 'Espera',
    sortBy: 'Ordenar por {{column}}',
    open: 'Abrir o pedido #{{orderNo}} com {{name}}',
    you: 'Você: {{text}}',
    reference: 'referência de pedido',
    empty:
      'Nenhuma conversa mencionou um pedido ainda. Anexe um com o botão de pedido abaixo da caixa de mensagem e ele aparecerá aqui.',
    noMatch: 'Nenhum pedido corresponde a “{{query}}”.',
  },
};
