/**
 * One `t()` for every visible string. The UI language is the one the user picked in Settings,
 * else the best match for the browser's locale; anything without a translation falls back to
 * English. The catalogues (this folder's shell strings plus each feature's `strings.ts`) are
 * gathered by app/strings.ts, which also types `t()`'s keys, and handed to `initI18n` at start:
 * English itself and a loader for the others, each its own chunk (issue 10, cold start), fetched
 * before the first render when it is the user's language and before a switch in Settings, so no
 * screen shows English first. i18n/ imports no feature.
 *
 * Numbers interpolated into strings are formatted with Intl in the user's locale (Persian digits
 * in Persian, grouping everywhere); dates use the Gregorian calendar unless the user picks another.
 */
import i18next, { type FormatterModule, type TFunction } from 'i18next';
import { useSyncExternalStore } from 'react';
import { initReactI18next } from 'react-i18next';

/** One language's whole catalogue, by language tag (English's comes at once). */
export type LoadCatalogue = (lang: string) => Promise<object>;

let loadCatalogue: LoadCatalogue = () => Promise.reject(new Error('initI18n first'));

/** Adds a language's catalogue unless it is there; English (the fallback) stands in on failure. */
async function ensureLoaded(lang: string): Promise<void> {
  if (i18next.hasResourceBundle(lang, 'translation')) return;
  try {
    i18next.addResourceBundle(lang, 'translation', await loadCatalogue(lang));
  } catch (e) {
    console.warn(`strings of ${lang} not loaded: English instead`, e);
  }
}

/** The best supported language for a list of BCP 47 tags (navigator.languages). */
export function pickLanguage(preferred: readonly string[], supported: readonly string[]): string {
  for (const tag of preferred) {
    if (supported.includes(tag)) return tag;
    const base = tag.split('-')[0] ?? tag;
    if (base === 'pt') return 'pt-BR';
    if (supported.includes(base)) return base;
  }
  return 'en';
}

const RTL = new Set(['ar', 'fa', 'he', 'ur']);

/** Text direction of a language; the whole window mirrors for right-to-left ones. */
export function directionOf(lang: string): 'rtl' | 'ltr' {
  return RTL.has(lang.split('-')[0] ?? lang) ? 'rtl' : 'ltr';
}

/** The calendars a user may pick for dates; Gregorian is the default in every language. */
export const CALENDARS = ['gregory', 'persian', 'islamic-umalqura'] as const;
export type Calendar = (typeof CALENDARS)[number];

/** What this device remembers of the user's language choice (localStorage). */
const LANGUAGE_KEY = 'tradewind.language';
const CALENDAR_KEY = 'tradewind.calendar';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode): the choice holds for this window only.
  }
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return []; // unit tests outside a browser
  return navigator.languages.length ? navigator.languages : [navigator.language];
}

let calendar: Calendar = 'gregory';

/**
 * The locale for Intl formatting: the UI language with the browser's region when they agree
 * (pt-BR, ar-AE), and the chosen calendar — `fa` alone would print Solar Hijri dates.
 */
export function formatLocaleFor(lang: string, browser: readonly string[], cal: Calendar): string {
  const base = lang.split('-')[0] ?? lang;
  const regional = browser.find((b) => (b.split('-')[0] ?? b) === base && b.includes('-'));
  const tag = regional ?? (lang === 'zh' ? 'zh-CN' : lang);
  try {
    return new Intl.Locale(tag, { calendar: cal }).toString();
  } catch {
    return tag;
  }
}

const locales = new Map<string, string>();

/**
 * The user's locale for Intl formatting (dates, numbers, language and region names). Asked for
 * every time and count shown (issue 10: hundreds per window of messages), so each answer is kept
 * for its language, browser languages and calendar.
 */
export function locale(): string {
  return cachedLocaleFor(i18next.language || 'en');
}

function cachedLocaleFor(lang: string): string {
  const browser = browserLanguages();
  const key = `${lang}|${browser.join(',')}|${calendar}`;
  let loc = locales.get(key);
  if (loc === undefined) {
    loc = formatLocaleFor(lang, browser, calendar);
    locales.set(key, loc);
  }
  return loc;
}

/** The digits 0–9 in the locale's numbering system ("٠…٩" in Arabic, "۰…۹" in Persian). */
const digitSets = new Map<string, string[]>();
function digitsOf(loc: string): string[] {
  let digits = digitSets.get(loc);
  if (!digits) {
    const nf = new Intl.NumberFormat(loc, { useGrouping: false });
    digits = Array.from({ length: 10 }, (_, d) => nf.format(d));
    digitSets.set(loc, digits);
  }
  return digits;
}

