/**
 * Time-zone arithmetic on IANA zones through `Intl` only (no tz database of our own, no Node, no
 * DOM), so the same code runs in the renderer, the server and tests.
 *
 * Every function takes the instant it reasons about (`now`, `at`) as epoch milliseconds; nothing
 * in here reads the real clock, so tests control time completely.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A calendar date (proleptic Gregorian), month 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The wall clock in a zone at one instant. `weekday` 0 = Monday … 6 = Sunday (as BusinessHours). */
export interface WallClock extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  /** Minutes after local midnight, 0–1439. */
  minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime's Intl knows the zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Weekday of a calendar date, 0 = Monday … 6 = Sunday. */
export function weekdayOf(date: CalendarDate): number {
  const sundayFirst = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return (sundayFirst + 6) % 7;
}

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whole days from `a` to `b` (b − a) on the calendar, ignoring zones. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY);
}

/** "1/15/2025 AD, 00:00:00" — what en-US prints with the options above. */
const FORMATTED = /^(\d{1,2})\/(\d{1,2})\/(\d{1,6}) (AD|BC), (\d{1,2}):(\d{2}):(\d{2})$/;

/** The wall clock in `timeZone` at instant `at` (epoch ms). */
export function wallClock(timeZone: string, at: number): WallClock {
  const f = partsFormatter(timeZone);
  const d = new Date(at);
  // `format` + a strict pattern is ~3× faster than `formatToParts`, and business-time sums call
  // this thousands of times; any output we do not recognise falls back to the parts.
  const m = FORMATTED.exec(f.format(d));
  if (m) {
    const year = m[4] === 'BC' ? 1 - Number(m[3]) : Number(m[3]);
    return build(year, Number(m[1]), Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7]));
  }
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of f.formatToParts(d)) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        hour = Number(p.value);
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
      case 'era':
        bc = p.value.startsWith('B');
        break;
      default:
        break;
    }
  }
  return build(bc ? 1 - year : year, month, day, hour, minute, second);
}

function build(
  year: number,
  month: number,
  day: number,
  rawHour: number,
  minute: number,
  second: number,
): WallClock {
  // Some older ICU builds print midnight as "24" even with h23.
  const hour = rawHour % 24;
  const date = { year, month, day };
  return { ...date, hour, minute, second, weekday: weekdayOf(date), minuteOfDay: hour * 60 + minute };
}

/** Offset of `timeZone` from UTC at instant `at`, in minutes (east positive: Shanghai = 480). */
export function offsetMinutes(timeZone: string, at: number): number {
  const w = wallClock(timeZone, at);
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  const flooredAt = Math.floor(at / 1000) * 1000;
  return Math.round((d.getTime() - flooredAt) / MINUTE);
}

/** "GMT+8", "GMT-3", "GMT+5:30", "GMT+0" — as Intl's `shortOffset`, but always with a sign. */
export function offsetLabel(offset: number): string {
  if (offset === 0) return 'GMT+0';
  const sign = offset > 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return m === 0 ? `GMT${sign}${h}` : `GMT${sign}${h}:${String(m).padStart(2, '0')}`;
}

/** "09:05" — 24-hour clock, language-neutral. */
export function formatHm(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** "09:05" for a minute-of-day (1440 prints as "24:00", the end of a day). */
export function formatMinuteOfDay(minuteOfDay: number): string {
  return formatHm(Math.floor(minuteOfDay / 60), minuteOfDay % 60);
}

/**
 * The first instant at which the wall clock in `timeZone` on `date` shows `minuteOfDay` or later.
 *
 * - Normal times: the one instant that shows it.
 * - Overlap (autumn, a time shown twice): the earlier instant.
 * - Gap (spring, a time that never shows, e.g. 02:30 in Warsaw on the last Sunday of March): the
 *   moment the clocks jump (03:00 new time), because that is when a wall clock first passes it.
 *   A shop that opens at 02:30 is open as soon as its clock says 03:00.
 *
 * `minuteOfDay` may be 1440 (24:00 = the start of the next day).
 */
export function instantOfWallTime(timeZone: string, date: CalendarDate, minuteOfDay: number): number {
  const target = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE;
  // Offsets a day either side bracket any single transition near the target.
  const before = offsetMinutes(timeZone, target - DAY);
  const after = offsetMinutes(timeZone, target + DAY);
  const shows = (t: number): boolean => t + offsetMinutes(timeZone, t) * MINUTE === target;
  const guesses =
    before === after ? [target - before * MINUTE] : [target - before * MINUTE, target - after * MINUTE];
  const candidates = guesses.filter(shows);
  if (candidates.length > 0) return Math.min(...candidates);
  // A gap: find the transition between the two readings by bisection (minute precision; zones
  // change offset on whole minutes).
  let lo = Math.min(target - before * MINUTE, target - after * MINUTE);
  let hi = Math.max(target - before * MINUTE, target - after * MINUTE);
  const wallAt = (t: number): number => t + offsetMinutes(timeZone, t) * MINUTE;
  // Invariant: wallAt(lo) < target <= wallAt(hi).
  if (wallAt(lo) >= target) return lo;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (mid <= lo) break;
    if (wallAt(mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Clock of a contact as a list row or chat header shows it. */
export interface ZoneClock {
  timeZone: string;
  wall: WallClock;
  /** "03:12" */
  time: string;
  offsetMinutes: number;
  /** "GMT+8" */
  offsetLabel: string;
  /**
   * Their offset minus mine, in minutes (Shanghai vs Warsaw in winter = +420), or null when
   * `myTimeZone` was not given.
   */
  aheadOfMeMinutes: number | null;
  /** Their calendar day relative to mine right now: -1 yesterday, 0 same day, 1 tomorrow. */
  dayRelativeToMe: number | null;
}

/** The live clock of someone in `timeZone` at `now`, optionally compared with `myTimeZone`. */
export function zoneClock(timeZone: string, now: number, myTimeZone?: string): ZoneClock {
  const wall = wallClock(timeZone, now);
  const off = offsetMinutes(timeZone, now);
  let ahead: number | null = null;
  let dayRel: number | null = null;
  if (myTimeZone !== undefined) {
    ahead = off - offsetMinutes(myTimeZone, now);
    dayRel = daysBetween(wallClock(myTimeZone, now), wall);
  }
  return {
    timeZone,
    wall,
    time: formatHm(wall.hour, wall.minute),
    offsetMinutes: off,
    offsetLabel: offsetLabel(off),
    aheadOfMeMinutes: ahead,
    dayRelativeToMe: dayRel,
  };
}

/** A duration split for display: 5 h 48 min → { days: 0, hours: 5, minutes: 48 }. Rounds up to the minute. */
export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
}

/**
 * Splits a non-negative duration. Rounded *up* to whole minutes so "opens in 0 min" never shows
 * while it is still closed.
 */
export function durationParts(ms: number): DurationParts {
  const totalMinutes = Math.max(0, Math.ceil(ms / MINUTE));
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}

/**
 * English fallback for logs and tests ("5 h 48 min", "2 d 3 h", "12 min"); the UI builds its own
 * sentence from `durationParts` through `t()`. Days drop the minutes: precision a person uses.
 */
export function formatDurationShort(ms: number): string {
  const { days, hours, minutes } = durationParts(ms);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}
