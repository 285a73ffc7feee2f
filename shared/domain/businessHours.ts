/**
 * Weekly business hours in the contact's own zone: are they at work now, when do they open or
 * close next, when will they likely read what I write now, and how much of a span of time was
 * business time (for reply statistics).
 *
 * Semantics: the hours are wall-clock times in the contact's IANA zone (`Profile.businessHours`,
 * index 0 = Monday, minutes after local midnight, `end` may be 1440). Each period becomes a span
 * of instants from the first moment their clock shows `start` to the first moment it shows `end`
 * (see `instantOfWallTime` for the daylight-saving gaps and overlaps). Periods that touch — a night
 * shift written as Mon 22:00–24:00 + Tue 00:00–06:00, or overlapping entries — are merged, so
 * "closes at" is the real closing time and not midnight.
 *
 * Pure: every function takes `now`; nothing reads the real clock.
 */
import type { BusinessHours } from '../protocol/schemas';
import {
  addDays,
  formatHm,
  instantOfWallTime,
  daysBetween,
  wallClock,
  weekdayOf,
  zoneClock,
  type ZoneClock,
} from './timeZones';

const DAY = 86_400_000;
/** How far ahead we look for an opening or closing: more than a week covers any weekly schedule. */
const HORIZON_DAYS = 9;

/** A half-open span of instants [start, end), epoch ms. */
export interface Interval {
  start: number;
  end: number;
}

/** True when at least one day has at least one period. */
export function hasAnyHours(hours: BusinessHours): boolean {
  return hours.some((day) => day.length > 0);
}

/** True when every day is covered from 00:00 to 24:00 (open around the clock). */
export function isAroundTheClock(hours: BusinessHours): boolean {
  return hours.every((day) => {
    const sorted = [...day].sort((a, b) => a.start - b.start);
    let reached = 0;
    for (const p of sorted) {
      if (p.start > reached) return false;
      reached = Math.max(reached, p.end);
    }
    return reached >= 1440;
  });
}

/**
 * The open spans, merged, that intersect [from, to). Spans are not clipped: the first may start
 * before `from` and the last end after `to`.
 */
export function openIntervals(hours: BusinessHours, timeZone: string, from: number, to: number): Interval[] {
  if (to < from) return [];
  // One local day either side: a span that started yesterday may still be open at `from`.
  const first = addDays(wallClock(timeZone, from), -1);
  const last = addDays(wallClock(timeZone, to), 1);
  const raw: Interval[] = [];
  const days = daysBetween(first, last);
  for (let i = 0; i <= days; i++) {
    const date = addDays(first, i);
    for (const p of hours[weekdayOf(date)] ?? []) {
      const start = instantOfWallTime(timeZone, date, p.start);
      const end = instantOfWallTime(timeZone, date, p.end);
      // A period entirely inside a spring-forward gap has no instants at all.
      if (end > start) raw.push({ start, end });
    }
  }
  raw.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const iv of raw) {
    const prev = merged[merged.length - 1];
    if (prev && iv.start <= prev.end) prev.end = Math.max(prev.end, iv.end);
    else merged.push({ ...iv });
  }
  return merged.filter((iv) => iv.end > from && iv.start < Math.max(to, from + 1));
}

/** Milliseconds of business time in [from, to): 0 when `to` ≤ `from`. */
export function businessTimeBetween(
  hours: BusinessHours,
  timeZone: string,
  from: number,
  to: number,
): number {
  if (to <= from) return 0;
  let total = 0;
  for (const iv of openIntervals(hours, timeZone, from, to)) {
    total += Math.max(0, Math.min(iv.end, to) - Math.max(iv.start, from));
  }
  return total;
}

/** Where a contact stands against their hours right now. */
export type BusinessStatus =
  /** No hours published: say nothing about being at work. */
  | { state: 'unknown' }
  /** `closesAt` null = open around the clock. */
  | { state: 'open'; closesAt: number | null; closesInMs: number | null }
  /** `opensAt` null = hours published but every day is closed. */
  | { state: 'closed'; opensAt: number | null; opensInMs: number | null };

