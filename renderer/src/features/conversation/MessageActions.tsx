/**
 * What issue 11 adds to a bubble: its menu (reply; edit and retract my own message within the
 * window; its versions), the latest text of an edited message or the placeholder of a retracted
 * one, the "edited 14:05" / "retracted 14:07" mark that opens the history, and the quote of the
 * message a reply answers, which jumps to it. Menus and dialogs are portalled to the body: the
 * list's rows are transformed and clipped, the window is not.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { writeChange } from '../../db/journal';
import type { MessageRow } from '../../db/schema';
import { useT } from '../../i18n';
import { useSession } from '../../sync/session';
import { formatDateTime, formatTime } from '../../ui/format';
import { MessageText, type ConversationTranslation } from '../translation';
import { canChange, type ChangeState } from './changes';
import { setComposerMode } from './composerMode';
import { openAt } from './openAt';
import './conversation.css';

interface BubbleContext {
  message: MessageRow;
  mine: boolean;
  partnerId: string;
  partnerName: string;
  state: ChangeState | undefined;
  translation: ConversationTranslation | undefined;
}

/** The text of a bubble: the latest version of an edited message; a placeholder once retracted. */
export function BubbleText({ message, state, translation }: BubbleContext): React.JSX.Element {
  const t = useT();
  if (state?.state === 'retracted') return <p className="text retracted-text">{t('bubble.retractedText')}</p>;
  const shown = state?.latest ?? message;
  return (
    <MessageText
      // A new version is a new text: its own "original / translation" toggle starts afresh.
      key={shown.clientId}
      text={shown.text}
      display={translation?.displays.get(shown.clientId)}
      showOriginals={translation?.prefs.showOriginals ?? false}
    />
  );
}

/** "edited 14:05" or "retracted 14:07" in the meta line: a button that opens the versions. */
export function ChangeMark(ctx: BubbleContext): React.JSX.Element | null {
  const t = useT();
  const [open, setOpen] = useState(false);
  const s = ctx.state;
  if (!s?.state) return null;
  return (
    <>
      <button type="button" className="change-mark" title={t('bubble.history')} onClick={() => setOpen(true)}>
        {t(s.state === 'edited' ? 'bubble.edited' : 'bubble.retracted', { time: formatTime(s.at) })}
      </button>
      {open && <HistoryDialog {...ctx} state={s} onClose={() => setOpen(false)} />}
    </>
  );
}

/** A change of mine the server refused (e.g. after the window): the reason and a retry. */
export function ChangeFailed({ state }: { state: ChangeState | undefined }): React.JSX.Element | null {
  const t = useT();
  if (!state?.failed) return null;
  return (
    <p className="change-failed" role="status">
      ⚠ {t('bubble.changeFailed')} {state.failed.error ? t(`errors.${state.failed.error}`) : ''}
    </p>
  );
}

/** The quoted message above a reply's text, in the reader's language; a click jumps to it. */
export function ReplyQuote({
  message,
  quoted,
  quotedState,
  me,
  partnerName,
  translation,
}: {
  message: MessageRow;
  quoted: MessageRow | undefined;
  quotedState: ChangeState | undefined;
  me: string;
  partnerName: string;
  translation: ConversationTranslation | undefined;
}): React.JSX.Element | null {
  const t = useT();
  if (!message.replyTo) return null;
  if (!quoted) return <p className="quote quote-missing">{t('bubble.quoteMissing')}</p>;
  const name = quoted.sender === me ? t('conversation.you') : partnerName;
  const text = quoteText(quoted, quotedState, translation, t('bubble.retractedText'));
  return (
    <button
      type="button"
      className="quote"
      aria-label={`${t('bubble.quote', { name })} — ${text}`}
      onClick={() => openAt(quoted.conversationId, quoted.clientId)}
    >
      <span className="quote-who">{name}</span>
      <span className="quote-text" dir="auto">
        {text}
      </span>
    </button>
  );
}

