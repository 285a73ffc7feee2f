/**
 * The waiting clock of a conversation: how long my unanswered message has waited, against a
 * deadline the user picks per conversation — a platform rule or their own — and what to do when
 * it runs out.
 *
 * The clock starts at the first of my messages the partner has not answered yet and stops when
 * the partner writes. A follow-up of mine ("any news?") does not restart it: platform response
 * rules count from when the question was asked, and a nudge must not buy the seller time.
 *
 * Deadlines count calendar time (platforms' rules do), not business hours.
 *
 * Pure: every function takes `now`; nothing reads the real clock.
 */
import type { HistoryEntry } from './replyStats';

const H = 3_600_000;

/** What the user can do next; the renderer maps each to a button and a `t()` label. */
export type WaitingAction = 'remind' | 'escalate' | 'openDispute' | 'exportEvidence';

export type DeadlinePresetId = 'aliexpress-48h' | 'trade-assurance-3d';

export interface DeadlinePreset {
  id: DeadlinePresetId;
  /** Hours from the question to the deadline. */
  hours: number;
  /** `t()` key of the label; English in `label` for logs and tests. */
  labelKey: `waitingClock.preset.${string}`;
  label: string;
  /** Actions suggested once the deadline has passed, most useful first. */
  onPassed: readonly WaitingAction[];
}

export const DEADLINE_PRESETS: Readonly<Record<DeadlinePresetId, DeadlinePreset>> = {
  'aliexpress-48h': {
    id: 'aliexpress-48h',
    hours: 48,
    labelKey: 'waitingClock.preset.aliexpress48h',
    label: 'AliExpress: seller answers within 48 h',
    onPassed: ['openDispute', 'exportEvidence', 'remind'],
  },
  'trade-assurance-3d': {
    id: 'trade-assurance-3d',
    // "Within 3 days, escalate on day 4": the deadline is the end of day 3.
    hours: 72,
    labelKey: 'waitingClock.preset.tradeAssurance3d',
    label: 'Alibaba Trade Assurance: supplier answers within 3 days, escalate on day 4',
    onPassed: ['escalate', 'exportEvidence', 'openDispute'],
  },
};

/** A conversation's chosen deadline. Custom hours: 1 h … 90 days. */
export type Deadline = { preset: DeadlinePresetId } | { preset: 'custom'; hours: number };

export const CUSTOM_DEADLINE_MAX_HOURS = 90 * 24;

/** Hours of a deadline (custom hours clamped to 1 … 90 days). */
export function deadlineHours(deadline: Deadline): number {
  if (deadline.preset === 'custom') {
    const h = Number.isFinite(deadline.hours) ? deadline.hours : 1;
    return Math.min(CUSTOM_DEADLINE_MAX_HOURS, Math.max(1, h));
  }
  return DEADLINE_PRESETS[deadline.preset].hours;
}

/**
 * How long before the deadline the clock turns "near": the last 20 % of it, but at least 6 h
 * (a 48 h rule warns 9.6 h ahead, a 12 h one 6 h ahead) and never more than half the deadline
 * (a 4 h custom deadline warns 2 h ahead instead of being "near" from the start).
 */
export function nearWindowMs(totalMs: number): number {
  return Math.min(Math.max(0.2 * totalMs, 6 * H), 0.5 * totalMs);
}

export type WaitingState = 'ok' | 'near' | 'passed';

export type WaitingClock =
  /** Nothing of mine is waiting: the partner wrote last, or nobody wrote. */
  | { state: 'idle' }
  | {
      state: WaitingState;
      /** When my first unanswered message was sent (the clock's start), epoch ms. */
      since: number;
      /** My latest message in the unanswered run. */
      lastSentAt: number;
      /** How many of my messages are unanswered. */
      unanswered: number;
      waitedMs: number;
      deadlineAt: number;
      totalMs: number;
      /** Until the deadline; negative once passed. */
      leftMs: number;
      /** When the clock turns near. */
      nearAt: number;
      /** Share of the deadline used, 0…1+ (for a progress ring). */
      progress: number;
      /** The next instant a notification is due (near, then passed), or null when none is left. */
      nextNotificationAt: number | null;
      nextNotification: 'near' | 'passed' | null;
      /** Suggested next steps for the current state. */
      actions: readonly WaitingAction[];
    };

