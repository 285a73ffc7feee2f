/**
 * A message's text as the reader sees it: the translation first (labelled "machine translation ·
 * DeepL" or "translation approved by sender") with the original one click away (⇄), or the
 * original with a visible "not translated" state. My own messages show what I wrote, with what
 * the partner was shown one click away ("sent as …"). Presentational: the decision is in logic.ts.
 */
import { useId, useState } from 'react';
import { useT } from '../../i18n';
import { languageName } from '../../ui/format';
import type { Display, FailureState } from './logic';
import './translation.css';

export function MessageText({
  text,
  display,
  showOriginals,
}: {
  text: string;
  display: Display | undefined;
  showOriginals: boolean;
}): React.JSX.Element {
  const t = useT();
  // The per-message toggle flips whatever the conversation-wide "show originals" says.
  const [flipped, setFlipped] = useState(false);
  const d = display ?? { kind: 'plain' as const };
  if (d.kind === 'own') return <OwnText text={text} display={d} />;

  if (d.kind === 'approved' || d.kind === 'machine') {
    const original = showOriginals !== flipped;
    const label =
      d.kind === 'approved'
        ? t('translation.approved')
        : d.demo
          ? t('translation.demo')
          : d.glossary
            ? t('translation.machineGlossary')
            : t('translation.machine');
    return (
      <div className="tx">
        <p
          className="text"
          dir="auto"
          lang={original ? undefined : d.kind === 'approved' ? d.lang : undefined}
        >
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
          ⚠ <FailureText failure={d.failure} />
        </p>
      )}
    </div>
  );
}

/** Why a message is not translated, in the reader's language. */
function FailureText({ failure }: { failure: FailureState }): React.JSX.Element {
  const t = useT();
  if (failure.code === 'unsupported')
    return (
      <>
        {failure.lang
          ? t('translation.notTranslatedUnsupported', { lang: languageName(failure.lang) })
          : t('translation.notTranslated')}
      </>
    );
  if (failure.code === 'quota_exceeded') return <>{t('translation.notTranslatedQuota')}</>;
  return <>{failure.retryable ? t('translation.notTranslatedRetrying') : t('translation.notTranslated')}</>;
}

/**
 * My own message as I wrote it, and what my partner was shown: "sent as (中文)" opens the
 * translation I approved, which travelled with the message; without one, a label says the partner
 * reads DeepL's machine translation.
 */
function OwnText({
  text,
  display,
}: {
  text: string;
  display: Extract<Display, { kind: 'own' }>;
}): React.JSX.Element {
  const t = useT();
  const [open, setOpen] = useState(false);
  const id = useId();
  const { sentAs, partnerMachine } = display;
  return (
    <div className="tx">
      <p className="text" dir="auto">
        {text}
      </p>
      {sentAs && open && (
        <p id={id} className="tx-sent-text" dir="auto" lang={sentAs.lang}>
          {sentAs.text}
        </p>
      )}
      {sentAs && (
        <p className="tx-label tx-sent">
          <button
            type="button"
            className="tx-toggle"
            aria-expanded={open}
            aria-controls={open ? id : undefined}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? '▾' : '▸'} {t('translation.sentAs', { lang: languageName(sentAs.lang) })}
          </button>
        </p>
      )}
      {!sentAs && partnerMachine && (
        <p className="tx-label tx-sent">
          {t('translation.sentMachine', { lang: languageName(partnerMachine) })}
        </p>
      )}
    </div>
  );
}
