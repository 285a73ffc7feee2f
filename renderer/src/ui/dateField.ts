/**
 * A calendar day (and a clock time) written and read in the user's locale, for DateField and TimeField: the order of day, month
 * and year, the locale's digits and its calendar (Gregorian unless the user picked Solar Hijri or
 * Umm al-Qura), all from Intl. Values are ISO days ("2026-12-06", Gregorian), as
 * `<input type="date">` gives them. Pure: unit-tested in dateField.test.ts.
 */

const DAY_MS = 86_400_000;

type Field = 'year' | 'month' | 'day';

/** Noon UTC of an ISO day, or null when it is not one ("2026-02-30" is not). */
function noonOf(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d, 12);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : null;
}

function isoOf(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const fieldNames = new Map<string, string>();

/**
 * The numeric day formatter of a locale, in UTC (a day is a day, wherever the reader is). One per
 * locale (issue 10): the jump bar's date field renders with every conversation and every message
 * sent, and building an Intl formatter costs far more than using it (DateField was 16 ms of opening
 * a conversation and 35 ms of five sends in the CPU profiles, bench/README.md).
 */
function dayFormat(loc: string): Intl.DateTimeFormat {
  let f = dayFormats.get(loc);
  if (!f) {
    f = new Intl.DateTimeFormat(loc, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
    dayFormats.set(loc, f);
  }
  return f;
}

/** "06.12.2026" in ro, "۲۰۲۶/۱۲/۰۶" in fa, "۱۴۰۵/۰۹/۱۵" in fa with the Persian calendar; '' for ''. */
export function formatIsoDay(iso: string, loc: string): string {
  const t = noonOf(iso);
  return t === null ? '' : dayFormat(loc).format(t);
}

/** The order in which the locale writes year, month and day. */
function fieldOrder(loc: string): Field[] {
  return dayFormat(loc)
    .formatToParts(Date.UTC(2026, 11, 6, 12))
    .flatMap((p) => (p.type === 'year' || p.type === 'month' || p.type === 'day' ? [p.type] : []));
}

/**
 * What a blank field asks for, named in the user's language in the locale's order and with its
 * separators: "day/month/year" (en-GB), "zi.lună.an" (ro), "سال/ماه/روز" (fa) — where Chromium's
 * own date field says "mm/dd/yyyy" whatever the app's language.
 */
export function dayPlaceholder(loc: string): string {
  const parts = dayFormat(loc).formatToParts(Date.UTC(2026, 11, 6, 12));
  const out: string[] = [];
  for (const p of parts) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day') out.push(fieldName(loc, p.type));
    else if (p.type === 'literal') out.push(p.value);
    // An era ("هـ" after an Umm al-Qura year) is no field to type.
  }
  return out.join('').trim();
}

/** Every decimal digit Unicode has (Persian ۰–۹, Arabic-Indic ٠–٩, …) as 0–9. */
function asciiDigits(s: string): string {
  return s.replace(/\p{Nd}/gu, (ch) => {
    // Decimal digits come in runs of ten from the one whose value is 0: count back to it.
    const code = ch.codePointAt(0) ?? 48;
    let zero = code;
    while (code - zero < 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
    return String(code - zero);
  });
}

/** The calendar the locale writes dates in ("gregory", "persian", "islamic-umalqura"). */
function calendarOf(loc: string): string {
  return dayFormat(loc).resolvedOptions().calendar;
}

/** Year, month and day of an instant in a calendar, in Latin digits. */
function partsIn(cal: string, t: number): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat(`en-US-u-ca-${cal}-nu-latn`, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(t);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/**
 * The Gregorian ISO day of a date written in another calendar, found by walking towards it
 * (Intl converts only from Gregorian), or null when that calendar has no such day.
 */
function fromCalendar(cal: string, year: number, month: number, day: number): string | null {
  // Mean lengths: lunar (Umm al-Qura) or solar years; exact on the last steps, which are days.
  const yearDays = cal.startsWith('islamic') ? 354.367 : 365.2425;
  let t = Date.UTC(2026, 0, 1, 12);
  for (let i = 0; i < 12; i++) {
    const p = partsIn(cal, t);
    if (p.year === year && p.month === month && p.day === day) return isoOf(t);
    const step = Math.round((year - p.year) * yearDays + ((month - p.month) * yearDays) / 12 + (day - p.day));
    if (step === 0) return null; // the nearest day is another one: no such date (day 31 of a 30-day month)
    t += step * DAY_MS;
  }
  return null;
}

/**
 * What was typed, read as the locale writes it (its order, Latin or local digits, any
 * separators), as an ISO day; null when it is not a whole date. The year is written in full.
 */
export function parseDay(text: string, loc: string): string | null {
  const numbers = asciiDigits(text).match(/\d+/g);
  if (!numbers || numbers.length !== 3) return null;
  const order = fieldOrder(loc);
  if (order.length !== 3) return null;
  const v: Record<Field, number> = { year: NaN, month: NaN, day: NaN };
  order.forEach((f, i) => (v[f] = Number(numbers[i])));
  if (v.year < 1000 || v.year > 9999 || v.month < 1 || v.month > 12 || v.day < 1 || v.day > 31) return null;
  const cal = calendarOf(loc);
  if (cal === 'gregory' || cal === 'iso8601') {
    const iso = `${String(v.year)}-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`;
    return noonOf(iso) === null ? null : iso;
  }
  return fromCalendar(cal, v.year, v.month, v.day);
}

/** The ISO day `days` after `iso` (before, when negative). */
export function addDays(iso: string, days: number): string {
  const t = noonOf(iso);
  return t === null ? iso : isoOf(t + days * DAY_MS);
}

/** Today where the reader is, as an ISO day. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${String(y)}-${m}-${d}`;
}

/** A field's name in the user's language ("ساعت", "oră"), from Intl; the English key where it has none. */
function fieldName(loc: string, field: 'year' | 'month' | 'day' | 'hour' | 'minute'): string {
  const key = `${loc}|${field}`;
  let name = fieldNames.get(key);
  if (name === undefined) {
    try {
      name = new Intl.DisplayNames([loc], { type: 'dateTimeField' }).of(field) ?? field;
    } catch {
      name = field;
    }
    fieldNames.set(key, name);
  }
  return name;
}

/** What a blank clock field asks for: "hour:minute" named in the language ("ساعت:دقیقه", "oră:minut"). */
export function clockPlaceholder(loc: string): string {
  return `${fieldName(loc, 'hour')}:${fieldName(loc, 'minute')}`;
}

/** "09:00" in the locale's digits ("۰۹:۰۰"); 24-hour, as business hours are kept ("24:00" too). */
export function formatClock(hhmm: string, loc: string): string {
  const digits = new Intl.NumberFormat(loc, { useGrouping: false });
  return hhmm.replace(/[0-9]/g, (d) => digits.format(Number(d)));
}

/** "9:05", "۰۹:۰۵", "9.05" → "09:05"; "24:00" is the end of a day; null when it is no time. */
export function parseClock(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[:.٫]\s*(\d{2})\s*$/.exec(asciiDigits(text));
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
