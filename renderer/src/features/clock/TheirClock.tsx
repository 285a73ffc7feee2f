import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { replyStats } from '../../../../shared/domain/replyStats';
import { useContact } from '../../db/hooks';
import type { ContactRow, MessageRow } from '../../db/schema';
import { useSession } from '../../sync/session';
import { headerClock, likelyReadPhrase, replyPhrase, type Translate } from './clockText';
import { useContactTime } from './useContactTime';

/** Stored messages as reply-statistics history (pending ones have no server time yet). */
export function historyOf(
  messages: readonly MessageRow[],
): { sender: string; sentAt: string; automatic: boolean }[] {
  // Automatic replies stay in: the domain functions leave them out of reply times and clocks.
  return messages.flatMap((m) =>
    m.sentAt ? [{ sender: m.sender, sentAt: m.sentAt, automatic: !!m.automatic }] : [],
  );
}

/** Header line: "03:12 in Shanghai, GMT+8, outside business hours — opens in 5 h 48 min · usually replies within ~2 h". */
export function TheirClock({
  contact,
  messages,
  me,
}: {
  contact: ContactRow;
  messages: readonly MessageRow[];
  me: string;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const time = useContactTime(contact.user.profile);
  const p = contact.user.profile;
  const stats = useMemo(
    () =>
      replyStats(historyOf(messages), me, {
        memberId: contact.memberId,
        timeZone: p.timeZone,
        businessHours: p.businessHours,
      }),
    [messages, me, contact.memberId, p.timeZone, p.businessHours],
  );
  if (!time) return null;
  const reply = replyPhrase(stats, tr);
  return (
    <>
      <span className={`their-clock ${time.status.state}`}>{headerClock(time, tr)}</span>
      {reply && <span className="reply-stats">{reply}</span>}
    </>
  );
}

/** Under the composer: when they will likely read it, and that an offline partner gets it later. */
export function ComposerNotes({ partnerId }: { partnerId: string }): React.JSX.Element | null {
  const { t } = useTranslation();
  const { db } = useSession();
  const contact = useContact(db, partnerId);
  const tr = t as unknown as Translate;
  const time = useContactTime(contact?.user.profile);
  if (!contact) return null;
  const likely = time ? likelyReadPhrase(time, tr) : null;
  const offline = contact.presence.state === 'offline';
  if (!likely && !offline) return null;
  return (
    <p className="composer-notes" role="note">
      {likely && <span>{likely}</span>}
      {offline && <span>{t('clock.deliveredWhenBack', { name: contact.displayName })}</span>}
    </p>
  );
}
