/**
 * Who a conversation waits on, and for how long (issue 11: the orders view's waiting column and
 * the Unanswered queue), in every interface language. Gathered in renderer/src/app/strings.ts.
 */
import type { Widen } from '../../../i18n/en';

export const waitingEn = {
  waiting: {
    onMe: 'waiting on you · {{waited}}',
    onThem: 'waiting on {{name}} · {{waited}}',
    none: 'nobody is waiting',
    since: 'waiting {{waited}}',
    inHours: '{{waited}} in your working hours',
  },
} as const;

export type WaitingMessages = Widen<typeof waitingEn>;

export const waitingZh: WaitingMessages = {
  waiting: {
    onMe: '等你回复 · {{waited}}',
    onThem: '等 {{name}} 回复 · {{waited}}',
    none: '无人等待',
    since: '已等 {{waited}}',
    inHours: '其中工作时间 {{waited}}',
  },
};

export const waitingPl: WaitingMessages = {
  waiting: {
    onMe: 'czeka na ciebie · {{waited}}',
    onThem: 'czekasz na odpowiedź: {{name}} · {{waited}}',
    none: 'nikt nie czeka',
    since: 'czeka {{waited}}',
    inHours: '{{waited}} w twoich godzinach pracy',
  },
};

export const waitingPtBR: WaitingMessages = {
  waiting: {
    onMe: 'esperando por você · {{waited}}',
    onThem: 'esperando {{name}} · {{waited}}',
    none: 'ninguém está esperando',
    since: 'esperando há {{waited}}',
    inHours: '{{waited}} no seu horário de trabalho',
  },
};

export const waitingRo: WaitingMessages = {
  waiting: {
    onMe: 'așteaptă răspunsul tău · {{waited}}',
    onThem: 'aștepți răspuns de la {{name}} · {{waited}}',
    none: 'nu așteaptă nimeni',
    since: 'așteaptă de {{waited}}',
    inHours: '{{waited}} în programul tău de lucru',
  },
};

export const waitingAr: WaitingMessages = {
  waiting: {
    onMe: 'بانتظار ردّك · {{waited}}',
    onThem: 'بانتظار ردّ {{name}} · {{waited}}',
    none: 'لا أحد ينتظر',
    since: 'ينتظر منذ {{waited}}',
    inHours: '{{waited}} ضمن ساعات عملك',
  },
};

export const waitingFa: WaitingMessages = {
  waiting: {
    onMe: 'منتظر پاسخ شما · {{waited}}',
    onThem: 'منتظر پاسخ {{name}} · {{waited}}',
    none: 'کسی منتظر نیست',
    since: '{{waited}} در انتظار',
    inHours: '{{waited}} در ساعات کاری شما',
  },
};

export const waitingRu: WaitingMessages = {
  waiting: {
    onMe: 'ждёт вашего ответа · {{waited}}',
    onThem: 'вы ждёте ответа: {{name}} · {{waited}}',
    none: 'никто не ждёт',
    since: 'ждёт {{waited}}',
    inHours: '{{waited}} в ваши рабочие часы',
  },
};

export const waitingTr: WaitingMessages = {
  waiting: {
    onMe: 'yanıtınızı bekliyor · {{waited}}',
    onThem: '{{name}} yanıtı bekleniyor · {{waited}}',
    none: 'bekleyen yok',
    since: '{{waited}} bekliyor',
    inHours: 'çalışma saatlerinizde {{waited}}',
  },
};
