import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageRow } from '../../db/schema';
import { Icon } from '../../ui/icons';
import { IndexProgressBar } from './IndexProgressBar';
import { lazyView } from '../../ui/lazyView';
import './search.css';

/** Loaded on demand: not on the first screen (issue 10, cold start). */
const SearchDialog = lazyView(() => import('./SearchDialog').then((m) => m.SearchDialog));

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The search box above the contact tree: opens the search dialog on click or Ctrl/Cmd+K from
 * anywhere in the window, and shows the index's quiet progress bar while it is being built.
 */
export function SearchBox({ onOpen }: { onOpen: (message: MessageRow) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((isMac ? e.metaKey : e.ctrlKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="search-box">
      <button
        type="button"
        className="search-open"
        aria-haspopup="dialog"
        aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
        onClick={() => setOpen(true)}
      >
        <Icon name="search" size={16} />
        <span className="search-open-label">{t('search.open')}</span>
        <kbd aria-hidden="true">{isMac ? '⌘K' : 'Ctrl+K'}</kbd>
      </button>
      <IndexProgressBar />
      {open && (
        <SearchDialog
          onClose={() => setOpen(false)}
          onOpen={(m) => {
            setOpen(false);
            onOpen(m);
          }}
        />
      )}
    </div>
  );
}
