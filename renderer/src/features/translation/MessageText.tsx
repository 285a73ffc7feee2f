/**
 * A message's text as the reader sees it: the translation first (labelled "machine translation ·
 * DeepL" or "translation approved by sender") with the original one click away (⇄), or the
 * original with a visible "not translated" state. Presentational: the decision is in logic.ts.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Display } from './logic';
import './translation.css';

export function MessageText({ text, display, showOriginals }: { text: string; display: Display | undefined; showOriginals: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  // The per-message toggle flips whatever the conversation-wide "show originals" says.
  const [flipped, setFlipped] = useState(false);
  const d = display ?? { kind: 'plain' as const };

  if (d.kind === 'approved' || d.kind === 'machine') {
    const original = showOriginals !== flipped;
    const label = d.kind === 'approved' ? t('translation.approved') : d.glossary ? t('translation.machineGlossary') : t('translation.machine');
    return (
      <div className="tx">
        <p className="text" dir="auto" lang={original ? undefined : d.kind === 'approved' ? d.lang : undefined}>
          {original ? text : d.text}
        </p>
        <p className={`tx-label tx-${d.kind}`}>
          <span>{original ? t('translation.original') : label}</span>
          <button
            type="button"
            className="tx-toggle"
            aria-pressed={original}
            onClick={() => setFlipped((f) => !f)}
            title={original ? t('translation.showTranslation') : t('translation.showOriginal')}
          >
            ⇄ {original ? t('translation.showTranslation') : t('translation.showOriginal')}
          </button>
        </p>
      </div>
    );
  }

  return (
    <div className="tx">
      <p className="text" dir="auto">
        {text}
      </p>
      {d.kind === 'pending' && <p className="tx-label tx-pending">{t('translation.translating')}</p>}
      {d.kind === 'failed' && (
        <p className="tx-label tx-failed" role="note" title={d.failure.message}>
          ⚠{' '}
          {d.failure.code === 'quota_exceeded'
            ? t('translation.notTranslatedQuota')
            : d.failure.retryable
              ? t('translation.notTranslatedRetrying')
              : t('translation.notTranslated')}
        </p>
      )}
    </div>
  );
}
