import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEADLINE_PRESETS,
  dueNotification,
  notificationKey,
  waitingClock,
  type Deadline,
  type DeadlinePresetId,
  type WaitingAction,
  type WaitingClock as Clock,
} from '../../../../shared/domain/waitingClock';
import type { MessageRow, TradewindDb } from '../../db/schema';
import { host } from '../../host';
import { formatDateTime } from '../../ui/format';
import { ExportDialog } from '../evidence';
import { ordersIn } from '../orders';
import { useSession } from '../../sync/session';
import { notificationsMuted } from '../presence';
import { formatDuration, waitingPhrase, type Translate } from './clockText';
import { historyOf } from './TheirClock';
import { markShown, setDeadline } from './waitingRepo';

const MAX_WAIT_MS = 60_000;

function useDeadline(db: TradewindDb, conversationId: string): Deadline | null | undefined {
  return useLiveQuery(
    async () => (await db.conversationPrefs.get(conversationId))?.deadline ?? null,
    [db, conversationId],
  );
}

/** Milliseconds until `nextAt`, at most a minute (so "waiting 31 h" keeps counting). */
function waitFor(nextAt: number | null): number {
  return nextAt === null ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, Math.max(0, nextAt - Date.now()) + 5);
}

/**
 * "waiting 31 h of 48 h ⏱" in the header, coloured ok / near / passed; nothing while idle. The
 * clock runs from my FIRST unanswered message (a dispute clock runs from the first unanswered
 * question, not from the latest reminder); the tooltip says so. Near and past the deadline it
 * offers "Export evidence…", which opens the evidence export dialog.
 */
