import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  durationParts,
  formatDurationShort,
  formatMinuteOfDay,
  instantOfWallTime,
  isValidTimeZone,
  offsetLabel,
  offsetMinutes,
  wallClock,
  weekdayOf,
  zoneClock,
} from './timeZones';

const utc = (iso: string): number => Date.parse(iso);
const H = 3_600_000;
const MIN = 60_000;

describe('offsetMinutes and offsetLabel', () => {
  it.each([
    ['Asia/Shanghai', '2025-01-15T12:00:00Z', 480, 'GMT+8'],
    ['Asia/Shanghai', '2025-07-15T12:00:00Z', 480, 'GMT+8'],
    ['Europe/Warsaw', '2025-01-15T12:00:00Z', 60, 'GMT+1'],
    ['Europe/Warsaw', '2025-07-15T12:00:00Z', 120, 'GMT+2'],
    ['Europe/Istanbul', '2025-01-15T12:00:00Z', 180, 'GMT+3'],
    ['Europe/Istanbul', '2025-07-15T12:00:00Z', 180, 'GMT+3'],
    // São Paulo dropped DST in 2019: -3 all year now, but -2 in the southern summer of 2018.
    ['America/Sao_Paulo', '2025-01-15T12:00:00Z', -180, 'GMT-3'],
    ['America/Sao_Paulo', '2025-07-15T12:00:00Z', -180, 'GMT-3'],
    ['America/Sao_Paulo', '2018-01-15T12:00:00Z', -120, 'GMT-2'],
    ['America/New_York', '2025-01-15T12:00:00Z', -300, 'GMT-5'],
    ['America/New_York', '2025-07-15T12:00:00Z', -240, 'GMT-4'],
    ['Asia/Kolkata', '2025-01-15T12:00:00Z', 330, 'GMT+5:30'],
    ['Asia/Kathmandu', '2025-01-15T12:00:00Z', 345, 'GMT+5:45'],
    ['America/St_Johns', '2025-01-15T12:00:00Z', -210, 'GMT-3:30'],
    ['UTC', '2025-01-15T12:00:00Z', 0, 'GMT+0'],
  ])('%s at %s is %i minutes (%s)', (tz, iso, minutes, label) => {
    expect(offsetMinutes(tz, utc(iso))).toBe(minutes);
    expect(offsetLabel(offsetMinutes(tz, utc(iso)))).toBe(label);
  });

  it('changes exactly at the Warsaw transitions (2025-03-30 01:00Z and 2025-10-26 01:00Z)', () => {
    expect(offsetMinutes('Europe/Warsaw', utc('2025-03-30T00:59:59Z'))).toBe(60);
    expect(offsetMinutes('Europe/Warsaw', utc('2025-03-30T01:00:00Z'))).toBe(120);
    expect(offsetMinutes('Europe/Warsaw', utc('2025-10-26T00:59:59Z'))).toBe(120);
    expect(offsetMinutes('Europe/Warsaw', utc('2025-10-26T01:00:00Z'))).toBe(60);
  });

  it("agrees with Intl's own shortOffset label across a year in many zones", () => {
    const zones = [
      'Europe/Warsaw',
      'America/Sao_Paulo',
      'Europe/Istanbul',
      'Asia/Shanghai',
      'America/New_York',
      'Australia/Sydney',
      'Asia/Kolkata',
      'Pacific/Chatham',
      'Europe/London',
    ];
    const start = utc('2025-01-01T00:00:00Z');
    for (const tz of zones) {
      const intl = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'shortOffset' });
      for (let t = start; t < start + 366 * 24 * H; t += 7 * 24 * H + 3 * H + 17 * MIN) {
        const intlLabel = intl.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value;
        // ICU prints a zero offset as "GMT" in some zones and "GMT+0" in others; we always sign it.
        const expected = intlLabel === 'GMT' ? 'GMT+0' : intlLabel;
        expect(offsetLabel(offsetMinutes(tz, t)), `${tz} ${new Date(t).toISOString()}`).toBe(expected);
      }
    }
  });
});

