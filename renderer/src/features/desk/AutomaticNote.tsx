/**
 * The line an automatic reply carries in its bubble (issue 11): "Automatic reply · Back on Monday
 * at 03:00 your time" — the return time from the message's structured `backAt`, on the reader's
 * clock and in the reader's language, whatever language the seller's text is in.
 */
import { useTranslation } from 'react-i18next';
import { backAtForReader } from '../../../../shared/domain/awayReply';
import type { AutomaticReply } from '../../../../shared/protocol';
import { localTimeZone } from '../../domain/days';
import { formatTime } from '../../ui/format';
import './autoReply.css';

export function AutomaticNote({
  automatic,
  sentAt,
}: {
  automatic: AutomaticReply | null | undefined;
  /** When the reply was sent: "today" means that day, so the line never changes later. */
  sentAt: string | undefined;
}): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  if (!automatic) return null;
  let back: string | null = null;
  if (automatic.backAt) {
    const zone = localTimeZone();
    const from = sentAt ? Date.parse(sentAt) : Date.parse(automatic.backAt);
    const r = backAtForReader(automatic.backAt, zone, from);
    const time = formatTime(automatic.backAt, zone);
    const day = new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: zone }).format(
      new Date(automatic.backAt),
    );
    back = r.dayOffset <= 0 ? t('autoReply.backToday', { time }) : t('autoReply.backOn', { time, day });
  }
  return (
    <div className="automatic-note">
      <span className="automatic-label">{t('autoReply.automatic')}</span>
      {back && <span className="automatic-back"> · {back}</span>}
    </div>
  );
}
