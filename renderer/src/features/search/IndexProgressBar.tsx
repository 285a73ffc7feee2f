import { useTranslation } from 'react-i18next';
import { locale } from '../../i18n';
import { useIndexProgress } from './progress';

/** Below this many messages left, indexing takes well under a second: no bar flickers by. */
const SHOW_FROM = 500;

/** The quiet progress bar of the search index (UI.md § Long work): what it does, how far it is. */
export function IndexProgressBar(): React.JSX.Element | null {
  const { t } = useTranslation();
  const { done, total } = useIndexProgress();
  if (total - done < SHOW_FROM) return null;
  const n = new Intl.NumberFormat(locale());
  const text = t('search.indexingText', { done: n.format(done), total: n.format(total) });
  return (
    <div className="index-progress" title={text}>
      <progress max={total} value={done} aria-label={t('search.indexing')} aria-valuetext={text} />
    </div>
  );
}
