import { useTranslation } from 'react-i18next';
import { Avatar } from '../ui/Avatar';
import { Icon } from '../ui/icons';

/** What the main area shows; the rail switches between them. */
export type View = 'chats' | 'settings';

interface Props {
  meId: string;
  meName: string;
  view: View;
  onView: (view: View) => void;
  /** Contacts: the contact pane's search (the directory screen of UI.md is not built yet). */
  onContacts: () => void;
  onSignOut: () => void;
}

/** The left rail: sections of the app, who is signed in, sign out. */
export function Rail({ meId, meName, view, onView, onContacts, onSignOut }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const item = (k: 'chats' | 'contacts' | 'settings', current: boolean, onClick: () => void) => (
    <li key={k}>
      <button
        type="button"
        className="rail-button"
        aria-current={current ? 'page' : undefined}
        title={t(`rail.${k}`)}
        aria-label={t(`rail.${k}`)}
        onClick={onClick}
      >
        <Icon name={k} />
      </button>
    </li>
  );
  return (
    <nav className="rail" aria-label={t('rail.label')}>
      <div className="rail-logo" aria-hidden="true">
        TW
      </div>
      <ul className="rail-items">
        {item('chats', view === 'chats', () => onView('chats'))}
        {item('contacts', false, onContacts)}
        {item('settings', view === 'settings', () => onView('settings'))}
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
