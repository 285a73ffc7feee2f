/**
 * "Usually replies within ~2 h": how long a contact takes to answer me, from the local history.
 *
 * A sample is one exchange: the first of my messages that the contact had not answered yet, up to
 * the contact's next message. Follow-ups ("hello?") do not restart it — the question was asked at
 * the first one. The time counted is the contact's business time only (a question sent on Friday
 * night and answered on Monday at 09:40 took 40 minutes), or plain elapsed time when the contact
 * publishes no hours. The statistic is the median of the most recent samples; below
 * `minSamples` nothing is shown, because two lucky answers say nothing.
 *
 * Pure: no clock, no I/O. Message times are the server's `sentAt` (ISO strings) or epoch ms.
 */
import type { BusinessHours } from '../protocol/schemas';
import { businessTimeBetween, hasAnyHours } from './businessHours';

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

/** The least a history needs: who wrote and when. Extra fields are ignored. */
export interface HistoryEntry {
  sender: string;
  sentAt: string | number;
  /**
   * Set on an automatic reply (the away auto-reply, issue 11): nobody answered, so it is left out
   * of reply times and does not stop a waiting clock.
   */
  automatic?: unknown;
}

export interface ReplyStatsOptions {
  /** Fewer samples than this → `insufficient`. Default 3. */
  minSamples?: number;
  /** Only the most recent samples count, so the figure follows how they answer now. Default 50. */
  maxSamples?: number;
}

/** A phrase key for `t()` with its number; the renderer owns the wording. */
export type ReplyPhrase =
  | { key: 'replyStats.withinMinutes'; value: number }
  | { key: 'replyStats.withinHours'; value: number }
  | { key: 'replyStats.withinDays'; value: number }
  | { key: 'replyStats.overWeek'; value: 7 };

export type ReplyStats =
  | { kind: 'insufficient'; samples: number; needed: number }
  | {
      kind: 'ok';
      samples: number;
      medianMs: number;
      /** `business`: counted in the contact's hours; `elapsed`: they publish none. */
      basis: 'business' | 'elapsed';
      phrase: ReplyPhrase;
    };

/** Upper bounds of the buckets, smallest first; the median falls into the first bound ≥ it. */
const BUCKETS: readonly ReplyPhrase[] = [
  { key: 'replyStats.withinMinutes', value: 5 },
  { key: 'replyStats.withinMinutes', value: 15 },
  { key: 'replyStats.withinMinutes', value: 30 },
  { key: 'replyStats.withinHours', value: 1 },
  { key: 'replyStats.withinHours', value: 2 },
  { key: 'replyStats.withinHours', value: 4 },
  { key: 'replyStats.withinHours', value: 8 },
  { key: 'replyStats.withinDays', value: 1 },
  { key: 'replyStats.withinDays', value: 2 },
  { key: 'replyStats.withinDays', value: 3 },
  { key: 'replyStats.withinDays', value: 7 },
];

function phraseMs(p: ReplyPhrase): number {
  switch (p.key) {
    case 'replyStats.withinMinutes':
      return p.value * MIN;
    case 'replyStats.withinHours':
      return p.value * H;
    case 'replyStats.withinDays':
    case 'replyStats.overWeek':
      return p.value * D;
  }
}

/**
 * The bucket a duration falls into: ≤5 min, 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 1 d, 2 d, 3 d,
 * 7 d, then "over a week". Note that a day of *business* time is a day of their hours, so "~1 d"
 * of an office that opens 9 h a day means about 9 business hours.
 */
export function replyBucket(ms: number): ReplyPhrase {
  return BUCKETS.find((b) => ms <= phraseMs(b)) ?? { key: 'replyStats.overWeek', value: 7 };
}

/** English fallback ("usually replies within ~2 h"); the UI uses `t(phrase.key, { count })`. */
export function formatReplyPhrase(p: ReplyPhrase): string {
  switch (p.key) {
    case 'replyStats.withinMinutes':
      return `usually replies within ~${p.value} min`;
    case 'replyStats.withinHours':
      return `usually replies within ~${p.value} h`;
    case 'replyStats.withinDays':
      return p.value === 1 ? 'usually replies within ~1 day' : `usually replies within ~${p.value} days`;
    case 'replyStats.overWeek':
      return 'usually takes more than a week to reply';
  }
}

/** Hours that can measure anything: published and open at least once a week. */
function usableHours(hours: BusinessHours | undefined): BusinessHours | null {
  return hours && hasAnyHours(hours) ? hours : null;
}

const toMs = (t: string | number): number => (typeof t === 'number' ? t : Date.parse(t));

/** Median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  if (s.length % 2 === 1) return s[mid] ?? 0;
  return ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * One sample per answered exchange, oldest first: the contact's business time from my first
 * unanswered message to their next message. Messages from anyone else are ignored. Unparseable
 * times are skipped.
 */
export function replySamples(
  history: readonly HistoryEntry[],
  me: string,
  contact: { memberId: string; timeZone: string; businessHours?: BusinessHours | undefined },
): number[] {
  const timed = history
    .filter((m) => !m.automatic)
    .map((m) => ({ sender: m.sender, at: toMs(m.sentAt) }))
    .filter((m) => Number.isFinite(m.at) && (m.sender === me || m.sender === contact.memberId))
    // Stable sort keeps the given order for equal times (the server's seq order).
    .sort((a, b) => a.at - b.at);
  const hours = usableHours(contact.businessHours);
  const samples: number[] = [];
  let askedAt: number | null = null;
  for (const m of timed) {
    if (m.sender === me) {
      askedAt ??= m.at;
    } else if (askedAt !== null) {
      samples.push(hours ? businessTimeBetween(hours, contact.timeZone, askedAt, m.at) : m.at - askedAt);
      askedAt = null;
    }
  }
  return samples;
}

/** The contact's typical time to first reply, or `insufficient` below `minSamples`. */
export function replyStats(
  history: readonly HistoryEntry[],
  me: string,
  contact: { memberId: string; timeZone: string; businessHours?: BusinessHours | undefined },
  options: ReplyStatsOptions = {},
): ReplyStats {
  const minSamples = options.minSamples ?? 3;
  const maxSamples = options.maxSamples ?? 50;
  const all = replySamples(history, me, contact);
  const recent = all.slice(-maxSamples);
  if (recent.length < minSamples) return { kind: 'insufficient', samples: recent.length, needed: minSamples };
  const medianMs = median(recent);
  return {
    kind: 'ok',
    samples: recent.length,
    medianMs,
    basis: usableHours(contact.businessHours) ? 'business' : 'elapsed',
    phrase: replyBucket(medianMs),
  };
}
