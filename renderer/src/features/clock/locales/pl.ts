import type { WaitingMessages } from './waiting';

export const waitingPl: WaitingMessages = {
  waiting: {
    onMe: 'czeka na ciebie · {{waited}}',
    onThem: 'czekasz na odpowiedź: {{name}} · {{waited}}',
    none: 'nikt nie czeka',
    since: 'czeka {{waited}}',
    inHours: '{{waited}} w twoich godzinach pracy',
  },
};
