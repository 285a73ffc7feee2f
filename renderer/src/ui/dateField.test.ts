import { describe, expect, it, vi } from 'vitest';
import {
  addDays,
  clockPlaceholder,
  dayPlaceholder,
  formatClock,
  formatIsoDay,
  parseClock,
  parseDay,
} from './dateField';

describe('a day in the user locale (DateField)', () => {
  it('names the parts in the language, in its order, never "mm/dd/yyyy"', () => {
    expect(dayPlaceholder('en-GB')).toBe('day/month/year');
    expect(dayPlaceholder('ro-u-ca-gregory')).toBe('zi.lună.an');
    expect(dayPlaceholder('fa-u-ca-gregory')).toBe('سال/ماه/روز');
    for (const loc of ['fa', 'ar', 'ro', 'zh-CN', 'ru', 'tr', 'pl', 'pt-BR'])
      expect(dayPlaceholder(loc), loc).not.toMatch(/mm|dd|yyyy|day|month|year/i);
  });

  it('writes and reads a day as the locale does', () => {
    expect(formatIsoDay('2026-12-06', 'ro-u-ca-gregory')).toBe('06.12.2026');
    expect(parseDay('06.12.2026', 'ro-u-ca-gregory')).toBe('2026-12-06');
    expect(parseDay('6/12/2026', 'en-GB')).toBe('2026-12-06');
    expect(parseDay('12/6/2026', 'en-US')).toBe('2026-12-06');
    // Persian digits, year first; Latin digits typed into a Persian field are read too.
    expect(formatIsoDay('2026-12-06', 'fa-u-ca-gregory')).toBe('۲۰۲۶/۱۲/۰۶');
    expect(parseDay('۲۰۲۶/۱۲/۰۶', 'fa-u-ca-gregory')).toBe('2026-12-06');
    expect(parseDay('2026/12/6', 'fa-u-ca-gregory')).toBe('2026-12-06');
    // Arabic-Indic digits and the marks Intl puts between the parts.
    expect(parseDay('٠٦‏/١٢‏/٢٠٢٦', 'ar')).toBe('2026-12-06');
    expect(parseDay(formatIsoDay('2026-12-06', 'ar'), 'ar')).toBe('2026-12-06');
  });

  it('reads a day of the calendar the user picked', () => {
    // 15 Azar 1405 (Solar Hijri) = 6 December 2026.
    expect(formatIsoDay('2026-12-06', 'fa-u-ca-persian')).toBe('۱۴۰۵/۰۹/۱۵');
    expect(parseDay('۱۴۰۵/۰۹/۱۵', 'fa-u-ca-persian')).toBe('2026-12-06');
    expect(parseDay('1404/01/01', 'fa-u-ca-persian')).toBe('2025-03-21');
    const hijri = formatIsoDay('2026-12-06', 'ar-u-ca-islamic-umalqura');
    expect(parseDay(hijri, 'ar-u-ca-islamic-umalqura')).toBe('2026-12-06');
    // Esfand has 30 days in the leap year 1403, 29 in 1404.
    expect(parseDay('1403/12/30', 'fa-u-ca-persian')).toBe('2025-03-20');
    expect(parseDay('1404/12/30', 'fa-u-ca-persian')).toBeNull();
  });

  it('refuses what is no whole date', () => {
    expect(parseDay('', 'en-GB')).toBeNull();
    expect(parseDay('06.12', 'ro')).toBeNull();
    expect(parseDay('06.12.26', 'ro')).toBeNull();
    expect(parseDay('31.02.2026', 'ro')).toBeNull();
    expect(parseDay('06.13.2026', 'ro')).toBeNull();
    expect(formatIsoDay('', 'ro')).toBe('');
  });

  it('steps a day across months', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('a clock time in the user locale (TimeField)', () => {
  it('writes it in the locale digits and reads Latin or local ones', () => {
    expect(formatClock('09:00', 'fa')).toBe('۰۹:۰۰');
    expect(formatClock('09:00', 'ro')).toBe('09:00');
    expect(parseClock('۰۹:۳۰')).toBe('09:30');
    expect(parseClock('9.05')).toBe('09:05');
    expect(parseClock('24:00')).toBe('24:00');
    expect(parseClock('24:01')).toBeNull();
    expect(parseClock('9')).toBeNull();
    expect(clockPlaceholder('ro')).not.toMatch(/hour|minute/);
  });
});

describe('formatters built once per locale (issue 10: the jump bar renders with every conversation)', () => {
  it('a second date field in the same language builds no Intl object', () => {
    expect(dayPlaceholder('ro')).toBe(dayPlaceholder('ro'));
    expect(formatIsoDay('2026-12-06', 'ro')).toBe('06.12.2026');
    // Each spy counts and builds the real thing.
    const { DateTimeFormat, DisplayNames } = Intl;
    const dates = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (
      ...a: ConstructorParameters<typeof DateTimeFormat>
    ) {
      return new DateTimeFormat(...a);
    });
    const names = vi.spyOn(Intl, 'DisplayNames').mockImplementation(function (
      ...a: ConstructorParameters<typeof DisplayNames>
    ) {
      return new DisplayNames(...a);
    });
    try {
      expect(formatIsoDay('2026-12-07', 'ro')).toBe('07.12.2026');
      dayPlaceholder('ro');
      expect(dates).not.toHaveBeenCalled();
      expect(names).not.toHaveBeenCalled();
      // Another language gets its own.
      formatIsoDay('2026-12-07', 'nl');
      expect(dates).toHaveBeenCalledTimes(1);
    } finally {
      dates.mockRestore();
      names.mockRestore();
    }
  });
});
