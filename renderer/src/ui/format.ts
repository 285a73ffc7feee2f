/** Intl formatting in the user's locale. */
import { useEffect, useState } from 'react';
import { locale } from '../i18n';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The app's one clock (issue 12): 24-hour in every language. The partner's clock in the header,
 * business hours ("09:00–17:00", shared/domain), the hours editor (TimeField) and the evidence
 * report are 24-hour; Intl's own default is 12-hour in Arabic and English, which made message
 * times "٣:١٢ م" beside a header clock "١٥:١٢". Every time of day the renderer shows goes through
 * `dateFormat`, which applies this to any format that shows an hour (format.test.ts checks no
 * other file builds one).
 */
export const HOUR_CYCLE = 'h23' as const;
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * One formatter per locale and options (issue 10): building an Intl formatter costs far more than
 * formatting with it, and a window of messages formats hundreds of times per render (the CPU
 * profile of opening a conversation, bench/README.md). A few locales × zones: never many.
 */
export function dateFormat(loc: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${loc}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    const clock = options.hour !== undefined || options.timeStyle !== undefined;
    f = new Intl.DateTimeFormat(loc, clock ? { ...options, hourCycle: HOUR_CYCLE } : options);
    dateFormats.set(key, f);
  }
  return f;
}

function numberFormat(loc: string): Intl.NumberFormat {
  let f = numberFormats.get(loc);
  if (!f) {
    f = new Intl.NumberFormat(loc);
    numberFormats.set(loc, f);
  }
  return f;
}

/** A count in the locale's digits ("۱۲" in Persian); over `max` as "99+". */
export function formatCount(n: number, max = Infinity): string {
  const f = numberFormat(locale());
  return n > max ? `${f.format(max)}+` : f.format(n);
}

