/**
 * Strings of the contact directory (the rail's Contacts) and of the Unanswered filter of the
 * conversation list (issue 11), in every interface language. Gathered in renderer/src/app/strings.ts.
 */
import type { Widen } from '../../../i18n/en';

export const directoryEn = {
  directory: {
    title: 'Contacts',
    search: 'Search contacts',
    searchPlaceholder: 'Name, ID, company or country',
    list: 'All contacts',
    count_one: '{{count}} contact',
    count_other: '{{count}} contacts',
    noMatch: 'No contact matches “{{query}}”.',
    empty: 'No contacts yet. Add someone by their member ID.',
    chat: 'Chat',
    chatWith: 'Open the chat with {{name}}',
  },
  unanswered: {
    toggle: 'Unanswered',
    toggleHint: 'Show only the conversations waiting on your answer, the longest waiting first',
    list: 'Waiting on your answer, the longest waiting first',
    empty: 'Nothing is waiting on you: every conversation has your answer.',
  },
} as const;

export type DirectoryMessages = Widen<typeof directoryEn>;

export const directoryZh: DirectoryMessages = {
  directory: {
    title: '联系人',
    search: '搜索联系人',
    searchPlaceholder: '姓名、ID、公司或国家',
    list: '全部联系人',
    count_one: '{{count}} 位联系人',
    count_other: '{{count}} 位联系人',
    noMatch: '没有与“{{query}}”匹配的联系人。',
    empty: '还没有联系人。输入会员 ID 添加联系人。',
    chat: '聊天',
    chatWith: '打开与 {{name}} 的聊天',
  },
  unanswered: {
    toggle: '未回复',
    toggleHint: '只显示等你回复的会话，等待最久的在前',
    list: '等你回复的会话，等待最久的在前',
    empty: '没有等你回复的会话：每个会话都已回复。',
  },
};

export const directoryPl: DirectoryMessages = {
  directory: {
    title: 'Kontakty',
    search: 'Szukaj kontaktów',
    searchPlaceholder: 'Nazwa, ID, firma lub kraj',
    list: 'Wszystkie kontakty',
    count_one: '{{count}} kontakt',
    count_few: '{{count}} kontakty',
    count_many: '{{count}} kontaktów',
    count_other: '{{count}} kontaktu',
    noMatch: 'Żaden kontakt nie pasuje do „{{query}}”.',
    empty: 'Nie masz jeszcze kontaktów. Dodaj kogoś po jego ID członka.',
    chat: 'Czat',
    chatWith: 'Otwórz czat: {{name}}',
  },
  unanswered: {
    toggle: 'Bez odpowiedzi',
    toggleHint: 'Pokaż tylko rozmowy czekające na twoją odpowiedź, najdłużej czekające najpierw',
    list: 'Czekają na twoją odpowiedź, najdłużej czekające najpierw',
    empty: 'Nic na ciebie nie czeka: każda rozmowa ma już twoją odpowiedź.',
  },
};

export const directoryPtBR: DirectoryMessages = {
  directory: {
    title: 'Contatos',
    search: 'Buscar contatos',
    searchPlaceholder: 'Nome, ID, empresa ou país',
    list: 'Todos os contatos',
    count_one: '{{count}} contato',
    count_many: '{{count}} de contatos',
    count_other: '{{count}} contatos',
    noMatch: 'Nenhum contato corresponde a “{{query}}”.',
    empty: 'Ainda não há contatos. Adicione alguém pelo ID de membro.',
    chat: 'Conversar',
    chatWith: 'Abrir a conversa com {{name}}',
  },
  unanswered: {
    toggle: 'Sem resposta',
    toggleHint: 'Mostrar só as conversas que esperam sua resposta, as que esperam há mais tempo primeiro',
    list: 'Esperando sua resposta, as que esperam há mais tempo primeiro',
    empty: 'Nada espera por você: todas as conversas têm sua resposta.',
  },
};

export const directoryRo: DirectoryMessages = {
  directory: {
    title: 'Contacte',
    search: 'Caută contacte',
    searchPlaceholder: 'Nume, ID, companie sau țară',
    list: 'Toate contactele',
    count_one: '{{count}} contact',
    count_few: '{{count}} contacte',
    count_other: '{{count}} de contacte',
    noMatch: 'Niciun contact nu corespunde cu „{{query}}”.',
    empty: 'Încă nu ai contacte. Adaugă pe cineva după ID-ul de membru.',
    chat: 'Chat',
    chatWith: 'Deschide chatul cu {{name}}',
  },
  unanswered: {
    toggle: 'Fără răspuns',
    toggleHint:
      'Arată doar conversațiile care așteaptă răspunsul tău, cele care așteaptă de cel mai mult timp primele',
    list: 'Așteaptă răspunsul tău, cele mai vechi primele',
    empty: 'Nu te așteaptă nimic: fiecare conversație are răspunsul tău.',
  },
};

