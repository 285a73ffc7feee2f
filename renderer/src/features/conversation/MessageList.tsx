import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { daysBetween, dayKey, localTimeZone, withDaySeparators, type Row } from '../../domain/days';
import { deliveryState, type DeliveryState, type ReceiptMarks } from '../../domain/messageState';
import { retryMessage } from '../../db/repo';
import type { MessageRow } from '../../db/schema';
import type { ConversationTranslation } from '../translation';
import { sameBubble, type BubbleProps } from './sameBubble';
import { MessageExtras } from './MessageExtras';
import type { ChangeState } from './changes';
import { BubbleText, ChangeFailed, ChangeMark, MessageMenu, ReplyQuote } from './MessageActions';
import { AutomaticNote } from '../desk';
import { useSession } from '../../sync/session';
import { formatDay, formatTime, zoneName } from '../../ui/format';
import { useOpenAt } from './openAt';

interface Props {
  conversationId: string;
  /** A window of the conversation (keyset paging, db/hooks `useMessageWindow`). */
  messages: MessageRow[];
  /** Messages exist before / after the window: scrolling to that edge asks for more. */
  hasOlder: boolean;
  hasNewer: boolean;
  onNeedOlder: () => void;
  onNeedNewer: () => void;
  partnerName: string;
  partnerMarks: ReceiptMarks | undefined;
  partnerTimeZone: string;
  /** Issue 4: what each message shows in the reader's language. */
  translation?: ConversationTranslation;
  /** Issue 11: the partner's id, and the edits, retractions and quoted messages of the messages shown. */
  partnerId: string;
  changes?: ReadonlyMap<number, ChangeState>;
  quoted?: ReadonlyMap<number, MessageRow>;
}

const when = (m: MessageRow): Date => new Date(m.sentAt ?? m.createdAt);
/** How long after a wheel, touch or key the list's scrolls are still the user's (smooth scrolling). */
const USER_SCROLL_MS = 1000;

