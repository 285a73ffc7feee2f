import { useTranslation } from 'react-i18next';
import { useSession } from '../sync/session';
import type { ContactRow } from '../db/schema';
import { TranslationPanel } from '../features/translation';
import { OrdersPanel } from '../features/orders';
import { Avatar } from '../ui/Avatar';
import { BusinessHoursFact, ContactNote, useGroups } from '../features/contacts';
import { presenceDetail, useShownPresence, type PresenceTranslate } from '../features/presence';
import { clockIn, formatDate, languageName, regionName, useNow, zoneName } from '../ui/format';

/** The right panel: the contact's profile card. */
export function ProfilePanel({ contact }: { contact: ContactRow }): React.JSX.Element {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const p = contact.user.profile;
  const none = t('profile.none');
  const presence = useShownPresence(contact.presence);
  const { db } = useSession();
  const groups = useGroups(db);
  const group = contact.groupId ? (groups?.find((g) => g.id === contact.groupId) ?? null) : null;
  return (
    <aside className="profile" aria-labelledby="profile-title">
      <h2 id="profile-title" className="pane-title">
        {t('profile.title')}
      </h2>
      <div className="profile-card">
        <Avatar
          id={contact.memberId}
          name={contact.displayName}
          presence={presence.state}
          presenceDetail={presenceDetail(presence, t as unknown as PresenceTranslate)}
          size="lg"
        />
        <p className="profile-name">{contact.displayName}</p>
        <p className="profile-company">
          {/* A Latin "Co., Ltd." in a right-to-left window keeps its full stop at its end. */}
          <bdi>{p.company || none}</bdi>
        </p>
        <span className={`role role-${contact.user.role}`}>{t(`profile.${contact.user.role}`)}</span>
      </div>
      <dl className="facts">
        <dt>{t('profile.memberId')}</dt>
        <dd className="mono">{contact.memberId}</dd>
        <dt>{t('profile.country')}</dt>
        <dd>{p.country ? regionName(p.country) : none}</dd>
        <dt>{t('profile.timeZone')}</dt>
        <dd>
          {/* Named in my language, not the IANA id ("Asia/Shanghai" stayed English: issue 12). */}
          {zoneName(p.timeZone, now.getTime())} · {clockIn(p.timeZone, now)}
        </dd>
        <dt>{t('profile.languages')}</dt>
        <dd>{p.languages.length ? p.languages.map(languageName).join(', ') : none}</dd>
        <dt>{t('profile.memberSince')}</dt>
        <dd>{formatDate(contact.user.memberSince)}</dd>
        <BusinessHoursFact contact={contact} />
      </dl>
      <OrdersPanel contact={contact} />
      <ContactNote contact={contact} />
      <TranslationPanel contact={contact} group={group} />
    </aside>
  );
}
