/**
 * The composer in edit mode (issue 11): what is being edited above the field, the field holding
 * its text, the translation preview as for any message. Enter saves the edit through the outbox
 * like any send (so nothing is lost offline), journaled first as a send is (db/journal.ts
 * `writeChange`, as a retraction is: a page closed right after Enter finds the edit applied once),
 * Escape cancels; the draft of a new message waits.
 * An edit this device could not write keeps the bar open with its text, and says so.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cleanTypedText, LIMITS } from '../../../../shared/protocol';
import { writeChange } from '../../db/journal';
import { useSession } from '../../sync/session';
import { ComposerPreview, useComposerPreview } from '../translation';
import { setComposerMode, type ComposerMode } from './composerMode';
import './conversation.css';

export function EditBar({
  partnerId,
  mode,
}: {
  partnerId: string;
  mode: Extract<ComposerMode, { kind: 'edit' }>;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine, me } = useSession();
  const [text, setText] = useState(mode.text);
  const [notSaved, setNotSaved] = useState(false);
  const preview = useComposerPreview(partnerId, text);
  const ref = useRef<HTMLTextAreaElement>(null);
  const saving = useRef(false);
  const { message } = mode;

  useEffect(() => {
    const el = ref.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, [message.clientId]);

  const cancel = (): void => setComposerMode(message.conversationId, null);
  const body = cleanTypedText(text).trim();
  const tooLong = body.length > LIMITS.textChars;

  const save = async (): Promise<void> => {
    if (saving.current || body === '' || tooLong || message.seq === undefined) return;
    if (body === mode.text.trim()) return cancel();
    saving.current = true;
    try {
      const extras = { ...preview.extrasFor(body), change: { kind: 'edit' as const, seq: message.seq } };
      // Journaled before anything waits, as the composer's sends (replayed at the next start).
      await writeChange(db, me, partnerId, body, extras);
    } catch (e) {
      // Nothing was written: the bar stays, with the text, for another Enter.
      console.warn('edit not saved', e);
      setNotSaved(true);
      return;
    } finally {
      saving.current = false;
    }
    cancel();
    engine.pump();
  };

  return (
    <form
      className="composer edit-bar"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="composer-mode">
        <span className="composer-mode-title">✎ {t('bubble.editing')}</span>
        <span className="composer-mode-text" dir="auto">
          {mode.text}
        </span>
        <button type="button" className="button-ghost" onClick={cancel}>
          {t('bubble.cancel')}
        </button>
      </div>
      <textarea
        ref={ref}
        value={text}
        rows={Math.min(6, Math.max(1, text.split('\n').length))}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            cancel();
            return;
          }
          // keyCode 229: an IME's confirming Enter (see Composer).
          if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
          e.preventDefault();
          void save();
        }}
        aria-label={t('bubble.editField')}
        aria-describedby="edit-hint"
        aria-invalid={tooLong}
        dir="auto"
      />
      <button type="submit" className="send save" disabled={body === '' || tooLong}>
        {t('bubble.save')}
      </button>
      <ComposerPreview state={preview.state} />
      {notSaved && (
        // The whole row of the composer's grid, as in the composer.
        <p role="alert" className="error" style={{ gridColumn: '1 / -1' }}>
          {t('draft.notSaved')}
        </p>
      )}
      <p id="edit-hint" className="hint">
        {tooLong ? t('errors.too_large') : t('bubble.editHint')}
      </p>
    </form>
  );
}
