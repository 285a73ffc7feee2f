/** Under the composer: "→ 中文: …  ↺ back: …", or why there is no preview. Presentational. */
import { useTranslation } from 'react-i18next';
import { languageName } from '../../ui/format';
import type { PreviewState } from './useComposerPreview';
import './translation.css';

export function ComposerPreview({ state }: { state: PreviewState }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (state.status === 'none') return null;
  const into = t('translation.previewInto', { lang: languageName(state.targetLang) });
  return (
    <section className="tx-preview" aria-label={t('translation.preview')} aria-live="polite">
      {state.status === 'working' && (
        <p>
          <span className="tx-into">{into}</span>{' '}
          <span className="tx-muted">{t('translation.previewWorking')}</span>
        </p>
      )}
      {state.status === 'error' && (
        <p className="tx-preview-failed" title={state.message}>
          ⚠{' '}
          {state.code === 'unsupported' && state.lang
            ? t('translation.previewUnsupported', { lang: languageName(state.lang) })
            : t('translation.previewFailed', { reason: t(`errors.${state.code}`) })}
        </p>
      )}
      {state.status === 'ready' && state.result.state === 'original' && (
        <p className="tx-muted">{t('translation.previewSame', { lang: languageName(state.targetLang) })}</p>
      )}
      {state.status === 'ready' && state.result.state === 'translated' && (
        <>
          <p>
            <span className="tx-into">{into}</span>{' '}
            <span className="tx-preview-text" lang={state.targetLang} dir="auto">
              {state.result.text}
            </span>
          </p>
          {state.back?.state === 'translated' && (
            <p>
              <span className="tx-into">{t('translation.back')}</span>{' '}
              <span className="tx-back-text" dir="auto">
                {state.back.text}
              </span>
            </p>
          )}
          <p className="tx-muted tx-small">
            {t('translation.willSendApproved')} · {t('translation.machine')}
          </p>
        </>
      )}
    </section>
  );
}