/** What a quote shows: the quoted message's latest version, translated for the reader when it is. */
function quoteText(
  quoted: MessageRow,
  state: ChangeState | undefined,
  translation: ConversationTranslation | undefined,
  retracted: string,
): string {
  if (state?.state === 'retracted') return retracted;
  const shown = state?.latest ?? quoted;
  const d = translation?.displays.get(shown.clientId);
  const translated =
    d && (d.kind === 'machine' || d.kind === 'approved') && !translation?.prefs.showOriginals;
  const text = translated ? d.text : shown.text;
  return text || (shown.attachments[0]?.name ?? shown.order?.orderNo ?? '');
}

/** The ⋯ button beside a bubble and its menu: reply, edit, retract, versions. Keyboard-reachable. */
export function MessageMenu(ctx: BubbleContext): React.JSX.Element | null {
  const t = useT();
  const { me } = useSession();
  const { message, state } = ctx;
  const [menu, setMenu] = useState<{ at: DOMRect; now: number } | null>(null);
  const [dialog, setDialog] = useState<'history' | 'retract' | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const id = useId();
  const close = (focus: boolean): void => {
    setMenu(null);
    if (focus) button.current?.focus();
  };

  useLayoutEffect(() => {
    if (menu) list.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [menu]);
  useEffect(() => {
    if (!menu) return;
    const outside = (e: PointerEvent): void => {
      const target = e.target as Node;
      if (!list.current?.contains(target) && !button.current?.contains(target)) setMenu(null);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [menu]);

  // Pending messages have nothing to act on yet: no seq to refer to.
  if (message.seq === undefined) return null;
  const retracted = state?.state === 'retracted';
  const changeable = menu ? canChange(message, me, state, menu.now) : false;
  const items: { key: string; label: string; run: () => void }[] = [];
  if (!retracted)
    items.push({
      key: 'reply',
      label: t('bubble.reply'),
      run: () => setComposerMode(message.conversationId, { kind: 'reply', message }),
    });
  if (changeable) {
    items.push({
      key: 'edit',
      label: t('bubble.edit'),
      run: () =>
        setComposerMode(message.conversationId, {
          kind: 'edit',
          message,
          text: (state?.latest ?? message).text,
        }),
    });
    items.push({ key: 'retract', label: t('bubble.retract'), run: () => setDialog('retract') });
  }
  if (state?.state)
    items.push({ key: 'history', label: t('bubble.history'), run: () => setDialog('history') });

  const onMenuKey = (e: React.KeyboardEvent): void => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (i + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
      buttons[next]?.focus();
    } else if (e.key === 'Tab') close(false);
  };

  const rtl = document.documentElement.dir === 'rtl';
  const position = (at: DOMRect): React.CSSProperties => {
    const below = at.bottom + 190 < innerHeight;
    return {
      position: 'fixed',
      ...(below ? { top: at.bottom + 4 } : { bottom: innerHeight - at.top + 4 }),
      ...(rtl
        ? { right: Math.max(8, innerWidth - at.right) }
        : { left: Math.min(at.left, innerWidth - 208) }),
    };
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="msg-actions"
        aria-label={t('bubble.actions')}
        aria-haspopup="menu"
        aria-expanded={menu !== null}
        aria-controls={menu ? id : undefined}
        onClick={(e) =>
          menu ? close(false) : setMenu({ at: e.currentTarget.getBoundingClientRect(), now: Date.now() })
        }
      >
        ⋯
      </button>
      {menu &&
        createPortal(
          <div
            ref={list}
            id={id}
            className="menu msg-menu"
            role="menu"
            tabIndex={-1}
            aria-label={t('bubble.actions')}
            style={position(menu.at)}
            onKeyDown={onMenuKey}
          >
            {items.map((item) => (
              <button
                key={item.key}
                type="button"
                role="menuitem"
                className={item.key === 'retract' ? 'danger' : undefined}
                onClick={() => {
                  close(item.key !== 'reply' && item.key !== 'edit');
                  item.run();
                }}
              >
                {item.label}
              </button>
            ))}
          </div>,
          document.body,
        )}
      {dialog === 'history' && state && (
        <HistoryDialog {...ctx} state={state} onClose={() => setDialog(null)} />
      )}
      {dialog === 'retract' && <RetractDialog {...ctx} onClose={() => setDialog(null)} />}
    </>
  );
}

/** A modal `<dialog>` in the body: Escape or the close button ends it, focus goes back. */
function Modal({
  title,
  onClose,
  children,
  className,
}: {
  title: string;
  onClose: () => void;
  children: React.ReactNode;
  className: string;
}): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    ref.current?.showModal();
    return () => back?.focus();
  }, []);
  return createPortal(
    <dialog ref={ref} className={`msg-dialog ${className}`} aria-labelledby={id} onClose={onClose}>
      <h2 id={id}>{title}</h2>
      {children}
    </dialog>,
    document.body,
  );
}

