import type { OrdersViewMessages } from './ordersView';

export const ordersViewFa: OrdersViewMessages = {
  ordersView: {
    title: 'سفارش‌ها',
    filter: 'فیلتر سفارش‌ها',
    filterPlaceholder: 'شماره، محصول، طرف مقابل یا پیام',
    count_one: '{{count}} سفارش',
    count_other: '{{count}} سفارش',
    table: 'سفارش‌هایی که در گفتگوهای شما آمده‌اند',
    order: 'سفارش',
    product: 'محصول',
    partner: 'طرف مقابل',
    lastMessage: 'آخرین پیام',
    waiting: 'انتظار',
    sortBy: 'مرتب‌سازی بر اساس {{column}}',
    open: 'باز کردن سفارش #{{orderNo}} با {{name}}',
    you: 'شما: {{text}}',
    reference: 'ارجاع سفارش',
    empty:
      'هنوز در هیچ گفتگویی سفارشی نیامده است. با دکمهٔ سفارش زیر کادر پیام یکی پیوست کنید تا اینجا فهرست شود.',
    noMatch: 'هیچ سفارشی با «{{query}}» مطابقت ندارد.',
  },
};
