/**
 * What a server without a DeepL key means, said plainly (issue 12): live translation needs the
 * operator's key, and how the operator sets it. Shown in the translation bar and in Settings. On
 * a demo server (`demo`) it adds that the demo history shows translations stored with the demo data.
 */
import { useTranslation } from 'react-i18next';

export function DeepLKeyNotice({ demo = false }: { demo?: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="tx-server-off" role="status">
      <p>{t('translation.serverOff')}</p>
      <p className="tx-small">{t('translation.noKeyHowTo')}</p>
      {demo && <p className="tx-small">{t('translation.demoNotice')}</p>}
    </div>
  );
}
