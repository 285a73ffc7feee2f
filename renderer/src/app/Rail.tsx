import { useTranslation } from 'react-i18next';
import { Avatar } from '../ui/Avatar';
import { Icon } from '../ui/icons';

interface Props {
  meId: string;
  meName: string;
  onSignOut: () => void;
}

const ICONS = ['chats', 'contacts', 'orders', 'settings'] as const;

/** The left rail: sections of the app, who is signed in, sign out. */
export function Rail({ meId, meName, onSignOut }: Props): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <nav className="rail" aria-label={t('rail.label')}>
      <div className="rail-logo" aria-hidden="true">
        TW
      </div>
      <ul className="rail-items">
        {ICONS.map((k) => (
          <li key={k}>
            <button
              type="button"
              className="rail-button"
              aria-current={k === 'chats' ? 'page' : undefined}
              disabled={k !== 'chats'}
              title={t(`rail.${k}`)}
              aria-label={t(`rail.${k}`)}
            >
              <Icon name={k} />
            </button>
          </li>
        ))}
      </ul>
      <div className="rail-bottom">
        <span title={t('rail.me', { name: meName, id: meId })}>
          <Avatar id={meId} name={meName} size="sm" />
        </span>
        <button
          type="button"
          className="rail-button"
          onClick={onSignOut}
          title={t('rail.signOut')}
          aria-label={t('rail.signOut')}
        >
          <Icon name="signOut" />
        </button>
      </div>
    </nav>
  );
}
