/**
 * The away auto-reply (issue 11; docs/protocol.md § Away auto-reply): when the server answers a
 * message for a seller who is away, and what the answer says about their return.
 *
 * - **Away** is the seller's presence as the server merges it from their devices: away (idle or
 *   chosen), offline (app closed, signed out) or appearing offline. Online or busy is present:
 *   a seller answering at 22:00 is not sent an "we are closed" on their behalf, whatever their
 *   published hours say.
 * - **An away period** is a stretch of being away; it ends when the seller is present again.
 *   Each conversation gets at most one reply per period: the server answers when no automatic
 *   reply was sent in the conversation since the seller's presence last went from present to
 *   away (`presenceChangedAt`). Unknown (`null`) counts as the same period: one reply, not many.
 * - **Back at** is the next opening of the seller's published hours when it is outside them now;
 *   null inside the hours or without published hours (nobody knows when an idle seller returns).
 *
 * Pure: every function takes `now`; nothing reads the real clock.
 */
import type { BusinessHours, PresenceState } from '../protocol/schemas';
import { businessStatus } from './businessHours';
import { daysBetween, formatHm, wallClock } from './timeZones';

/** Online and busy are at the desk; away, offline (and appearing offline) are not. */
export function isPresent(state: PresenceState): boolean {
  return state === 'online' || state === 'busy';
}

export interface AwayReplyInput {
  /** The seller's merged presence now. */
  presence: PresenceState;
  /** When their presence last went between present and away (epoch ms); null = not known. */
  presenceChangedAt: number | null;
  /** The last automatic reply in this conversation (epoch ms); null = none yet. */
  lastReplyAt: number | null;
  /** The seller's published hours (absent = not published) and their zone. */
  businessHours?: BusinessHours | undefined;
  timeZone: string;
  now: number;
}

export type AwayReplyDecision =
  { send: false; reason: 'present' | 'already_replied' } | { send: true; backAt: number | null };

/** Whether to answer a message to the seller now, and with which return time. */
export function awayReplyDecision(input: AwayReplyInput): AwayReplyDecision {
  if (isPresent(input.presence)) return { send: false, reason: 'present' };
  const { lastReplyAt, presenceChangedAt } = input;
  // A reply already went out in this period unless the seller was present after it: their
  // presence then went back to away after the reply, which starts a new period.
  if (lastReplyAt !== null && (presenceChangedAt === null || presenceChangedAt <= lastReplyAt))
    return { send: false, reason: 'already_replied' };
  return { send: true, backAt: backAt(input.businessHours, input.timeZone, input.now) };
}

/** The next opening when outside published hours now; null inside them or without hours. */
export function backAt(hours: BusinessHours | undefined, timeZone: string, now: number): number | null {
  const status = businessStatus(hours, timeZone, now);
  return status.state === 'closed' ? status.opensAt : null;
}

/** A return time as one reader sees it: "09:00", and the day relative to the reader's today. */
export interface BackAtForReader {
  /** "09:00" on the reader's clock. */
  time: string;
  /** 0 = today, 1 = tomorrow, … in the reader's zone at `now` (negative: already past). */
  dayOffset: number;
  /** 0 = Monday … 6 = Sunday, in the reader's zone. */
  weekday: number;
}

/** `backAt` on the reader's clock, for "back at 03:00 your time, tomorrow". */
export function backAtForReader(backAtIso: string, readerTimeZone: string, now: number): BackAtForReader {
  const at = Date.parse(backAtIso);
  const w = wallClock(readerTimeZone, at);
  return {
    time: formatHm(w.hour, w.minute),
    dayOffset: daysBetween(wallClock(readerTimeZone, now), w),
    weekday: w.weekday,
  };
}
