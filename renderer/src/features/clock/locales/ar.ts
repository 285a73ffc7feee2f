import type { WaitingMessages } from './waiting';

export const waitingAr: WaitingMessages = {
  waiting: {
    onMe: 'بانتظار ردّك · {{waited}}',
    onThem: 'بانتظار ردّ {{name}} · {{waited}}',
    none: 'لا أحد ينتظر',
    since: 'ينتظر منذ {{waited}}',
    inHours: '{{waited}} ضمن ساعات عملك',
  },
};
