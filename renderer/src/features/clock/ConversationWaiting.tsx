import { useTranslation } from 'react-i18next';
import { waitingClock, type Deadline } from '../../../../shared/domain/waitingClock';
import { formatDuration, waitingPhrase, type Translate } from './clockText';

/** What a conversation's waiting line needs (the conversation row and its deadline). */
export interface WaitingFacts {
  me: string;
  partnerName: string;
  /** Who wrote last, and since when their run has waited for an answer. */
  lastSender: string | null;
  lastRunSince: string | null;
  /** The waiting clock's deadline for this conversation, if the user set one. */
  deadline: Deadline | null;
  now: number;
}

/**
 * Who a conversation waits on, and how long (issue 11, the orders view): "waiting on you · 3 h"
 * when the partner wrote last; when I did, the waiting clock ("waiting 31 h of 48 h", coloured
 * ok / near / passed) if a deadline is set, else "waiting on Li Wei · 5 h".
 */
export function ConversationWaiting({
  me,
  partnerName,
  lastSender,
  lastRunSince,
  deadline,
  now,
}: WaitingFacts): React.JSX.Element {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  if (lastSender === null || lastRunSince === null) {
    return <span className="muted">{t('waiting.none')}</span>;
  }
  const waited = formatDuration(Math.max(0, now - Date.parse(lastRunSince)), tr);
  if (lastSender !== me) return <span className="waiting-on-me">{t('waiting.onMe', { waited })}</span>;
  if (deadline) {
    const clock = waitingClock([{ sender: me, sentAt: lastRunSince }], me, deadline, now);
    const text = waitingPhrase(clock, tr);
    if (clock.state !== 'idle' && text) {
      return (
        <span className={`waiting ${clock.state}`} title={partnerName}>
          {text}
        </span>
      );
    }
  }
  return <span className="muted">{t('waiting.onThem', { name: partnerName, waited })}</span>;
}
