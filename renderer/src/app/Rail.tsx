import { useTranslation } from 'react-i18next';
import { Avatar } from '../ui/Avatar';
import { Icon } from '../ui/icons';

/** What the main area shows; the rail switches between them (UI.md: chats, contacts, orders, settings). */
export type View = 'chats' | 'contacts' | 'orders' | 'settings';

const VIEWS: readonly View[] = ['chats', 'contacts', 'orders', 'settings'];

interface Props {
  meId: string;
  meName: string;
  view: View;
  onView: (view: View) => void;
  onSignOut: () => void;
}

/** The left rail: the sections of the app (each opens its screen), who is signed in, sign out. */
export function Rail({ meId, meName, view, onView, onSignOut }: Props): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <nav className="rail" aria-label={t('rail.label')}>
      <div className="rail-logo" aria-hidden="true">
        TW
      </div>
      <ul className="rail-items">
        {VIEWS.map((k) => (
          <li key={k}>
            <button
              type="button"
              className="rail-button"
              aria-current={view === k ? 'page' : undefined}
              title={t(`rail.${k}`)}
              aria-label={t(`rail.${k}`)}
              onClick={() => onView(k)}
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
