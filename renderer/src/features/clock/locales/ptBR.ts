import type { WaitingMessages } from './waiting';

export const waitingPtBR: WaitingMessages = {
  waiting: {
    onMe: 'esperando por você · {{waited}}',
    onThem: 'esperando {{name}} · {{waited}}',
    none: 'ninguém está esperando',
    since: 'esperando há {{waited}}',
    inHours: '{{waited}} no seu horário de trabalho',
  },
};
