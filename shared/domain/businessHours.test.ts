import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../protocol/schemas';
import {
  businessStatus,
  businessTimeBetween,
  contactTime,
  isAroundTheClock,
  likelyReadAround,
  nextRefreshAt,
  openIntervals,
} from './businessHours';
import { formatDurationShort } from './timeZones';

const utc = (iso: string): number => Date.parse(iso);
const H = 3_600_000;
const MIN = 60_000;
const hm = (h: number, m = 0): number => h * 60 + m;

/** Monday–Friday 09:00–18:00. */
const officeHours: BusinessHours = [
  [{ start: hm(9), end: hm(18) }],
  [{ start: hm(9), end: hm(18) }],
  [{ start: hm(9), end: hm(18) }],
  [{ start: hm(9), end: hm(18) }],
  [{ start: hm(9), end: hm(18) }],
  [],
  [],
];

/** Lunch break on weekdays, short Saturday. */
const splitHours: BusinessHours = [
  [
    { start: hm(9), end: hm(12) },
    { start: hm(13, 30), end: hm(18) },
  ],
  [
    { start: hm(9), end: hm(12) },
    { start: hm(13, 30), end: hm(18) },
  ],
  [
    { start: hm(9), end: hm(12) },
    { start: hm(13, 30), end: hm(18) },
  ],
  [
    { start: hm(9), end: hm(12) },
    { start: hm(13, 30), end: hm(18) },
  ],
  [
    { start: hm(9), end: hm(12) },
    { start: hm(13, 30), end: hm(18) },
  ],
  [{ start: hm(10), end: hm(14) }],
  [],
];

/** A night shift: Mon 22:00 → Tue 06:00, written as two periods. */
const nightShift: BusinessHours = [
  [{ start: hm(22), end: 1440 }],
  [{ start: 0, end: hm(6) }],
  [],
  [],
  [],
  [],
  [],
];

const closedAllWeek: BusinessHours = [[], [], [], [], [], [], []];
const allDay: BusinessHours = Array.from({ length: 7 }, () => [{ start: 0, end: 1440 }]);

/** Sunday 02:30–10:00 only — the nasty case on both DST Sundays in Europe. */
const sundayEarly: BusinessHours = [[], [], [], [], [], [], [{ start: hm(2, 30), end: hm(10) }]];

