import type { WaitingMessages } from './waiting';

export const waitingRu: WaitingMessages = {
  waiting: {
    onMe: 'ждёт вашего ответа · {{waited}}',
    onThem: 'вы ждёте ответа: {{name}} · {{waited}}',
    none: 'никто не ждёт',
    since: 'ждёт {{waited}}',
    inHours: '{{waited}} в ваши рабочие часы',
  },
};
