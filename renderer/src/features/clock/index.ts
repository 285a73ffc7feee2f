/** Their local time, business hours, reply statistics and the waiting clock: what others may use. */
export { clockPhrase, formatDuration, hoursPhrase, type Translate } from './clockText';
export { ConversationWaiting, type WaitingFacts } from './ConversationWaiting';
export { ComposerNotes, TheirClock } from './TheirClock';
export { useContactTime } from './useContactTime';
export { DeadlinePicker, WaitingBadge, WaitingNotifier } from './WaitingClock';