export function WaitingBadge({
  conversationId,
  messages,
}: {
  conversationId: string;
  messages: readonly MessageRow[];
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const { db, me } = useSession();
  const deadline = useDeadline(db, conversationId);
  const partner = useLiveQuery(
    async () => (await db.conversations.get(conversationId))?.partner ?? null,
    [db, conversationId],
  );
  const [now, setNow] = useState(() => Date.now());
  const [exporting, setExporting] = useState(false);
  const clock: Clock = deadline ? waitingClock(historyOf(messages), me, deadline, now) : { state: 'idle' };
  const next = clock.state === 'idle' ? null : clock.nextNotificationAt;
  // One timer: the next state change, or the next minute while a clock runs.
  useEffect(() => {
    if (clock.state === 'idle') return;
    const id = setTimeout(() => setNow(Date.now()), waitFor(next));
    return () => clearTimeout(id);
  }, [clock.state, next, now]);
  const text = waitingPhrase(clock, tr);
  if (clock.state === 'idle' || !text) return null;
  const since = t('waitingClock.since', {
    sent: formatDateTime(clock.since),
    deadline: formatDateTime(clock.deadlineAt),
  });
  return (
    <>
      <span
        className={`waiting ${clock.state}`}
        role="timer"
        aria-label={`${t('waitingClock.clockLabel')}: ${text}`}
        title={since}
      >
        {text}
        <svg width="12" height="12" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="13" r="8" fill="none" stroke="currentColor" strokeWidth="2.2" />
          <path
            d="M12 9v4l2.5 2M9 3h6"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
          />
        </svg>
      </span>
      {clock.state !== 'ok' && partner && (
        <button type="button" className="button-ghost waiting-export" onClick={() => setExporting(true)}>
          {t('waitingClock.exportEvidence')}
        </button>
      )}
      {exporting && partner && (
        <ExportDialog
          conversationId={conversationId}
          partner={partner}
          orders={ordersIn(messages).map((o) => o.orderNo)}
          initialOrder={null}
          onClose={() => setExporting(false)}
        />
      )}
    </>
  );
}

type Choice = 'none' | DeadlinePresetId | 'custom';

/** The deadline picker: presets, custom hours, or none. Stored per conversation. */
export function DeadlinePicker({ conversationId }: { conversationId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const { db } = useSession();
  const deadline = useDeadline(db, conversationId);
  const choice: Choice = deadline ? deadline.preset : 'none';
  const hours = deadline?.preset === 'custom' ? deadline.hours : 24;
  const save = (c: Choice, h = hours): void => {
    const d: Deadline | null =
      c === 'none' ? null : c === 'custom' ? { preset: 'custom', hours: h } : { preset: c };
    void setDeadline(db, conversationId, d);
  };
  return (
    <span className="deadline-picker">
      <select
        aria-label={t('waitingClock.deadline')}
        value={choice}
        onChange={(e) => save(e.target.value as Choice)}
      >
        <option value="none">{t('waitingClock.none')}</option>
        {Object.values(DEADLINE_PRESETS).map((p) => (
          <option key={p.id} value={p.id}>
            {tr(p.labelKey)}
          </option>
        ))}
        <option value="custom">{t('waitingClock.custom')}</option>
      </select>
      {choice === 'custom' && (
        <input
          type="number"
          min={1}
          max={2160}
          aria-label={t('waitingClock.customHours')}
          value={hours}
          onChange={(e) => {
            save('custom', Math.max(1, Math.min(2160, Math.round(Number(e.target.value) || 1))));
          }}
        />
      )}
    </span>
  );
}

interface Watched {
  conversationId: string;
  name: string;
  shown: string[];
  history: { sender: string; sentAt: string }[];
  deadline: Deadline;
}

/**
 * Fires the waiting-clock notifications (near, passed) for every conversation with a deadline,
 * once each (remembered in Dexie), through the host's `notify()`; muted while I am busy. One
 * timer, set for the earliest next notification.
 */
/** How many of a conversation's newest messages the notifier reads. */
const RECENT = 200;

export function WaitingNotifier(): null {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const { db, engine, me } = useSession();
  const [now, setNow] = useState(() => Date.now());
  const watched = useLiveQuery(async (): Promise<Watched[]> => {
    const prefs = (await db.conversationPrefs.toArray()).filter((p) => p.deadline !== null);
    return Promise.all(
      prefs.map(async (p) => {
        const conv = await db.conversations.get(p.conversationId);
        const contact = conv ? await db.contacts.get(conv.partner) : undefined;
        // The newest messages are what the waiting clock looks at, not the whole history.
        const rows = (
          await db.messages
            .where('[conversationId+sort]')
            .between([p.conversationId, -Infinity], [p.conversationId, Infinity])
            .reverse()
            .limit(RECENT)
            .toArray()
        ).reverse();
        return {
          conversationId: p.conversationId,
          name: contact?.displayName ?? conv?.partner ?? p.conversationId,
          shown: p.shownNotifications,
          history: historyOf(rows),
          deadline: p.deadline as Deadline,
        };
      }),
    );
  }, [db]);

  useEffect(() => {
    if (!watched) return;
    let next: number | null = null;
    for (const w of watched) {
      const clock = waitingClock(w.history, me, w.deadline, now);
      if (clock.state === 'idle') continue;
      const shown = new Set(
        (['near', 'passed'] as const).filter((k) =>
          w.shown.includes(notificationKey(w.conversationId, clock, k) ?? ''),
        ),
      );
      const due = dueNotification(clock, shown);
      if (due && !notificationsMuted(engine.presenceSetting)) {
        const key = notificationKey(w.conversationId, clock, due);
        const total = tr('clock.hours', { hours: Math.round(clock.totalMs / 3_600_000) });
        const title = tr(due === 'near' ? 'waitingClock.nearTitle' : 'waitingClock.passedTitle', {
          name: w.name,
          total,
        });
        const actions = (list: readonly WaitingAction[]): string =>
          list.map((a) => tr(`waitingClock.action.${a}`)).join(', ');
        // Near the deadline: what to do now, and what becomes possible once it passes.
        const atDeadline = waitingClock(w.history, me, w.deadline, clock.deadlineAt);
        const later = atDeadline.state === 'idle' ? [] : atDeadline.actions;
        const body =
          due === 'near'
            ? tr('waitingClock.nearBody', {
                total,
                left: formatDuration(clock.leftMs, tr),
                now: actions(clock.actions),
                later: actions(later.filter((a) => a !== 'remind')),
              })
            : tr('waitingClock.passedBody', { actions: actions(clock.actions) });
        if (key) {
          void markShown(db, w.conversationId, key).then((fresh) =>
            fresh ? host.notify({ title, body, conversationId: w.conversationId }) : undefined,
          );
        }
      }
      if (clock.nextNotificationAt !== null && (next === null || clock.nextNotificationAt < next))
        next = clock.nextNotificationAt;
    }
    // While busy nothing fires; look again in a minute (the user may have become available).
    const id = setTimeout(() => setNow(Date.now()), waitFor(next));
    return () => clearTimeout(id);
  }, [watched, now, me, db, engine, tr]);

  return null;
}
