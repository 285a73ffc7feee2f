import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../sync/session';

/** Says so when the window works from its local copy because the server is out of reach. */
export function ConnectionBanner(): React.JSX.Element | null {
  const { t } = useTranslation();
  const { engine } = useSession();
  const state = useSyncExternalStore(engine.subscribe, engine.getState);
  if (state === 'online') return null;
  return (
    <div className={`banner banner-${state}`} role="status">
      {state === 'offline' ? t('banner.offline') : t('banner.connecting')}
    </div>
  );
}
