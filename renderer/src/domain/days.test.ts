import { describe, expect, it } from 'vitest';
import { dayKey, daysBetween, withDaySeparators } from './days';

describe('dayKey', () => {
  it('puts the same instant on different days in different zones', () => {
    const instant = new Date('2026-03-10T23:30:00Z');
    expect(dayKey(instant, 'Europe/Warsaw')).toBe('2026-03-11');
    expect(dayKey(instant, 'America/Sao_Paulo')).toBe('2026-03-10');
    expect(dayKey(instant, 'Asia/Shanghai')).toBe('2026-03-11');
    expect(dayKey(instant, 'UTC')).toBe('2026-03-10');
  });

  it('handles the DST night (Warsaw springs forward on 2026-03-29)', () => {
    expect(dayKey(new Date('2026-03-28T22:59:00Z'), 'Europe/Warsaw')).toBe('2026-03-28');
    expect(dayKey(new Date('2026-03-28T23:01:00Z'), 'Europe/Warsaw')).toBe('2026-03-29');
    expect(dayKey(new Date('2026-03-29T21:59:00Z'), 'Europe/Warsaw')).toBe('2026-03-29');
    expect(dayKey(new Date('2026-03-29T22:01:00Z'), 'Europe/Warsaw')).toBe('2026-03-30');
  });

  it('keeps a day per quarter hour only where no day starts inside it (+05:45, +13:45, invalid dates)', () => {
    // Kathmandu's midnight of 2026-03-10 is 18:15 UTC: the last millisecond before it, then the
    // quarter it starts, then that last millisecond again (kept from the first call).
    expect(dayKey(new Date('2026-03-09T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2026-03-09');
    expect(dayKey(new Date('2026-03-09T18:15:00Z'), 'Asia/Kathmandu')).toBe('2026-03-10');
    expect(dayKey(new Date('2026-03-09T18:29:59Z'), 'Asia/Kathmandu')).toBe('2026-03-10');
    expect(dayKey(new Date('2026-03-09T18:00:00Z'), 'Asia/Kathmandu')).toBe('2026-03-09');
    // The same quarter hour in another zone is another day.
    expect(dayKey(new Date('2026-03-09T18:20:00Z'), 'UTC')).toBe('2026-03-09');
    // Chatham in summer time (+13:45): midnight of 2026-01-15 is 10:15 UTC the day before.
    expect(dayKey(new Date('2026-01-14T10:14:00Z'), 'Pacific/Chatham')).toBe('2026-01-14');
    expect(dayKey(new Date('2026-01-14T10:16:00Z'), 'Pacific/Chatham')).toBe('2026-01-15');
    // Invalid dates are not kept under a NaN key: the formatter decides, as before.
    expect(() => dayKey(new Date('not a date'), 'UTC')).toThrow();
  });
});

describe('withDaySeparators', () => {
  const msgs = [
    { id: 'a', at: '2026-03-10T15:00:00Z' },
    { id: 'b', at: '2026-03-10T17:30:00Z' },
    { id: 'c', at: '2026-03-11T01:00:00Z' },
  ];
  const rows = (zone: string): string[] =>
    withDaySeparators(
      msgs,
      (m) => new Date(m.at),
      (m) => m.id,
      zone,
    ).map((r) => (r.kind === 'day' ? `#${r.day}` : r.key));

  it('groups by the reader’s local day', () => {
    expect(rows('Europe/Warsaw')).toEqual(['#2026-03-10', 'a', 'b', '#2026-03-11', 'c']);
    // In Shanghai (UTC+8) 17:30Z is already the next day.
    expect(rows('Asia/Shanghai')).toEqual(['#2026-03-10', 'a', '#2026-03-11', 'b', 'c']);
    // In São Paulo (UTC-3) 01:00Z is still the previous evening.
    expect(rows('America/Sao_Paulo')).toEqual(['#2026-03-10', 'a', 'b', 'c']);
  });

  it('gives an empty list no separators', () => {
    expect(
      withDaySeparators(
        [],
        () => new Date(),
        () => '',
        'UTC',
      ),
    ).toEqual([]);
  });
});

describe('daysBetween', () => {
  it('counts calendar days across a DST change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-29')).toBe(-1);
  });
});
