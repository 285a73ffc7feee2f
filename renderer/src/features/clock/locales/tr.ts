import type { WaitingMessages } from './waiting';

export const waitingTr: WaitingMessages = {
  waiting: {
    onMe: 'yanıtınızı bekliyor · {{waited}}',
    onThem: '{{name}} yanıtı bekleniyor · {{waited}}',
    none: 'bekleyen yok',
    since: '{{waited}} bekliyor',
    inHours: 'çalışma saatlerinizde {{waited}}',
  },
};