describe('wallClock', () => {
  it('gives the local date, time and Monday-first weekday', () => {
    // Wednesday 2025-01-15 19:12Z is Thursday 03:12 in Shanghai.
    const w = wallClock('Asia/Shanghai', utc('2025-01-15T19:12:30Z'));
    expect(w).toEqual({
      year: 2025,
      month: 1,
      day: 16,
      hour: 3,
      minute: 12,
      second: 30,
      weekday: 3,
      minuteOfDay: 192,
    });
  });

  it('shows midnight as hour 0, not 24', () => {
    const w = wallClock('Europe/Warsaw', utc('2025-01-14T23:00:00Z'));
    expect([w.day, w.hour, w.minute]).toEqual([15, 0, 0]);
  });

  it('repeats the hour on the autumn night in New York', () => {
    const first = wallClock('America/New_York', utc('2025-11-02T05:30:00Z'));
    const second = wallClock('America/New_York', utc('2025-11-02T06:30:00Z'));
    expect([first.hour, first.minute]).toEqual([1, 30]);
    expect([second.hour, second.minute]).toEqual([1, 30]);
  });
});

describe('calendar helpers', () => {
  it('weekdayOf is 0 for Monday and 6 for Sunday', () => {
    expect(weekdayOf({ year: 2025, month: 1, day: 13 })).toBe(0);
    expect(weekdayOf({ year: 2025, month: 1, day: 19 })).toBe(6);
    expect(weekdayOf({ year: 2024, month: 2, day: 29 })).toBe(3);
  });

  it('addDays and daysBetween cross months, years and leap days', () => {
    expect(addDays({ year: 2024, month: 2, day: 28 }, 1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addDays({ year: 2024, month: 12, day: 31 }, 1)).toEqual({ year: 2025, month: 1, day: 1 });
    expect(addDays({ year: 2025, month: 1, day: 1 }, -1)).toEqual({ year: 2024, month: 12, day: 31 });
    expect(daysBetween({ year: 2025, month: 3, day: 29 }, { year: 2025, month: 3, day: 31 })).toBe(2);
  });
});

describe('instantOfWallTime', () => {
  it('maps an ordinary wall time to its instant', () => {
    expect(instantOfWallTime('Asia/Shanghai', { year: 2025, month: 1, day: 16 }, 9 * 60)).toBe(
      utc('2025-01-16T01:00:00Z'),
    );
    expect(instantOfWallTime('America/Sao_Paulo', { year: 2025, month: 7, day: 1 }, 8 * 60)).toBe(
      utc('2025-07-01T11:00:00Z'),
    );
  });

  it('maps 24:00 to the next midnight', () => {
    expect(instantOfWallTime('Europe/Warsaw', { year: 2025, month: 1, day: 15 }, 1440)).toBe(
      utc('2025-01-15T23:00:00Z'),
    );
  });

  it('maps a time in the spring gap to the moment the clocks jump (Warsaw 02:30 → 03:00 CEST)', () => {
    expect(instantOfWallTime('Europe/Warsaw', { year: 2025, month: 3, day: 30 }, 150)).toBe(
      utc('2025-03-30T01:00:00Z'),
    );
    expect(instantOfWallTime('America/New_York', { year: 2025, month: 3, day: 9 }, 150)).toBe(
      utc('2025-03-09T07:00:00Z'),
    );
  });

  it('maps a time shown twice in autumn to its first showing', () => {
    expect(instantOfWallTime('Europe/Warsaw', { year: 2025, month: 10, day: 26 }, 150)).toBe(
      utc('2025-10-26T00:30:00Z'),
    );
    expect(instantOfWallTime('America/New_York', { year: 2025, month: 11, day: 2 }, 90)).toBe(
      utc('2025-11-02T05:30:00Z'),
    );
  });

  it('handles a midnight that never happened (São Paulo, 2018-11-04 00:00 → 01:00)', () => {
    expect(instantOfWallTime('America/Sao_Paulo', { year: 2018, month: 11, day: 4 }, 0)).toBe(
      utc('2018-11-04T03:00:00Z'),
    );
  });

  it('round-trips every quarter hour of days across a year in Warsaw and New York', () => {
    for (const tz of ['Europe/Warsaw', 'America/New_York']) {
      // Every day around both transitions, every 11th day elsewhere.
      const days = [
        ...Array.from({ length: 34 }, (_, i) => i * 11),
        66,
        67,
        68,
        86,
        87,
        88,
        297,
        298,
        299,
        304,
        305,
        306,
      ];
      for (const d of days) {
        const date = addDays({ year: 2025, month: 1, day: 1 }, d);
        for (let m = 0; m < 1440; m += 15) {
          const t = instantOfWallTime(tz, date, m);
          const w = wallClock(tz, t);
          // Either it shows exactly that time, or the time did not exist and we are at the jump.
          const shows = daysBetween(date, w) === 0 && w.minuteOfDay === m;
          const jumped = offsetMinutes(tz, t - 1) < offsetMinutes(tz, t);
          expect(shows || jumped, `${tz} ${JSON.stringify(date)} ${m}`).toBe(true);
        }
      }
    }
  });
});

describe('zoneClock', () => {
  it('shows Shanghai from Warsaw: 03:12 GMT+8, 7 hours ahead, already tomorrow', () => {
    const c = zoneClock('Asia/Shanghai', utc('2025-01-15T19:12:00Z'), 'Europe/Warsaw');
    expect(c.time).toBe('03:12');
    expect(c.offsetLabel).toBe('GMT+8');
    expect(c.aheadOfMeMinutes).toBe(420);
    expect(c.dayRelativeToMe).toBe(1);
  });

  it('the difference shrinks by an hour when Warsaw moves to summer time', () => {
    expect(zoneClock('Asia/Shanghai', utc('2025-07-15T10:00:00Z'), 'Europe/Warsaw').aheadOfMeMinutes).toBe(
      360,
    );
  });

  it('São Paulo seen from Shanghai is yesterday evening', () => {
    const c = zoneClock('America/Sao_Paulo', utc('2025-01-16T01:00:00Z'), 'Asia/Shanghai');
    expect(c.time).toBe('22:00');
    expect(c.aheadOfMeMinutes).toBe(-660);
    expect(c.dayRelativeToMe).toBe(-1);
  });

  it('without my zone, comparisons are null', () => {
    const c = zoneClock('Europe/Istanbul', utc('2025-01-15T09:00:00Z'));
    expect(c.time).toBe('12:00');
    expect(c.aheadOfMeMinutes).toBeNull();
    expect(c.dayRelativeToMe).toBeNull();
  });
});

describe('durations and labels', () => {
  it('rounds up to the minute and splits into days, hours, minutes', () => {
    expect(durationParts(5 * H + 48 * MIN)).toEqual({ days: 0, hours: 5, minutes: 48 });
    expect(durationParts(5 * H + 47 * MIN + 1)).toEqual({ days: 0, hours: 5, minutes: 48 });
    expect(durationParts(-5)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(durationParts(63 * H)).toEqual({ days: 2, hours: 15, minutes: 0 });
  });

  it('formats an English fallback', () => {
    expect(formatDurationShort(5 * H + 48 * MIN)).toBe('5 h 48 min');
    expect(formatDurationShort(2 * H)).toBe('2 h');
    expect(formatDurationShort(12 * MIN)).toBe('12 min');
    expect(formatDurationShort(63 * H + 5 * MIN)).toBe('2 d 15 h');
    expect(formatDurationShort(48 * H)).toBe('2 d');
    expect(formatMinuteOfDay(1440)).toBe('24:00');
    expect(formatMinuteOfDay(545)).toBe('09:05');
  });

  it('validates zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
