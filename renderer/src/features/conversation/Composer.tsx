import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/protocol';
import { composeMessage } from '../../db/repo';
import { ComposerPreview, useComposerPreview } from '../translation';
import { useSession } from '../../sync/session';
import { ComposerTools, useRichComposer } from './ComposerTools';
import { Icon } from '../../ui/icons';
import { ComposerNotes } from '../clock';

const TYPING_RENEW_MS = 3000;
const TYPING_IDLE_MS = 4000;

/** Enter sends, Shift+Enter is a new line; never while an IME is composing. */
export function Composer({
  partnerId,
  partnerName,
}: {
  partnerId: string;
  partnerName: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine, me } = useSession();
  const [text, setText] = useState('');
  // Issue 5: attachments and an order reference travel with the text.
  const rich = useRichComposer(partnerId);
  // Issue 4: live translation preview; never blocks sending.
  const preview = useComposerPreview(partnerId, text);
  const typingSentAt = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);

  const stopTyping = (): void => {
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = null;
    if (typingSentAt.current !== 0) {
      typingSentAt.current = 0;
      engine.setTyping(partnerId, false);
    }
  };

  useEffect(() => {
    ref.current?.focus();
    return () => {
      if (idleTimer.current) clearTimeout(idleTimer.current);
    };
  }, [partnerId]);

  const onChange = (value: string): void => {
    setText(value);
    if (value.trim() === '') {
      stopTyping();
      return;
    }
    // Throttled: one "typing" every few seconds at most, and "stopped" after a pause.
    const now = Date.now();
    if (now - typingSentAt.current > TYPING_RENEW_MS) {
      typingSentAt.current = now;
      engine.setTyping(partnerId, true);
    }
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const send = async (): Promise<void> => {
    const body = text.trim();
    if ((body === '' && !rich.hasContent) || body.length > LIMITS.textChars) return;
    setText('');
    stopTyping();
    await (rich.hasContent ? rich.compose : composeMessage)(db, me, partnerId, body, preview.extrasFor(body));
    engine.pump();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>): void => {
    // keyCode 229: Safari and some IMEs report the confirming Enter this way instead of isComposing.
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    void send();
  };

  const tooLong = text.length > LIMITS.textChars;
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <ComposerTools partnerId={partnerId} />
      <textarea
        ref={ref}
        value={text}
        rows={Math.min(6, Math.max(1, text.split('\n').length))}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onPaste={rich.onPaste}
        aria-label={t('conversation.composer', { name: partnerName })}
        placeholder={t('conversation.composer', { name: partnerName })}
        aria-describedby="composer-hint"
        aria-invalid={tooLong}
        dir="auto"
      />
      <button
        type="submit"
        className="send"
        disabled={(text.trim() === '' && !rich.hasContent) || tooLong}
        aria-label={t('conversation.send')}
      >
        <Icon name="send" size={18} />
      </button>
      <ComposerPreview state={preview.state} />
      <ComposerNotes partnerId={partnerId} />
      <p id="composer-hint" className="hint">
        {tooLong ? t('errors.too_large') : t('conversation.hint')}
      </p>
    </form>
  );
}
