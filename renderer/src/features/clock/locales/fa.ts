import type { WaitingMessages } from './waiting';

export const waitingFa: WaitingMessages = {
  waiting: {
    onMe: 'منتظر پاسخ شما · {{waited}}',
    onThem: 'منتظر پاسخ {{name}} · {{waited}}',
    none: 'کسی منتظر نیست',
    since: '{{waited}} در انتظار',
    inHours: '{{waited}} در ساعات کاری شما',
  },
};
