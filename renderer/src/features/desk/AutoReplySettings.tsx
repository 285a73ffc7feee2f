/**
 * Settings › Auto-reply (issue 11; docs/protocol.md § Away auto-reply): the away text and the
 * switch, kept on the server (`autoReply:get` / `autoReply:set`) so the reply goes out while every
 * device is closed. Off until the user turns it on; the text field starts with a suggestion in the
 * user's interface language, which is sent only once they switch it on.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { detectLanguage } from '../../../../shared/domain/language';
import type { AutoReplySettings as Settings } from '../../../../shared/protocol';
import { AUTO_REPLY_LIMITS } from '../../../../shared/protocol';
import { useSession } from '../../sync/session';

export function AutoReplySettings(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const { engine } = useSession();
  const id = useId();
  const [stored, setStored] = useState<Settings | null>(null);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    void engine.request('autoReply:get', {}).then((r) => {
      if (!live) return;
      if (!r.ok) return setStatus({ kind: 'error', text: t(`errors.${r.code}`) });
      setStored(r.value);
      setText(r.value.text || t('autoReply.defaultText'));
    });
    return () => {
      live = false;
    };
  }, [engine, t]);

  const save = async (enabled: boolean): Promise<void> => {
    if (enabled && text.trim() === '') return setStatus({ kind: 'error', text: t('autoReply.textRequired') });
    // The text's language: what the script says, else the interface language it was written in.
    const lang = detectLanguage(text) ?? i18n.language.split('-')[0] ?? undefined;
    const before = stored;
    // The switch moves at once; it moves back if the server refuses.
    if (before) setStored({ ...before, enabled });
    const r = await engine.request('autoReply:set', { enabled, text, ...(lang ? { lang } : {}) });
    if (!r.ok) {
      setStored(before);
      return setStatus({ kind: 'error', text: t(`errors.${r.code}`) });
    }
    setStored(r.value);
    setStatus({ kind: 'saved', text: t('autoReply.saved') });
  };

  if (!stored)
    return (
      <>{status ? <p role="alert">{status.text}</p> : <p aria-busy="true">{t('autoReply.loading')}</p>}</>
    );
  return (
    <div className="auto-reply-settings">
      <p>{t('autoReply.intro')}</p>
      <label className="settings-check">
        <input type="checkbox" checked={stored.enabled} onChange={(e) => void save(e.target.checked)} />
        {t('autoReply.enabled')}
      </label>
      <label className="settings-field" htmlFor={`${id}-text`}>
        {t('autoReply.text')}
      </label>
      <textarea
        id={`${id}-text`}
        rows={4}
        dir="auto"
        maxLength={AUTO_REPLY_LIMITS.text}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <p className="settings-hint">{t('autoReply.translated')}</p>
      <button type="button" onClick={() => void save(stored.enabled)} disabled={text === stored.text}>
        {t('autoReply.save')}
      </button>
      {status && (
        <p
          role={status.kind === 'error' ? 'alert' : 'status'}
          className={status.kind === 'saved' ? 'settings-ok' : ''}
        >
          {status.text}
        </p>
      )}
      <p className="settings-scope">{t('settings.accountWide')}</p>
    </div>
  );
}