describe('businessStatus', () => {
  it('the brief example: 03:12 in Shanghai, closed, opens in 5 h 48 min', () => {
    const now = utc('2025-01-15T19:12:00Z'); // Thursday 03:12 in Shanghai
    const s = businessStatus(officeHours, 'Asia/Shanghai', now);
    expect(s).toEqual({ state: 'closed', opensAt: utc('2025-01-16T01:00:00Z'), opensInMs: 5 * H + 48 * MIN });
    if (s.state === 'closed' && s.opensInMs !== null)
      expect(formatDurationShort(s.opensInMs)).toBe('5 h 48 min');
  });

  it('open during hours, with the closing time', () => {
    const now = utc('2025-01-16T08:20:00Z'); // Thursday 16:20 in Shanghai
    expect(businessStatus(officeHours, 'Asia/Shanghai', now)).toEqual({
      state: 'open',
      closesAt: utc('2025-01-16T10:00:00Z'),
      closesInMs: 1 * H + 40 * MIN,
    });
  });

  it('opening is inclusive, closing exclusive', () => {
    expect(businessStatus(officeHours, 'Asia/Shanghai', utc('2025-01-16T01:00:00Z')).state).toBe('open');
    expect(businessStatus(officeHours, 'Asia/Shanghai', utc('2025-01-16T10:00:00Z')).state).toBe('closed');
  });

  it('split hours: closed over lunch, opens again at 13:30', () => {
    // Istanbul, Wednesday 2025-01-15 12:30 local = 09:30Z
    const s = businessStatus(splitHours, 'Europe/Istanbul', utc('2025-01-15T09:30:00Z'));
    expect(s).toEqual({ state: 'closed', opensAt: utc('2025-01-15T10:30:00Z'), opensInMs: 1 * H });
    const before = businessStatus(splitHours, 'Europe/Istanbul', utc('2025-01-15T08:00:00Z')); // 11:00
    expect(before).toEqual({ state: 'open', closesAt: utc('2025-01-15T09:00:00Z'), closesInMs: 1 * H });
  });

  it('closed days: Friday evening in São Paulo opens on Monday 09:00', () => {
    // Friday 2025-01-17 19:00 in São Paulo (-3) = 22:00Z; Monday 09:00 = 12:00Z.
    const s = businessStatus(officeHours, 'America/Sao_Paulo', utc('2025-01-17T22:00:00Z'));
    expect(s).toEqual({
      state: 'closed',
      opensAt: utc('2025-01-20T12:00:00Z'),
      opensInMs: 2 * 24 * H + 14 * H,
    });
  });

  it('Saturday short day is used when present', () => {
    // Saturday 2025-01-18 08:00 in Istanbul; the Saturday period starts at 10:00.
    const s = businessStatus(splitHours, 'Europe/Istanbul', utc('2025-01-18T05:00:00Z'));
    expect(s).toEqual({ state: 'closed', opensAt: utc('2025-01-18T07:00:00Z'), opensInMs: 2 * H });
  });

  it('an overnight shift closes at 06:00 the next day, not at midnight', () => {
    // Monday 2025-01-13 23:00 in Warsaw (+1) = 22:00Z; Tuesday 06:00 = 05:00Z.
    const s = businessStatus(nightShift, 'Europe/Warsaw', utc('2025-01-13T22:00:00Z'));
    expect(s).toEqual({ state: 'open', closesAt: utc('2025-01-14T05:00:00Z'), closesInMs: 7 * H });
    // Still open just after midnight.
    expect(businessStatus(nightShift, 'Europe/Warsaw', utc('2025-01-13T23:30:00Z')).state).toBe('open');
  });

  it('unknown, never open, and around the clock', () => {
    const now = utc('2025-01-15T12:00:00Z');
    expect(businessStatus(undefined, 'Asia/Shanghai', now)).toEqual({ state: 'unknown' });
    expect(businessStatus(closedAllWeek, 'Asia/Shanghai', now)).toEqual({
      state: 'closed',
      opensAt: null,
      opensInMs: null,
    });
    expect(businessStatus(allDay, 'Asia/Shanghai', now)).toEqual({
      state: 'open',
      closesAt: null,
      closesInMs: null,
    });
    expect(isAroundTheClock(allDay)).toBe(true);
    expect(isAroundTheClock(officeHours)).toBe(false);
    expect(
      isAroundTheClock(
        Array.from({ length: 7 }, () => [
          { start: 0, end: hm(12) },
          { start: hm(12), end: 1440 },
        ]),
      ),
    ).toBe(true);
  });

  it('a 02:30 opening on the spring-forward Sunday opens when the clocks jump to 03:00', () => {
    // Warsaw, 2025-03-30: 02:00 CET → 03:00 CEST at 01:00Z. Saturday 23:00 CET = 22:00Z.
    const s = businessStatus(sundayEarly, 'Europe/Warsaw', utc('2025-03-29T22:00:00Z'));
    expect(s).toEqual({ state: 'closed', opensAt: utc('2025-03-30T01:00:00Z'), opensInMs: 3 * H });
    expect(businessStatus(sundayEarly, 'Europe/Warsaw', utc('2025-03-30T00:59:00Z')).state).toBe('closed');
    expect(businessStatus(sundayEarly, 'Europe/Warsaw', utc('2025-03-30T01:00:00Z'))).toEqual({
      state: 'open',
      closesAt: utc('2025-03-30T08:00:00Z'), // 10:00 CEST
      closesInMs: 7 * H,
    });
  });

  it('a 02:30 opening on the fall-back Sunday opens at the first 02:30', () => {
    // Warsaw, 2025-10-26: 03:00 CEST → 02:00 CET at 01:00Z; the first 02:30 is 00:30Z.
    const s = businessStatus(sundayEarly, 'Europe/Warsaw', utc('2025-10-25T22:00:00Z'));
    expect(s).toEqual({ state: 'closed', opensAt: utc('2025-10-26T00:30:00Z'), opensInMs: 2.5 * H });
    const open = businessStatus(sundayEarly, 'Europe/Warsaw', utc('2025-10-26T01:15:00Z')); // 02:15 CET, 2nd time
    expect(open).toEqual({ state: 'open', closesAt: utc('2025-10-26T09:00:00Z'), closesInMs: 7.75 * H });
  });

  it('New York office hours shift by an hour in UTC across the March change', () => {
    const before = businessStatus(officeHours, 'America/New_York', utc('2025-03-07T23:00:00Z')); // Fri 18:00 EST
    expect(before).toMatchObject({ state: 'closed', opensAt: utc('2025-03-10T13:00:00Z') }); // Mon 09:00 EDT
    const friday = businessStatus(officeHours, 'America/New_York', utc('2025-03-07T13:59:00Z')); // Fri 08:59 EST
    expect(friday).toMatchObject({ state: 'closed', opensAt: utc('2025-03-07T14:00:00Z') });
  });
});

describe('openIntervals', () => {
  it('merges adjacent periods and skips closed days', () => {
    const spans = openIntervals(
      nightShift,
      'Europe/Warsaw',
      utc('2025-01-13T00:00:00Z'),
      utc('2025-01-20T00:00:00Z'),
    );
    expect(spans).toEqual([{ start: utc('2025-01-13T21:00:00Z'), end: utc('2025-01-14T05:00:00Z') }]);
  });

  it('returns each split period separately', () => {
    const spans = openIntervals(
      splitHours,
      'Europe/Istanbul',
      utc('2025-01-15T00:00:00Z'),
      utc('2025-01-15T20:00:00Z'),
    );
    expect(spans).toEqual([
      { start: utc('2025-01-15T06:00:00Z'), end: utc('2025-01-15T09:00:00Z') },
      { start: utc('2025-01-15T10:30:00Z'), end: utc('2025-01-15T15:00:00Z') },
    ]);
  });
});

