import type { OrdersViewMessages } from './ordersView';

export const ordersViewAr: OrdersViewMessages = {
  ordersView: {
    title: 'الطلبات',
    filter: 'تصفية الطلبات',
    filterPlaceholder: 'الرقم أو المنتج أو الشريك أو الرسالة',
    count_zero: 'لا طلبات',
    count_one: 'طلب واحد',
    count_two: 'طلبان',
    count_few: '{{count}} طلبات',
    count_many: '{{count}} طلبًا',
    count_other: '{{count}} طلب',
    table: 'الطلبات المذكورة في محادثاتك',
    order: 'الطلب',
    product: 'المنتج',
    partner: 'الشريك',
    lastMessage: 'آخر رسالة',
    waiting: 'الانتظار',
    sortBy: 'الترتيب حسب {{column}}',
    open: 'فتح الطلب #{{orderNo}} مع {{name}}',
    you: 'أنت: {{text}}',
    reference: 'مرجع طلب',
    empty: 'لم يُذكر أي طلب في محادثاتك بعد. أرفق طلبًا بزر الطلب أسفل مربع الرسالة وسيظهر هنا.',
    noMatch: 'لا يوجد طلب يطابق «{{query}}».',
  },
};
