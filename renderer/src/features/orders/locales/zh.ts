import type { OrdersViewMessages } from './ordersView';

export const ordersViewZh: OrdersViewMessages = {
  ordersView: {
    title: '订单',
    filter: '筛选订单',
    filterPlaceholder: '编号、产品、对方或消息',
    count_one: '{{count}} 个订单',
    count_other: '{{count}} 个订单',
    table: '会话中提到的订单',
    order: '订单',
    product: '产品',
    partner: '对方',
    lastMessage: '最新消息',
    waiting: '等待',
    sortBy: '按{{column}}排序',
    open: '打开与 {{name}} 关于订单 #{{orderNo}} 的会话',
    you: '我：{{text}}',
    reference: '订单引用',
    empty: '还没有会话提到订单。用消息框下方的订单按钮附上订单，它就会列在这里。',
    noMatch: '没有与“{{query}}”匹配的订单。',
  },
};