/**
 * ASCII digits in a ready-made string (a clock time "09:00" from shared/domain) in the locale's
 * digits. Identity where the locale writes Latin digits.
 */
export function localDigits(s: string, loc: string = locale()): string {
  const digits = digitsOf(loc);
  if (digits[0] === '0') return s;
  return s.replace(/[0-9]/g, (d) => digits[Number(d)] ?? d);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** One number format per locale: every count in every string goes through it (issue 10). */
function numberFormatFor(lng: string): Intl.NumberFormat {
  const loc = cachedLocaleFor(lng);
  let f = numberFormats.get(loc);
  if (!f) {
    f = new Intl.NumberFormat(loc);
    numberFormats.set(loc, f);
  }
  return f;
}

/**
 * i18next's formatter, used for every interpolation (`alwaysFormat`): numbers through
 * Intl.NumberFormat in the user's locale, everything else (names, ids, pre-formatted times) as is.
 */
export const numberFormatter: FormatterModule = {
  type: 'formatter',
  init: () => undefined,
  // Anything but a number goes back untouched, `undefined` included, so that i18next still
  // sees a missing value as missing (its type says string, its code passes the value on).
  format: (value: unknown, _format, lng) =>
    typeof value === 'number' ? numberFormatFor(lng ?? 'en').format(value) : (value as string),
  add: () => undefined,
  addCached: () => undefined,
};

export async function initI18n(
  english: object,
  supported: readonly string[],
  load: LoadCatalogue,
): Promise<typeof i18next> {
  loadCatalogue = load;
  const chosen = stored(LANGUAGE_KEY);
  const lng = chosen && supported.includes(chosen) ? chosen : pickLanguage(browserLanguages(), supported);
  const resources: Record<string, { translation: object }> = { en: { translation: english } };
  if (lng !== 'en')
    resources[lng] = {
      translation: await load(lng).catch((e: unknown) => {
        console.warn(`strings of ${lng} not loaded: English instead`, e);
        return {};
      }),
    };
  const cal = stored(CALENDAR_KEY);
  calendar = (CALENDARS as readonly string[]).includes(cal ?? '') ? (cal as Calendar) : 'gregory';
  await i18next
    .use(initReactI18next)
    .use(numberFormatter)
    .init({
      resources,
      lng,
      fallbackLng: 'en',
      interpolation: { escapeValue: false, alwaysFormat: true }, // React escapes
      returnNull: false,
      showSupportNotice: false,
    });
  const apply = (l: string): void => {
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : l;
    document.documentElement.dir = directionOf(l);
  };
  apply(lng);
  i18next.on('languageChanged', apply);
  return i18next;
}

/**
 * `t()` for components rendered many times over (a bubble and its parts, issue 10): one
 * subscription and one function per language, where react-i18next's `useTranslation` costs
 * about ten hooks and a copy of the i18next instance per mounted component. Re-renders on a
 * change of language or calendar (both emit `languageChanged`).
 */
export function useT(): TFunction<'translation'> {
  return useSyncExternalStore(subscribeT, currentT);
}

let fixedT: TFunction<'translation'> | null = null;
const tListeners = new Set<() => void>();
function currentT(): TFunction<'translation'> {
  return (fixedT ??= i18next.getFixedT(null, 'translation'));
}
function subscribeT(listener: () => void): () => void {
  tListeners.add(listener);
  return () => tListeners.delete(listener);
}
i18next.on('languageChanged', () => {
  fixedT = null;
  for (const l of tListeners) l();
});

/** The language the user picked on this device, or null for "as the system". */
export function chosenLanguage(): string | null {
  return stored(LANGUAGE_KEY);
}

/** Switches the interface language (null: follow the system's) and remembers it on this device. */
export async function setLanguage(lang: string | null, supported: readonly string[]): Promise<void> {
  const next = lang ?? pickLanguage(browserLanguages(), supported);
  await ensureLoaded(next);
  store(LANGUAGE_KEY, lang);
  await i18next.changeLanguage(next);
}

/** The calendar dates are shown in. */
export function chosenCalendar(): Calendar {
  return calendar;
}

/** Switches the calendar; screens re-render through the `languageChanged` event. */
export async function setCalendar(cal: Calendar): Promise<void> {
  calendar = cal;
  store(CALENDAR_KEY, cal === 'gregory' ? null : cal);
  await i18next.changeLanguage(i18next.language);
}
