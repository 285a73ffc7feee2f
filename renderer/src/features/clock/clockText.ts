/**
 * Sentences about the other side's clock, built from the pure results in shared/domain and a
 * `t()`: "03:12 China Standard Time, GMT+8, outside business hours — opens in 5 h 48 min". Pure apart
 * from the `t` passed in, so clockText.test.ts can check the wording with a fake `t`.
 */
import type { ContactTime } from '../../../../shared/domain/businessHours';
import type { ReplyStats } from '../../../../shared/domain/replyStats';
import { durationParts } from '../../../../shared/domain/timeZones';
import type { WaitingClock } from '../../../../shared/domain/waitingClock';
import { localDigits } from '../../i18n';
import { zoneNames } from '../../ui/format';

/** The subset of i18next's `t` these helpers use. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * "5 h 48 min", "24 h 32 min", "2 d 3 h", "40 min" (minutes rounded up, so "opens in 0 min" never
 * shows). Days only from 48 h on: "1 d" for 24 h 32 min would hide most of a day.
 */
export function formatDuration(ms: number, t: Translate): string {
  const { days, hours, minutes } = durationParts(ms);
  if (days >= 2) return hours > 0 ? t('clock.daysHours', { days, hours }) : t('clock.days', { days });
  const allHours = days * 24 + hours;
  if (allHours > 0)
    return minutes > 0
      ? t('clock.hoursMinutes', { hours: allHours, minutes })
      : t('clock.hours', { hours: allHours });
  return t('clock.minutes', { minutes: Math.max(1, minutes) });
}

/**
 * "03:12 China Standard Time, GMT+8" — the zone named by Intl in the reader's language (see
 * `zoneNames`: Intl has no city names), "03:12 (GMT+3)" for a zone CLDR has no name for.
 */
export function clockPhrase(time: ContactTime, t: Translate): string {
  const c = time.clock;
  // The instant the clock shows (its wall time less its offset): the offset's name is the one
  // in force then, across a daylight-saving change too.
  const w = c.wall;
  const at = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - c.offsetMinutes * 60_000;
  const { name, offset } = zoneNames(c.timeZone, at);
  const clock = localDigits(c.time);
  return name === null
    ? t('clock.inOffset', { time: clock, offset })
    : t('clock.inZone', { time: clock, zone: name, offset });
}

/** "outside business hours — opens in 5 h 48 min", or null when they publish no hours. */
export function hoursPhrase(time: ContactTime, t: Translate): string | null {
  const s = time.status;
  if (s.state === 'unknown') return null;
  if (s.state === 'open') {
    return s.closesInMs === null
      ? t('clock.openAllDay')
      : t('clock.openCloses', { in: formatDuration(s.closesInMs, t) });
  }
  return s.opensInMs === null
    ? t('clock.closedNever')
    : t('clock.closedOpens', { in: formatDuration(s.opensInMs, t) });
}

/** The whole header sentence. */
export function headerClock(time: ContactTime, t: Translate): string {
  const hours = hoursPhrase(time, t);
  return hours === null ? clockPhrase(time, t) : t('clock.withHours', { clock: clockPhrase(time, t), hours });
}

/**
 * "Likely read around 09:00 their time (tomorrow 02:00 yours)". Their side and mine are phrased
 * by separate keys ("around 09:00", "tomorrow around 09:00") so that each language can put the
 * day and "around" in its own order.
 */
export function likelyReadPhrase(time: ContactTime, t: Translate): string | null {
  const lr = time.likelyRead;
  if (!lr) return null;
  const theirTime = localDigits(lr.their.time);
  const mineTime = localDigits(lr.mine.time);
  const their =
    lr.their.dayOffset === 0
      ? t('clock.around', { time: theirTime })
      : lr.their.dayOffset === 1
        ? t('clock.aroundTomorrow', { time: theirTime })
        : t('clock.aroundLater', { time: theirTime, days: lr.their.dayOffset });
  const mine =
    lr.mine.dayOffset === 0
      ? mineTime
      : lr.mine.dayOffset === 1
        ? t('clock.tomorrow', { time: mineTime })
        : t('clock.dayLater', { time: mineTime, days: lr.mine.dayOffset });
  return t('clock.likelyRead', { their, mine });
}

/** "usually replies within ~2 h", or null when there are too few samples. */
export function replyPhrase(stats: ReplyStats, t: Translate): string | null {
  if (stats.kind !== 'ok') return null;
  return t(stats.phrase.key, { value: stats.phrase.value });
}

/** Whole hours, rounded down, at least 0. */
const hoursOf = (ms: number): number => Math.max(0, Math.floor(ms / 3_600_000));

/** "waiting 31 h of 48 h", or null when nothing of mine is waiting. */
export function waitingPhrase(clock: WaitingClock, t: Translate): string | null {
  if (clock.state === 'idle') return null;
  const waited =
    clock.waitedMs < 3_600_000
      ? formatDuration(clock.waitedMs, t)
      : t('clock.hours', { hours: hoursOf(clock.waitedMs) });
  return t(`waitingClock.${clock.state}`, {
    waited,
    total: t('clock.hours', { hours: hoursOf(clock.totalMs) }),
  });
}
