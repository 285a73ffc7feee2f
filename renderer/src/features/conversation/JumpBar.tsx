import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../sync/session';
import { DateField } from '../../ui/DateField';
import { firstSeqFrom } from './find';
import { nextLeftOff, shownLeftOff, usedLeftOff, type LeftOff } from './leftOff';
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
  // Where the reader left off, kept after the read mark moves and until used (leftOff.ts).
  const [kept, setKept] = useState<LeftOff | null>(null);
  const next = nextLeftOff(kept, { conversationId, unread, firstUnread });
  if (next !== kept) setKept(next);
  const leftOff = shownLeftOff(next, conversationId);

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
            setKept(usedLeftOff(leftOff));
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
