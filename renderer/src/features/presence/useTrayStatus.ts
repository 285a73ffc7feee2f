import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceSetting } from '../../../../shared/protocol';
import type { TrayState } from '../../../../shared/hostApi';
import { host, isElectron } from '../../host';
import { onElectronHostEvent } from '../../host/electronBridge';
import { useSession } from '../../sync/session';

/**
 * The desktop tray's status submenu mirrors the status chosen here: this tells the host the
 * chosen status, whether the app is connected, and the menu's words in the user's language; a
 * status picked in the tray comes back as a `setPresence` event and is saved exactly like a
 * choice in the status menu. Nothing happens in browser mode.
 */
export function useTrayStatus(chosen: PresenceSetting | undefined): void {
  const { t, i18n } = useTranslation();
  const { db, engine } = useSession();
  const connection = useSyncExternalStore(engine.subscribe, engine.getState);

  useEffect(() => {
    if (!isElectron || chosen === undefined) return;
    const state: TrayState = {
      presence: chosen,
      connected: connection === 'online',
      labels: {
        open: t('desktop.open'),
        status: t('presenceMenu.label'),
        online: t('presenceMenu.online'),
        away: t('presenceMenu.away'),
        busy: t('presenceMenu.busy'),
        invisible: t('presenceMenu.invisible'),
        connected: t('desktop.connected'),
        offline: t('desktop.offline'),
        quit: t('desktop.quit'),
      },
    };
    void host.setTrayState(state);
  }, [chosen, connection, t, i18n.language]);

  useEffect(() => {
    if (!isElectron) return;
    return onElectronHostEvent((e) => {
      if (e.kind === 'setPresence') void db.prefs.put({ key: 'presenceSetting', value: e.presence });
    });
  }, [db]);
}
