/**
 * File sizes in the user's language: "60 bytes", "1.5 kB", "2.4 MB" in English, "60 بايت",
 * "1.5 كيلوبايت" in Arabic, "۶۰ بایت", "۱٫۵ کیلوبایت" in Persian, "1,5 кБ" in Russian — units and
 * digits from Intl (CLDR), decimal units as file managers show them. Every size on screen goes
 * through `formatSize`.
 */
import { locale } from '../i18n';

type Unit = 'byte' | 'kilobyte' | 'megabyte';

/**
 * The short forms, except: bytes are spelled out everywhere (CLDR's short English byte is
 * "60 byte", and "60 B" reads as a typo in several languages), and Persian spells out every unit
 * (its short kilobyte and megabyte are the Latin "kB" and "MB").
 */
function displayOf(unit: Unit, loc: string): 'short' | 'long' {
  if (unit === 'byte') return 'long';
  return new Intl.Locale(loc).language === 'fa' ? 'long' : 'short';
}

const formats = new Map<string, Intl.NumberFormat>();

function formatOf(loc: string, unit: Unit, fractionDigits: number): Intl.NumberFormat {
  const key = `${loc}|${unit}|${fractionDigits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(loc, {
      style: 'unit',
      unit,
      unitDisplay: displayOf(unit, loc),
      maximumFractionDigits: fractionDigits,
    });
    formats.set(key, f);
  }
  return f;
}

/** A size in bytes as shown on screen, in `loc` (the user's locale by default). */
export function formatSize(bytes: number, loc: string = locale()): string {
  if (bytes < 1000) return formatOf(loc, 'byte', 0).format(bytes);
  // The unit that will not round up to 1000 of itself (999,960 bytes is "1 MB", not "1,000 kB").
  const [unit, value]: [Unit, number] =
    bytes < 999_500 ? ['kilobyte', bytes / 1000] : ['megabyte', bytes / 1_000_000];
  return formatOf(loc, unit, value < 10 ? 1 : 0).format(value);
}
