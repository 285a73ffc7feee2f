import { useTranslation } from 'react-i18next';
import type { ContactRow } from '../../db/schema';
import { locale } from '../../i18n';
import { formatBusinessHours } from './ContactNote';

/** Profile card rows the foundation did not have: the contact's weekly business hours (their time). */
export function BusinessHoursFact({ contact }: { contact: ContactRow }): React.JSX.Element | null {
  const { t } = useTranslation();
  const lines = formatBusinessHours(contact.user.profile.businessHours, locale(), t('clock.closedAllWeek'));
  if (lines.length === 0) return null;
  return (
    <>
      <dt>{t('clock.businessHours')}</dt>
      <dd>
        {lines.map((l) => (
          <span key={l} className="hours-line">
            {l}
            <br />
          </span>
        ))}
      </dd>
    </>
  );
}