export const directoryAr: DirectoryMessages = {
  directory: {
    title: 'جهات الاتصال',
    search: 'البحث في جهات الاتصال',
    searchPlaceholder: 'الاسم أو المعرّف أو الشركة أو البلد',
    list: 'كل جهات الاتصال',
    count_zero: 'لا جهات اتصال',
    count_one: 'جهة اتصال واحدة',
    count_two: 'جهتا اتصال',
    count_few: '{{count}} جهات اتصال',
    count_many: '{{count}} جهة اتصال',
    count_other: '{{count}} جهة اتصال',
    noMatch: 'لا توجد جهة اتصال تطابق «{{query}}».',
    empty: 'لا توجد جهات اتصال بعد. أضف شخصًا بمعرّف العضوية.',
    chat: 'محادثة',
    chatWith: 'فتح المحادثة مع {{name}}',
  },
  unanswered: {
    toggle: 'بلا ردّ',
    toggleHint: 'اعرض فقط المحادثات التي تنتظر ردّك، الأطول انتظارًا أولًا',
    list: 'بانتظار ردّك، الأطول انتظارًا أولًا',
    empty: 'لا شيء بانتظارك: كل المحادثات تلقّت ردّك.',
  },
};

export const directoryFa: DirectoryMessages = {
  directory: {
    title: 'مخاطبان',
    search: 'جستجوی مخاطبان',
    searchPlaceholder: 'نام، شناسه، شرکت یا کشور',
    list: 'همهٔ مخاطبان',
    count_one: '{{count}} مخاطب',
    count_other: '{{count}} مخاطب',
    noMatch: 'هیچ مخاطبی با «{{query}}» مطابقت ندارد.',
    empty: 'هنوز مخاطبی ندارید. کسی را با شناسهٔ عضویتش اضافه کنید.',
    chat: 'گفتگو',
    chatWith: 'باز کردن گفتگو با {{name}}',
  },
  unanswered: {
    toggle: 'بی‌پاسخ',
    toggleHint: 'فقط گفتگوهایی که منتظر پاسخ شما هستند، طولانی‌ترین انتظار اول',
    list: 'منتظر پاسخ شما، طولانی‌ترین انتظار اول',
    empty: 'چیزی منتظر شما نیست: همهٔ گفتگوها پاسخ شما را گرفته‌اند.',
  },
};

export const directoryRu: DirectoryMessages = {
  directory: {
    title: 'Контакты',
    search: 'Поиск контактов',
    searchPlaceholder: 'Имя, ID, компания или страна',
    list: 'Все контакты',
    count_one: '{{count}} контакт',
    count_few: '{{count}} контакта',
    count_many: '{{count}} контактов',
    count_other: '{{count}} контакта',
    noMatch: 'Нет контактов по запросу «{{query}}».',
    empty: 'Контактов пока нет. Добавьте кого-нибудь по ID участника.',
    chat: 'Чат',
    chatWith: 'Открыть чат: {{name}}',
  },
  unanswered: {
    toggle: 'Без ответа',
    toggleHint: 'Показать только переписки, которые ждут вашего ответа, сначала самые давние',
    list: 'Ждут вашего ответа, сначала самые давние',
    empty: 'Никто не ждёт вашего ответа: во всех переписках вы ответили.',
  },
};

export const directoryTr: DirectoryMessages = {
  directory: {
    title: 'Kişiler',
    search: 'Kişilerde ara',
    searchPlaceholder: 'Ad, kimlik, şirket veya ülke',
    list: 'Tüm kişiler',
    count_one: '{{count}} kişi',
    count_other: '{{count}} kişi',
    noMatch: '“{{query}}” ile eşleşen kişi yok.',
    empty: 'Henüz kişi yok. Birini üye kimliğiyle ekleyin.',
    chat: 'Sohbet',
    chatWith: '{{name}} ile sohbeti aç',
  },
  unanswered: {
    toggle: 'Yanıtsız',
    toggleHint: 'Yalnızca yanıtınızı bekleyen sohbetleri göster, en uzun bekleyen önce',
    list: 'Yanıtınızı bekleyenler, en uzun bekleyen önce',
    empty: 'Sizi bekleyen bir şey yok: tüm sohbetler yanıtlandı.',
  },
};