export function formatTime(iso: string, timeZone?: string): string {
  return dateFormat(locale(), { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

/** For lists: the time today, else the weekday within a week, else a short date. */
export function formatListTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const days = Math.floor((startOfDay(now) - startOfDay(d)) / 86_400_000);
  if (days <= 0) return formatTime(iso);
  if (days < 7) return dateFormat(locale(), { weekday: 'short' }).format(d);
  return dateFormat(locale(), { day: 'numeric', month: 'short' }).format(d);
}

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** A day key (`YYYY-MM-DD`) as a long local date. */
export function formatDay(key: string): string {
  const [y, m, d] = key.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
  return dateFormat(locale(), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

export function formatDate(iso: string): string {
  return dateFormat(locale(), { dateStyle: 'medium' }).format(new Date(iso));
}

/** A date and time ("6 Dec 2026, 15:10"); with `seconds` the time to the second. */
export function formatDateTime(iso: string | number, seconds = false): string {
  return dateFormat(locale(), { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short' }).format(
    new Date(iso),
  );
}

/** The time now in another IANA zone with its offset, e.g. "03:12 GMT+8". */
export function clockIn(timeZone: string, now: Date): string {
  try {
    return dateFormat(locale(), {
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'shortOffset',
    }).format(now);
  } catch {
    return '';
  }
}

const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();
const latinLocales = new Map<string, boolean>();

/**
 * A zone name with Latin letters in a language not written in them is CLDR falling back to the
 * English city ("وقت Bougainville"): Chromium's trimmed ICU lacks many cities' local names that
 * Node's full ICU has. Null then, as if CLDR named nothing.
 */
function untranslated(name: string | null, loc: string): string | null {
  if (name === null || !/[A-Za-z]/.test(name)) return name;
  let latin = latinLocales.get(loc);
  if (latin === undefined) {
    try {
      latin = new Intl.Locale(loc).maximize().script === 'Latn';
    } catch {
      latin = true;
    }
    latinLocales.set(loc, latin);
  }
  return latin ? name : null;
}

/** One part of a zone's name in `loc` (cached per locale, zone and style); null for an unknown zone. */
function zonePart(
  timeZone: string,
  at: number,
  loc: string,
  style: 'longGeneric' | 'shortGeneric' | 'longOffset' | 'shortOffset',
): string | null {
  const key = `${loc}|${timeZone}|${style}`;
  let f = zoneFormats.get(key);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat(loc, { timeZone, timeZoneName: style });
    } catch {
      f = null;
    }
    zoneFormats.set(key, f);
  }
  return f?.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? null;
}

/**
 * How a zone is named to the user, from Intl (CLDR) in the user's language — never the IANA id
 * and never an English city (issue 12: "Shanghai" stayed English in Persian). Intl has no city
 * names; it has the zone's generic name ("China Standard Time", "وقت عادی چین", "Ora standard a
 * Chinei", "Pacific Time"), which also tells zones of one country apart where a country name
 * would not (the United States, Russia, Brazil), and needs no zone-to-country table of ours.
 * `name` is null where CLDR names no zone (Etc/GMT-3, UTC): it would only repeat the offset.
 * `offset` is Intl's localized short offset ("GMT+8", "‎+۸ گرینویچ", "غرينتش+8").
 */
export function zoneNames(
  timeZone: string,
  at: number = Date.now(),
  loc: string = locale(),
): { name: string | null; offset: string } {
  const offset = zonePart(timeZone, at, loc, 'shortOffset') ?? timeZone;
  const name = untranslated(zonePart(timeZone, at, loc, 'longGeneric'), loc);
  const bare = zonePart(timeZone, at, loc, 'longOffset');
  return { name: name && name !== bare && name !== offset ? name : null, offset };
}

/** A zone's name in the user's language ("وقت عادی چین"), or its offset where it has none. */
export function zoneName(timeZone: string, at: number = Date.now(), loc: string = locale()): string {
  const z = zoneNames(timeZone, at, loc);
  return z.name ?? z.offset;
}

/** Minutes east of UTC of a zone at `at` (from its English long offset, "GMT+05:30"; 0 for GMT). */
function offsetMinutes(timeZone: string, at: number): number {
  const m = /([+\u2212-])(\d{1,2}):?(\d{2})?/.exec(zonePart(timeZone, at, 'en', 'longOffset') ?? '');
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '+' ? minutes : -minutes;
}

/** A CLDR abbreviation ("CET", "PT") that Intl gives as a zone's short generic name in some languages. */
const ABBREVIATION = /^[A-Z]{1,5}$/;

/**
 * A zone as a time-zone picker shows it, in `loc`: its offset, its generic name and, where
 * Intl has one, its place ("GMT+1 · Central European Time · Poland Time", "‎+۸ گرینویچ · وقت
 * عادی چین · وقت چین") — never the IANA id.
 */
export function zoneLabel(timeZone: string, at: number = Date.now(), loc: string = locale()): string {
  const { name, offset } = zoneNames(timeZone, at, loc);
  const place = untranslated(zonePart(timeZone, at, loc, 'shortGeneric'), loc);
  const parts = name ? [offset, name] : [offset];
  if (place && place !== name && place !== offset && !ABBREVIATION.test(place)) parts.push(place);
  return parts.join(' · ');
}

/** One choice of a time-zone picker: a label and the zones it stands for (same name, same offset). */
export interface ZoneChoice {
  label: string;
  zones: string[];
}

const zoneChoiceLists = new Map<string, ZoneChoice[]>();

/**
 * Every zone the runtime knows as picker choices in `loc`, sorted by offset then label, cached
 * per locale. Zones Intl names alike in a language (33 zones are "Ora Europei Centrale · GMT+1"
 * in Romanian) are one choice: they show the same clock, and a list of identical lines helps no
 * one. Costs about four Intl formatters per zone (~400 zones: a second or more on a busy
 * machine), so callers build it only when the picker opens (issue 12).
 */
export function zoneChoices(loc: string = locale(), at: number = Date.now()): ZoneChoice[] {
  let list = zoneChoiceLists.get(loc);
  if (list) return list;
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const byLabel = new Map<string, { offset: number; zones: string[] }>();
  for (const zone of zones) {
    const label = zoneLabel(zone, at, loc);
    const entry = byLabel.get(label);
    if (entry) entry.zones.push(zone);
    else byLabel.set(label, { offset: offsetMinutes(zone, at), zones: [zone] });
  }
  list = [...byLabel]
    .sort(([la, a], [lb, b]) => a.offset - b.offset || la.localeCompare(lb, loc))
    .map(([label, e]) => ({ label, zones: e.zones }));
  zoneChoiceLists.set(loc, list);
  return list;
}

export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([locale()], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function regionName(code: string): string {
  try {
    return new Intl.DisplayNames([locale()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The current time, refreshed every `everyMs`. */
export function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/**
 * Whether the instant `until` (ms since the epoch) is still ahead, re-rendering exactly when it
 * passes — for short-lived states such as "typing…" that a coarse clock tick would leave up.
 */
export function useBefore(until: number): boolean {
  const [mountedAt] = useState(() => Date.now());
  // The last `until` whose moment has come; set from a timer, never during render.
  const [passed, setPassed] = useState<number | null>(null);
  useEffect(() => {
    const id = setTimeout(() => setPassed(until), Math.max(0, until - Date.now()));
    return () => clearTimeout(id);
  }, [until]);
  return until > mountedAt && passed !== until;
}

/** Two letters for an avatar. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const second = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : (parts[0]?.[1] ?? '');
  return (first + second).toUpperCase();
}

/** A stable hue per member id for avatars. */
export function hueOf(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}
