import type { WaitingMessages } from './waiting';

export const waitingRo: WaitingMessages = {
  waiting: {
    onMe: 'așteaptă răspunsul tău · {{waited}}',
    onThem: 'aștepți răspuns de la {{name}} · {{waited}}',
    none: 'nu așteaptă nimeni',
    since: 'așteaptă de {{waited}}',
    inHours: '{{waited}} în programul tău de lucru',
  },
};