const toMs = (t: string | number): number => (typeof t === 'number' ? t : Date.parse(t));

/** The start, end and count of my unanswered run at the end of the history, or null. */
export function unansweredRun(
  history: readonly HistoryEntry[],
  me: string,
): { since: number; lastSentAt: number; count: number } | null {
  const timed = history
    // An automatic reply answers nothing: the clock runs on (issue 11).
    .filter((m) => !m.automatic)
    .map((m) => ({ sender: m.sender, at: toMs(m.sentAt) }))
    .filter((m) => Number.isFinite(m.at))
    .sort((a, b) => a.at - b.at);
  // The run is the stretch of my messages after the partner's last one.
  let start = -1;
  for (let i = 0; i < timed.length; i++) {
    if (timed[i]?.sender !== me) start = -1;
    else if (start < 0) start = i;
  }
  const first = start >= 0 ? timed[start] : undefined;
  const last = timed[timed.length - 1];
  const run = first && last ? { since: first.at, lastSentAt: last.at, count: timed.length - start } : null;
  return run;
}

function actionsFor(state: WaitingState, deadline: Deadline): readonly WaitingAction[] {
  if (state === 'ok') return [];
  if (state === 'near') return ['remind'];
  if (deadline.preset === 'custom') return ['remind', 'escalate', 'exportEvidence'];
  return DEADLINE_PRESETS[deadline.preset].onPassed;
}

/** The waiting clock of one conversation at `now`. */
export function waitingClock(
  history: readonly HistoryEntry[],
  me: string,
  deadline: Deadline,
  now: number,
): WaitingClock {
  const run = unansweredRun(history, me);
  if (!run) return { state: 'idle' };
  const totalMs = deadlineHours(deadline) * H;
  const deadlineAt = run.since + totalMs;
  const nearAt = deadlineAt - nearWindowMs(totalMs);
  const state: WaitingState = now >= deadlineAt ? 'passed' : now >= nearAt ? 'near' : 'ok';
  const next = state === 'ok' ? 'near' : state === 'near' ? 'passed' : null;
  return {
    state,
    since: run.since,
    lastSentAt: run.lastSentAt,
    unanswered: run.count,
    waitedMs: Math.max(0, now - run.since),
    deadlineAt,
    totalMs,
    leftMs: deadlineAt - now,
    nearAt,
    progress: Math.max(0, now - run.since) / totalMs,
    nextNotificationAt: next === 'near' ? nearAt : next === 'passed' ? deadlineAt : null,
    nextNotification: next,
    actions: actionsFor(state, deadline),
  };
}

/**
 * Which notification to show now, given the ones already shown for this clock (keyed by
 * `notificationKey`). Returns the most advanced due and not yet shown — after a night with the
 * app closed, the user gets "passed" once, not "near" and then "passed".
 */
export function dueNotification(
  clock: WaitingClock,
  alreadyShown: ReadonlySet<'near' | 'passed'>,
): 'near' | 'passed' | null {
  if (clock.state === 'passed') return alreadyShown.has('passed') ? null : 'passed';
  if (clock.state === 'near') return alreadyShown.has('near') || alreadyShown.has('passed') ? null : 'near';
  return null;
}

/**
 * A stable key for de-duplicating notifications of one waiting period: a new question after the
 * partner answered starts a new period with a new key.
 */
export function notificationKey(
  conversationId: string,
  clock: WaitingClock,
  kind: 'near' | 'passed',
): string | null {
  return clock.state === 'idle' ? null : `${conversationId}:${clock.since}:${kind}`;
}