/** The conversation's messages, virtualised, with day separators in the reader's time zone. */
export function MessageList({
  conversationId,
  messages,
  hasOlder,
  hasNewer,
  onNeedOlder,
  onNeedNewer,
  partnerName,
  partnerMarks,
  partnerTimeZone,
  translation,
  partnerId,
  changes,
  quoted,
}: Props): React.JSX.Element {
  const t = useT();
  const { me } = useSession();
  const zone = localTimeZone();
  const rows = useMemo(() => withDaySeparators(messages, when, (m) => m.clientId, zone), [messages, zone]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const estimateSize = (i: number): number => (rows[i]?.kind === 'day' ? 40 : 58);
  // Stick to the newest message: on opening, and while the user stays at the bottom (or writes).
  const stick = useRef(true);

  // TanStack Virtual returns functions that read mutable state; the React Compiler lint flags
  // that, but nothing here is memoised by the compiler, so it is safe.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey: (i) => rows[i]?.key ?? i,
    // Issue 10: every row rendered is a bubble built, laid out and measured when a conversation
    // opens; 12 rows each side made 20 rows of which 8 were on screen. Four rows (about 250 px)
    // still cover a wheel step or an arrow key before the next frame renders more.
    overscan: 4,
    // Issue 10, open: a conversation opens at its end, so the first render lays out the window's
    // last rows. Starting from the top, the first renders built, laid out and measured the
    // window's first rows (which nobody sees) before the scroll to the end built the last ones.
    // A window that does not reach the newest message (a jump) opens at its top, as before.
    initialOffset: () =>
      hasNewer ? 0 : Math.max(0, rows.reduce((sum, _, i) => sum + estimateSize(i), 0) - window.innerHeight),
  });

  const last = messages[messages.length - 1];
  const lastKey = last ? `${last.clientId}:${last.status}` : '';
  // Before the scroll below, in the same commit: my new message is on screen in the frame it renders.
  useLayoutEffect(() => {
    if (last?.sender === me && last.status === 'pending') stick.current = true;
  }, [lastKey, last?.sender, last?.status, me]);

  // While stuck, every change of the measured height scrolls to the very end: estimated rows
  // are measured after they render, and the last bubble must end up whole, not cut off.
  const total = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || rows.length === 0 || !stick.current || hasNewer) return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight > 1) {
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
      el.scrollTop = el.scrollHeight;
    }
  }, [total, rows.length, lastKey, hasNewer, virtualizer]);
  // So does every change of the list's own height: the bars above it (connection, translation,
  // find, jump) come and go after it opened, and a box that shrank kept its top, hiding the newest
  // message below its bottom edge (the cold start's "n/a" in bench/README.md, issue 10).
  const atEnd = useRef(!hasNewer);
  useLayoutEffect(() => {
    atEnd.current = !hasNewer;
  });
  const empty = messages.length === 0;
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      if (stick.current && atEnd.current && el.scrollHeight - el.scrollTop - el.clientHeight > 1)
        el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [empty]);

  // Older messages prepended above: keep the row that was first where it was.
  const firstKey = rows[0]?.key;
  const prevFirst = useRef<string | undefined>(firstKey);
  useLayoutEffect(() => {
    const was = prevFirst.current;
    prevFirst.current = firstKey;
    if (!was || was === firstKey || stick.current) return;
    const at = rows.findIndex((r) => r.key === was);
    if (at > 0) virtualizer.scrollToIndex(at, { align: 'start' });
  }, [firstKey, rows, virtualizer]);

  // Opened at a message (search, Ctrl/Cmd+F): scroll to it and flash it once; it stays marked
  // as the current one (aria-current) until the next jump.
  const jump = useOpenAt(conversationId);
  const [shown, setShown] = useState<{ clientId: string; nonce: number } | null>(null);
  useEffect(() => {
    if (!jump || jump.nonce === shown?.nonce) return;
    const i = rows.findIndex((r) => r.kind === 'message' && r.message.clientId === jump.clientId);
    if (i < 0) return; // not in the window yet: tried again when the rows change
    stick.current = false;
    virtualizer.scrollToIndex(i, { align: 'center' });
    setShown({ clientId: jump.clientId, nonce: jump.nonce });
  }, [jump, rows, virtualizer, shown?.nonce]);

  // Only the user lets go of the newest message. The virtualizer's own scrolls (rows measured
  // after they render, the window read first and then live) fire scroll events too, and one of
  // them 80 px from the bottom used to stop the following: a bar that came after the list then
  // hid the newest message (jump.spec, one run in six). A wheel, a touch, a key or a pointer on
  // the list (its scroll bar) is the user; its scrolls may follow it for a moment (smooth
  // scrolling), and a pointer held down scrolls as long as it is held.
  const userScrollUntil = useRef(0);
  const pointerHeld = useRef(false);
  const byUser = (): void => {
    userScrollUntil.current = performance.now() + USER_SCROLL_MS;
  };
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const held = (): void => {
      pointerHeld.current = true;
    };
    // Only a pointer that went down on the list (a click elsewhere, such as the contact that
    // opened this conversation, is not a scroll of it).
    const release = (): void => {
      if (!pointerHeld.current) return;
      pointerHeld.current = false;
      byUser();
    };
    const opts = { passive: true };
    for (const type of ['wheel', 'touchmove', 'keydown'] as const) el.addEventListener(type, byUser, opts);
    el.addEventListener('pointerdown', held, opts);
    window.addEventListener('pointerup', release);
    window.addEventListener('pointercancel', release);
    return () => {
      for (const type of ['wheel', 'touchmove', 'keydown'] as const) el.removeEventListener(type, byUser);
      el.removeEventListener('pointerdown', held);
      window.removeEventListener('pointerup', release);
      window.removeEventListener('pointercancel', release);
    };
  }, [empty]);
  const onScroll = (): void => {
    const el = scrollRef.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    if (fromBottom < 80 && !hasNewer) stick.current = true;
    else if (hasNewer || pointerHeld.current || performance.now() < userScrollUntil.current)
      stick.current = false;
    if (el.scrollTop < 400 && hasOlder) onNeedOlder();
    if (fromBottom < 400 && hasNewer) onNeedNewer();
  };

  const today = dayKey(new Date(), zone);
  const dayLabel = (day: string): string => {
    const d = daysBetween(day, today);
    if (d === 0) return t('conversation.today');
    if (d === 1) return t('conversation.yesterday');
    return formatDay(day);
  };

  if (messages.length === 0) {
    return <p className="empty conversation-empty">{t('conversation.empty', { name: partnerName })}</p>;
  }

  return (
    // A scrollable region must be reachable by keyboard to be scrolled (WCAG 2.1.1).
    <div
      className="messages"
      ref={scrollRef}
      onScroll={onScroll}
      role="log"
      aria-label={t('conversation.messages', { name: partnerName })}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- see above: scrolling by keyboard
      tabIndex={0}
    >
      <div role="list" className="message-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index] as Row<MessageRow>;
          const current = row.kind === 'message' && shown?.clientId === row.message.clientId;
          return (
            <div
              key={v.key}
              role="listitem"
              data-index={v.index}
              ref={virtualizer.measureElement}
              // Two identical animations, alternated, so a second jump to the same message flashes again.
              className={current ? `row flash-${shown.nonce % 2}` : 'row'}
              aria-current={current ? 'true' : undefined}
              style={{ transform: `translateY(${v.start}px)` }}
            >
              {row.kind === 'day' ? (
                <div className="day">
                  <span>{dayLabel(row.day)}</span>
                </div>
              ) : (
                <Bubble
                  message={row.message}
                  mine={row.message.sender === me}
                  state={deliveryState(row.message, me, partnerMarks)}
                  partnerTimeZone={partnerTimeZone}
                  translation={translation}
                  me={me}
                  partnerId={partnerId}
                  partnerName={partnerName}
                  changes={changes}
                  quoted={quoted}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

const Bubble = memo(function Bubble({
  message,
  mine,
  state,
  partnerTimeZone,
  translation,
  me,
  partnerId,
  partnerName,
  changes,
  quoted,
}: BubbleProps): React.JSX.Element {
  const t = useT();
  const { db, engine } = useSession();
  const at = message.sentAt ?? message.createdAt;
  // Issue 11: edits and retractions show on the original; a reply shows what it quotes.
  const change = message.seq === undefined ? undefined : changes?.get(message.seq);
  const ctx = { message, mine, partnerId, partnerName, state: change, translation };
  const q = message.replyTo ? quoted?.get(message.replyTo.seq) : undefined;
  return (
    <div className={`bubble-line ${mine ? 'mine' : 'theirs'}`}>
      <div
        className={`bubble ${mine ? 'mine' : 'theirs'}${state === 'failed' ? ' failed' : ''}${message.automatic ? ' automatic' : ''}`}
      >
        {message.automatic && <AutomaticNote automatic={message.automatic} sentAt={message.sentAt} />}
        <ReplyQuote
          message={message}
          quoted={q}
          quotedState={q?.seq === undefined ? undefined : changes?.get(q.seq)}
          me={me}
          partnerName={partnerName}
          translation={translation}
        />
        <BubbleText {...ctx} />
        <MessageExtras message={message} />
        <ChangeFailed state={change} />
        <span className="meta">
          <ChangeMark {...ctx} />
          <time
            dateTime={at}
            title={`${formatTime(at, partnerTimeZone)} (${zoneName(partnerTimeZone, Date.parse(at))})`}
          >
            {formatTime(at)}
          </time>
          {mine && <Ticks state={state} />}
        </span>
      </div>
      <MessageMenu {...ctx} />
      {state === 'failed' && (
        <button
          type="button"
          className="retry"
          onClick={() => void retryMessage(db, message.clientId).then(() => engine.pump())}
        >
          ↻ {t('conversation.retry')}
        </button>
      )}
    </div>
  );
}, sameBubble);

const GLYPH: Record<Exclude<DeliveryState, 'incoming'>, string> = {
  sending: '◷',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '⚠',
};

export function Ticks({ state }: { state: DeliveryState }): React.JSX.Element | null {
  const t = useT();
  if (state === 'incoming') return null;
  return (
    <span
      className={`ticks ticks-${state}`}
      role="img"
      aria-label={t(`ticks.${state}`)}
      title={t(`ticks.${state}`)}
    >
      {GLYPH[state]}
    </span>
  );
}
