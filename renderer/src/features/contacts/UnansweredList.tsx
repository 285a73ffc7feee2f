/**
 * The Unanswered filter of the conversation list (issue 11; UI.md § Unanswered): conversations
 * whose last message is from the other side, the longest waiting first, each with how long it
 * has waited — in all, and within my published business hours. The queue itself is the pure
 * `unansweredQueue` (unanswered.ts), so whatever draws the list can consume it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe, type ContactListItem } from '../../db/hooks';
import { useSession } from '../../sync/session';
import { Avatar } from '../../ui/Avatar';
import { formatListTime, useNow } from '../../ui/format';
import { formatDuration, type Translate } from '../clock';
import { waited, type MyHours } from './unanswered';

const ROW_HEIGHT = 62;

export function UnansweredList({
  queue,
  selected,
  onSelect,
}: {
  /** `unansweredQueue(...)` of the list's rows. */
  queue: readonly ContactListItem[];
  selected: string | null;
  onSelect: (memberId: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { db } = useSession();
  const me = useMe(db);
  // My published hours count the wait in working time.
  const mine: MyHours | undefined = me
    ? { hours: me.profile.businessHours, timeZone: me.profile.timeZone }
    : undefined;
  // The waiting times move on by the minute (this list only: the tree does not re-render).
  const now = useNow(60_000).getTime();
  const scrollRef = useRef<HTMLUListElement>(null);
  // TanStack Virtual returns functions that read mutable state; the React Compiler lint flags
  // that, but nothing here is memoised by the compiler, so it is safe.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: queue.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  if (queue.length === 0) return <p className="empty">{t('unanswered.empty')}</p>;
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));
  return (
    <ul className="contact-list unanswered-list" aria-label={t('unanswered.list')} ref={scrollRef}>
      {padTop > 0 && <li className="spacer" aria-hidden="true" style={{ height: padTop }} />}
      {items.map((v) => {
        const item = queue[v.index];
        return item ? (
          <UnansweredRow
            key={item.memberId}
            item={item}
            active={item.memberId === selected}
            onSelect={onSelect}
            mine={mine}
            now={now}
            position={v.index + 1}
            size={queue.length}
          />
        ) : null;
      })}
      {padBottom > 0 && <li className="spacer" aria-hidden="true" style={{ height: padBottom }} />}
    </ul>
  );
}

function UnansweredRow({
  item,
  active,
  onSelect,
  mine,
  now,
  position,
  size,
}: {
  item: ContactListItem;
  active: boolean;
  onSelect: (memberId: string) => void;
  mine: MyHours | undefined;
  now: number;
  /** The row's place in the queue (from 1) and its length: only a window is in the DOM. */
  position: number;
  size: number;
}): React.JSX.Element {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const since = item.lastRunSince ?? '';
  const w = waited(since, now, mine);
  const total = t('waiting.since', { waited: formatDuration(w.totalMs, tr) });
  const working =
    w.workingMs === null ? null : t('waiting.inHours', { waited: formatDuration(w.workingMs, tr) });
  return (
    <li style={{ height: ROW_HEIGHT }} aria-posinset={position} aria-setsize={size}>
      <button
        type="button"
        className={`contact unanswered${active ? ' active' : ''}`}
        aria-current={active ? 'true' : undefined}
        onClick={() => onSelect(item.memberId)}
      >
        <Avatar
          id={item.memberId}
          name={item.displayName}
          presence={item.contact?.presence.state ?? 'offline'}
        />
        <span className="contact-main">
          <span className="contact-top">
            <span className="contact-name">{item.displayName}</span>
            <span className="contact-time">{formatListTime(since)}</span>
          </span>
          <span className="contact-bottom">
            <span className="contact-sub">{item.lastText ?? `@${item.memberId}`}</span>
          </span>
          <span className="unanswered-wait" title={working ?? undefined}>
            {working ? `${total} · ${working}` : total}
          </span>
        </span>
      </button>
    </li>
  );
}