/** Open or closed at `now`, and the next change ("opens in 5 h 48 min", "closes in 40 min"). */
export function businessStatus(
  hours: BusinessHours | undefined,
  timeZone: string,
  now: number,
): BusinessStatus {
  if (!hours) return { state: 'unknown' };
  if (!hasAnyHours(hours)) return { state: 'closed', opensAt: null, opensInMs: null };
  if (isAroundTheClock(hours)) return { state: 'open', closesAt: null, closesInMs: null };
  const spans = openIntervals(hours, timeZone, now, now + HORIZON_DAYS * DAY);
  const current = spans.find((iv) => iv.start <= now && now < iv.end);
  if (current) return { state: 'open', closesAt: current.end, closesInMs: current.end - now };
  const next = spans.find((iv) => iv.start > now);
  // Every weekday with hours recurs within the horizon; a missing `next` means all periods fall
  // in DST gaps, which no real schedule does — report it as never opening rather than guess.
  if (!next) return { state: 'closed', opensAt: null, opensInMs: null };
  return { state: 'closed', opensAt: next.start, opensInMs: next.start - now };
}

/** An instant seen from one zone, for sentences like "09:00 their time (02:00 yours)". */
export interface ZonedMoment {
  /** "09:00" */
  time: string;
  /** 0 = Monday … 6 = Sunday, in that zone. */
  weekday: number;
  /** Calendar days after "today" in that zone at `now`: 0 today, 1 tomorrow, … */
  dayOffset: number;
}

function zonedMoment(timeZone: string, at: number, now: number): ZonedMoment {
  const w = wallClock(timeZone, at);
  return {
    time: formatHm(w.hour, w.minute),
    weekday: w.weekday,
    dayOffset: daysBetween(wallClock(timeZone, now), w),
  };
}

/** When a message written now will likely be read: the contact's next opening. */
export interface LikelyRead {
  at: number;
  inMs: number;
  their: ZonedMoment;
  mine: ZonedMoment;
}

/**
 * "Likely read around 09:00 their time (02:00 yours)": the next opening, seen from both zones.
 * Null while they are at work, when their hours are unknown, or when they never open.
 */
export function likelyReadAround(
  hours: BusinessHours | undefined,
  theirTimeZone: string,
  myTimeZone: string,
  now: number,
): LikelyRead | null {
  const status = businessStatus(hours, theirTimeZone, now);
  if (status.state !== 'closed' || status.opensAt === null) return null;
  return {
    at: status.opensAt,
    inMs: status.opensAt - now,
    their: zonedMoment(theirTimeZone, status.opensAt, now),
    mine: zonedMoment(myTimeZone, status.opensAt, now),
  };
}

/** Everything a contact row or chat header shows about the other side's clock, in one call. */
export interface ContactTime {
  clock: ZoneClock;
  status: BusinessStatus;
  /** Non-null only when they are outside their hours and will open. */
  likelyRead: LikelyRead | null;
}

/** The other side's clock, business status and likely-read moment at `now`. */
export function contactTime(
  profile: { timeZone: string; businessHours?: BusinessHours | undefined },
  myTimeZone: string,
  now: number,
): ContactTime {
  return {
    clock: zoneClock(profile.timeZone, now, myTimeZone),
    status: businessStatus(profile.businessHours, profile.timeZone, now),
    likelyRead: likelyReadAround(profile.businessHours, profile.timeZone, myTimeZone, now),
  };
}

/**
 * When the displayed status can next change (the next opening or closing, or the next whole
 * minute for the clock), so a UI can schedule one timer instead of polling.
 */
export function nextRefreshAt(time: ContactTime, now: number): number {
  const nextMinute = Math.floor(now / 60_000) * 60_000 + 60_000;
  const s = time.status;
  const change = s.state === 'open' ? s.closesAt : s.state === 'closed' ? s.opensAt : null;
  return change !== null && change < nextMinute ? change : nextMinute;
}
