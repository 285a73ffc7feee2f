/** A refused deep link says why, in the window, until dismissed. */
import { useTranslation } from 'react-i18next';
import { orderUi, useOrderUi } from './uiState';

export function DeepLinkAlert(): React.JSX.Element | null {
  const { t } = useTranslation();
  const error = useOrderUi((s) => s.deepLinkError);
  if (!error) return null;
  return (
    <div className="deeplink-alert" role="alert">
      <span>{t('evidence.deepLinkRefused', { reason: error })}</span>
      <button type="button" className="button-ghost" onClick={() => orderUi.setDeepLinkError(null)}>
        {t('evidence.dismiss')}
      </button>
    </div>
  );
}
