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

/** Where the reader left off in a conversation: the first seq after the read mark, and how many were unread. */
interface LeftOff {
  conversationId: string;
  seq: number;
  count: number;
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
  // Opening a conversation in a focused window reads it at once (the read mark moves to the
  // newest, `unread` drops to 0), so the way back to where the reader left off is kept from the
  // first sight of it until it is used or another conversation opens. It follows more messages
  // arriving before the read mark moves; a message read on arrival does not replace it.
  const [kept, setKept] = useState<LeftOff | null>(null);
  const leftOff = kept?.conversationId === conversationId ? kept : null;
  if (unread > 0 && (leftOff === null || (leftOff.seq === firstUnread && leftOff.count !== unread))) {
    setKept({ conversationId, seq: firstUnread, count: unread });
  }

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
      {leftOff && (
        <button
          type="button"
          className="button-ghost"
          onClick={() => {
            setKept(null);
            void goToSeq(leftOff.seq);
          }}
        >
          {t('conversation.firstUnread', { count: leftOff.count })}
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
