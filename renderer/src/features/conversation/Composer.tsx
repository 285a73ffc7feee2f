import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cleanTypedText, LIMITS } from '../../../../shared/protocol';
import { conversationIdFor } from '../../../../shared/protocol';
import { journalFor, sendOfRow } from '../../db/journal';
import { loadDraft, newMessage, saveDraft, writeMessage } from '../../db/repo';
import { ComposerPreview, useComposerPreview } from '../translation';
import { useSession } from '../../sync/session';
import { ComposerTools, useRichComposer } from './ComposerTools';
import { Icon } from '../../ui/icons';
import { ComposerNotes } from '../clock';
import { useQuickReplyPicker } from '../desk';
import { setComposerMode } from './composerMode';
import { echo } from './echo';
import { ReplyBar, useReplyTo } from './ReplyBar';

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
  // The text as last set, for what runs after a commit (the composer may be gone by then).
  const shown = useRef('');
  const show = (value: string): void => {
    shown.current = value;
    setText(value);
  };
  // Issue 10: the last send could not be written on this device; everything stayed in the composer.
  const [notSaved, setNotSaved] = useState(false);
  // Issue 5: attachments and an order reference travel with the text.
  const rich = useRichComposer(partnerId);
  const ref = useRef<HTMLTextAreaElement>(null);
  // Issue 11: `/` or the tool button offers my quick replies; the chosen one is typed in for me.
  const quick = useQuickReplyPicker({
    partnerId,
    partnerName,
    text,
    setText: (v) => onChange(v),
    inputRef: ref,
  });
  // Issue 4: live translation preview; never blocks sending. A `/query` being typed is no message.
  const preview = useComposerPreview(partnerId, quick.open ? '' : text);
  const typingSentAt = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The texts being committed: Enter again on the same text before its commit is one message,
  // while a new text may go at once (its transaction queues behind the first, in order).
  const sending = useRef(new Set<string>());
  const conversationId = conversationIdFor(me, partnerId);
  // Issue 11: replying to a message (chosen in its menu) sends `replyTo` with the text.
  const replyTo = useReplyTo(conversationId);
  const replySeq = replyTo?.seq;
  useEffect(() => {
    if (replySeq !== undefined) ref.current?.focus();
  }, [replySeq]);

  // Issue 10: the draft survives a reload and a restart; it is written as it is typed, first to
  // the journal (localStorage, synchronous: it cannot queue behind IndexedDB commits, db/journal.ts),
  // then to IndexedDB. The journal's text, while it has one, is the newer.
  const journal = useMemo(() => journalFor(db.name), [db]);
  const typed = useRef(false);
  /** Keeps `value` as the draft: journaled now, in IndexedDB once that commits. */
  const keepDraft = (value: string): void => {
    const n = journal.typed(conversationId, value);
    void saveDraft(db, conversationId, value).then(() => {
      if (n !== null) journal.draftSaved(conversationId, n);
    });
  };
  useEffect(() => {
    let live = true;
    const kept = journal.textOf(conversationId);
    if (kept !== undefined) {
      if (!typed.current && kept !== '') show(kept);
      return undefined;
    }
    void loadDraft(db, conversationId).then((draft) => {
      if (live && !typed.current && draft !== '') show(draft);
    });
    return () => {
      live = false;
    };
  }, [db, journal, conversationId]);

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
    typed.current = true;
    show(value);
    keepDraft(value);
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

  // Issue 10: the text leaves the composer only once the message (and its outbox entry) are
  // committed to IndexedDB, in the same transaction that drops the draft: a page closed right
  // after Enter finds the message sent, or the text still in the composer, never neither.
  const send = async (): Promise<void> => {
    const raw = text;
    // Pasted control characters would make the server refuse the message (text rules).
    const body = cleanTypedText(raw).trim();
    if (sending.current.has(raw) || (body === '' && !rich.hasContent) || body.length > LIMITS.textChars)
      return;
    sending.current.add(raw);
    stopTyping();
    const extras = { ...preview.extrasFor(body), ...(replyTo ? { replyTo } : {}) };
    try {
      if (rich.hasContent) {
        // Files whose bytes are gone: nothing was sent, the composer names them (not "not
        // saved": trying again would not help), and the text stays for the user to send.
        if (!(await rich.send(body, extras))) {
          setNotSaved(false);
          return;
        }
      } else {
        const row = newMessage(me, partnerId, body, extras);
        // Issue 10: journaled before anything waits, so a page gone before the commit finds it
        // again (replayed at the next start, sync/engine.ts); the composer's text is then empty.
        const journaled = journal.sending(conversationId, sendOfRow(partnerId, row, extras), '');
        // The bubble shows now, as "sending", not after the commit and a re-read.
        const unshow = echo(row);
        try {
          // Found stored (another tab's replay of this send came first): sent, the text goes.
          await writeMessage(db, partnerId, row, extras);
        } catch (e) {
          unshow();
          // The text stays in the composer, so it is the journal's text again.
          if (journaled) journal.typed(conversationId, shown.current);
          throw e;
        } finally {
          if (journaled) journal.settled(conversationId, [row.clientId]);
        }
      }
    } catch (e) {
      // Nothing was committed, so nothing leaves the composer: text, files and order stay.
      console.warn('message not saved', e);
      setNotSaved(true);
      return;
    } finally {
      sending.current.delete(raw);
    }
    setNotSaved(false);
    if (replyTo) setComposerMode(conversationId, null);
    // Whatever was typed while committing stays, as text and as draft (unless it is on its way
    // too: its own commit drops the draft, which must not come back after it). An empty
    // composer is kept too: the journal may still hold the text that just went.
    const rest = shown.current === raw ? '' : shown.current;
    show(rest);
    if (!sending.current.has(rest)) keepDraft(rest);
    engine.pump();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>): void => {
    if (quick.onKeyDown(e)) return;
    if (e.key === 'Escape' && replyTo) {
      e.preventDefault();
      setComposerMode(conversationId, null);
      return;
    }
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
      <ReplyBar conversationId={conversationId} partnerName={partnerName} />
      <ComposerTools partnerId={partnerId}>{quick.button}</ComposerTools>
      {quick.list}
      <textarea
        ref={ref}
        {...quick.inputProps}
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
      {notSaved && (
        // The whole row of the composer's grid, as the hint below (app/styles.css).
        <p role="alert" className="error" style={{ gridColumn: '1 / -1' }}>
          {t('draft.notSaved')}
        </p>
      )}
      <p id="composer-hint" className="hint">
        {tooLong ? t('errors.too_large') : t('conversation.hint')}
      </p>
    </form>
  );
}
