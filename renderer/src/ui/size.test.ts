import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLocaleFor } from '../i18n';
import { formatSize } from './size';

/** The 9 languages as i18n/ hands them to Intl (the calendar tag included), and Egypt's Arabic digits. */
const LOCALES = ['en', 'zh', 'pl', 'pt-BR', 'ro', 'ar', 'fa', 'ru', 'tr'].map((l) =>
  formatLocaleFor(l, [], 'gregory'),
);
const SIZES = [60, 999, 1500, 820_000, 999_960, 2_400_000, 25_000_000];

describe('file sizes in every language (issue 10: "B 60" in Arabic)', () => {
  it('writes the number in the locale’s digits and a unit of the language, never the old Latin "B"/"KB"', () => {
    for (const loc of [...LOCALES, 'ar-EG']) {
      const digits = new Intl.NumberFormat(loc, { useGrouping: false }).format(1234567890);
      for (const size of SIZES) {
        const s = formatSize(size, loc);
        expect(s, `${loc} ${size}`).not.toMatch(/(^|\s)(B|KB)(\s|$)/);
        // Digits of this locale only (Arabic-Indic in ar-EG, Persian in fa).
        const shown = s.match(/\p{Nd}/gu) ?? [];
        expect(shown.length, `${loc} ${size}`).toBeGreaterThan(0);
        for (const d of shown) expect(digits, `${loc} ${size}: ${s}`).toContain(d);
      }
    }
  });

  it('has no Latin letters in Arabic, Persian and Russian', () => {
    for (const loc of LOCALES.filter((l) => /^(ar|fa|ru)\b/.test(l)).concat('ar-EG'))
      for (const size of SIZES) expect(formatSize(size, loc), loc).not.toMatch(/[A-Za-z]/);
  });

  it('picks the unit that does not round up to a thousand of itself', () => {
    expect(SIZES.map((n) => formatSize(n, 'en'))).toEqual([
      '60 bytes',
      '999 bytes',
      '1.5 kB',
      '820 kB',
      '1 MB',
      '2.4 MB',
      '25 MB',
    ]);
    expect(formatSize(1500, 'pl')).toBe('1,5 kB');
    expect(formatSize(1500, 'ru')).toBe('1,5 кБ');
    expect(formatSize(60, formatLocaleFor('fa', [], 'gregory'))).toBe('۶۰ بایت');
  });

  it('is the only place that formats a size', () => {
    const root = join(__dirname, '..');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) files.push(p);
      }
    };
    walk(root);
    const offenders = files
      .filter((f) => relative(root, f) !== 'ui/size.ts')
      .filter((f) =>
        /\b(KB|kB|MB)\b['`]|\$\{[^}]*\} ?B['`]|unit: '(kilo|mega)?byte'/.test(readFileSync(f, 'utf8')),
      )
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});
