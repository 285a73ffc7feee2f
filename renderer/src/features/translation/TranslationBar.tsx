/**
 * Per-conversation translation controls under the conversation header: the reading language
 * (mine, another DeepL target, or off) and "show originals". Stored in IndexedDB on this device.
 */
import { useTranslation } from 'react-i18next';
import { useSession } from '../../sync/session';
import { languageName } from '../../ui/format';
import { DeepLKeyNotice } from './DeepLKeyNotice';
import { targetLanguages, useTranslationLanguages } from './languages';
import { updateTranslationPrefs } from './repo';
import type { TranslationPrefsRow } from '../../db/rows/translation';
import './translation.css';

const OFF = '__off';
const MINE = '__mine';

export function TranslationBar({
  prefs,
  myReadLanguage,
}: {
  prefs: TranslationPrefsRow;
  myReadLanguage: string | null;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const langs = useTranslationLanguages(engine);
  const id = `readin-${prefs.conversationId}`;

  if (langs.status === 'ready' && !langs.value.available) {
    return (
      <div className="tx-bar">
        <DeepLKeyNotice demo={langs.value.demo === true} />
      </div>
    );
  }
  const targets = langs.status === 'ready' ? targetLanguages(langs.value.languages) : [];
  const value = prefs.off ? OFF : (prefs.readLanguage ?? MINE);
  return (
    <div className="tx-bar">
      <label htmlFor={id}>{t('translation.readIn')}</label>
      <select
        id={id}
        aria-label={t('translation.readInLabel')}
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          void updateTranslationPrefs(
            db,
            prefs.conversationId,
            v === OFF ? { off: true } : { off: false, readLanguage: v === MINE ? null : v },
          );
        }}
      >
        <option value={MINE}>
          {t('translation.myLanguage', { lang: myReadLanguage ? languageName(myReadLanguage) : '…' })}
        </option>
        {targets.map((l) => (
          <option key={l.code} value={l.code}>
            {languageName(l.code)}
          </option>
        ))}
        {/* A stored override DeepL no longer lists stays selectable. */}
        {prefs.readLanguage && !targets.some((l) => l.code === prefs.readLanguage) && (
          <option value={prefs.readLanguage}>{languageName(prefs.readLanguage)}</option>
        )}
        <option value={OFF}>{t('translation.off')}</option>
      </select>
      <label className="tx-check">
        <input
          type="checkbox"
          checked={prefs.showOriginals}
          disabled={prefs.off}
          onChange={(e) =>
            void updateTranslationPrefs(db, prefs.conversationId, { showOriginals: e.target.checked })
          }
        />
        {t('translation.showOriginals')}
      </label>
    </div>
  );
}
