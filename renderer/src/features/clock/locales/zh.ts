import type { WaitingMessages } from './waiting';

export const waitingZh: WaitingMessages = {
  waiting: {
    onMe: '等你回复 · {{waited}}',
    onThem: '等 {{name}} 回复 · {{waited}}',
    none: '无人等待',
    since: '已等 {{waited}}',
    inHours: '其中工作时间 {{waited}}',
  },
};
