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
