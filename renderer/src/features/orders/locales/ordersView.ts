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