const dateTime = (iso: string): string => formatDateTime(iso, true);

/** Every version of a message with its time in the reader's locale and time zone. */
function HistoryDialog({
  state,
  translation,
  onClose,
}: BubbleContext & { state: ChangeState; onClose: () => void }): React.JSX.Element {
  const t = useT();
  const label = {
    original: t('bubble.original'),
    edit: t('bubble.editVersion'),
    retract: t('bubble.retraction'),
  };
  return (
    <Modal title={t('bubble.historyTitle')} onClose={onClose} className="history-dialog">
      <p className="muted">{t('bubble.historyIntro')}</p>
      <ol className="versions">
        {state.versions.map((v) => {
          const at = v.message.sentAt ?? v.message.createdAt;
          const d = translation?.displays.get(v.message.clientId);
          return (
            <li key={v.message.clientId} className={`version version-${v.kind}`}>
              <p className="version-head">
                <strong>{label[v.kind]}</strong> <time dateTime={at}>{dateTime(at)}</time>
                {v.message.seq === undefined && <span className="muted"> · {t('bubble.sending')}</span>}
              </p>
              {v.kind === 'retract' ? (
                <p className="muted">{t('bubble.retractedText')}</p>
              ) : (
                <p className="text" dir="auto">
                  {v.message.text}
                </p>
              )}
              {d && (d.kind === 'machine' || d.kind === 'approved') && (
                <p className="version-tx" dir="auto">
                  {d.text}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <form method="dialog" className="dialog-actions">
        <button type="submit" className="button-primary">
          {t('bubble.close')}
        </button>
      </form>
    </Modal>
  );
}

/**
 * "Retract this message?" — a retraction goes through the outbox like any send, journaled first
 * as an edit is (db/journal.ts `writeChange`: a page closed right after the click finds it
 * applied once). A retraction this device could not write keeps the dialog open, and says so.
 */
function RetractDialog({
  message,
  partnerId,
  onClose,
}: BubbleContext & { onClose: () => void }): React.JSX.Element {
  const t = useT();
  const { db, engine, me } = useSession();
  // While a busy store holds the commit the dialog stays open: a second click is no second retraction.
  const retracting = useRef(false);
  const [notSaved, setNotSaved] = useState(false);
  const retract = async (): Promise<void> => {
    if (message.seq === undefined || retracting.current) return;
    retracting.current = true;
    // Gone while the click tries again, back if it fails again: a screen reader hears it each time.
    setNotSaved(false);
    try {
      await writeChange(db, me, partnerId, '', { change: { kind: 'retract', seq: message.seq } });
    } catch (e) {
      // Nothing was written (as an edit the edit bar could not write): the dialog stays, for another click.
      console.warn('retraction not saved', e);
      setNotSaved(true);
      return;
    } finally {
      retracting.current = false;
    }
    engine.pump();
    onClose();
  };
  return (
    <Modal title={t('bubble.retractTitle')} onClose={onClose} className="retract-dialog">
      <p>{t('bubble.retractText')}</p>
      {notSaved && (
        <p role="alert" className="error">
          {t('bubble.retractNotSaved')}
        </p>
      )}
      <form method="dialog" className="dialog-actions">
        <button type="submit" className="button-ghost">
          {t('bubble.cancel')}
        </button>
        <button type="button" className="button-danger" onClick={() => void retract()}>
          {t('bubble.retractConfirm')}
        </button>
      </form>
    </Modal>
  );
}
