import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { host, isElectron } from '../host';
import { onElectronHostEvent } from '../host/electronBridge';

/**
 * "Restart to update", quietly: one line above the conversation once the desktop host has
 * downloaded and verified an update (asked at start, then told by an `updateReady` event). Never
 * in browser mode or development builds, where the host answers `disabled`. Not restarting is fine:
 * the update installs when the app quits.
 */
export function UpdateBanner(): React.JSX.Element | null {
  const { t } = useTranslation();
  const [version, setVersion] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!isElectron) return;
    let disposed = false;
    void host.getUpdateStatus(undefined).then((r) => {
      if (!disposed && r.ok && r.value.state === 'ready') setVersion(r.value.version);
    });
    const off = onElectronHostEvent((e) => {
      if (e.kind === 'updateReady') setVersion(e.version);
    });
    return () => {
      disposed = true;
      off();
    };
  }, []);

  if (version === null) return null;
  return (
    <div className="banner banner-update" role="status">
      {t('desktop.updateReady', { version })}{' '}
      <button
        type="button"
        className="button-link"
        onClick={() => {
          void host.installUpdate(undefined).then((r) => setError(r.ok ? null : t(`errors.${r.code}`)));
        }}
      >
        {t('desktop.restart')}
      </button>
      {error && <span role="alert"> {error}</span>}
    </div>
  );
}
