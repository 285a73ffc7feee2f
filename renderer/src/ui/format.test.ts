import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOUR_CYCLE, dateFormat, zoneChoices, zoneLabel, zoneNames } from './format';

const LOCALES = ['en', 'en-US', 'zh-CN', 'pl', 'pt-BR', 'ro', 'ar', 'ar-EG', 'fa', 'ru', 'tr'];

describe('one clock in every language (issue 12)', () => {
  it('shows every time of day on the 24-hour clock, in the locale digits', () => {
    const at = Date.UTC(2026, 11, 6, 15, 5);
    for (const loc of LOCALES) {
      const f = dateFormat(loc, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
      expect(f.resolvedOptions().hourCycle, loc).toBe(HOUR_CYCLE);
      const styled = dateFormat(loc, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
      expect(styled.resolvedOptions().hourCycle, loc).toBe(HOUR_CYCLE);
    }
    // Arabic's own default is "٣:٠٥ م"; the header clock says "١٥:٠٥".
    expect(dateFormat('ar-EG', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(at)).toBe(
      '١٥:٠٥',
    );
    expect(dateFormat('en-US', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(at)).toBe(
      '15:05',
    );
  });

  it('has no other place that formats a time of day', () => {
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
    // evidence/scope.ts reads an instant's wall clock as numbers (h23), it shows nothing.
    const allowed = new Set(['ui/format.ts', 'features/evidence/scope.ts']);
    const offenders = files
      .filter((f) => !allowed.has(relative(root, f)))
      .filter((f) => {
        const src = readFileSync(f, 'utf8');
        return (
          /Intl\.DateTimeFormat\([^;]*?\b(hour|timeStyle)\s*:/.test(src) ||
          /toLocaleTimeString\(|Date\([^)]*\)\.toLocaleString\(/.test(src)
        );
      })
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});

describe('time-zone picker labels (issue 12)', () => {
  const at = Date.UTC(2026, 0, 15, 12);

  it('names a zone by offset, generic name and place in the language, never its IANA id', () => {
    expect(zoneLabel('Asia/Shanghai', at, 'en')).toBe('GMT+8 · China Standard Time · China Time');
    expect(zoneLabel('Europe/Warsaw', at, 'en')).toBe('GMT+1 · Central European Time · Poland Time');
    // Romanian's short generic name is the abbreviation "CET": left out.
    expect(zoneLabel('Europe/Warsaw', at, 'ro')).toBe('GMT+1 · Ora Europei Centrale');
    expect(zoneLabel('Asia/Shanghai', at, 'fa')).toContain('چین');
    // A city CLDR has no local name for falls back to English: left out where the language is
    // not written in Latin letters (Chromium's ICU lacks many that Node's has).
    expect(zoneLabel('Asia/Shanghai', at, 'fa-u-nu-latn')).not.toMatch(/[A-Za-z]{3}/);
    expect(zoneNames('Pacific/Bougainville', at, 'xx-Arab').name ?? '').not.toMatch(/[A-Za-z]/);
  });

  it('lists every zone once, by offset, without Latin letters in Persian', () => {
    for (const loc of ['fa', 'ro', 'ar']) {
      const choices = zoneChoices(loc, at);
      const zones = choices.flatMap((c) => c.zones);
      expect(new Set(zones).size, loc).toBe(Intl.supportedValuesOf('timeZone').length);
      expect(new Set(choices.map((c) => c.label)).size, loc).toBe(choices.length);
      for (const c of choices) expect(c.label, loc).not.toMatch(/[A-Za-z]+\/[A-Za-z]/);
    }
    for (const c of zoneChoices('fa', at)) expect(c.label).not.toMatch(/[A-Za-z]/);
    const ro = zoneChoices('ro', at);
    const first = ro.findIndex((c) => c.zones.includes('America/Los_Angeles'));
    const later = ro.findIndex((c) => c.zones.includes('Asia/Shanghai'));
    expect(first).toBeLessThan(later);
  });
});