describe('businessTimeBetween', () => {
  it('a full week of office hours is 45 hours', () => {
    expect(
      businessTimeBetween(
        officeHours,
        'Asia/Shanghai',
        utc('2025-01-12T16:00:00Z'),
        utc('2025-01-19T16:00:00Z'),
      ),
    ).toBe(45 * H);
  });

  it('counts only the open part of a span (Friday 17:00 → Monday 10:00 = 2 h)', () => {
    // Shanghai: Fri 2025-01-17 17:00 = 09:00Z; Mon 2025-01-20 10:00 = 02:00Z.
    expect(
      businessTimeBetween(
        officeHours,
        'Asia/Shanghai',
        utc('2025-01-17T09:00:00Z'),
        utc('2025-01-20T02:00:00Z'),
      ),
    ).toBe(2 * H);
  });

  it('a span entirely outside hours is 0, an empty or reversed span is 0', () => {
    const night = utc('2025-01-15T16:00:00Z'); // 00:00 in Shanghai
    expect(businessTimeBetween(officeHours, 'Asia/Shanghai', night, night + 6 * H)).toBe(0);
    expect(businessTimeBetween(officeHours, 'Asia/Shanghai', night + H, night)).toBe(0);
  });

  it('split hours exclude lunch', () => {
    // Istanbul Wed 2025-01-15 08:00 → 19:00 local = 05:00Z → 16:00Z: 3 h + 4.5 h.
    expect(
      businessTimeBetween(
        splitHours,
        'Europe/Istanbul',
        utc('2025-01-15T05:00:00Z'),
        utc('2025-01-15T16:00:00Z'),
      ),
    ).toBe(7.5 * H);
  });

  it('the spring-forward Sunday 02:30–10:00 lasts 7 h, the fall-back one 8.5 h', () => {
    expect(
      businessTimeBetween(
        sundayEarly,
        'Europe/Warsaw',
        utc('2025-03-29T12:00:00Z'),
        utc('2025-03-30T20:00:00Z'),
      ),
    ).toBe(7 * H);
    expect(
      businessTimeBetween(
        sundayEarly,
        'Europe/Warsaw',
        utc('2025-10-25T12:00:00Z'),
        utc('2025-10-26T20:00:00Z'),
      ),
    ).toBe(8.5 * H);
  });

  it('a night shift over midnight counts as one 8-hour stretch', () => {
    expect(
      businessTimeBetween(
        nightShift,
        'Europe/Warsaw',
        utc('2025-01-13T00:00:00Z'),
        utc('2025-01-15T00:00:00Z'),
      ),
    ).toBe(8 * H);
  });

  it('stays fast over long spans (90 days)', () => {
    const from = utc('2025-01-01T00:00:00Z');
    const t0 = performance.now();
    const total = businessTimeBetween(splitHours, 'Europe/Warsaw', from, from + 90 * 24 * H);
    expect(total).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('likelyReadAround and contactTime', () => {
  it('the brief example: "likely read around 09:00 their time (02:00 yours)", Shanghai from Warsaw', () => {
    const now = utc('2025-01-15T19:12:00Z'); // Warsaw Wed 20:12, Shanghai Thu 03:12
    const r = likelyReadAround(officeHours, 'Asia/Shanghai', 'Europe/Warsaw', now);
    expect(r).toEqual({
      at: utc('2025-01-16T01:00:00Z'),
      inMs: 5 * H + 48 * MIN,
      their: { time: '09:00', weekday: 3, dayOffset: 0 },
      mine: { time: '02:00', weekday: 3, dayOffset: 1 },
    });
  });

  it('is null while they are at work and when hours are unknown', () => {
    const now = utc('2025-01-16T03:00:00Z');
    expect(likelyReadAround(officeHours, 'Asia/Shanghai', 'Europe/Warsaw', now)).toBeNull();
    expect(likelyReadAround(undefined, 'Asia/Shanghai', 'Europe/Warsaw', now)).toBeNull();
  });

  it('contactTime bundles clock, status and likely read; nextRefreshAt picks the next minute or change', () => {
    const now = utc('2025-01-16T00:59:30Z'); // 08:59:30 in Shanghai
    const t = contactTime(
      { timeZone: 'Asia/Shanghai', businessHours: officeHours },
      'America/Sao_Paulo',
      now,
    );
    expect(t.clock.time).toBe('08:59');
    expect(t.clock.offsetLabel).toBe('GMT+8');
    expect(t.clock.aheadOfMeMinutes).toBe(660);
    expect(t.status).toMatchObject({ state: 'closed', opensInMs: 30_000 });
    expect(t.likelyRead?.mine).toEqual({ time: '22:00', weekday: 2, dayOffset: 0 });
    expect(nextRefreshAt(t, now)).toBe(utc('2025-01-16T01:00:00Z'));
    expect(nextRefreshAt(t, utc('2025-01-16T00:58:10Z'))).toBe(utc('2025-01-16T00:59:00Z'));
  });
});
