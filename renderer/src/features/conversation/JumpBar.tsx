import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../sync/session';
import { DateField } from '../../ui/DateField';
import { firstSeqFrom } from './find';
import { openAt } from './openAt';

interface Props {
  conversationId: string;
  unread: number;
  /** Seq after my read mark. */
  firstUnread: number;
  atNewest: boolean;
  onLatest: () => void;
}

/** Jump to the first unread message, to a date, or back to the newest (issue 10). */
export function JumpBar({
  conversationId,
  unread,
  firstUnread,
  atNewest,
  onLatest,
}: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { db } = useSession();
  const [day, setDay] = useState('');
  const [notFound, setNotFound] = useState(false);

  // Jumps name a message by its client id: look up the stored message with this seq.
  const goToSeq = async (seq: number): Promise<boolean> => {
    const m = await db.messages.where('[conversationId+seq]').equals([conversationId, seq]).first();
    if (m) openAt(conversationId, m.clientId);
    return m !== undefined;
  };

  const goToDay = async (value: string): Promise<void> => {
    setDay(value);
    setNotFound(false);
    if (!value) return;
    // Midnight of that day where the reader is.
    const seq = await firstSeqFrom(db, conversationId, new Date(`${value}T00:00:00`));
    setNotFound(seq === null || !(await goToSeq(seq)));
  };

  return (
    <div className="jump-bar">
      {unread > 0 && (
        <button type="button" className="button-ghost" onClick={() => void goToSeq(firstUnread)}>
          {t('conversation.firstUnread', { count: unread })}
        </button>
      )}
      <label>
        {t('conversation.goToDate')} <DateField value={day} onChange={(v) => void goToDay(v)} />
      </label>
      {notFound && <span role="status">{t('conversation.nothingAfter')}</span>}
      {!atNewest && (
        <button type="button" className="button-ghost" onClick={onLatest}>
          {t('conversation.latest')}
        </button>
      )}
    </div>
  );
}
